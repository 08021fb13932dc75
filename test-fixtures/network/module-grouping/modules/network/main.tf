locals {
  subnets = {
    private-a = { cidr = "10.5.1.0/24", az = "us-west-2a", tier = "private" }
    private-b = { cidr = "10.5.2.0/24", az = "us-west-2b", tier = "private" }
    public-a  = { cidr = "10.5.3.0/24", az = "us-west-2a", tier = "public" }
  }
}

resource "aws_vpc" "this" {
  cidr_block = "10.5.0.0/16"
}

resource "aws_subnet" "this" {
  for_each          = local.subnets
  vpc_id            = aws_vpc.this.id
  cidr_block        = each.value.cidr
  availability_zone = each.value.az
  tags = {
    Name = each.key
    Tier = each.value.tier
  }
}

resource "aws_security_group" "lambda" {
  vpc_id = aws_vpc.this.id
}

output "subnet_ids_by_tier" {
  value = { for k, s in aws_subnet.this : s.tags.Tier => s.id... }
}

output "security_group_id" {
  value = aws_security_group.lambda.id
}
