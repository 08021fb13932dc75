module "app" {
  source = "../../modules/app"

  subnet_ids = ["subnet-0aaa", "subnet-0bbb"]
}
