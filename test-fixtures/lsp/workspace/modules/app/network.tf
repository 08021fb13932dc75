locals {
  egress = "nat"
}
