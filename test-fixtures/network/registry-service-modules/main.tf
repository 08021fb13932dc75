# A function in a VPC whose environment variables come from the outputs of terraform-aws-modules service modules
# (s3-bucket, sqs, dynamodb-table, rds, sns) that are not installed: the built-in models stand for them, so the
# function's dependencies name each service, with evidence at the variable and at the module call.
provider "aws" {
  region = "eu-west-1"
}

resource "aws_vpc" "main" {
  cidr_block = "10.40.0.0/16"
}

resource "aws_subnet" "private" {
  count             = 2
  vpc_id            = aws_vpc.main.id
  cidr_block        = cidrsubnet("10.40.0.0/16", 8, count.index)
  availability_zone = ["eu-west-1a", "eu-west-1b"][count.index]
}

resource "aws_security_group" "fn" {
  vpc_id = aws_vpc.main.id
}

resource "aws_security_group" "db" {
  vpc_id = aws_vpc.main.id
}

resource "aws_security_group" "reporter" {
  vpc_id = aws_vpc.main.id
}

resource "aws_vpc_security_group_egress_rule" "fn_to_db" {
  security_group_id            = aws_security_group.fn.id
  referenced_security_group_id = aws_security_group.db.id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
}

module "uploads" {
  source  = "terraform-aws-modules/s3-bucket/aws"
  version = "~> 4.0"

  bucket = "service-modules-uploads"
}

module "jobs" {
  source  = "terraform-aws-modules/sqs/aws"
  version = "~> 4.0"

  name       = "jobs"
  create_dlq = true
}

module "sessions" {
  source  = "terraform-aws-modules/dynamodb-table/aws"
  version = "~> 4.0"

  name                = "sessions"
  hash_key            = "id"
  autoscaling_enabled = true
  attributes          = [{ name = "id", type = "S" }]
}

module "db" {
  source  = "terraform-aws-modules/rds/aws"
  version = "~> 6.0"

  identifier             = "orders"
  engine                 = "postgres"
  instance_class         = "db.t4g.micro"
  create_db_subnet_group = true
  subnet_ids             = aws_subnet.private[*].id
  vpc_security_group_ids = [aws_security_group.db.id]
}

module "reporting" {
  source  = "terraform-aws-modules/rds/aws"
  version = "~> 6.0"

  identifier          = "reporting"
  engine              = "postgres"
  instance_class      = "db.t4g.micro"
  publicly_accessible = true
}

module "events" {
  source  = "terraform-aws-modules/sns/aws"
  version = "~> 6.0"

  name = "events"
}

resource "aws_iam_role" "fn" {
  name = "service-modules"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy_attachment" "vpc" {
  role       = aws_iam_role.fn.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"
}

resource "aws_lambda_function" "worker" {
  function_name = "worker"
  role          = aws_iam_role.fn.arn
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "worker.zip"

  vpc_config {
    subnet_ids         = aws_subnet.private[*].id
    security_group_ids = [aws_security_group.fn.id]
  }

  environment {
    variables = {
      UPLOADS_BUCKET = module.uploads.s3_bucket_id
      JOBS_QUEUE_URL = module.jobs.queue_url
      JOBS_DLQ_ARN   = module.jobs.dead_letter_queue_arn
      SESSIONS_TABLE = module.sessions.dynamodb_table_id
      DB_HOST        = module.db.db_instance_address
      EVENTS_TOPIC   = module.events.topic_arn
    }
  }
}

# Reaches only the publicly accessible database: RDS is not VPC-only for it.
resource "aws_lambda_function" "reporter" {
  function_name = "reporter"
  role          = aws_iam_role.fn.arn
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "reporter.zip"

  vpc_config {
    subnet_ids         = aws_subnet.private[*].id
    security_group_ids = [aws_security_group.reporter.id]
  }

  environment {
    variables = {
      REPORTING_ENDPOINT = module.reporting.db_instance_endpoint
    }
  }
}
