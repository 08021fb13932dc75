# kms:Decrypt on the function's own environment key (kms_key_arn) is Lambda decrypting the environment, not the
# code calling KMS; Decrypt on another key, or GenerateDataKey on the environment key, is the code's.
provider "aws" {
  region = "eu-west-1"
}

resource "aws_vpc" "main" {
  cidr_block = "10.41.0.0/16"
}

resource "aws_subnet" "a" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.41.1.0/24"
  availability_zone = "eu-west-1a"
}

resource "aws_kms_key" "env" {}

resource "aws_kms_key" "data" {}

resource "aws_iam_role" "fn" {
  name               = "env-key"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [] })
}

resource "aws_iam_role_policy" "env_key" {
  role = aws_iam_role.fn.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["kms:Decrypt"], Resource = aws_kms_key.env.arn },
      { Effect = "Allow", Action = ["ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DeleteNetworkInterface"], Resource = "*" },
    ]
  })
}

resource "aws_lambda_function" "env_key_only" {
  function_name = "env-key-only"
  role          = aws_iam_role.fn.arn
  kms_key_arn   = aws_kms_key.env.arn

  vpc_config {
    subnet_ids         = [aws_subnet.a.id]
    security_group_ids = ["sg-0123456789abcdef0"]
  }

  environment {
    variables = { MODE = "strict" }
  }
}

resource "aws_iam_role" "other" {
  name               = "other-key"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [] })
}

resource "aws_iam_role_policy" "other_key" {
  role = aws_iam_role.other.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["kms:Decrypt"], Resource = aws_kms_key.data.arn },
      { Effect = "Allow", Action = ["kms:Decrypt", "kms:GenerateDataKey"], Resource = aws_kms_key.env.arn },
    ]
  })
}

resource "aws_lambda_function" "code_uses_kms" {
  function_name = "code-uses-kms"
  role          = aws_iam_role.other.arn
  kms_key_arn   = aws_kms_key.env.arn

  vpc_config {
    subnet_ids         = [aws_subnet.a.id]
    security_group_ids = ["sg-0123456789abcdef0"]
  }
}
