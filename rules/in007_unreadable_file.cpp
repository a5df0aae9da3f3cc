#include <memory>

#include "input_rule.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "IN007",
    .name = "unreadable-file",
    .default_severity = Severity::kError,
    .stability = Stability::kStable,
    .summary = "an input file cannot be read",
    .remediation = "check the path and the file permissions",
    .doc = R"md(### What it flags

A path given on the command line that does not exist, or a file that cannot be opened or read
(permissions, a broken symbolic link, a device).

### Why it matters

Nothing in the file was analysed, so the run is incomplete (exit code 2) rather than clean.

### Example

`bucketlint check polcy.json` (typo). Fixed: `bucketlint check policy.json`.

### How to fix

Fix the path or the permissions.

### Known gaps

None.

### IAM Access Analyzer

none
)md",
};

}  // namespace

std::unique_ptr<Rule> make_unreadable_file() {
  return std::make_unique<InputDiagnosticRule>(kInfo, false);
}

}  // namespace bucketlint::rules
