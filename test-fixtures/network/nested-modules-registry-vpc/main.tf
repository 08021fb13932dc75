provider "aws" {
  region = "eu-west-1"
}

module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "~> 5.0"

  name               = "main"
  cidr               = "10.12.0.0/16"
  azs                = ["eu-west-1a", "eu-west-1b"]
  private_subnets    = ["10.12.1.0/24", "10.12.2.0/24"]
  public_subnets     = ["10.12.101.0/24", "10.12.102.0/24"]
  enable_nat_gateway = true
  single_nat_gateway = true
}

module "app" {
  source     = "./modules/app"
  subnet_ids = module.vpc.private_subnets
  vpc_id     = module.vpc.vpc_id
}
