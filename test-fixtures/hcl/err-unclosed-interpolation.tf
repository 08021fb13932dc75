resource "aws_lambda_function" "f" {
  function_name = "name-${var.
  handler = "index.handler"
}

resource "aws_sqs_queue" "q" {
  name = "jobs"
}
