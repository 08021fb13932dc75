# The role's only policy is rendered from a template with an ARN known only after apply; it is still read, and it
# grants no ENI actions.
resource "aws_s3_bucket" "exports" {
  bucket = "orders-exports"
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

resource "aws_iam_role_policy" "exports" {
  role   = aws_iam_role.fn.id
  policy = templatefile("${path.module}/policies/exports.json.tpl", { bucket_arn = aws_s3_bucket.exports.arn })
}

resource "aws_lambda_function" "orders" {
  function_name = "orders"
  role          = aws_iam_role.fn.arn
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  filename      = "orders.zip"

  environment {
    variables = {
      DB_HOST = aws_db_instance.main.address
    }
  }

  vpc_config {
    subnet_ids         = aws_subnet.private[*].id
    security_group_ids = [aws_security_group.fn.id]
  }
}
