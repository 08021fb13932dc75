module "orders" {
  source  = "terraform-aws-modules/lambda/aws"
  version = "~> 7.0"

  function_name = "orders"
  handler       = "index.handler"
  runtime       = "nodejs20.x"

  vpc_subnet_ids         = aws_subnet.private[*].id
  vpc_security_group_ids = [aws_security_group.fn.id]
  attach_network_policy  = false

  environment_variables = {
    DB_HOST = aws_db_instance.main.address
  }
}
