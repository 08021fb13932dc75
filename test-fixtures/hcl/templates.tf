simple    = "hello ${var.name}"
wrapped   = "${var.count}"
number    = "${42}"
nested    = "a ${"b ${c} d"} e"
wrap_wrap = "${"${x}"}"
adjacent  = "${a}${b}"
exprs     = "${a + 1} ${f(b)} ${c ? "y" : "n"} ${[1, 2][0]}"
multi_line_interp = "${
  local.value
}"
brace_in_interp = "${ {a = 1}.a }"
