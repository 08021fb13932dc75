# Security group rules that let a function's security group reach another group are the network path to what uses
# that group. The database host is in a secret here, so nothing else shows the dependency.
provider "aws" {
  region = "eu-west-1"
}

resource "aws_vpc" "main" {
  cidr_block = "10.48.0.0/16"
}

resource "aws_subnet" "a" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.48.1.0/24"
  availability_zone = "eu-west-1a"
}

resource "aws_security_group" "fn" {
  name   = "fn"
  vpc_id = aws_vpc.main.id
}

resource "aws_security_group" "db" {
  name   = "db"
  vpc_id = aws_vpc.main.id
}

resource "aws_security_group" "proxy" {
  name   = "proxy"
  vpc_id = aws_vpc.main.id
}

resource "aws_security_group" "unused" {
  name   = "unused"
  vpc_id = aws_vpc.main.id
}

resource "aws_db_instance" "main" {
  identifier             = "main"
  engine                 = "postgres"
  instance_class         = "db.t4g.micro"
  allocated_storage      = 20
  vpc_security_group_ids = [aws_security_group.db.id]
}

resource "aws_db_proxy" "main" {
  name                   = "main"
  engine_family          = "POSTGRESQL"
  role_arn               = "arn:aws:iam::123456789012:role/proxy"
  vpc_subnet_ids         = [aws_subnet.a.id]
  vpc_security_group_ids = [aws_security_group.proxy.id]

  auth {
    secret_arn = aws_secretsmanager_secret.db.arn
  }
}

resource "aws_secretsmanager_secret" "db" {
  name = "db"
}

# Egress from the function's group to the database's group.
resource "aws_security_group_rule" "fn_to_db" {
  type                     = "egress"
  from_port                = 5432
  to_port                  = 5432
  protocol                 = "tcp"
  security_group_id        = aws_security_group.fn.id
  source_security_group_id = aws_security_group.db.id
}

# Ingress into the proxy's group from the function's group.
resource "aws_vpc_security_group_ingress_rule" "proxy_from_fn" {
  security_group_id            = aws_security_group.proxy.id
  referenced_security_group_id = aws_security_group.fn.id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
}

# Interface endpoints admit the function's group too: the services behind them are public APIs, which the
# function's policies already show, not resources in the VPC.
resource "aws_security_group" "endpoints" {
  name   = "endpoints"
  vpc_id = aws_vpc.main.id

  ingress {
    from_port       = 443
    to_port         = 443
    protocol        = "tcp"
    security_groups = [aws_security_group.fn.id]
  }
}

resource "aws_vpc_endpoint" "sqs" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.eu-west-1.sqs"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = [aws_subnet.a.id]
  security_group_ids  = [aws_security_group.endpoints.id]
  private_dns_enabled = true
}

resource "aws_iam_role" "fn" {
  name               = "reach"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [] })
}

resource "aws_lambda_function" "reader" {
  function_name = "reader"
  role          = aws_iam_role.fn.arn

  vpc_config {
    subnet_ids         = [aws_subnet.a.id]
    security_group_ids = [aws_security_group.fn.id]
  }

  environment {
    variables = {
      DB_SECRET = aws_secretsmanager_secret.db.arn
    }
  }
}

resource "aws_security_group" "other_fn" {
  name   = "other-fn"
  vpc_id = aws_vpc.main.id

  egress {
    from_port       = 6379
    to_port         = 6379
    protocol        = "tcp"
    security_groups = [aws_security_group.unused.id]
  }

  # The group's own members (only this function) may talk to each other: nothing to reach.
  ingress {
    from_port = 0
    to_port   = 0
    protocol  = "-1"
    self      = true
  }
}

resource "aws_lambda_function" "unknown_peer" {
  function_name = "unknown-peer"
  role          = aws_iam_role.fn.arn

  vpc_config {
    subnet_ids         = [aws_subnet.a.id]
    security_group_ids = [aws_security_group.other_fn.id]
  }
}
