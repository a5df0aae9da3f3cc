# Account B: the role that uploads into account A's bucket.
provider "aws" {
  region = "us-east-1"
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

resource "aws_iam_role_policy" "upload" {
  name = "upload-to-partner-site"
  role = aws_iam_role.site_uploader.id
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Sid": "UploadSiteObjects",
          "Effect": "Allow",
          "Action": ["s3:PutObject", "s3:PutObjectAcl"],
          "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"
        }
      ]
    }
  EOT
}
