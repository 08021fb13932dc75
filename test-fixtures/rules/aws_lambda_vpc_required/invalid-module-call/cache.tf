resource "aws_elasticache_subnet_group" "sessions" {
  name       = "sessions"
  subnet_ids = aws_subnet.private[*].id
}

resource "aws_security_group" "cache" {
  name   = "sessions-cache"
  vpc_id = aws_vpc.main.id
}

resource "aws_elasticache_replication_group" "sessions" {
  replication_group_id = "sessions"
  description          = "Session store"
  engine               = "redis"
  node_type            = "cache.t4g.micro"
  num_cache_clusters   = 2
  subnet_group_name    = aws_elasticache_subnet_group.sessions.name
  security_group_ids   = [aws_security_group.cache.id]
}
