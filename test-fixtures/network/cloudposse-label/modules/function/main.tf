variable "subnet_ids" {
  type = list(string)
}

variable "security_group_ids" {
  type = list(string)
}

locals {
  enabled = module.this.enabled
}

# A second label from this one's context, as Cloud Posse modules name their sub-resources.
module "role_label" {
  source     = "cloudposse/label/null"
  version    = "0.25.0"
  attributes = ["role"]
  context    = module.this.context
}

resource "aws_iam_role" "this" {
  count = module.role_label.enabled ? 1 : 0
  name  = module.role_label.id
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
  managed_policy_arns = ["arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"]
  tags                = module.role_label.tags
}

resource "aws_lambda_function" "this" {
  count         = local.enabled ? 1 : 0
  function_name = module.this.id
  role          = aws_iam_role.this[0].arn
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  filename      = "fn.zip"
  tags          = module.this.tags

  vpc_config {
    subnet_ids         = var.subnet_ids
    security_group_ids = var.security_group_ids
  }
}
