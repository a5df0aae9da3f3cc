// Canned ACLs as bucket ACLs (see canned_acl.h).

#include "load/canned_acl.h"

#include <array>
#include <string>
#include <utility>

namespace bucketlint {

std::optional<std::string_view> canned_acl_api_name(std::string_view value) {
  // AWS::S3::Bucket AccessControl allowed values and the canned ACLs they stand for
  // (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-s3-bucket.html#cfn-s3-bucket-accesscontrol).
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 8> kNames{{
      {"Private", "private"},
      {"PublicRead", "public-read"},
      {"PublicReadWrite", "public-read-write"},
      {"AuthenticatedRead", "authenticated-read"},
      {"LogDeliveryWrite", "log-delivery-write"},
      {"BucketOwnerRead", "bucket-owner-read"},
      {"BucketOwnerFullControl", "bucket-owner-full-control"},
      {"AwsExecRead", "aws-exec-read"},
  }};
  for (const auto& [cfn, api] : kNames) {
    if (value == cfn || value == api) return api;
  }
  return std::nullopt;
}

std::optional<Acl> canned_bucket_acl(std::string_view canned, const SourceRef& where) {
  const std::optional<std::string_view> name = canned_acl_api_name(canned);
  if (!name) return std::nullopt;
  Acl acl;
  acl.where = where;
  auto group = [&](std::string_view uri, std::string_view permission) {
    AclGrant g;
    g.type = GranteeType::kGroup;
    g.uri = std::string(uri);
    g.permission = std::string(permission);
    g.where = where;
    acl.grants.push_back(std::move(g));
  };
  // private: the owner only. bucket-owner-read and bucket-owner-full-control are object ACLs:
  // "If you specify this canned ACL when creating a bucket, Amazon S3 ignores it" (the owner
  // only). aws-exec-read adds a READ grant to Amazon EC2 whose grantee the table does not name;
  // it is left out.
  if (*name == "public-read") {
    group(kAllUsersUri, "READ");
  } else if (*name == "public-read-write") {
    group(kAllUsersUri, "READ");
    group(kAllUsersUri, "WRITE");
  } else if (*name == "authenticated-read") {
    group(kAuthenticatedUsersUri, "READ");
  } else if (*name == "log-delivery-write") {
    group(kLogDeliveryUri, "WRITE");
    group(kLogDeliveryUri, "READ_ACP");
  }
  return acl;
}

}  // namespace bucketlint
