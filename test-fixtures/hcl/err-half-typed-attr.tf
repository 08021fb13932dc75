resource "aws_lambda_function" "f" {
  function_name =
  role = aws_iam_role.r.arn
  timeout = 30 +
  memory_size = 128
}

locals {
  ok = true
}
