# A CIDR range in the environment (an allow-list the code checks callers against) names no host: it is not a
# private address the function connects to.
resource "aws_iam_role" "fn" {
  name = "orders"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "lambda.amazonaws.com" }
    }]
  })
}

resource "aws_lambda_function" "orders" {
  function_name = "orders"
  role          = aws_iam_role.fn.arn
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  filename      = "orders.zip"

  environment {
    variables = {
      ALLOWED_CALLERS = "10.0.0.0/8"
    }
  }
}
