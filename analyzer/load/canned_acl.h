#pragma once

// Canned ACLs (`x-amz-acl` on CreateBucket / PutBucketAcl, CloudFormation `AccessControl`,
// Terraform `acl`) as the bucket ACL S3 makes of them, so that a template or a plan reaches the
// same Acl a `get-bucket-acl` dump gives.

#include <optional>
#include <string_view>

#include "bucketlint/model.h"
#include "bucketlint/source.h"

namespace bucketlint {

// The S3 API spelling ("log-delivery-write") of a CloudFormation `AccessControl` value
// ("LogDeliveryWrite"); nullopt for a value that is neither.
std::optional<std::string_view> canned_acl_api_name(std::string_view value);

// The bucket ACL S3 makes of canned ACL `canned` (API spelling), per the "Canned ACL" table of
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#canned-acl. Every
// grant is placed at `where`. The owner's own FULL_CONTROL grant is left out (its canonical ID
// is not known from a template): the rules read "no grant" as "owner only". nullopt for an
// unknown name.
std::optional<Acl> canned_bucket_acl(std::string_view canned, const SourceRef& where);

}  // namespace bucketlint
