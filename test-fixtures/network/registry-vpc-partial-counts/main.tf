# terraform-aws-modules/vpc with one subnet list unknown: max_subnet_length (and so the number of NAT gateways and
# private route tables) is not known exactly, but it is at least the number of private subnets, so private
# subnet i still uses private route table i and its NAT route. Lists not set take the module's default, [].
provider "aws" {
  region = "eu-west-1"
}

variable "database_subnets" {
  type = list(string)
}

module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "~> 5.0"

  name               = "partial"
  cidr               = "10.45.0.0/16"
  azs                = ["eu-west-1a", "eu-west-1b"]
  private_subnets    = ["10.45.1.0/24", "10.45.2.0/24"]
  public_subnets     = ["10.45.101.0/24", "10.45.102.0/24"]
  database_subnets   = var.database_subnets
  enable_nat_gateway = true
}

resource "aws_lambda_function" "fn" {
  function_name = "partial-counts"
  role          = "arn:aws:iam::123456789012:role/partial"

  vpc_config {
    subnet_ids         = module.vpc.private_subnets
    security_group_ids = [module.vpc.default_security_group_id]
  }
}
