provider "aws" {
  region = "eu-west-1"
}

data "aws_vpc" "shared" {
  id = "vpc-0123456789abcdef0"
}

data "aws_nat_gateway" "existing" {
  subnet_id = "subnet-0ccccccccccccccccc"
}

resource "aws_subnet" "app" {
  count             = 2
  vpc_id            = data.aws_vpc.shared.id
  cidr_block        = cidrsubnet("10.7.0.0/16", 8, count.index + 10)
  availability_zone = "eu-west-1${["a", "b"][count.index]}"
}

resource "aws_route_table" "app" {
  vpc_id = data.aws_vpc.shared.id

  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = data.aws_nat_gateway.existing.id
  }
}

resource "aws_route_table_association" "app" {
  count          = 2
  subnet_id      = aws_subnet.app[count.index].id
  route_table_id = aws_route_table.app.id
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

resource "aws_lambda_function" "fn" {
  function_name = "existing-nat"
  role          = aws_iam_role.fn.arn
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  filename      = "fn.zip"

  vpc_config {
    subnet_ids         = aws_subnet.app[*].id
    security_group_ids = ["sg-0123456789abcdef0"]
  }
}
