}
resource "a" "b" {
  x = 1
}
}
"quoted" = 1
= 2
locals {
  y = 2
}
