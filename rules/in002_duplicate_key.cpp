#include <memory>

#include "input_rule.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "IN002",
    .name = "duplicate-key",
    .default_severity = Severity::kError,
    .stability = Stability::kStable,
    .summary = "an object has the same key twice",
    .remediation = "remove or merge the duplicate key; keep the value you meant",
    .doc = R"md(### What it flags

An object with the same member name twice, e.g. two `Effect` keys in one statement or two
`Statement` keys in a policy. The finding points at the second occurrence.

### Why it matters

IAM's grammar does not allow duplicate keys (docs/aws-semantics.md 10.1: "duplicate keys within an element are
not allowed") and AWS rejects the document, while most JSON parsers silently keep the last value,
so a tool that reviews the document may see something different from what the author meant. Real
examples: `corpus/identity-policies/iamug--troubleshoot_policies--09.json` (two `Statement` keys).
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html

### Example

```json
{"Effect": "Allow", "Action": "s3:GetObject", "Effect": "Deny", "Resource": "*"}
```
Fixed: one `Effect`, or two statements when both effects were meant.

### How to fix

Delete the duplicate or split the statement into two statements.

### Known gaps

bucketlint analyses the document with the last value (as most parsers do); findings of other rules may therefore describe a document AWS would reject.

### IAM Access Analyzer

`JSON_SYNTAX_ERROR` (AWS rejects the document as malformed)
)md",
};

}  // namespace

std::unique_ptr<Rule> make_duplicate_key() {
  return std::make_unique<InputDiagnosticRule>(kInfo, false);
}

}  // namespace bucketlint::rules
