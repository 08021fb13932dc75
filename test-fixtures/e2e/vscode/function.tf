# Fixture of the code-server end-to-end test: "Lambda VPC Lint: Show Network Picture of Function" on this
# function opens its network picture as a markdown document. Not attached to a VPC, so no findings.
resource "aws_lambda_function" "fn" {
  function_name = "e2e-fn"
  role          = "arn:aws:iam::123456789012:role/e2e-fn"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  filename      = "fn.zip"
}
