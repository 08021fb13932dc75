resource "aws_lambda_function" "api" {
  timeout = 
}
