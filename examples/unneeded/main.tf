# aws_lambda_vpc_unneeded: the function only uses DynamoDB, a public AWS API; the VPC attachment buys nothing.

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
