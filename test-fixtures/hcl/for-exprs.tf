tuple_for   = [for s in var.subnets : s.id]
tuple_kv    = [for i, s in var.subnets : "${i}:${s}"]
tuple_if    = [for s in var.subnets : s if s.public]
object_for  = { for s in var.subnets : s.az => s.id }
grouped     = { for s in var.subnets : s.az => s.id... }
grouped_if  = { for k, v in var.m : v => k... if k != "" }
multi_line  = [
  for s in var.subnets :
  upper(s)
  if s != null
]
nested_for  = [for a in var.x : [for b in a : b]]
