provider "aws" {
  region = "eu-west-1"
}

resource "aws_vpc" "main" {
  cidr_block = "10.18.0.0/16"
}

resource "aws_subnet" "private" {
  count             = 2
  vpc_id            = aws_vpc.main.id
  cidr_block        = cidrsubnet("10.18.0.0/16", 8, count.index)
  availability_zone = ["eu-west-1a", "eu-west-1b"][count.index]
}

resource "aws_sqs_queue" "in" {
  name = "in"
}

resource "aws_sqs_queue" "out" {
  name = "out"
}

resource "aws_iam_role" "fn" {
  name = "worker"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy_attachment" "poller" {
  role       = aws_iam_role.fn.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole"
}

resource "aws_iam_role_policy" "app" {
  role = aws_iam_role.fn.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "sqs:*", Resource = aws_sqs_queue.in.arn },
      { Effect = "Allow", Action = "sqs:SendMessage", Resource = aws_sqs_queue.out.arn },
      { Effect = "Allow", Action = "ec2:*", Resource = "*" }
    ]
  })
}

resource "aws_lambda_function" "worker" {
  function_name = "worker"
  role          = aws_iam_role.fn.arn
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  filename      = "fn.zip"

  vpc_config {
    subnet_ids         = aws_subnet.private[*].id
    security_group_ids = ["sg-0123456789abcdef0"]
  }
}

resource "aws_lambda_alias" "live" {
  name             = "live"
  function_name    = aws_lambda_function.worker.function_name
  function_version = "1"
}

resource "aws_lambda_event_source_mapping" "in" {
  event_source_arn = aws_sqs_queue.in.arn
  function_name    = aws_lambda_alias.live.arn
}
