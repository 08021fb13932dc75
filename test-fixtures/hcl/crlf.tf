resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16" # comment
  tags = {
    Name = "main"
  }
}

locals {
  text = <<EOT
line one
line two
EOT
  flush = <<-EOT
    indented
      more
    EOT
}
