# Terraform puts subnet c in eu-west-1c, not in the eu-west-1a of network.tf.
resource "aws_subnet" "c" {
  availability_zone = "eu-west-1c"
}
