#include <memory>

#include "input_rule.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "IN014",
    .name = "not-collected",
    .default_severity = Severity::kWarning,
    .stability = Stability::kStable,
    .summary =
        "a snapshot written by bucketlint-collect records an AWS call that failed, so a "
        "document it should hold is missing",
    .remediation =
        "grant the collector's role the permission the failed call needs (docs/collect.md lists "
        "them) and run bucketlint-collect again: it fetches only what is missing",
    .doc = R"md(### What it flags

One warning per failed call recorded in `accounts/<id>/collection.json`, the file that
`bucketlint-collect` writes into every account folder. A call fails when the collector's
credentials may not make it (`AccessDenied`), when an SCP or a resource policy denies it, or when
the service is unreachable. The warning names the call, the error code and the file that is
missing.

Calls whose error means "this configuration does not exist" (`NoSuchBucketPolicy`,
`OwnershipControlsNotFoundError`, `NoSuchPublicAccessBlockConfiguration`,
`ServerSideEncryptionConfigurationNotFoundError`, `NoSuchKey`) are not failures: the collector
records them as absent, and bucketlint reads the absence as AWS defines it.

### Why it matters

Without the record, a bucket policy that could not be read looks exactly like a bucket with no
policy, and an ownership setting that could not be read looks like a bucket without ownership
controls. Findings that depend on the missing document may then be missing or wrong; the warning
keeps an audit from being taken as complete when it is not.

### Example

`collection.json` of account `111111111111`:

```json
{"BucketlintCollection": {"Version": 1, "Account": "111111111111", "Failures": [
  {"Call": "s3api get-bucket-ownership-controls --bucket amzn-s3-demo-bucket",
   "Code": "AccessDenied", "File": "buckets/amzn-s3-demo-bucket/ownership-controls.json"}]}}
```

gives a warning at the failure's entry. Fixed: allow `s3:GetBucketOwnershipControls` to the
collector's role and collect again.

### How to fix

Give the collector the permissions of its policy (docs/collect.md) and run it again on the same
folder; it skips what it already wrote. To accept a known gap, suppress IN014 for that path in
`.bucketlint.yaml` with a reason.

### Known gaps

The missing document is treated as absent by the other rules; they do not yet say which of their
answers depend on it.

### IAM Access Analyzer

none
)md",
};

}  // namespace

std::unique_ptr<Rule> make_not_collected() {
  return std::make_unique<InputDiagnosticRule>(kInfo, false);
}

}  // namespace bucketlint::rules
