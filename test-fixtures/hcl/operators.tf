precedence  = 1 + 2 * 3 - 4 / 2 % 3
comparison  = a < b && c >= d || e != f
equality    = a == b == c
unary       = -a + !b
unary_trav  = -a.b[0]
double_neg  = - -1
not_not     = !!x
parens      = (1 + 2) * 3
neg_literal = -1.5
logic       = !(a || b) && c
