// OW001: another account can put objects that stay its own, so the bucket owner and every
// reader granted by the bucket policy (CloudFront included) get 403 on them.

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
    .id = "OW001",
    .name = "cross-account-write-unreadable",
    .default_severity = Severity::kError,
    .stability = Stability::kStable,
    .summary =
        "another account can upload objects that stay its own: the bucket owner and "
        "bucket-policy readers (CloudFront) get 403 on them",
    .remediation =
        "set Object Ownership to BucketOwnerEnforced; or have the writer assume a role "
        "in the bucket's account; or set BucketOwnerPreferred and require the "
        "'bucket-owner-full-control' canned ACL",
    .doc = R"md(### What it flags

A principal of another AWS account can put objects into the bucket (the evaluator says the
bucket policy, the bucket ACL and the writer's own identity policies, when given, may allow
`s3:PutObject`; `s3:*`, `s3:Put*` and `NotAction` count), and the bucket's Object Ownership
setting leaves those objects owned by the writer:

* `ObjectWriter`, or no ownership controls at all (which S3 treats as `ObjectWriter`), and the
  writer can upload without an ACL header (or with `private`);
* `BucketOwnerPreferred`, and nothing requires the writer to send the canned
  `x-amz-acl: bucket-owner-full-control` (ownership moves to the bucket owner only with it).

The message names the writer, the bucket and the readers that break; the notes show the
writer's grant, its identity policy, the ownership setting (or the assumption when nothing gives
it) and each reader's grant and CloudFront origin.

### Why it matters

"The AWS account that uploads objects owns those objects. The bucket owner does not have
permissions on the objects that other accounts own" (docs/aws-semantics.md section 1.1, 2.1;
https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-overview.html).
"Allow statements in a bucket policy apply only to objects that are owned by the same
bucket-owning account" (docs/aws-semantics.md 3.1;
https://docs.aws.amazon.com/AmazonS3/latest/userguide/troubleshoot-403-errors.html), so the
bucket owner, the CloudFront OAI or OAC and every other reader of the bucket policy get 403
(truth table rows 1, 7 and 27). Under `BucketOwnerPreferred`, "objects uploaded with other ACLs
are owned by the writing account"
(https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html).

### Example

Failing: account 111111111111 owns `media-assets` (no ownership controls) and lets a role of
account 222222222222 upload:

```json
{"Version": "2012-10-17", "Statement": [
  {"Sid": "Uploader", "Effect": "Allow",
   "Principal": {"AWS": "arn:aws:iam::222222222222:role/uploader"},
   "Action": "s3:PutObject", "Resource": "arn:aws:s3:::media-assets/*"},
  {"Sid": "OAI", "Effect": "Allow",
   "Principal": {"AWS": "arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E74FTE3AEXAMPLE"},
   "Action": "s3:GetObject", "Resource": "arn:aws:s3:::media-assets/*"}]}
```

Fixed: `{"OwnershipControls": {"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]}}` for the
bucket (truth table rows 9, 10, 15), or the writer assumes a role of account 111111111111 (row 5),
or `BucketOwnerPreferred` with a bucket-policy statement that denies uploads without
`s3:x-amz-acl = bucket-owner-full-control` (rows 6, 29).

### How to fix

In order of preference: `aws s3api put-bucket-ownership-controls --bucket <b>
--ownership-controls 'Rules=[{ObjectOwnership=BucketOwnerEnforced}]'` (remove non-owner bucket
ACL grants first, see AC004); a role in the bucket's account that the writer assumes; or
`BucketOwnerPreferred` plus a required `bucket-owner-full-control`. The finding's help text
carries the snippets with the real bucket name and ARNs.

### Known gaps

* `"Principal": "*"` statements are asked about as "any principal of another account": the
  evaluator decides through their conditions (`aws:PrincipalOrgID` stays unknown, so an
  organisation-wide grant counts; `aws:PrincipalAccount` naming the bucket's account does not).
  When the model holds a writer that the same statement lets in, the finding names that writer
  and a note says the statement lets in others too: one finding per statement, not two at the
  same place.
* A bucket ACL `WRITE` or `FULL_CONTROL` grant to a canonical user other than the bucket owner
  counts as another account's writer; the finding names it by canonical ID, and by account when an
  input maps the ID (`account.json` `CanonicalUserId`).
  Conditions on `aws:PrincipalArn` are matched against a placeholder ARN and may hide a writer.
  Allow statements with `NotPrincipal` are not enumerated.
* When the writer must send ACL headers other than the canned `bucket-owner-full-control` or
  `private` (for example `x-amz-grant-read` for the OAI, truth table row 4), who can read depends
  on those grants: no finding.
* The owner account of the bucket must be known (snapshot path, config, or `--account`).
* Service control policies, session policies and VPC endpoint policies are not in the model.

No IAM Access Analyzer policy check corresponds to this rule.
)md",
};

class CrossAccountWriteUnreadable final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, FindingSink& sink) const override {
    const Model& model = ctx.model;
    const eval::IdentityDirectory& directory = ctx.access.directory();
    for (const Bucket& bucket : model.buckets) {
      const std::string owner = bucket_account(model, bucket);
      if (owner.empty()) continue;
      if (bucket.ownership.effective() == ObjectOwnership::kBucketOwnerEnforced) continue;
      std::vector<Writer> writers = ctx.access.writers(bucket);
      std::erase_if(writers, [&](const Writer& w) {
        return writer_outcome(bucket, w) != WriterOutcome::kWriterOwnsNoGrant;
      });
      if (writers.empty()) continue;
      const std::vector<const Statement*> merged = merge_any_principal_writers(writers);
      const std::vector<Reader> readers = ctx.access.readers(bucket);
      for (const Writer& writer : writers) {
        // Readers that the evaluator says cannot read an object the writer owns (no ACL).
        std::vector<const Reader*> broken;
        for (const Reader& r : readers) {
          if (!ctx.access.read_writer_owned(r, writer, nullptr).allowed()) broken.push_back(&r);
        }
        report(directory, bucket, owner, writer, broken, merged, sink);
      }
    }
  }

 private:
  static void report(const eval::IdentityDirectory& directory, const Bucket& bucket,
                     const std::string& owner, const Writer& writer,
                     const std::vector<const Reader*>& readers,
                     const std::vector<const Statement*>& merged, FindingSink& sink) {
    std::vector<std::string> broken{fmt::format("the bucket owner (account {})", owner)};
    for (const Reader* r : readers) broken.push_back(r->label());
    std::string message = fmt::format(
        "objects that {} writes to '{}' stay owned by {}; {} get{} 403 on them", writer.label(),
        bucket.name, writer.owner_label(), join_labels(broken), broken.size() == 1 ? "s" : "");
    if (bucket.ownership.effective() == ObjectOwnership::kBucketOwnerPreferred) {
      message += fmt::format(
          " (BucketOwnerPreferred takes ownership only of uploads with x-amz-acl "
          "'bucket-owner-full-control', which nothing requires {} to send)",
          writer.label());
    }
    const eval::TraceEntry* grant = writer.bucket_grant();
    SourceRef where = grant != nullptr           ? grant->where
                      : bucket.policy != nullptr ? bucket.policy->where
                                                 : bucket.where;
    Finding finding = make_finding(kInfo, where, std::move(message));
    add_writer_notes(writer, finding.notes);
    add_any_principal_note(writer, merged, finding.notes);
    add_ownership_note(bucket, finding.notes);
    add_existing_object_notes(bucket, writer, directory, finding.notes);
    for (const Reader* r : readers) add_reader_notes(*r, finding.notes);
    finding.remediation = ownership_remediation(bucket, owner, writer, PreferredFix::kRequireBofc);
    drop_notes_at_primary(finding);
    finding.fingerprint_hint = writer.label();
    sink.report(std::move(finding));
  }
};

}  // namespace

std::unique_ptr<Rule> make_cross_account_write_unreadable() {
  return std::make_unique<CrossAccountWriteUnreadable>();
}

}  // namespace bucketlint::rules
