simple = var.on ? "yes" : "no"
chain  = a ? 1 : b ? 2 : 3
nested = (a ? b : c) ? d : e
in_cond = a ? (b ? 1 : 2) : 3
multi  = (
  var.enabled
  ? var.a
  : var.b
)
count_style = var.create ? 1 : 0
