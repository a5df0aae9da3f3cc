// AC001: a bucket or object ACL grants to AllUsers or AuthenticatedUsers.

#include <fmt/format.h>

#include <memory>
#include <string>

#include "bucketlint/model.h"
#include "bucketlint/rule.h"
#include "mission_helpers.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "AC001",
    .name = "public-acl-grant",
    .default_severity = Severity::kError,
    .stability = Stability::kStable,
    .summary = "a bucket or object ACL grants to AllUsers or AuthenticatedUsers",
    .remediation =
        "remove the group grant (put-bucket-acl / put-object-acl with --acl private), "
        "apply BucketOwnerEnforced, and turn on Block Public Access",
    .doc = R"md(### What it flags

A grant in a bucket ACL (`get-bucket-acl`) or object ACL (`get-object-acl`) whose grantee is the
group `http://acs.amazonaws.com/groups/global/AllUsers` (anyone, unauthenticated) or
`http://acs.amazonaws.com/groups/global/AuthenticatedUsers` (any AWS account). ACL documents
given on their own are checked too.

Not reported when the ACL has no effect: the bucket is `BucketOwnerEnforced` (ACLs are not
evaluated) or its Block Public Access configuration has `IgnorePublicAcls: true`.

### Why it matters

These are the public grantees of S3 ACLs (docs/aws-semantics.md 3.3, 7.1;
https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html). An AuthenticatedUsers
grant is not "our users": it covers every AWS account. A public bucket ACL also blocks the switch
to BucketOwnerEnforced (AC004, truth table row 17).

### Example

Failing:

```json
{"Owner": {"ID": "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"},
 "Grants": [{"Grantee": {"Type": "Group", "URI": "http://acs.amazonaws.com/groups/global/AllUsers"},
             "Permission": "READ"}]}
```

Fixed: the same ACL without the group grant (owner FULL_CONTROL only).

### How to fix

`aws s3api put-bucket-acl --bucket <b> --acl private` (or `put-object-acl --key <k> --acl
private`); serve public content through CloudFront with OAC instead; then apply
BucketOwnerEnforced and Block Public Access.

### Known gaps

* A bucket ACL dump taken under BucketOwnerEnforced only ever shows the owner; inconsistent
  snapshots are not diagnosed.

IAM Access Analyzer reports public ACL access as an external-access finding (not a policy
check).
)md",
};

class PublicAclGrant final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, FindingSink& sink) const override {
    const Model& model = ctx.model;
    for (const Bucket& bucket : model.buckets) {
      if (bucket.ownership.effective() == ObjectOwnership::kBucketOwnerEnforced) continue;
      // IgnorePublicAcls: "S3 ignores all public ACLs on the bucket and its objects".
      if (bucket.public_access_block && bucket.public_access_block->ignore_public_acls) continue;
      if (bucket.acl) {
        check_acl(*bucket.acl, fmt::format("the bucket ACL of '{}'", bucket.name), bucket.name, "",
                  sink);
      }
      for (const ObjectAcl& o : bucket.object_acls) {
        check_acl(o.acl, fmt::format("the ACL of object '{}' in '{}'", o.key, bucket.name),
                  bucket.name, o.key, sink);
      }
    }
    for (const LooseAcl& loose : model.loose_acls) {
      check_acl(loose.acl,
                loose.kind == DocumentKind::kBucketAcl ? "this bucket ACL" : "this object ACL",
                "<bucket>", loose.kind == DocumentKind::kObjectAcl ? "<key>" : "", sink);
    }
  }

 private:
  static void check_acl(const Acl& acl, const std::string& what, const std::string& bucket,
                        const std::string& key, FindingSink& sink) {
    for (const AclGrant& g : acl.grants) {
      if (!is_public_grant(g)) continue;
      const bool all = g.uri == kAllUsersUri;
      Finding finding = make_finding(kInfo, g.where.known() ? g.where : acl.where,
                                     fmt::format("{} grants {} to {} ({})", what, g.permission,
                                                 all ? "AllUsers" : "AuthenticatedUsers",
                                                 all ? "anyone, unauthenticated requests included"
                                                     : "every AWS account, not only yours"));
      finding.remediation =
          key.empty() ? fmt::format(
                            "remove the grant: aws s3api put-bucket-acl --bucket {} --acl private "
                            "(then consider BucketOwnerEnforced and Block Public Access)",
                            bucket)
                      : fmt::format(
                            "remove the grant: aws s3api put-object-acl --bucket {} --key {} "
                            "--acl private (or apply BucketOwnerEnforced, which disables ACLs)",
                            bucket, key);
      finding.fingerprint_hint = key;
      sink.report(std::move(finding));
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_public_acl_grant() { return std::make_unique<PublicAclGrant>(); }

}  // namespace bucketlint::rules
