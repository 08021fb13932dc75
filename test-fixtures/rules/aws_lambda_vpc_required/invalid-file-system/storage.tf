resource "aws_efs_file_system" "shared" {
  encrypted = true
}

resource "aws_security_group" "efs" {
  name   = "shared-efs"
  vpc_id = aws_vpc.main.id
}

resource "aws_efs_mount_target" "shared" {
  count           = 2
  file_system_id  = aws_efs_file_system.shared.id
  subnet_id       = aws_subnet.private[count.index].id
  security_groups = [aws_security_group.efs.id]
}

resource "aws_efs_access_point" "orders" {
  file_system_id = aws_efs_file_system.shared.id

  root_directory {
    path = "/orders"
  }
}
