resource "aws_s3_bucket" "b-${var.env}" {
  bucket = "x"
}
