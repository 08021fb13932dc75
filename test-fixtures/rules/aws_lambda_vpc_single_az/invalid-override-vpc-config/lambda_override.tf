# Replaces the vpc_config of function.tf: both subnets are in eu-west-1a.
resource "aws_lambda_function" "orders" {
  vpc_config {
    subnet_ids         = [aws_subnet.app_a.id, aws_subnet.app_a2.id]
    security_group_ids = [aws_security_group.fn.id]
  }
}
