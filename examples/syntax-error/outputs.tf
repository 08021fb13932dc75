output "function_arn" {
  value = aws_lambda_function.orders.arn

output "database_address" {
  value = aws_db_instance.main.address
}
