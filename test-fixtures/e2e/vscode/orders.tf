# Fixture of the code-server end-to-end test: the function sits in the two private subnets (two zones, NAT
# egress) to reach its database, but its role has only the basic execution policy, so Lambda cannot create
# the function's network interfaces: aws_lambda_vpc_eni_permissions on the `role` line. The test applies the
# quick fix "Attach AWSLambdaVPCAccessExecutionRole to aws_iam_role.orders" from the light-bulb menu, which
# adds an aws_iam_role_policy_attachment after the role.
resource "aws_iam_role" "orders" {
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

resource "aws_iam_role_policy_attachment" "orders_logs" {
  role       = aws_iam_role.orders.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
}

resource "aws_security_group" "orders" {
  name   = "orders-fn"
  vpc_id = aws_vpc.main.id
}

resource "aws_lambda_function" "orders" {
  function_name = "orders"
  role          = aws_iam_role.orders.arn
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  filename      = "orders.zip"

  environment {
    variables = {
      DB_HOST = aws_db_instance.orders.address
    }
  }

  vpc_config {
    subnet_ids         = [aws_subnet.private_a.id, aws_subnet.private_b.id]
    security_group_ids = [aws_security_group.orders.id]
  }
}
