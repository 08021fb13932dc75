provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "west"
  region = "us-west-2"
}

variable "replicas" {
  type = number
}

resource "aws_iam_role" "fn" {
  name = "alias"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
  permissions_boundary = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"
}

# Attached by the role's literal name.
resource "aws_iam_role_policy" "eni" {
  role = "alias"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DeleteNetworkInterface"]
      Resource = "*"
    }]
  })
}

resource "aws_lambda_function" "west" {
  provider      = aws.west
  count         = var.replicas
  function_name = "west-${count.index}"
  role          = aws_iam_role.fn.arn
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  filename      = "fn.zip"

  vpc_config {
    subnet_ids         = ["subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"]
    security_group_ids = ["sg-0123456789abcdef0"]
  }
}

module "east" {
  source = "./modules/fn"
}

module "west" {
  source = "./modules/fn"
  providers = {
    aws = aws.west
  }
}
