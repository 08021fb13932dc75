# Terraform 0.11 style: `["${var.subnet_ids}"]` is the whole list of subnets, however many there are (0.11
# flattened it), not one subnet.
variable "subnet_ids" {
  type = "list"
}

resource "aws_iam_role" "fn" {
  name = "orders"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "lambda.amazonaws.com" }
    }]
  })
}

resource "aws_iam_role_policy_attachment" "vpc_access" {
  role       = "${aws_iam_role.fn.name}"
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"
}

resource "aws_lambda_function" "orders" {
  function_name = "orders"
  role          = "${aws_iam_role.fn.arn}"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  filename      = "orders.zip"

  environment {
    variables = {
      DB_HOST = "${aws_db_instance.main.address}"
    }
  }

  vpc_config {
    subnet_ids         = ["${var.subnet_ids}"]
    security_group_ids = ["${aws_security_group.fn.id}"]
  }
}
