#include <memory>

#include "input_rule.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "IN005",
    .name = "file-too-large",
    .default_severity = Severity::kError,
    .stability = Stability::kStable,
    .summary = "an input file is over the size limit",
    .remediation = "raise the limit with --max-file-size when the file is legitimate, or split it",
    .doc = R"md(### What it flags

A file larger than the size limit (4 MiB by default; `--max-file-size` changes it). The file is
not read.

### Why it matters

The largest real policy inputs are well under 1 MiB (the biggest AWS managed policy is about
240 KB, docs/aws-semantics.md 10.2 lists the AWS size limits: 20 KB for bucket policies, 6,144 characters for
managed policies); a much bigger file is usually not a policy document, and reading it would slow
down pre-commit hooks. The run is reported as incomplete because the file was skipped.

### Example

A 10 MiB `get-account-authorization-details` dump with the default limit. Fixed: run with
`--max-file-size 20000000`, or split the dump.

### How to fix

Raise the limit for that run, or exclude the file.

### Known gaps

The limit is per file; there is no total limit.

### IAM Access Analyzer

none
)md",
};

}  // namespace

std::unique_ptr<Rule> make_file_too_large() {
  return std::make_unique<InputDiagnosticRule>(kInfo, false);
}

}  // namespace bucketlint::rules
