#include <memory>

#include "input_rule.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "IN012",
    .name = "missing-context",
    .default_severity = Severity::kNote,
    .stability = Stability::kStable,
    .summary = "rules that need more context (owner account, bucket binding) could not run fully",
    .remediation =
        "lint a snapshot directory, or bind the documents in .bucketlint.yaml (bucket -> account, "
        "ownership), or pass --account",
    .doc = R"md(### What it flags

At most one note per run, when the documents given leave out context that some rules need:
a bucket policy lets another account in but the bucket's owner account is unknown, or a
bucket-level document (ownership controls, public access block, ...) could not be tied to a
bucket, or a role's or user's inline policy that `iam list-role-policies` /
`list-user-policies` names but whose `get-role-policy` / `get-user-policy` output is not in the
input (what the principal may do, and so whether it writes into a bucket, is then not fully
known; the note says which output to save). Further reasons are attached as notes. A bucket whose Object Ownership setting is not
given is OW005's finding (reported when another account can write into it), not this note's.

A CloudFormation template adds one note of its own when values that rules read cannot be resolved
(`Fn::ImportValue`, a parameter without `Default`, `AWS::Region`, a condition that depends on such
values): the note lists them, and they are treated as names that match nothing.

### Why it matters

Whether an upload from another account stays readable depends on who owns the bucket and on its
Object Ownership setting (docs/aws-semantics.md 2.2, 2.3 and section 13); from a bucket policy alone bucketlint
cannot tell. The note says what to add instead of guessing silently.

### Example

`bucketlint check bucket-policy.json` where the policy allows `arn:aws:iam::222222222222:role/site-uploader`
`s3:PutObject` gives a note. Fixed: `bucketlint check --account 111111111111 .` with the
`get-bucket-ownership-controls` output beside the policy, or a snapshot directory.

### How to fix

Give the context the note names.

### Known gaps

Only the first few reasons are listed.

### IAM Access Analyzer

none
)md",
};

}  // namespace

std::unique_ptr<Rule> make_missing_context() {
  return std::make_unique<InputDiagnosticRule>(kInfo, false);
}

}  // namespace bucketlint::rules
