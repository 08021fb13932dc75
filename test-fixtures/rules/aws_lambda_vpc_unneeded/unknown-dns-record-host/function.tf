# The function connects to a host named by a DNS record: what answers there (a database in the VPC?) is not in the
# configuration, so the dependencies are not complete.
resource "aws_route53_zone" "corp" {
  name = "corp.example.com"
}

resource "aws_route53_record" "ledger" {
  zone_id = aws_route53_zone.corp.zone_id
  name    = "ledger.corp.example.com"
  type    = "CNAME"
  ttl     = 300
  records = ["ledger-db.example.net"]
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
  role       = aws_iam_role.fn.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"
}

resource "aws_lambda_function" "orders" {
  function_name = "orders"
  role          = aws_iam_role.fn.arn
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  filename      = "orders.zip"

  environment {
    variables = {
      LEDGER_HOST = aws_route53_record.ledger.fqdn
    }
  }

  vpc_config {
    subnet_ids         = aws_subnet.private[*].id
    security_group_ids = [aws_security_group.fn.id]
  }
}
