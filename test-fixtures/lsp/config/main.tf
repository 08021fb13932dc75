locals {
  broken = = true
}
