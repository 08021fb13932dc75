# An overridden local (subnet b moves to eu-west-1b) and an overridden variable default.
locals {
  zone_b = "eu-west-1b"
}

variable "stage" {
  default = "prod"
}

# The vpc_config here replaces the one in lambda.tf; environment stays.
resource "aws_lambda_function" "orders" {
  vpc_config {
    subnet_ids         = [aws_subnet.a.id, aws_subnet.b.id]
    security_group_ids = [aws_security_group.fn.id]
  }
}

# Nothing to override: Terraform reports an error; the block is ignored.
resource "aws_lambda_function" "ghost" {
  function_name = "ghost"
}
