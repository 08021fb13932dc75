name = "a"
name = "b"
block {
  x = 1
  x = 2
  y = 1
}
block {
  x = 3
}
