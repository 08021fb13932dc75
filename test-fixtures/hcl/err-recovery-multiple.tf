resource "aws_subnet" "a" {
  cidr_block = = "10.0.1.0/24"
}

resource "aws_subnet" "b" {
  cidr_block = "10.0.2.0/24"
  tags = {
    Name = "b"

resource "aws_subnet" "c" {
  cidr_block = "10.0.3.0/24"
}

resource "aws_route_table" "rt" {
  route {
    cidr_block = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.n.id
  }
}
