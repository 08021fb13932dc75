variable "subnet_ids" {
  type = list(string)
}

variable "vpc_id" {
  type = string
}

resource "aws_security_group" "fn" {
  vpc_id = var.vpc_id
}

module "worker" {
  source             = "../function"
  name               = "worker"
  subnet_ids         = var.subnet_ids
  security_group_ids = [aws_security_group.fn.id]
}
