# Fixture of the Neovim end-to-end test (server/test/e2e/neovim.test.ts, plan in scripts/e2e/neovim.ts).
# The function's role lacks ENI permissions (aws_lambda_vpc_eni_permissions on its `role` line): the test applies
# the rule's quick fix, then breaks the file before line 4 and applies "Ignore hcl_syntax for this line".
provider "aws" {
  region = "eu-west-1"
}

resource "aws_iam_role" "api" {
  name = "api"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "lambda.amazonaws.com" }
    }]
  })
}

resource "aws_security_group" "api" {
  name   = "api-fn"
  vpc_id = aws_vpc.main.id
}

resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = aws_iam_role.api.arn
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "api.zip"

  environment {
    variables = {
      CACHE_HOST = aws_elasticache_replication_group.cache.primary_endpoint_address
    }
  }

  vpc_config {
    subnet_ids         = [aws_subnet.a.id, aws_subnet.b.id]
    security_group_ids = [aws_security_group.api.id]
  }
}
