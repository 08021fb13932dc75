# hash comment
// slash comment
/* block comment */
a = 1 # trailing hash
b = 2 // trailing slashes
c = /* inline */ 3
/*
  multi-line
  block comment
*/
d = [
  1, # inside a tuple
  2, // also inside
  /* and this */ 3,
]
e {
  # in a block
  f = 4 /* after */
}
g = "not # a comment"
#no-space
//
#
