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
  role       = aws_iam_role.fn.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"
}

variable "tenant_count" {
  type    = number
  default = 150
}

resource "aws_security_group" "tenant" {
  count  = var.tenant_count
  name   = "tenant-${count.index}"
  vpc_id = aws_vpc.main.id
}

resource "aws_lambda_function" "tenant" {
  count = var.tenant_count

  function_name = "tenant-${count.index}"
  role          = aws_iam_role.fn.arn
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  filename      = "tenant.zip"

  environment {
    variables = {
      DB_HOST   = aws_db_instance.main.address
      TENANT_ID = count.index
    }
  }

  vpc_config {
    subnet_ids         = aws_subnet.private[*].id
    security_group_ids = [aws_security_group.tenant[count.index].id]
  }
}
