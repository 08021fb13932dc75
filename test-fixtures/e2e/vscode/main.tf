# Fixture of the end-to-end tests in a real VS Code (server/test/e2e/code-server.test.ts, client/src/test/).
# Line 8 has a syntax error on purpose: the tests apply "Ignore hcl_syntax for this line" and expect the
# problem to disappear. The rule finding of this module is in orders.tf.
variable "region" {
  default = "eu-west-1"
}
locals {
  name = "demo" "extra"
}

provider "aws" {
  region = var.region
}
