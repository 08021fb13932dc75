# Policies rendered from templates whose interpolations are unknown before apply (ARNs, the account, the
# Region) are still read: the unknown parts sit inside strings of the JSON, or are JSON values themselves (a
# partly known jsonencode()).
provider "aws" {
  region = "eu-west-1"
}

data "aws_caller_identity" "current" {}

data "aws_region" "current" {}

resource "aws_vpc" "main" {
  cidr_block = "10.42.0.0/16"
}

resource "aws_subnet" "a" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.42.1.0/24"
  availability_zone = "eu-west-1a"
}

resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}

resource "aws_sns_topic" "alerts" {
  name = "alerts"
}

resource "aws_iam_role" "fn" {
  name               = "templated"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [] })
}

resource "aws_iam_role_policy" "from_file" {
  role = aws_iam_role.fn.id
  policy = templatefile("${path.module}/policies/worker.json.tpl", {
    queue_arn  = aws_sqs_queue.jobs.arn
    account_id = data.aws_caller_identity.current.account_id
    region     = data.aws_region.current.region
    topic_arns = jsonencode([aws_sns_topic.alerts.arn])
  })
}

resource "aws_iam_role_policy" "heredoc" {
  role   = aws_iam_role.fn.id
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": ["secretsmanager:GetSecretValue"],
          "Resource": "arn:aws:secretsmanager:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:secret:worker/*"
        }
      ]
    }
  EOT
}

resource "aws_lambda_function" "worker" {
  function_name = "templated-policies"
  role          = aws_iam_role.fn.arn

  vpc_config {
    subnet_ids         = [aws_subnet.a.id]
    security_group_ids = ["sg-0123456789abcdef0"]
  }
}
