resource "aws_iam_policy" "p" {
  policy = <<EOT
{
  "Version": "2012-10-17"
}
}

resource "aws_sqs_queue" "q" {
  name = "jobs"
}
