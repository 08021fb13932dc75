locals {
  one = = 1
}
