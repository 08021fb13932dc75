module "network" {
  source = "../../modules/network/"
}

module "app" {
  source = "./app"
}
