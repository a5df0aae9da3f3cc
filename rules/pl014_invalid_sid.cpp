#include <fmt/format.h>

#include <memory>
#include <string>

#include "bucketlint/model.h"
#include "bucketlint/rule.h"
#include "helpers.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "PL014",
    .name = "invalid-sid",
    .default_severity = Severity::kError,
    .stability = Stability::kStable,
    .summary = "a Sid has characters IAM does not accept, or is empty",
    .remediation = "use only ASCII letters and digits in the Sid of IAM policies",
    .doc = R"md(### What it flags

* In IAM policies (identity and role trust policies): a `Sid` with a character other than
  `A-Z`, `a-z`, `0-9` (spaces, `-`, `_`, `.`) - error.
* In any policy: an empty `Sid` (`""`) - note.

### Why it matters

IAM documents that "the Sid element supports ASCII uppercase letters (A-Z), lowercase letters
(a-z), and numbers (0-9)"; Access Analyzer reports other characters as errors. Other services
accept more: S3's own bucket policy examples use Sids with spaces, and KMS default key policies
use "Enable IAM User Permissions", so bucket, key and resource policies are not checked for the
character set (docs/aws-semantics.md 10.1;
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html).
An empty Sid identifies nothing and only adds noise.

### Example

Failing (identity policy):

```json
{"Version": "2012-10-17", "Statement": [{"Sid": "read-only_access", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}
```

Fixed: `"Sid": "ReadOnlyAccess"`.

### How to fix

Rename the Sid with letters and digits only (CamelCase reads well); remove empty Sids.

### Known gaps

The Sid rules of services other than IAM and S3 are not documented in one place; bucketlint
does not check the character set of resource-based policies.

### Access Analyzer

`UNSUPPORTED_SID` (error) and `EMPTY_SID_VALUE` (suggestion)
(https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
)md",
};

bool is_iam_sid_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

std::string describe(char c) {
  if (c == ' ') return "space";
  if (static_cast<unsigned char>(c) >= 0x80) return "non-ASCII";
  if (static_cast<unsigned char>(c) < 0x20) return "control";
  return {c};
}

class InvalidSid final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void check(const RuleContext& ctx, FindingSink& sink) const override {
    const Model& model = ctx.model;
    for (const auto& doc : model.policies) {
      for (const Statement& st : doc->statements) {
        if (!st.sid) continue;
        const std::string_view sid = st.sid->value;
        if (sid.empty()) {
          Finding f = make_finding(kInfo, st.sid->where,
                                   fmt::format("statement {} has an empty 'Sid'", st.index + 1));
          f.severity = Severity::kNote;
          f.remediation = "remove the empty Sid or give the statement a meaningful one";
          sink.report(std::move(f));
          continue;
        }
        if (!is_iam_policy(doc->kind)) continue;
        for (const char c : sid) {
          if (is_iam_sid_char(c)) continue;
          sink.report(make_finding(
              kInfo, st.sid->where,
              fmt::format("Sid '{}' has a '{}' character; {} Sids allow only letters and "
                          "digits",
                          sid, describe(c), policy_kind_name(doc->kind))));
          break;
        }
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_invalid_sid() { return std::make_unique<InvalidSid>(); }

}  // namespace bucketlint::rules
