// OW003: the bucket is BucketOwnerEnforced, yet the policies require an ACL header on uploads,
// so uploads fail (403 from the policy, or 400 AccessControlListNotSupported from S3).

#include <fmt/format.h>

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
    .id = "OW003",
    .name = "acl-header-under-bucket-owner-enforced",
    .default_severity = Severity::kWarning,
    .stability = Stability::kStable,
    .summary =
        "the bucket disables ACLs (BucketOwnerEnforced) but the policies require an ACL "
        "header on uploads",
    .remediation =
        "drop the s3:x-amz-acl / s3:x-amz-grant-* conditions from the upload "
        "statements, or make sure every writer sends 'bucket-owner-full-control'",
    .doc = R"md(### What it flags

The bucket's Object Ownership is `BucketOwnerEnforced` (ACLs disabled), and a writer (any
principal the bucket policy or the model's roles and users let `s3:PutObject`) cannot upload
without an ACL header: the evaluator answers "denied" for an upload without `x-amz-acl` and
`x-amz-grant-*`, and "allowed" or "depends" when the header is sent.

* When `bucket-owner-full-control` is the required value (truth table row 13), uploads without
  it get 403 AccessDenied from the policy although S3 itself would accept them.
* When only another ACL is accepted (`public-read`, a custom `x-amz-grant-*`), every upload fails:
  S3 rejects those headers with 400 AccessControlListNotSupported (rows 11 and 12).

The condition may sit in the bucket policy or in the writer's identity policy.

### Why it matters

Under BucketOwnerEnforced "your bucket accepts only PUT requests that do not specify an ACL or PUT
requests with bucket owner full control ACLs ... PUT requests that contain other ACLs ... fail and
return a 400 error with the error code AccessControlListNotSupported"; bucket policies that require
`bucket-owner-full-control` keep working but "still require the object writer to specify" it, and
policies requiring any other ACL "must be changed before disabling ACLs" (docs/aws-semantics.md 2.3;
https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html,
https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-ownership-error-responses.html). A
missing key makes `StringEquals` false and `StringNotEquals` true (docs/aws-semantics.md 5.5).

### Example

Failing (BucketOwnerEnforced):

```json
{"Effect": "Allow", "Principal": {"AWS": "222222222222"}, "Action": "s3:PutObject",
 "Resource": "arn:aws:s3:::media-assets/*",
 "Condition": {"StringEquals": {"s3:x-amz-acl": "bucket-owner-full-control"}}}
```

Fixed: the same statement without the `Condition` (row 9).

### How to fix

Remove the ACL condition (BucketOwnerEnforced already makes the bucket owner own every object).
Keep a `bucket-owner-full-control` requirement only while you may still switch back to ACLs and
every writer sends it; never require other ACLs on a bucket with ACLs disabled.

### Known gaps

* Statements that apply to `"*"` only (no named writer and no role or user in the model) are not
  asked about.
* Whether `PutObjectAcl` with `bucket-owner-full-control` is accepted after the switch is not
  documented (docs/aws-semantics.md 2.3); it is not checked.

No IAM Access Analyzer policy check corresponds to this rule.
)md",
};

class AclHeaderUnderEnforced final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, FindingSink& sink) const override {
    const Model& model = ctx.model;
    for (const Bucket& bucket : model.buckets) {
      if (bucket.ownership.effective() != ObjectOwnership::kBucketOwnerEnforced) continue;
      const std::vector<Writer> writers = ctx.access.writers(bucket, WriterScope::kAllAccounts);
      for (const Writer& writer : writers) {
        if (!writer.must_send_acl) continue;
        report(bucket, writer, sink);
      }
    }
  }

 private:
  static void report(const Bucket& bucket, const Writer& writer, FindingSink& sink) {
    std::string message;
    if (writer.bofc_allowed) {
      message = fmt::format(
          "{} can upload to '{}' only with x-amz-acl 'bucket-owner-full-control', which "
          "BucketOwnerEnforced makes pointless: uploads without it get 403",
          writer.label(), bucket.name);
    } else {
      message = fmt::format(
          "{} can upload to '{}' only with ACL headers other than 'bucket-owner-full-control', "
          "which BucketOwnerEnforced rejects (400 AccessControlListNotSupported): every upload "
          "fails",
          writer.label(), bucket.name);
    }
    const eval::Dependency* dep = acl_dependency(writer.put_any);
    const eval::TraceEntry* deny =
        access::first_applying(writer.put_no_acl, eval::PolicySlot::kResource, Effect::kDeny);
    if (deny == nullptr) {
      deny = access::first_applying(writer.put_no_acl, eval::PolicySlot::kIdentity, Effect::kDeny);
    }
    const eval::TraceEntry* grant = writer.bucket_grant();
    SourceRef where = dep != nullptr             ? dep->where
                      : deny != nullptr          ? deny->where
                      : grant != nullptr         ? grant->where
                      : bucket.policy != nullptr ? bucket.policy->where
                                                 : bucket.where;
    Finding finding = make_finding(kInfo, where, std::move(message));
    if (dep != nullptr) {
      finding.notes.push_back(
          {dep->where, fmt::format("the upload depends on {}", dep->description())});
    }
    add_writer_notes(writer, finding.notes);
    add_ownership_note(bucket, finding.notes);
    const eval::TraceEntry* decided = dep != nullptr ? nullptr : deny;
    std::string statement = "the statement";
    for (const eval::TraceEntry& e : writer.put_any.trace.evaluated()) {
      if (dep != nullptr && e.statement == dep->statement) decided = &e;
    }
    if (decided != nullptr && decided->policy != nullptr) {
      statement = fmt::format("{} of the {}", decided->label(), decided->policy->label());
    }
    finding.remediation =
        writer.bofc_allowed ? fmt::format(
                                  "remove the s3:x-amz-acl condition from {} (BucketOwnerEnforced "
                                  "already gives the bucket owner every object), or make "
                                  "sure every upload sends 'bucket-owner-full-control'",
                                  statement)
                            : fmt::format(
                                  "remove the ACL header condition from {}: under "
                                  "BucketOwnerEnforced only uploads without an ACL or with "
                                  "'bucket-owner-full-control' are accepted",
                                  statement);
    drop_notes_at_primary(finding);
    finding.fingerprint_hint = writer.label();
    sink.report(std::move(finding));
  }
};

}  // namespace

std::unique_ptr<Rule> make_acl_header_under_bucket_owner_enforced() {
  return std::make_unique<AclHeaderUnderEnforced>();
}

}  // namespace bucketlint::rules
