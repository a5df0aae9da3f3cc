# Account B: the role may only assume the publisher role of account A.
provider "aws" {
  region              = "us-east-1"
  allowed_account_ids = ["222222222222"]
}

resource "aws_iam_role" "site_uploader" {
  name = "site-uploader"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy" "assume_publisher" {
  name = "assume-publisher"
  role = aws_iam_role.site_uploader.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = {
      Effect   = "Allow"
      Action   = "sts:AssumeRole"
      Resource = "arn:aws:iam::111111111111:role/cross-account-site-publisher"
    }
  })
}
