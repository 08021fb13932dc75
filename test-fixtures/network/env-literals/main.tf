# Literal environment values: AWS host names, URIs and ARNs name services; other host names, URLs, host:port and
# IP addresses name something the code connects to that nothing here stands for (the evidence is incomplete);
# handler names, file names, versions, CIDR ranges, Bedrock model ids, endpoint service names, dotted words that
# are not DNS names by their last label or their variable's name, and loopback addresses name nothing.
provider "aws" {
  region = "eu-west-1"
}

resource "aws_vpc" "main" {
  cidr_block = "10.40.0.0/16"
}

resource "aws_subnet" "a" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.40.1.0/24"
  availability_zone = "eu-west-1a"
}

resource "aws_subnet" "b" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.40.2.0/24"
  availability_zone = "eu-west-1b"
}

resource "aws_security_group" "fn" {
  vpc_id = aws_vpc.main.id
}

resource "aws_iam_role" "fn" {
  name               = "literals"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [] })
}

resource "aws_lambda_function" "services" {
  function_name = "literal-services"
  role          = aws_iam_role.fn.arn

  vpc_config {
    subnet_ids         = [aws_subnet.a.id, aws_subnet.b.id]
    security_group_ids = [aws_security_group.fn.id]
  }

  environment {
    variables = {
      QUEUE_ARN  = "arn:aws:sqs:eu-west-1:123456789012:orders"
      RAW_BUCKET = "s3://raw-data/incoming/"
      API_URL    = "https://a1b2c3.execute-api.eu-west-1.amazonaws.com/prod"
      VIA_VPCE   = "vpce-0a1b2c3d-4e5f.sqs.eu-west-1.vpce.amazonaws.com"
      BACKEND    = "internal-orders-1234.eu-west-1.elb.amazonaws.com"
      ROLE_ARN   = "arn:aws:iam::123456789012:role/reporting"
      HANDLER    = "index.handler"
      SETTINGS   = "config.json"
      MAIN_CLASS = "com.example.OrderHandler"
      VERSION    = "1.2.3"
      SECRETS    = "http://localhost:2773/secretsmanager/get"
      LOG_LEVEL  = "INFO"
      ALLOWED    = "10.0.0.0/8"
      MODEL_ID   = "anthropic.claude-3-5-sonnet-20240620-v1:0"
      PROFILE    = "us.amazon.nova-pro-v1:0"
      SERVICE    = "com.amazonaws.eu-west-1.sqs"
      PACKAGE    = "org.acme.orders"
    }
  }
}

resource "aws_lambda_function" "hosts" {
  function_name = "literal-hosts"
  role          = aws_iam_role.fn.arn

  vpc_config {
    subnet_ids         = [aws_subnet.a.id, aws_subnet.b.id]
    security_group_ids = [aws_security_group.fn.id]
  }

  environment {
    variables = {
      DB_HOST     = "orders-db.internal.example.com"
      LEGACY_API  = "203.0.113.10"
      DSN         = "postgres://app@reporting.example.org:5432/reports"
      CACHE       = "cache:6379"
      PRIMARY_DB  = "reports.corp"
      CLUSTER_ARN = "arn:aws:rds:eu-west-1:123456789012:cluster:orders"
    }
  }
}
