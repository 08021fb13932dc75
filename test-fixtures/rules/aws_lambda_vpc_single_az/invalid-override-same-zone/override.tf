# Terraform merges this into network.tf: aws_subnet.app_b is in eu-west-1a, next to app_a.
resource "aws_subnet" "app_b" {
  availability_zone = "eu-west-1a"
}
