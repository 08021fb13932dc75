locals {
  vendored = = true
}
