resource "a" "b"
{
}
resource "c" = {}
resource "d" ("e") {}
locals {
  ok = 1
}
