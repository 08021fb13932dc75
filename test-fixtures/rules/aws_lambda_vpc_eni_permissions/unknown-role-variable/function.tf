variable "role_arn" {
  type        = string
  description = "Execution role created by the platform team."
}

resource "aws_lambda_function" "orders" {
  function_name = "orders"
  role          = var.role_arn
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  filename      = "orders.zip"

  environment {
    variables = {
      DB_HOST = aws_db_instance.main.address
    }
  }

  vpc_config {
    subnet_ids         = aws_subnet.private[*].id
    security_group_ids = [aws_security_group.fn.id]
  }
}
