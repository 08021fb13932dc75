provider "aws" {
  region = "us-east-1"
}

variable "api_key_param" {
  type = string
}

resource "aws_vpc" "main" {
  cidr_block = "10.17.0.0/16"
}

resource "aws_subnet" "db" {
  count             = 2
  vpc_id            = aws_vpc.main.id
  cidr_block        = cidrsubnet("10.17.0.0/16", 8, count.index)
  availability_zone = ["us-east-1a", "us-east-1b"][count.index]
}

resource "aws_db_instance" "main" {
  identifier        = "main"
  engine            = "postgres"
  instance_class    = "db.t4g.micro"
  allocated_storage = 20
}

resource "aws_db_instance" "reporting" {
  identifier          = "reporting"
  engine              = "postgres"
  instance_class      = "db.t4g.micro"
  allocated_storage   = 20
  publicly_accessible = true
}

resource "aws_elasticache_replication_group" "cache" {
  replication_group_id = "cache"
  description          = "cache"
  node_type            = "cache.t4g.micro"
}

resource "aws_ssm_parameter" "flags" {
  name  = "/app/flags"
  type  = "String"
  value = "{}"
}

data "aws_ssm_parameter" "token" {
  name = "/app/token"
}

resource "aws_efs_file_system" "shared" {}

resource "aws_efs_access_point" "shared" {
  file_system_id = aws_efs_file_system.shared.id
}

resource "aws_iam_role" "fn" {
  name = "deps"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy_attachment" "s3" {
  role       = aws_iam_role.fn.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AmazonS3ReadOnlyAccess"
}

resource "aws_iam_role_policy_attachment" "vpc" {
  role       = aws_iam_role.fn.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"
}

resource "aws_iam_policy" "secrets" {
  name   = "deps-secrets"
  policy = file("${path.module}/policies/secrets.json")
}

resource "aws_iam_role_policy_attachment" "secrets" {
  role       = aws_iam_role.fn.name
  policy_arn = aws_iam_policy.secrets.arn
}

data "aws_partition" "current" {}

resource "aws_lambda_function" "fn" {
  function_name = "dependencies"
  role          = aws_iam_role.fn.arn
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  filename      = "fn.zip"

  environment {
    variables = {
      DB_HOST        = aws_db_instance.main.address
      REPORTING_HOST = aws_db_instance.reporting.address
      CACHE_URL      = "redis://${aws_elasticache_replication_group.cache.primary_endpoint_address}:6379"
      FLAGS_PARAM    = aws_ssm_parameter.flags.name
      TOKEN          = data.aws_ssm_parameter.token.value
      LEGACY_DB      = "legacy.abcdefghijkl.us-east-1.rds.amazonaws.com"
      API_KEY_PARAM  = var.api_key_param
    }
  }

  file_system_config {
    arn              = aws_efs_access_point.shared.arn
    local_mount_path = "/mnt/shared"
  }

  vpc_config {
    subnet_ids         = aws_subnet.db[*].id
    security_group_ids = ["sg-0123456789abcdef0"]
  }
}

resource "aws_lambda_function" "admin" {
  function_name = "admin"
  role          = data.aws_iam_role.admin.arn
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  filename      = "fn.zip"
}

data "aws_iam_role" "admin" {
  name = "admin"
}
