# Fixture of the code-server end-to-end test (server/test/e2e/code-server.test.ts, scripts/e2e/code-server.ts).
# Line 8 has a syntax error on purpose: the test applies the "Ignore hcl_syntax for this line" quick fix
# from the light-bulb menu and expects the problem to disappear.
variable "region" {
  default = "eu-west-1"
}
locals {
  name = "demo" "extra"
}
