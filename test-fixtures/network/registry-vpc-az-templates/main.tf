# AZs written as templates in the module call's `azs`: with the Region unknown, "${...}a" and "${...}b" are still
# two different zones.
provider "aws" {
  region = var.region
}

variable "region" {
  type = string
}

data "aws_region" "current" {}

module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "~> 5.0"

  name          = "templated-azs"
  cidr          = "10.46.0.0/16"
  azs           = ["${var.region}a", "${var.region}b"]
  intra_subnets = ["10.46.1.0/24", "10.46.2.0/24"]
}

module "vpc_by_data" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "~> 5.0"

  name          = "data-azs"
  cidr          = "10.47.0.0/16"
  azs           = ["${data.aws_region.current.region}a", "${data.aws_region.current.region}b"]
  intra_subnets = ["10.47.1.0/24", "10.47.2.0/24"]
}

resource "aws_lambda_function" "by_variable" {
  function_name = "azs-by-variable"
  role          = "arn:aws:iam::123456789012:role/azs"

  vpc_config {
    subnet_ids         = module.vpc.intra_subnets
    security_group_ids = [module.vpc.default_security_group_id]
  }
}

resource "aws_lambda_function" "by_data" {
  function_name = "azs-by-data-source"
  role          = "arn:aws:iam::123456789012:role/azs"

  vpc_config {
    subnet_ids         = module.vpc_by_data.intra_subnets
    security_group_ids = [module.vpc_by_data.default_security_group_id]
  }
}
