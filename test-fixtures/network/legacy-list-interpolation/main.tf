# Terraform 0.11 style: `["${...}"]` around a list is that list (0.11 flattened it; later versions reject it).
provider "aws" {
  region = "eu-west-1"
}

variable "subnet_ids" {
  type = "list"
}

variable "extra_security_groups" {
  type    = "list"
  default = []
}

resource "aws_security_group" "fn" {
  name = "legacy"
}

resource "aws_iam_role" "fn" {
  name               = "legacy"
  assume_role_policy = "{}"
}

resource "aws_lambda_function" "fn" {
  function_name = "legacy"
  role          = "${aws_iam_role.fn.arn}"

  vpc_config {
    subnet_ids = [
      "${var.subnet_ids}",
    ]

    security_group_ids = [
      "${aws_security_group.fn.id}",
      "${var.extra_security_groups}",
    ]
  }
}
