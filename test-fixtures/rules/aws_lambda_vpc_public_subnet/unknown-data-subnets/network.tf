provider "aws" {
  region = "eu-west-1"
}

data "aws_subnet" "app" {
  for_each = toset(["eu-west-1a", "eu-west-1b"])

  availability_zone = each.key
  tags = {
    Tier = "app"
  }
}
