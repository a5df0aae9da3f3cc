// OW002: ObjectWriter (or no ownership controls) and the writer must send
// bucket-owner-full-control: the bucket owner can read through the ACL, but the objects stay
// the writer's, so bucket-policy grants (the CloudFront OAI/OAC grant above all) do not apply.

#include <fmt/format.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bucketlint/model.h"
#include "bucketlint/rule.h"
#include "ownership_wording.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "OW002",
    .name = "writer-owned-despite-bofc",
    .default_severity = Severity::kError,
    .stability = Stability::kStable,
    .summary =
        "bucket-owner-full-control is required but Object Ownership is ObjectWriter: the "
        "writer keeps the objects and bucket-policy readers (CloudFront) get 403",
    .remediation =
        "set Object Ownership to BucketOwnerEnforced (or BucketOwnerPreferred, which "
        "makes the required 'bucket-owner-full-control' transfer ownership)",
    .doc = R"md(### What it flags

A principal of another AWS account can put objects into the bucket, the policies require it to
send the canned ACL `x-amz-acl: bucket-owner-full-control` (an Allow conditioned on
`StringEquals s3:x-amz-acl`, or a Deny with `StringNotEquals`; the evaluator decides), and the
bucket's Object Ownership is `ObjectWriter` or unset. The bucket owner can read the objects
through the ACL and pass that access on to its own users, but the objects still belong to the
writer, so the bucket policy's Allow statements do not reach them: the CloudFront OAI or OAC, and
principals of other accounts the bucket policy grants, get 403.

Error when such a reader exists (the message names it, e.g. the distribution and its OAI);
warning when no bucket-policy reader outside the bucket owner's account is affected (the objects
are still the writer's, and any later reader granted by the bucket policy will fail).

### Why it matters

`bucket-owner-full-control` gives the bucket owner FULL_CONTROL "but does not change the owner"
under Object writer (docs/aws-semantics.md 1.2, 3.3;
https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html). "If another AWS
account uploads files to your bucket ... the bucket policy that you created for your OAI is not
evaluated for those files" (docs/aws-semantics.md 1.2, CloudFront developer guide 2021). The bucket owner can
delegate the access it got through the ACL to its own users, "but it cannot delegate permissions
to other AWS accounts" (docs/aws-semantics.md 3.2;
https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-walkthroughs-managing-access-example4.html).
This is truth table rows 2 and 28, the second stage of the motivating article.

### Example

Failing: no ownership controls, and

```json
{"Sid": "Uploader", "Effect": "Allow",
 "Principal": {"AWS": "arn:aws:iam::222222222222:role/uploader"},
 "Action": "s3:PutObject", "Resource": "arn:aws:s3:::media-assets/*",
 "Condition": {"StringEquals": {"s3:x-amz-acl": "bucket-owner-full-control"}}}
```

next to an OAI `s3:GetObject` grant. Fixed: the same policy with
`{"OwnershipControls": {"Rules": [{"ObjectOwnership": "BucketOwnerPreferred"}]}}` (row 6, 29)
or `BucketOwnerEnforced` (row 10; see OW003 about the now needless condition).

### How to fix

`aws s3api put-bucket-ownership-controls --bucket <b> --ownership-controls
'Rules=[{ObjectOwnership=BucketOwnerEnforced}]'` (existing objects too; remove non-owner bucket
ACL grants first, AC004), or `BucketOwnerPreferred` (new objects only), or a role in the bucket's
account that the writer assumes. Existing writer-owned objects stay unreadable to CloudFront until
BucketOwnerEnforced is applied or their ACLs grant the OAI (an OAC cannot be named in an ACL).

### Known gaps

* Whether an explicit `x-amz-grant-full-control` grant to the bucket owner transfers ownership
  under BucketOwnerPreferred is not documented (docs/aws-semantics.md 2.3); only the canned ACL counts.
* The same gaps as OW001 for writers named by `"*"` (placeholder ARN) or `NotPrincipal`.

No IAM Access Analyzer policy check corresponds to this rule.
)md",
};

class WriterOwnedDespiteBofc final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, FindingSink& sink) const override {
    const Model& model = ctx.model;
    const eval::IdentityDirectory& directory = ctx.access.directory();
    for (const Bucket& bucket : model.buckets) {
      const std::string owner = bucket_account(model, bucket);
      if (owner.empty()) continue;
      if (bucket.ownership.effective() != ObjectOwnership::kObjectWriter) continue;
      std::vector<Writer> writers = ctx.access.writers(bucket);
      std::erase_if(writers, [&](const Writer& w) {
        return writer_outcome(bucket, w) != WriterOutcome::kWriterOwnsBofc;
      });
      if (writers.empty()) continue;
      const std::vector<const Statement*> merged = merge_any_principal_writers(writers);
      const std::vector<Reader> readers = ctx.access.readers(bucket);
      for (const Writer& writer : writers) {
        // Readers that cannot read what the writer uploads with bucket-owner-full-control. When
        // the canonical IDs that ACL names are unknown, the documented rule decides: readers in
        // the bucket owner's account get the owner's ACL access, others cannot
        // (docs/aws-semantics.md 3.2).
        const std::optional<Acl> acl = ctx.access.bofc_object_acl(bucket, writer);
        std::vector<const Reader*> broken;
        for (const Reader& r : readers) {
          const bool denied = acl ? !ctx.access.read_writer_owned(r, writer, &*acl).allowed()
                                  : r.outside(owner) && r.account != writer.account;
          if (denied) broken.push_back(&r);
        }
        report(directory, bucket, owner, writer, broken, merged, sink);
      }
    }
  }

 private:
  static void report(const eval::IdentityDirectory& directory, const Bucket& bucket,
                     const std::string& owner, const Writer& writer,
                     const std::vector<const Reader*>& broken,
                     const std::vector<const Statement*>& merged, FindingSink& sink) {
    std::string message;
    if (broken.empty()) {
      message = fmt::format(
          "objects that {} writes to '{}' stay owned by {} although it must send "
          "'bucket-owner-full-control': the bucket owner can read them through the ACL and pass "
          "that access on to its own users, but its bucket policy cannot grant them to anyone "
          "outside account {}",
          writer.label(), bucket.name, writer.owner_label(), owner);
    } else {
      std::vector<std::string> labels;
      for (const Reader* r : broken) labels.push_back(r->label());
      message = fmt::format(
          "objects that {} writes to '{}' stay owned by {} although it must send "
          "'bucket-owner-full-control': the bucket owner can read them, but {} get{} 403 on them",
          writer.label(), bucket.name, writer.owner_label(), join_labels(labels),
          labels.size() == 1 ? "s" : "");
    }
    const eval::TraceEntry* grant = writer.bucket_grant();
    SourceRef where = grant != nullptr           ? grant->where
                      : bucket.policy != nullptr ? bucket.policy->where
                                                 : bucket.where;
    Finding finding = make_finding(kInfo, where, std::move(message));
    if (broken.empty()) finding.severity = Severity::kWarning;
    add_writer_notes(writer, finding.notes);
    add_any_principal_note(writer, merged, finding.notes);
    if (const eval::Dependency* d = acl_dependency(writer.put_any)) {
      finding.notes.push_back(
          {d->where, fmt::format("the canned ACL is required here ({})", d->description())});
    }
    add_ownership_note(bucket, finding.notes);
    add_existing_object_notes(bucket, writer, directory, finding.notes);
    for (const Reader* r : broken) add_reader_notes(*r, finding.notes);
    finding.remediation =
        ownership_remediation(bucket, owner, writer, PreferredFix::kAlreadyRequired);
    drop_notes_at_primary(finding);
    finding.fingerprint_hint = writer.label();
    sink.report(std::move(finding));
  }
};

}  // namespace

std::unique_ptr<Rule> make_writer_owned_despite_bofc() {
  return std::make_unique<WriterOwnedDespiteBofc>();
}

}  // namespace bucketlint::rules
