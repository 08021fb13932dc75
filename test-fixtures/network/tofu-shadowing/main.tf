provider "aws" {
  region = "eu-west-1"
}

resource "aws_lambda_function" "fn" {
  function_name = "shadowed"
  role          = "arn:aws:iam::123456789012:role/terraform-role"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  filename      = "fn.zip"

  vpc_config {
    subnet_ids         = ["subnet-0terraform000000a"]
    security_group_ids = ["sg-0terraform000000a"]
  }
}
