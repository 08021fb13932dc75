provider "aws" {
  region = "eu-west-1"
}

resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_hostnames = true
}

resource "aws_subnet" "app_a" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.1.0/24"
  availability_zone = "eu-west-1a"
}

# override.tf moves this subnet to eu-west-1b.
resource "aws_subnet" "app_b" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.2.0/24"
  availability_zone = "eu-west-1a"
}

resource "aws_route_table" "app" {
  vpc_id = aws_vpc.main.id
}

resource "aws_route_table_association" "app" {
  for_each = {
    a = aws_subnet.app_a.id
    b = aws_subnet.app_b.id
  }
  subnet_id      = each.value
  route_table_id = aws_route_table.app.id
}

resource "aws_security_group" "fn" {
  name   = "orders-fn"
  vpc_id = aws_vpc.main.id
}
