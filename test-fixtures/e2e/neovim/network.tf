# Two private subnets in two Availability Zones, and the cache the function talks to inside the VPC.
resource "aws_vpc" "main" {
  cidr_block = "10.1.0.0/16"
}

resource "aws_subnet" "a" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.1.1.0/24"
  availability_zone = "eu-west-1a"
}

resource "aws_subnet" "b" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.1.2.0/24"
  availability_zone = "eu-west-1b"
}

resource "aws_elasticache_subnet_group" "cache" {
  name       = "api-cache"
  subnet_ids = [aws_subnet.a.id, aws_subnet.b.id]
}

resource "aws_elasticache_replication_group" "cache" {
  replication_group_id = "api-cache"
  description          = "API cache"
  engine               = "redis"
  node_type            = "cache.t4g.micro"
  num_cache_clusters   = 2
  subnet_group_name    = aws_elasticache_subnet_group.cache.name
}
