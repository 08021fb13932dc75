resource "aws_security_group" "db" {
  name   = "orders-db"
  vpc_id = aws_vpc.main.id
}

module "db" {
  source  = "terraform-aws-modules/rds/aws"
  version = "~> 6.0"

  identifier             = "orders"
  db_name                = "orders"
  engine                 = "postgres"
  instance_class         = "db.t4g.micro"
  allocated_storage      = 20
  username               = "orders"
  vpc_security_group_ids = [aws_security_group.db.id]
  subnet_ids             = aws_subnet.private[*].id
}
