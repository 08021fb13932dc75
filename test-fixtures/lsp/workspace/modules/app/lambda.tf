resource "aws_lambda_function" "app" {
  function_name = "app"
  role          = "arn:aws:iam::123456789012:role/app"
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "app.zip"
  timeout       = = 30

  vpc_config {
    subnet_ids         = var.subnet_ids
    security_group_ids = ["sg-0123"]
  }
}
