// AC003: ACLs are enabled (ObjectWriter / BucketOwnerPreferred) and nothing in the model needs
// them: BucketOwnerEnforced is AWS's recommendation.

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
    .id = "AC003",
    .name = "acls-enabled-unneeded",
    .default_severity = Severity::kNote,
    .stability = Stability::kStable,
    .summary = "ACLs are enabled on the bucket and nothing given needs them",
    .remediation = "apply BucketOwnerEnforced (ACLs disabled), AWS's recommended setting",
    .doc = R"md(### What it flags

A bucket whose Object Ownership is known to be `ObjectWriter` or `BucketOwnerPreferred` (an
ownership-controls document, its `OwnershipControlsNotFoundError` body, or the config), where
nothing in the inputs depends on ACLs:

* no principal of another account can upload (those are OW001/OW002's business, and the fix
  they give is the same),
* the bucket ACL grants only the owner (otherwise see AC004),
* no object ACL grants anyone but its owner, and no listed object belongs to another account,
* no policy makes a writer send an ACL header,
* no role of the bucket's account that another account assumes can write into it (the
  cross-account fix of truth table row 5 is in place; the TR rules check that chain).

### Why it matters

"A majority of modern use cases in Amazon S3 no longer require the use of ACLs"; AWS recommends
BucketOwnerEnforced and made it the default for new buckets in April 2023 (docs/aws-semantics.md 2.1, 2.2;
https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html). With ACLs
enabled, the next cross-account writer silently creates objects the bucket owner does not own
(OW001).

### Example

Flagged: `{"OwnershipControls": {"Rules": [{"ObjectOwnership": "ObjectWriter"}]}}` on a bucket
written only by its own account's roles. Fixed: `"ObjectOwnership": "BucketOwnerEnforced"`.

### How to fix

`aws s3api put-bucket-ownership-controls --bucket <b> --ownership-controls
'Rules=[{ObjectOwnership=BucketOwnerEnforced}]'`.

### Known gaps

* Consumers of ACLs outside the inputs (server access log delivery configured elsewhere,
  CloudFront standard logging into this bucket, docs/aws-semantics.md 2.4) are not visible; check before
  switching. A bucket that a distribution of the input names as its standard (legacy) logging
  bucket keeps ACLs and is not reported (OW007 reports the reverse).

No IAM Access Analyzer policy check corresponds to this rule.
)md",
};

bool object_acls_grant_others(const Bucket& bucket) {
  return std::any_of(bucket.object_acls.begin(), bucket.object_acls.end(), [](const ObjectAcl& o) {
    return std::any_of(o.acl.grants.begin(), o.acl.grants.end(), [&](const AclGrant& g) {
      return !(g.type == GranteeType::kCanonicalUser && g.id == o.acl.owner_id);
    });
  });
}

bool has_foreign_objects(const Bucket& bucket, const std::string& owner_id) {
  if (owner_id.empty()) return false;
  auto foreign = [&](const std::string& id) { return !id.empty() && id != owner_id; };
  return std::any_of(bucket.objects.begin(), bucket.objects.end(),
                     [&](const ObjectEntry& e) { return foreign(e.owner_id); }) ||
         std::any_of(bucket.object_acls.begin(), bucket.object_acls.end(),
                     [&](const ObjectAcl& o) { return foreign(o.acl.owner_id); });
}

class AclsEnabledUnneeded final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, FindingSink& sink) const override {
    const Model& model = ctx.model;
    for (const Bucket& bucket : model.buckets) {
      if (!bucket.ownership.known() && bucket.ownership.source == OwnershipSetting::Source::kNone) {
        continue;  // OW005's question
      }
      const ObjectOwnership o = bucket.ownership.effective();
      if (o == ObjectOwnership::kBucketOwnerEnforced) continue;
      if (bucket_acl_blocks_enforced(bucket) || object_acls_grant_others(bucket) ||
          has_foreign_objects(bucket, bucket_owner_canonical_id(model, bucket))) {
        continue;
      }
      const std::string owner = bucket_account(model, bucket);
      const std::vector<Writer> writers = ctx.access.writers(bucket, WriterScope::kAllAccounts);
      const bool needed = std::any_of(writers.begin(), writers.end(), [&](const Writer& w) {
        return w.must_send_acl || (!owner.empty() && w.cross_account(owner));
      });
      if (needed) continue;
      // A role of the bucket's account that other accounts assume to write is the documented
      // cross-account fix (docs/aws-semantics.md 1.3); TR rules check that chain, and the ownership
      // setting does not matter to it.
      if (!ctx.access.assumed_writer_roles(bucket).empty()) continue;
      // CloudFront standard logging (legacy) writes through ACLs: BucketOwnerEnforced would stop
      // the delivery (OW007), so ACLs are needed there.
      if (std::any_of(model.distributions.begin(), model.distributions.end(),
                      [&](const Distribution& d) { return d.logging_bucket == bucket.name; })) {
        continue;
      }
      SourceRef where =
          bucket.ownership.where.file().empty() ? bucket.where : bucket.ownership.where;
      Finding finding = make_finding(
          kInfo, where,
          fmt::format("ACLs are enabled on '{}' (Object Ownership '{}') and nothing given here "
                      "needs them; AWS recommends BucketOwnerEnforced",
                      bucket.name, object_ownership_name(o)));
      finding.remediation = enforce_ownership_command(bucket.name);
      sink.report(std::move(finding));
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_acls_enabled_unneeded() {
  return std::make_unique<AclsEnabledUnneeded>();
}

}  // namespace bucketlint::rules
