#include <memory>

#include "input_rule.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "IN003",
    .name = "invalid-characters",
    .default_severity = Severity::kError,
    .stability = Stability::kStable,
    .summary = "a file is not UTF-8, or a policy holds characters IAM does not accept",
    .remediation =
        "save the file as UTF-8 and use only characters U+0009, U+000A, U+000D and U+0020-U+00FF "
        "in policy documents",
    .doc = R"md(### What it flags

Two cases. Bytes that are not valid UTF-8 anywhere in the file (an error: the file is not read).
And, inside policy documents, characters outside what IAM accepts (U+0009, U+000A, U+000D and
U+0020-U+00FF), e.g. a curly quote, an emoji or an escaped control character in a Sid or a
condition value (a warning: the rest of the document is analysed). One warning per string, at most
ten per policy.

### Why it matters

IAM rejects policy documents with other characters (docs/aws-semantics.md 10.1, from the IAM quotas page
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html); a file that is not
UTF-8 cannot be read reliably at all (JSON text is UTF-8, RFC 8259).

### Example

```json
{"Sid": "AllowUpload\u2014partner", "Effect": "Allow", "Action": "s3:PutObject", "Resource": "*"}
```
(an EM DASH, U+2014) warns; fixed: `"Sid": "AllowUploadPartner"`.

### How to fix

Replace the character with plain ASCII; re-save the file as UTF-8 without a different encoding.

### Known gaps

Characters are checked in policy documents only, not in ACL or CloudFront dumps. Latin-1 characters above U+007F are accepted as IAM documents them, although `Sid` allows only `[A-Za-z0-9]` in IAM policies (a PL rule covers Sids).

### IAM Access Analyzer

none directly; AWS rejects such documents with `MalformedPolicyDocument`
)md",
};

}  // namespace

std::unique_ptr<Rule> make_invalid_characters() {
  return std::make_unique<InputDiagnosticRule>(kInfo, true);
}

}  // namespace bucketlint::rules
