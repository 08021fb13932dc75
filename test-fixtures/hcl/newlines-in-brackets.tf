call = f(
  1,

  2
)
index = var.list[
  0
]
parens = (
  1 +
  2
)
tuple = [

  1

]
interp = "${
  a +
  b
}"
