keys = {
  bare          = 1
  "quoted"      = 2
  (var.dynamic) = 3
  a.b           = 4
  a[0]          = 5
  true          = 6
  null          = 7
  1             = 8
  "${x}"        = 9
  "for"         = 10
  (for)         = 11
  "with ${y}"   = 12
}
after_for = { b = 2, for = 1 }
