resource "aws_lambda_function" "this" {
  function_name = "module-fn"
  role          = "arn:aws:iam::123456789012:role/shared"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  filename      = "fn.zip"
}
