#include <memory>

#include "input_rule.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "IN001",
    .name = "malformed-json",
    .default_severity = Severity::kError,
    .stability = Stability::kStable,
    .summary = "a file is not valid JSON",
    .remediation =
        "fix the JSON syntax at the reported position (a JSON validator or `jq .` shows the same "
        "error)",
    .doc = R"md(### What it flags

A file (or a policy embedded in a JSON string or URL-encoded string) that is not valid JSON:
a missing comma or brace, a comment, a trailing comma, an unterminated string, two top-level
values, a NO-BREAK SPACE used as indentation. The position is the first character the parser could
not accept, with what it expected there; for embedded policies it points into the string in the
file, escapes accounted for.

### Why it matters

AWS rejects a policy that is not valid JSON (`MalformedPolicyDocument`), and bucketlint cannot
analyse it: every other rule is silent about this file, so the run is reported as incomplete
(exit code 2). The corpus of real documentation examples holds several such blocks
(`corpus/malformed/`: a `//` comment in a published SCP, a missing comma in the AWS CLI sample for
`get-role-policy`, docs/aws-semantics.md 11.10). See docs/aws-semantics.md 10.1 and
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html.

### Example

```json
{
  "Version": "2012-10-17"
  "Statement": []
}
```
reports `policy.json:3:3: error: expected ',' or '}' after an object member, found '"'`. Fixed:
```json
{
  "Version": "2012-10-17",
  "Statement": []
}
```

### How to fix

Correct the syntax at the reported line and column; remove comments and trailing commas; re-export the document from AWS rather than copying it from a web page.

### Known gaps

Only the first syntax error of a file is reported (the parser stops there).

### IAM Access Analyzer

`JSON_SYNTAX_ERROR` (ERROR)
)md",
};

}  // namespace

std::unique_ptr<Rule> make_malformed_json() {
  return std::make_unique<InputDiagnosticRule>(kInfo, false);
}

}  // namespace bucketlint::rules
