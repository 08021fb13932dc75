resource "aws_subnet" "private" {}
resource aws_subnet public {}
module "vpc" {}
locals {}
weird "with \"quotes\"" "tab\there" "uni\u00e9" {}
dashes-in-type "label-with-dashes" {}
mixed "a" b "c" {}
