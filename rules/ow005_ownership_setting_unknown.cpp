// OW005: cross-account writers exist but nothing says the bucket's Object Ownership setting.

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
    .id = "OW005",
    .name = "ownership-setting-unknown",
    .default_severity = Severity::kNote,
    .stability = Stability::kStable,
    .summary =
        "other accounts write into the bucket but nothing gives its Object Ownership "
        "setting",
    .remediation =
        "add the output of 'aws s3api get-bucket-ownership-controls' for the bucket "
        "(or its OwnershipControlsNotFoundError) to the inputs, or set the bucket's "
        "'ownership' in .bucketlint.yaml",
    .doc = R"md(### What it flags

Principals of other accounts can put objects into the bucket (as in OW001), but no input says
the bucket's Object Ownership: no `get-bucket-ownership-controls` output (nor its
`OwnershipControlsNotFoundError` body) and no `ownership` entry in `.bucketlint.yaml`. The
ownership rules then assume `ObjectWriter` and say so in their notes; this note says what would
settle it.

### Why it matters

Who owns what another account writes depends entirely on this setting (docs/aws-semantics.md 2.1). Buckets
created through the API, CLI, SDKs or CloudFormation before April 2023 have no ownership controls
unless someone set them, which S3 treats as `ObjectWriter`; buckets created since then default to
`BucketOwnerEnforced` (docs/aws-semantics.md 2.2;
https://aws.amazon.com/blogs/aws/heads-up-amazon-s3-security-changes-are-coming-in-april-of-2023/,
https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html). OW001 and OW002
findings on such a bucket rest on the assumption.

### Example

Flagged: a snapshot `accounts/111111111111/buckets/media-assets/` with only `bucket-policy.json`
granting account 222222222222 `s3:PutObject`. Settled: add `ownership-controls.json` with
`{"OwnershipControls": {"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]}}` (or the
`OwnershipControlsNotFoundError` body, which means ObjectWriter).

### How to fix

Run `aws s3api get-bucket-ownership-controls --bucket <b>` and add its output to the inputs
(`accounts/<id>/buckets/<b>/ownership-controls.json` in a snapshot), or state it in
`.bucketlint.yaml` under the bucket (`ownership: BucketOwnerEnforced`).

### One problem, one finding

An unknown ownership setting is reported once, here: OW001 and OW002 only state the assumption in
a short note that points to this rule, and IN012 (missing context) no longer reports it.

### Known gaps

* Only buckets with cross-account writers are reported; the setting of other buckets is not
  asked for.

No IAM Access Analyzer policy check corresponds to this rule.
)md",
};

class OwnershipSettingUnknown final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, FindingSink& sink) const override {
    const Model& model = ctx.model;
    for (const Bucket& bucket : model.buckets) {
      if (bucket.ownership.source != OwnershipSetting::Source::kNone) continue;
      if (bucket.ownership.known()) continue;
      const std::vector<Writer> writers = ctx.access.writers(bucket);
      if (writers.empty()) continue;
      std::vector<std::string> labels;
      for (const Writer& w : writers) labels.push_back(w.label());
      const eval::TraceEntry* grant = writers.front().bucket_grant();
      SourceRef where = grant != nullptr           ? grant->where
                        : bucket.policy != nullptr ? bucket.policy->where
                                                   : bucket.where;
      Finding finding = make_finding(
          kInfo, where,
          fmt::format("nothing gives the Object Ownership setting of '{}', which {} of another "
                      "account can write into; assumed 'ObjectWriter' (no ownership controls, as "
                      "on buckets created through the API before April 2023)",
                      bucket.name, join_labels(labels)));
      for (std::size_t i = 1; i < writers.size(); ++i) {
        if (const eval::TraceEntry* g = writers[i].bucket_grant()) {
          finding.notes.push_back(
              {g->where, fmt::format("{} can put objects here", writers[i].label())});
        }
      }
      finding.remediation = fmt::format(
          "settle it: run 'aws s3api get-bucket-ownership-controls --bucket {0}' and add the "
          "output (or its OwnershipControlsNotFoundError) as "
          "accounts/<id>/buckets/{0}/ownership-controls.json, or set 'ownership:' for '{0}' in "
          ".bucketlint.yaml",
          bucket.name);
      drop_notes_at_primary(finding);
      sink.report(std::move(finding));
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_ownership_setting_unknown() {
  return std::make_unique<OwnershipSettingUnknown>();
}

}  // namespace bucketlint::rules
