resource "x" "y" {
name = "unindented"
nested {
value=1
}
}
a=1
b   =   [1,2,3]
