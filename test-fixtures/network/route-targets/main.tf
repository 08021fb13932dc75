provider "aws" {
  region = "eu-west-2"
}

variable "extra_route_table_id" {
  type = string
}

locals {
  egress_routes = [
    { cidr = "0.0.0.0/0", instance = true },
    { cidr = "10.0.0.0/8", instance = false },
  ]
}

resource "aws_vpc" "main" {
  cidr_block = "10.19.0.0/16"
}

resource "aws_subnet" "nat_instance" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.19.1.0/24"
  availability_zone = "eu-west-2a"
}

resource "aws_subnet" "tgw" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.19.2.0/24"
  availability_zone = "eu-west-2b"
}

resource "aws_subnet" "maybe" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.19.3.0/24"
  availability_zone = "eu-west-2c"
}

resource "aws_instance" "nat" {
  ami               = "ami-0123456789abcdef0"
  instance_type     = "t4g.nano"
  subnet_id         = aws_subnet.tgw.id
  source_dest_check = false
}

# A NAT instance through dynamic route blocks.
resource "aws_route_table" "nat_instance" {
  vpc_id = aws_vpc.main.id

  dynamic "route" {
    for_each = local.egress_routes
    content {
      cidr_block           = route.value.cidr
      network_interface_id = route.value.instance ? aws_instance.nat.primary_network_interface_id : null
      transit_gateway_id   = route.value.instance ? null : "tgw-0123456789abcdef0"
    }
  }
}

resource "aws_ec2_transit_gateway" "hub" {}

resource "aws_vpc_peering_connection" "shared" {
  vpc_id      = aws_vpc.main.id
  peer_vpc_id = "vpc-0fedcba9876543210"
}

resource "aws_route_table" "tgw" {
  vpc_id = aws_vpc.main.id

  route {
    cidr_block         = "0.0.0.0/0"
    transit_gateway_id = aws_ec2_transit_gateway.hub.id
  }

  route {
    ipv6_cidr_block           = "::/0"
    vpc_peering_connection_id = aws_vpc_peering_connection.shared.id
  }
}

resource "aws_route_table" "maybe" {
  vpc_id = aws_vpc.main.id
}

# Which table this route is on is not known.
resource "aws_route" "maybe_default" {
  route_table_id         = var.extra_route_table_id
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = "igw-0123456789abcdef0"
}

resource "aws_route_table_association" "nat_instance" {
  subnet_id      = aws_subnet.nat_instance.id
  route_table_id = aws_route_table.nat_instance.id
}

resource "aws_route_table_association" "tgw" {
  subnet_id      = aws_subnet.tgw.id
  route_table_id = aws_route_table.tgw.id
}

resource "aws_route_table_association" "maybe" {
  subnet_id      = aws_subnet.maybe.id
  route_table_id = aws_route_table.maybe.id
}

resource "aws_iam_role" "fn" {
  name = "routes"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

resource "aws_lambda_function" "fn" {
  function_name = "route-targets"
  role          = aws_iam_role.fn.arn
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  filename      = "fn.zip"

  vpc_config {
    subnet_ids         = [aws_subnet.nat_instance.id, aws_subnet.tgw.id, aws_subnet.maybe.id]
    security_group_ids = ["sg-0123456789abcdef0"]
  }
}
