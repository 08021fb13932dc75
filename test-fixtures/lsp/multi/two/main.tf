locals {
  two = = 2
}
