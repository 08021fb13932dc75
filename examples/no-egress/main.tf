# aws_lambda_vpc_no_egress: the private subnets have no NAT gateway and no S3 endpoint, so the export to S3 times out.

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
