variable "bucket_name" {
  type = string
}

variable "object_ownership" {
  type    = string
  default = "BucketOwnerEnforced"
}

variable "writer_arns" {
  type    = list(string)
  default = []
}
