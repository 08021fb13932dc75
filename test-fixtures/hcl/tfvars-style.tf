region         = "eu-west-1"
azs            = ["eu-west-1a", "eu-west-1b"]
subnet_cidrs   = {
  a = "10.0.1.0/24"
  b = "10.0.2.0/24"
}
enable_nat     = true
instance_count = 3
