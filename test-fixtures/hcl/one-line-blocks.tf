resource "aws_security_group" "a" { name = "a" }
locals { x = 1 }
empty {}
empty_spaced { }
ingress { cidr_blocks = ["10.0.0.0/16", "10.1.0.0/16"] }
nested {
  inner { value = { a = 1, b = [2, 3] } }
}
