# Fixture of the Neovim end-to-end test (server/test/e2e/neovim.test.ts, plan in scripts/e2e/neovim.ts).
# Line 7 has a syntax error on purpose: the test repairs it, then breaks the file again before line 10.
variable "region" {
  default = "eu-west-1"
}
locals {
  name = "demo" "extra"
}

output "region" {
  value = var.region
}
