# aws_lambda_vpc_eni_permissions: the role only has the basic execution policy, so Lambda cannot create the ENIs.

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
