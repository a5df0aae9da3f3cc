#include <memory>

#include "input_rule.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "IN009",
    .name = "wrong-element-type",
    .default_severity = Severity::kError,
    .stability = Stability::kStable,
    .summary = "a policy or dump element has the wrong JSON type",
    .remediation =
        "give the element the JSON type the grammar requires (e.g. 'Action' a string or an array "
        "of strings)",
    .doc = R"md(### What it flags

An element of a policy (Version, Statement, Sid, Effect, Principal, Action, Resource,
Condition and their values) or of a dump (ACL grants, ownership rules, origins, ...) whose JSON type
is not what the grammar allows, e.g. `"Action": 5`, `"Statement": "Allow"`, a Principal given as a
list, an `ObjectOwnership` value that is not one of the three settings, or an embedded policy
string that is neither JSON nor URL-encoded JSON. The element is left out; the rest of the
document is analysed.

### Why it matters

AWS rejects such policies (IAM policy grammar, docs/aws-semantics.md 10.1,
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html); rules that
read the element cannot see it, so their silence would be misleading.

### Example

```json
{"Effect": "Allow", "Action": ["s3:GetObject", 5], "Resource": "*"}
```
Fixed: `"Action": ["s3:GetObject"]`.

### How to fix

Use the type the grammar requires: strings for Sid/Effect/Version, a string or array of strings for Action/Resource, an object for Condition.

### Known gaps

Elements bucketlint does not model (e.g. unknown top-level keys) are not type-checked.

### IAM Access Analyzer

`JSON_SYNTAX_ERROR` / `TYPE_MISMATCH` (depending on the element)
)md",
};

}  // namespace

std::unique_ptr<Rule> make_wrong_element_type() {
  return std::make_unique<InputDiagnosticRule>(kInfo, false);
}

}  // namespace bucketlint::rules
