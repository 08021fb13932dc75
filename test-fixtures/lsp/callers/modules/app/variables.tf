variable "name" {
  type    = string
  default = "api"
}
