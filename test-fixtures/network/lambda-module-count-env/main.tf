# Arguments of a modelled module call that use the call's count.index are evaluated with it: the environment of
# each function is known.
provider "aws" {
  region = "eu-west-1"
}

locals {
  queues = ["orders", "invoices"]
}

resource "aws_sqs_queue" "q" {
  count = 2
  name  = local.queues[count.index]
}

module "worker" {
  source  = "terraform-aws-modules/lambda/aws"
  version = "~> 7.0"
  count   = 2

  function_name  = "worker-${count.index}"
  handler        = "index.handler"
  runtime        = "python3.12"
  create_package = false

  environment_variables = {
    QUEUE_URL = aws_sqs_queue.q[count.index].url
  }
}
