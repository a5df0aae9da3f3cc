# Account A: the site comes from a module of this repository.
provider "aws" {
  region              = "us-east-1"
  allowed_account_ids = ["111111111111"]
}

locals {
  partner_account = "222222222222"
}

module "site" {
  source           = "./modules/private-site"
  bucket_name      = "amzn-s3-demo-bucket"
  writer_arns      = ["arn:aws:iam::${local.partner_account}:role/site-uploader"]
}

output "bucket_arn" {
  value = module.site.bucket_arn
}
