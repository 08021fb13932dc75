# Resource policies that admit only requests from a VPC make the resource VPC-only for the functions that use it;
# policies that name a VPC key in some other way, or cannot be read, make it unknown; policies without VPC keys
# change nothing. One function per case, all in one VPC.
provider "aws" {
  region = "eu-west-1"
}

variable "table_policy" {
  type = string
}

variable "repository_name" {
  type = string
}

resource "aws_vpc" "main" {
  cidr_block = "10.50.0.0/16"
}

resource "aws_subnet" "private" {
  count             = 2
  vpc_id            = aws_vpc.main.id
  cidr_block        = cidrsubnet("10.50.0.0/16", 8, count.index)
  availability_zone = ["eu-west-1a", "eu-west-1b"][count.index]
}

resource "aws_security_group" "fn" {
  vpc_id = aws_vpc.main.id
}

resource "aws_route_table" "private" {
  vpc_id = aws_vpc.main.id
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id          = aws_vpc.main.id
  service_name    = "com.amazonaws.eu-west-1.s3"
  route_table_ids = [aws_route_table.private.id]
}

resource "aws_iam_role" "fn" {
  name = "resource-policy-vpc"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

# --- S3: Deny unless through the endpoint (jsonencode) -> VPC-only.
resource "aws_s3_bucket" "vpce" {
  bucket = "rp-vpce"
}

resource "aws_s3_bucket_policy" "vpce" {
  bucket = aws_s3_bucket.vpce.id
  policy = jsonencode({
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = [aws_s3_bucket.vpce.arn, "${aws_s3_bucket.vpce.arn}/*"]
      Condition = { StringNotEquals = { "aws:SourceVpce" = aws_vpc_endpoint.s3.id } }
    }]
  })
}

# --- S3: the deprecated inline policy, only TLS -> unchanged (public).
resource "aws_s3_bucket" "tls" {
  bucket = "rp-tls"
  policy = jsonencode({
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = "arn:aws:s3:::rp-tls/*"
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}

# --- ECR: a repository policy whose repository cannot be compared, with a VPC key -> unknown for every repository
# it may name.
resource "aws_ecr_repository" "images" {
  name = "rp-images"
}

resource "aws_ecr_repository_policy" "maybe" {
  repository = var.repository_name
  policy = jsonencode({
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "ecr:*"
      Condition = { StringNotEquals = { "aws:SourceVpc" = aws_vpc.main.id } }
    }]
  })
}

# --- SNS: an inline Allow with aws:SourceVpce -> unknown (the role's own policy may admit requests from anywhere).
resource "aws_sns_topic" "alerts" {
  name = "rp-alerts"
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "sns:Publish"
      Resource  = "*"
      Condition = { StringEquals = { "aws:SourceVpce" = "vpce-0123456789abcdef0" } }
    }]
  })
}

# --- DynamoDB: the resource policy comes from a variable without a value -> unknown.
resource "aws_dynamodb_table" "orders" {
  name         = "rp-orders"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
    type = "S"
  }
}

resource "aws_dynamodb_resource_policy" "orders" {
  resource_arn = aws_dynamodb_table.orders.arn
  policy       = var.table_policy
}

# --- Secrets Manager: a heredoc with an interpolation, Null aws:SourceVpc -> VPC-only.
resource "aws_secretsmanager_secret" "db" {
  name = "rp-db"
}

resource "aws_secretsmanager_secret_policy" "db" {
  secret_arn = aws_secretsmanager_secret.db.arn
  policy     = <<-JSON
    {
      "Version": "2012-10-17",
      "Statement": [{
        "Effect": "Deny",
        "Principal": {"AWS": "*"},
        "Action": "secretsmanager:*",
        "Resource": "${aws_secretsmanager_secret.db.arn}",
        "Condition": {"Null": {"aws:SourceVpc": "true"}}
      }]
    }
  JSON
}

# --- KMS: a key policy without VPC keys -> unchanged.
resource "aws_kms_key" "data" {
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
}

# --- terraform-aws-modules/s3-bucket with attach_policy and a policy document data source -> VPC-only.
data "aws_iam_policy_document" "reports" {
  statement {
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["*"]
    }

    condition {
      test     = "StringNotEqualsIfExists"
      variable = "aws:sourceVpce"
      values   = [aws_vpc_endpoint.s3.id]
    }
  }
}

module "reports" {
  source  = "terraform-aws-modules/s3-bucket/aws"
  version = "~> 4.0"

  bucket        = "rp-reports"
  attach_policy = true
  policy        = data.aws_iam_policy_document.reports.json
}

# --- terraform-aws-modules/sqs with queue_policy_statements and aws:SourceVpc -> VPC-only.
module "jobs" {
  source  = "terraform-aws-modules/sqs/aws"
  version = "~> 4.0"

  name                = "rp-jobs"
  create_queue_policy = true
  queue_policy_statements = {
    vpc_only = {
      effect     = "Deny"
      actions    = ["sqs:*"]
      principals = [{ type = "*", identifiers = ["*"] }]
      condition  = [{ test = "StringNotEquals", variable = "aws:SourceVpc", values = [aws_vpc.main.id] }]
    }
  }
}

# --- terraform-aws-modules/sns with the default topic policy only -> unchanged.
module "events" {
  source  = "terraform-aws-modules/sns/aws"
  version = "~> 6.0"

  name = "rp-events"
}

locals {
  uses = {
    vpce    = { BUCKET = aws_s3_bucket.vpce.id }
    tls     = { BUCKET = aws_s3_bucket.tls.id }
    maybe   = { REPOSITORY = aws_ecr_repository.images.repository_url }
    alerts  = { TOPIC = aws_sns_topic.alerts.arn }
    orders  = { TABLE = aws_dynamodb_table.orders.name }
    secret  = { SECRET = aws_secretsmanager_secret.db.arn }
    key     = { KEY = aws_kms_key.data.arn }
    reports = { BUCKET = module.reports.s3_bucket_id }
    jobs    = { QUEUE = module.jobs.queue_url }
    events  = { TOPIC = module.events.topic_arn }
  }
}

resource "aws_lambda_function" "fn" {
  for_each      = local.uses
  function_name = "rp-${each.key}"
  role          = aws_iam_role.fn.arn
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  filename      = "fn.zip"

  environment {
    variables = each.value
  }

  vpc_config {
    subnet_ids         = aws_subnet.private[*].id
    security_group_ids = [aws_security_group.fn.id]
  }
}
