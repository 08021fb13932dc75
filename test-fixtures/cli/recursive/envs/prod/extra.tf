resource "aws_security_group" "fn" {
  name = 
}
