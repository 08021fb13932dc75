# unused_ignore: the function now spans two zones, but the old ignore comment is still there (reportUnusedIgnores is on).

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
