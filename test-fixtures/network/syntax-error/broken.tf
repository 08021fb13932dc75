resource "aws_s3_bucket" "half" {
  bucket = "unterminated
  tags = {
    Name = "x"

resource "aws_sqs_queue" "after" {
