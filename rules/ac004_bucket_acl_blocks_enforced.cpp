// AC004: the bucket ACL grants someone other than the owner, so applying BucketOwnerEnforced
// fails with InvalidBucketAclWithObjectOwnership until the ACL is changed.

#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "bucketlint/model.h"
#include "bucketlint/rule.h"
#include "ownership_wording.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "AC004",
    .name = "bucket-acl-blocks-enforced",
    .default_severity = Severity::kWarning,
    .stability = Stability::kStable,
    .summary =
        "the bucket ACL grants someone other than the owner: switching to "
        "BucketOwnerEnforced fails with InvalidBucketAclWithObjectOwnership",
    .remediation =
        "reset the bucket ACL to owner-only (put-bucket-acl --acl private) after "
        "moving log delivery to a bucket-policy grant",
    .doc = R"md(### What it flags

A bucket ACL (`get-bucket-acl`) with a grant to anyone but the bucket owner (the `LogDelivery`
group, AllUsers, AuthenticatedUsers, another account's canonical ID, an email grantee), on a
bucket that is not `BucketOwnerEnforced`. One finding per bucket, at the first such grant, with
the others as notes.

### Why it matters

"The bucket ACL must grant full control only to the bucket owner"; otherwise
`PutBucketOwnershipControls` with BucketOwnerEnforced fails with 400
`InvalidBucketAclWithObjectOwnership` ("Bucket cannot have ACLs set with ObjectOwnership's
BucketOwnerEnforced setting") (docs/aws-semantics.md 2.4, truth table row 17;
https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-ownership-error-responses.html).
BucketOwnerEnforced is the first fix the OW rules recommend, so this blocks it. S3 server access
logging must first move from the LogDelivery ACL grant to a bucket-policy grant to
`logging.s3.amazonaws.com` (docs/aws-semantics.md 2.4). Object ACLs do not block the switch.

### Example

Failing: a bucket ACL with `{"Grantee": {"Type": "Group", "URI":
"http://acs.amazonaws.com/groups/s3/LogDelivery"}, "Permission": "WRITE"}`. Fixed: the owner's
`FULL_CONTROL` grant only.

### How to fix

Grant `logging.s3.amazonaws.com` `s3:PutObject` on the log prefix in the bucket policy (with
`aws:SourceAccount`/`aws:SourceArn`), then `aws s3api put-bucket-acl --bucket <b> --acl private`,
then apply BucketOwnerEnforced.

### Known gaps

* CloudFront standard (legacy) logging still needs ACLs (docs/aws-semantics.md 2.4, row 40): such a log
  bucket cannot switch; the finding does not know whether it is one.

No IAM Access Analyzer policy check corresponds to this rule.
)md",
};

class BucketAclBlocksEnforced final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, FindingSink& sink) const override {
    const Model& model = ctx.model;
    const eval::IdentityDirectory& directory = ctx.access.directory();
    for (const Bucket& bucket : model.buckets) {
      if (bucket.ownership.effective() == ObjectOwnership::kBucketOwnerEnforced) continue;
      if (!bucket_acl_blocks_enforced(bucket)) continue;
      std::vector<const AclGrant*> others;
      for (const AclGrant& g : bucket.acl->grants) {
        if (g.type == GranteeType::kCanonicalUser && g.id == bucket.acl->owner_id) continue;
        others.push_back(&g);
      }
      std::vector<std::string> labels;
      for (const AclGrant* g : others) {
        labels.push_back(fmt::format("{} to {}", g->permission, grantee_label(*g, directory)));
      }
      const AclGrant& first = *others.front();
      Finding finding = make_finding(
          kInfo, first.where.known() ? first.where : bucket.acl->where,
          fmt::format("the bucket ACL of '{}' grants {}: applying BucketOwnerEnforced fails with "
                      "InvalidBucketAclWithObjectOwnership until only the owner is granted",
                      bucket.name, join_labels(labels)));
      for (std::size_t i = 1; i < others.size(); ++i) {
        finding.notes.push_back({others[i]->where, fmt::format("{} is granted {} here",
                                                               grantee_label(*others[i], directory),
                                                               others[i]->permission)});
      }
      const bool log_delivery = std::any_of(others.begin(), others.end(), [](const AclGrant* g) {
        return g->type == GranteeType::kGroup && g->uri == kLogDeliveryUri;
      });
      std::string remediation = "steps:\n";
      if (log_delivery) {
        remediation += fmt::format(
            "    1. grant server access log delivery in the bucket policy instead: "
            R"({{"Sid":"S3ServerAccessLogs","Effect":"Allow","Principal":{{"Service":)"
            R"("logging.s3.amazonaws.com"}},"Action":"s3:PutObject","Resource":)"
            R"("arn:aws:s3:::{}/*"}})"
            "\n",
            bucket.name);
      }
      remediation += fmt::format(
          "    {}. reset the bucket ACL: aws s3api put-bucket-acl --bucket {} --acl private\n    "
          "{}. then "
          "{}",
          log_delivery ? 2 : 1, bucket.name, log_delivery ? 3 : 2,
          enforce_ownership_command(bucket.name));
      finding.remediation = std::move(remediation);
      drop_notes_at_primary(finding);
      sink.report(std::move(finding));
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_bucket_acl_blocks_enforced() {
  return std::make_unique<BucketAclBlocksEnforced>();
}

}  // namespace bucketlint::rules
