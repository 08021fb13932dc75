locals {
  alone = = true
}
