# An empty permissions_boundary (the usual default of a module's variable) sets no boundary: the provider sends
# none, so it cannot limit the ENI actions.
provider "aws" {
  region = "eu-west-1"
}

variable "permissions_boundary" {
  type    = string
  default = ""
}

resource "aws_vpc" "main" {
  cidr_block = "10.44.0.0/16"
}

resource "aws_subnet" "a" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.44.1.0/24"
  availability_zone = "eu-west-1a"
}

resource "aws_iam_role" "fn" {
  name                 = "bounded"
  assume_role_policy   = jsonencode({ Version = "2012-10-17", Statement = [] })
  permissions_boundary = var.permissions_boundary
}

resource "aws_iam_role_policy_attachment" "vpc" {
  role       = aws_iam_role.fn.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"
}

resource "aws_lambda_function" "fn" {
  function_name = "bounded"
  role          = aws_iam_role.fn.arn

  vpc_config {
    subnet_ids         = [aws_subnet.a.id]
    security_group_ids = ["sg-0123456789abcdef0"]
  }
}
