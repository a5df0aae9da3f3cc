#include <memory>

#include "input_rule.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "IN004",
    .name = "empty-file",
    .default_severity = Severity::kError,
    .stability = Stability::kStable,
    .summary = "an input file is empty",
    .remediation =
        "delete the file or put the document in it (an empty dump usually means the collecting "
        "command failed)",
    .doc = R"md(### What it flags

A file with no content, or only whitespace (a UTF-8 BOM alone counts as empty).

### Why it matters

An empty `.json` file is not a document: often a dump script redirected the output of a failing
`aws` command (e.g. `get-bucket-policy` on a bucket without a policy). The bucket is then analysed
without what the file should have said, so the run is reported as incomplete. See docs/aws-semantics.md 7.1
for the error bodies the CLI returns instead.

### Example

An empty `accounts/111111111111/buckets/b/ownership.json`. Fixed: the command's real output, or
the error body (`{"Error": {"Code": "OwnershipControlsNotFoundError"}}`), or no file.

### How to fix

Re-run the collecting command and check its exit status; remove files for documents that do not exist.

### Known gaps

None.

### IAM Access Analyzer

none
)md",
};

}  // namespace

std::unique_ptr<Rule> make_empty_file() {
  return std::make_unique<InputDiagnosticRule>(kInfo, false);
}

}  // namespace bucketlint::rules
