terraform {
  required_version = ">= 1.5"
}
resource "null_resource" "x" {
  triggers = { a = "b" }
}
variable "v" {
  type = string
}
