# aws_lambda_vpc_public_subnet: the function sits in the public subnets; Lambda ENIs never get a public IP.

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
