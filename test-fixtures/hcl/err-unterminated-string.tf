resource "aws_lambda_function" "f" {
  function_name = "no closing quote
  handler = "index.handler"
}

resource "aws_s3_bucket" "b" {
  bucket = "x"
}
