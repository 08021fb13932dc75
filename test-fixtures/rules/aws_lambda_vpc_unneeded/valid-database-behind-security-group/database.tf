resource "aws_security_group" "db" {
  name   = "orders-db"
  vpc_id = aws_vpc.main.id
}

resource "aws_db_instance" "main" {
  identifier                  = "orders"
  engine                      = "postgres"
  instance_class              = "db.t4g.micro"
  allocated_storage           = 20
  username                    = "orders"
  manage_master_user_password = true
  vpc_security_group_ids      = [aws_security_group.db.id]
}

# The database admits the function's security group.
resource "aws_vpc_security_group_ingress_rule" "db_from_fn" {
  security_group_id            = aws_security_group.db.id
  referenced_security_group_id = aws_security_group.fn.id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
}
