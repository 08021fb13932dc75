variable "config_parameter" {
  type = string
}

resource "aws_security_group" "fn" {
  vpc_id = aws_vpc.main.id
}

data "aws_iam_policy_document" "fn" {
  statement {
    actions   = ["s3:GetObject", "s3:PutObject"]
    resources = ["arn:aws:s3:::reports/*"]
  }

  statement {
    actions   = ["dynamodb:Query", "dynamodb:PutItem"]
    resources = ["*"]
  }
}

resource "aws_iam_role" "fn" {
  name = "fn"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "lambda.amazonaws.com" }
    }]
  })
}

resource "aws_iam_role_policy_attachment" "vpc" {
  role       = aws_iam_role.fn.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"
}

resource "aws_iam_role_policy" "fn" {
  role   = aws_iam_role.fn.name
  policy = data.aws_iam_policy_document.fn.json
}

resource "aws_lambda_function" "fn" {
  function_name = "reports"
  role          = aws_iam_role.fn.arn
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  filename      = "fn.zip"

  environment {
    variables = {
      # No value in this configuration: the analysis cannot tell which service it names.
      CONFIG_PARAMETER = var.config_parameter
    }
  }

  vpc_config {
    subnet_ids         = aws_subnet.private[*].id
    security_group_ids = [aws_security_group.fn.id]
  }
}
