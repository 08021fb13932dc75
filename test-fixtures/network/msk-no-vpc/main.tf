provider "aws" {
  region = "eu-west-1"
}

resource "aws_vpc" "main" {
  cidr_block = "10.10.0.0/16"
}

resource "aws_subnet" "msk" {
  count             = 3
  vpc_id            = aws_vpc.main.id
  cidr_block        = cidrsubnet("10.10.0.0/16", 8, count.index)
  availability_zone = ["eu-west-1a", "eu-west-1b", "eu-west-1c"][count.index]
}

resource "aws_security_group" "msk" {
  vpc_id = aws_vpc.main.id
}

resource "aws_msk_cluster" "events" {
  cluster_name           = "events"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3

  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = aws_subnet.msk[*].id
    security_groups = [aws_security_group.msk.id]
  }
}

resource "aws_dynamodb_table" "state" {
  name         = "consumer-state"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
    type = "S"
  }
}

resource "aws_iam_role" "fn" {
  name = "msk-consumer"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy_attachment" "msk" {
  role       = aws_iam_role.fn.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaMSKExecutionRole"
}

resource "aws_iam_role_policy" "app" {
  role = aws_iam_role.fn.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["kafka-cluster:Connect", "kafka-cluster:DescribeGroup", "kafka-cluster:AlterGroup", "kafka-cluster:DescribeTopic", "kafka-cluster:ReadData"]
        Resource = "*"
      },
      {
        Effect   = "Allow"
        Action   = ["dynamodb:PutItem", "dynamodb:GetItem"]
        Resource = aws_dynamodb_table.state.arn
      }
    ]
  })
}

resource "aws_lambda_function" "consumer" {
  function_name = "msk-consumer"
  role          = aws_iam_role.fn.arn
  handler       = "index.handler"
  runtime       = "java21"
  filename      = "fn.zip"

  environment {
    variables = {
      STATE_TABLE = aws_dynamodb_table.state.name
    }
  }
}

resource "aws_lambda_event_source_mapping" "events" {
  event_source_arn  = aws_msk_cluster.events.arn
  function_name     = "msk-consumer"
  topics            = ["orders"]
  starting_position = "TRIM_HORIZON"
}
