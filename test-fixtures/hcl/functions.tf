none      = timestamp()
one       = upper("a")
many      = join(",", ["a", "b"])
trailing  = merge(local.a, local.b,)
expand    = concat(var.lists...)
provider  = provider::aws::arn_parse(var.arn)
nested    = lookup(merge(a, b), "k", null)
spaced    = max (1, 2)
multiline = coalesce(
  var.a,
  var.b,
)
