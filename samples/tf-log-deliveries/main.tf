# Account A: a central log bucket for VPC Flow Logs, CloudTrail and NLB access logs.
provider "aws" {
  region              = "eu-west-1"
  allowed_account_ids = ["111111111111"]
}

resource "aws_s3_bucket" "logs" {
  bucket = "amzn-s3-demo-central-logs"
}

resource "aws_flow_log" "vpc" {
  vpc_id               = "vpc-1a2b3c4d"
  traffic_type         = "ALL"
  log_destination_type = "s3"
  log_destination      = "${aws_s3_bucket.logs.arn}/flow/"
}

resource "aws_cloudtrail" "management" {
  name           = "management-events"
  s3_bucket_name = aws_s3_bucket.logs.id
  s3_key_prefix  = "trail"
}

resource "aws_lb" "tls" {
  name               = "tls-nlb"
  load_balancer_type = "network"
  subnets            = ["subnet-1a2b3c4d"]

  access_logs {
    bucket  = aws_s3_bucket.logs.id
    prefix  = "nlb"
    enabled = true
  }
}

resource "aws_s3_bucket_policy" "logs" {
  bucket = aws_s3_bucket.logs.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "AWSCloudTrailWrite"
      Effect    = "Allow"
      Principal = { Service = "cloudtrail.amazonaws.com" }
      Action    = "s3:PutObject"
      Resource  = "${aws_s3_bucket.logs.arn}/trail/AWSLogs/111111111111/*"
      Condition = { StringEquals = { "s3:x-amz-acl" = "bucket-owner-full-control" } }
    }]
  })
}
