module "orders" {
  attach_network_policy = true
}
