module "app" {
  source = "../../modules/app"
}

resource "aws_lambda_function" "worker" {
  function_name = "worker"
  role          = "arn:aws:iam::123456789012:role/worker"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  filename      = "worker.zip"

  vpc_config {
    subnet_ids         = module.app.subnet_ids
    security_group_ids = [module.app.security_group_id]
  }
}
