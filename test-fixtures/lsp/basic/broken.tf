locals {
  name    = "api"
  timeout = = 3
  memory  = 128
}
