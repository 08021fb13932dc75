# Override files in this directory change what Terraform applies: override.tf, network_override.tf and
# lambda_override.tf.json are merged into the blocks below after every ordinary file is loaded.

provider "aws" {
  region = "eu-west-1"
}

variable "stage" {
  type    = string
  default = "dev"
}

locals {
  zone_b = "eu-west-1a"
}
