#include <memory>

#include "input_rule.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "IN006",
    .name = "nesting-too-deep",
    .default_severity = Severity::kError,
    .stability = Stability::kStable,
    .summary = "JSON nesting is deeper than the limit",
    .remediation = "flatten the document; real policies nest at most six levels",
    .doc = R"md(### What it flags

A JSON value nested deeper than the limit (64 levels). The file is not analysed.

### Why it matters

Real policies are shallow (at most six levels: Condition, operator, key, array; see the corpus
README), so very deep nesting is either not a policy or a hostile input meant to exhaust the stack
of a parser. The limit keeps bucketlint safe on any input; the run is reported as incomplete.

### Example

`[[[[ ... ]]]]` nested 100 levels. Fixed: the intended document.

### How to fix

Check that the file is the document you meant to lint.

### Known gaps

The limit is fixed at 64 levels (LoadOptions.max_depth).

### IAM Access Analyzer

none
)md",
};

}  // namespace

std::unique_ptr<Rule> make_nesting_too_deep() {
  return std::make_unique<InputDiagnosticRule>(kInfo, false);
}

}  // namespace bucketlint::rules
