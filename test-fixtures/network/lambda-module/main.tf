provider "aws" {
  region = "eu-west-1"
}

resource "aws_vpc" "main" {
  cidr_block = "10.16.0.0/16"
}

resource "aws_subnet" "private" {
  count             = 2
  vpc_id            = aws_vpc.main.id
  cidr_block        = cidrsubnet("10.16.0.0/16", 8, count.index)
  availability_zone = ["eu-west-1a", "eu-west-1b"][count.index]
}

resource "aws_security_group" "fn" {
  vpc_id = aws_vpc.main.id
}

resource "aws_s3_bucket" "uploads" {
  bucket = "lambda-module-uploads"
}

module "processor" {
  source  = "terraform-aws-modules/lambda/aws"
  version = "~> 7.0"

  function_name = "processor"
  handler       = "index.handler"
  runtime       = "python3.12"

  vpc_subnet_ids         = aws_subnet.private[*].id
  vpc_security_group_ids = [aws_security_group.fn.id]
  attach_network_policy  = true

  environment_variables = {
    UPLOADS = aws_s3_bucket.uploads.id
  }

  attach_policy_statements = true
  policy_statements = {
    s3 = {
      effect    = "Allow"
      actions   = ["s3:GetObject", "s3:PutObject"]
      resources = ["${aws_s3_bucket.uploads.arn}/*"]
    }
  }
}

module "no_vpc" {
  source = "terraform-aws-modules/lambda/aws"

  function_name = "no-vpc"
  handler       = "index.handler"
  runtime       = "python3.12"
}
