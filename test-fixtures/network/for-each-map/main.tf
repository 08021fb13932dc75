provider "aws" {
  region = "us-east-1"
}

locals {
  subnets = {
    a = { cidr = "10.1.1.0/24", az = "us-east-1a" }
    b = { cidr = "10.1.2.0/24", az = "us-east-1b" }
  }
}

resource "aws_vpc" "main" {
  cidr_block = "10.1.0.0/16"
}

resource "aws_subnet" "this" {
  for_each          = local.subnets
  vpc_id            = aws_vpc.main.id
  cidr_block        = each.value.cidr
  availability_zone = each.value.az
}

resource "aws_security_group" "fn" {
  vpc_id = aws_vpc.main.id
}

resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}

resource "aws_vpc_endpoint" "sqs" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.us-east-1.sqs"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = [for s in aws_subnet.this : s.id]
  security_group_ids  = [aws_security_group.fn.id]
  private_dns_enabled = true
}

resource "aws_iam_role" "fn" {
  name = "fn"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "lambda.amazonaws.com" }
    }]
  })
}

resource "aws_iam_role_policy_attachment" "vpc" {
  role       = aws_iam_role.fn.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"
}

resource "aws_iam_role_policy" "send" {
  name = "send"
  role = aws_iam_role.fn.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["sqs:SendMessage", "sqs:GetQueueUrl"]
      Resource = aws_sqs_queue.jobs.arn
    }]
  })
}

resource "aws_lambda_function" "fn" {
  function_name = "for-each-map"
  role          = aws_iam_role.fn.arn
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "fn.zip"

  environment {
    variables = {
      QUEUE_URL = aws_sqs_queue.jobs.url
      STAGE     = "prod"
    }
  }

  vpc_config {
    subnet_ids         = [for s in aws_subnet.this : s.id]
    security_group_ids = [aws_security_group.fn.id]
  }
}
