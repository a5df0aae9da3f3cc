#include <memory>

#include "input_rule.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "IN008",
    .name = "unknown-document-kind",
    .default_severity = Severity::kError,
    .stability = Stability::kStable,
    .summary = "the kind of a document cannot be told from its content",
    .remediation =
        "use '--kind <kind>' to say what the document is, or give the document in a supported "
        "shape",
    .doc = R"md(### What it flags

A JSON document that is none of the kinds bucketlint reads (raw bucket, resource, trust,
identity and key policies; `aws s3api get-bucket-policy`, `get-bucket-acl`, `get-object-acl`,
`get-bucket-ownership-controls` and its `OwnershipControlsNotFoundError` body,
`get-public-access-block`, `get-bucket-encryption`, `list-objects-v2 --fetch-owner`; `aws iam
get-role`, `get-role-policy`, `get-policy-version`, `list-attached-role-policies`; `aws cloudfront
get-distribution-config`, `get-distribution`, `get-cloud-front-origin-access-identity`,
`get-origin-access-control`; AWS Config S3 bucket items), or a document forced with `--kind`
that lacks that kind's main member. The message lists the kinds.

### Why it matters

A file bucketlint cannot classify is not analysed at all; saying so is better than a silent
pass. Shapes are those of docs/aws-semantics.md section 7 (CLI and API dumps) and 8 (AWS Config).

### Example

`{"PolicyStatus": {"IsPublic": false}}` (get-bucket-policy-status) is not a supported kind.
A policy written without `Statement` cannot be told apart either; with `--kind bucket-policy`
bucketlint reads a document as that kind.

### How to fix

Pass `--kind <kind>` (e.g. `--kind trust-policy`), or give the output of one of the supported commands.

### Known gaps

Terraform plans and CloudFormation templates are not read yet (they are reported here).

### IAM Access Analyzer

none
)md",
};

}  // namespace

std::unique_ptr<Rule> make_unknown_document_kind() {
  return std::make_unique<InputDiagnosticRule>(kInfo, false);
}

}  // namespace bucketlint::rules
