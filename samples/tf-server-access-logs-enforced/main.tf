# Account A: a site bucket whose server access logs go to a log bucket this module creates.
provider "aws" {
  region              = "us-east-1"
  allowed_account_ids = ["111111111111"]
}

resource "aws_s3_bucket" "site" {
  bucket = "amzn-s3-demo-bucket"
}

resource "aws_s3_bucket" "logs" {
  bucket = "amzn-s3-demo-logs"
}

resource "aws_s3_bucket_logging" "site" {
  bucket        = aws_s3_bucket.site.id
  target_bucket = aws_s3_bucket.logs.id
  target_prefix = "access/"
}
