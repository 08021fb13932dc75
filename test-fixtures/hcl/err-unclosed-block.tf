resource "aws_lambda_function" "half" {
  function_name = "half"
  vpc_config {
    subnet_ids = [

resource "aws_subnet" "a" {
  cidr_block = "10.0.1.0/24"
}

resource "aws_subnet" "b" {
  cidr_block = "10.0.2.0/24"
}
