locals {
  also_broken = = true
}
