module "sessions" {
  source  = "terraform-aws-modules/lambda/aws"
  version = "~> 7.0"

  function_name = "sessions"
  handler       = "index.handler"
  runtime       = "python3.12"

  environment_variables = {
    REDIS_HOST = aws_elasticache_replication_group.sessions.primary_endpoint_address
  }
}
