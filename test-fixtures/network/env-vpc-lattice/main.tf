# A VPC Lattice service is reached from VPCs associated with its service network: a dependency that needs the
# VPC. A Route 53 record names a host, not plumbing: what it points at is not classified here.
provider "aws" {
  region = "us-east-1"
}

resource "aws_vpc" "main" {
  cidr_block = "10.43.0.0/16"
}

resource "aws_subnet" "a" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.43.1.0/24"
  availability_zone = "us-east-1a"
}

resource "aws_vpclattice_service" "orders" {
  name      = "orders"
  auth_type = "NONE"
}

resource "aws_route53_zone" "internal" {
  name = "corp.internal"
}

resource "aws_route53_record" "db" {
  zone_id = aws_route53_zone.internal.zone_id
  name    = "db.corp.internal"
  type    = "CNAME"
  ttl     = 300
  records = ["orders-db.example.net"]
}

resource "aws_iam_role" "fn" {
  name               = "lattice-client"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [] })
}

resource "aws_lambda_function" "lattice_client" {
  function_name = "lattice-client"
  role          = aws_iam_role.fn.arn

  vpc_config {
    subnet_ids         = [aws_subnet.a.id]
    security_group_ids = ["sg-0123456789abcdef0"]
  }

  environment {
    variables = {
      ORDERS_URL = "https://${aws_vpclattice_service.orders.dns_entry[0].domain_name}/orders"
    }
  }
}

resource "aws_lambda_function" "record_client" {
  function_name = "record-client"
  role          = aws_iam_role.fn.arn

  vpc_config {
    subnet_ids         = [aws_subnet.a.id]
    security_group_ids = ["sg-0123456789abcdef0"]
  }

  environment {
    variables = {
      DB_HOST = aws_route53_record.db.fqdn
    }
  }
}
