# aws_lambda_vpc_eni_quota: one function and one security group per tenant; 150 tenants in 2 subnets need 300 Hyperplane ENIs.

terraform {
  required_version = ">= 1.6"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}
