provider "aws" {
  region = "eu-west-1"
}

resource "aws_vpc" "main" {
  cidr_block = "10.20.0.0/16"
}

resource "aws_subnet" "private" {
  count             = 2
  vpc_id            = aws_vpc.main.id
  cidr_block        = cidrsubnet(aws_vpc.main.cidr_block, 8, count.index)
  availability_zone = ["eu-west-1a", "eu-west-1b"][count.index]
}

resource "aws_security_group" "fn" {
  name   = "fn"
  vpc_id = aws_vpc.main.id
}

# Enabled (the label's default): the function exists, named by the label.
module "worker" {
  source             = "./modules/function"
  namespace          = "eg"
  stage              = "prod"
  name               = "worker"
  subnet_ids         = aws_subnet.private[*].id
  security_group_ids = [aws_security_group.fn.id]
}

# Disabled: no function, no role.
module "disabled" {
  source             = "./modules/function"
  enabled            = false
  namespace          = "eg"
  name               = "disabled"
  subnet_ids         = aws_subnet.private[*].id
  security_group_ids = [aws_security_group.fn.id]
}
