provider "aws" {
  allowed_account_ids = ["111111111111"]
}

# No default: the value comes from a .tfvars file or the pipeline at plan time.
variable "writer_role_arn" {
  type = string
}

resource "aws_s3_bucket" "uploads" {
  bucket = "amzn-s3-demo-bucket"
}

resource "aws_s3_bucket_policy" "uploads" {
  bucket = aws_s3_bucket.uploads.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "AllowWriter"
      Effect    = "Allow"
      Principal = { AWS = var.writer_role_arn }
      Action    = "s3:PutObject"
      Resource  = "${aws_s3_bucket.uploads.arn}/*"
    }]
  })
}
