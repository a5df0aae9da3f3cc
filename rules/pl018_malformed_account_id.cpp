#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <memory>
#include <string>
#include <string_view>

#include "bucketlint/model.h"
#include "bucketlint/rule.h"
#include "helpers.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "PL018",
    .name = "malformed-account-id",
    .default_severity = Severity::kError,
    .stability = Stability::kStable,
    .summary = "an account ID in a principal, an ARN or an account condition is not 12 digits",
    .remediation = "write the account ID as exactly 12 digits, without dashes or spaces",
    .doc = R"md(### What it flags

Account IDs that are not exactly 12 ASCII digits:

* principal values given as account IDs: `{"AWS": "1111-2222-3333"}`, `{"AWS": "11112222333"}`;
* the account field of Resource and principal ARNs:
  `arn:aws:iam::11112222333:root`, `arn:aws:kms:us-east-1:ACCOUNT_ID:key/...`;
* values of the account condition keys `aws:SourceAccount`, `aws:PrincipalAccount`,
  `aws:ResourceAccount`, `aws:SourceOwner` and `s3:ResourceAccount` under a `String...`
  operator (`Null` takes `"true"`/`"false"`).

Fields with wildcards or policy variables, and the AWS-owned account names `aws` (AWS managed
policies: `arn:aws:iam::aws:policy/...`) and `cloudfront` (the OAI user ARN) are accepted.

### Why it matters

AWS account IDs are 12 digits (leading zeros included). A principal with another account ID is
rejected; an ARN or condition value with one matches nothing, so an Allow grants nothing and a
Deny guarded by `StringNotEquals aws:SourceAccount` denies everyone (DOMAIN.md 5.2;
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html,
https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-identifiers.html).

### Example

Failing:

```json
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "1111-2222-3333"},
  "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}]}
```

Fixed: `{"AWS": "111122223333"}`.

### How to fix

Write the 12 digits without separators; keep leading zeros (a JSON string, not a number).
Placeholders from documentation (`ACCOUNT-ID`, `<account-id>`) must be replaced.

### Known gaps

Unique IDs of deleted principals (`AROA...`, `AIDA...`) are left to TR005. Principal values
that are neither digits nor ARNs are PL019. Account condition keys are matched by exact name
(case-insensitively); service-specific account keys other than `s3:ResourceAccount` are not
checked.

### Access Analyzer

`INVALID_ARN_ACCOUNT`, `INVALID_PRINCIPAL_FORMAT` (errors)
(https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
)md",
};

constexpr std::array<std::string_view, 5> kAccountKeys{
    "aws:sourceaccount", "aws:principalaccount", "aws:resourceaccount",
    "aws:sourceowner",   "s3:resourceaccount",
};

bool is_account_key(std::string_view key) {
  return std::ranges::find(kAccountKeys, ascii_lower(key)) != kAccountKeys.end();
}

// Account IDs are compared with String operators; other operators (Null's "true"/"false")
// take other values.
bool is_string_operator(std::string_view op) {
  const std::size_t colon = op.find(':');
  const std::string_view base = colon == std::string_view::npos ? op : op.substr(colon + 1);
  return ascii_lower(base.substr(0, 6)) == "string";
}

bool judged(std::string_view s) { return !has_wildcard(s) && !has_policy_variable(s); }

class MalformedAccountId final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void check(const Model& model, FindingSink& sink) const override {
    for (const auto& doc : model.policies) {
      for (const Statement& st : doc->statements) {
        for (const LocatedString& r : st.resource.values) {
          if (!has_unresolved_part(r.value)) check_arn(r.value, r.where, sink);
        }
        for (const PrincipalValue& p : st.principal.values) check_principal(p, sink);
        for (const ConditionEntry& c : st.conditions) check_condition(c, sink);
      }
    }
  }

 private:
  static void check_principal(const PrincipalValue& p, FindingSink& sink) {
    if (p.type != "AWS" && p.type != "Federated") return;
    if (has_unresolved_part(p.value)) return;
    if (p.value.rfind("arn:", 0) == 0) {
      check_arn(p.value, p.where, sink);
      return;
    }
    if (p.type != "AWS" || !looks_like_account_id_attempt(p.value) || is_account_id(p.value)) {
      return;
    }
    sink.report(make_finding(kInfo, p.where,
                             fmt::format("principal account ID '{}' is not 12 digits", p.value)));
  }

  static void check_condition(const ConditionEntry& c, FindingSink& sink) {
    if (!is_account_key(c.key) || !is_string_operator(c.op)) return;
    for (const ConditionValue& v : c.values) {
      if (!judged(v.text) || is_account_id(v.text) || has_unresolved_part(v.text)) continue;
      sink.report(make_finding(
          kInfo, v.where,
          fmt::format("account ID '{}' for condition key '{}' is not 12 digits", v.text, c.key)));
    }
  }

  static void check_arn(std::string_view value, const SourceRef& where, FindingSink& sink) {
    const ArnFields a = split_arn(value);
    if (a.prefix != "arn" || a.fields < 6) return;  // PL017
    if (a.account.empty() || !judged(a.account) || is_account_id(a.account)) return;
    if (a.account == "aws" || a.account == "cloudfront") return;
    sink.report(make_finding(
        kInfo, where,
        fmt::format("account field '{}' of ARN '{}' is not 12 digits", a.account, value)));
  }
};

}  // namespace

std::unique_ptr<Rule> make_malformed_account_id() { return std::make_unique<MalformedAccountId>(); }

}  // namespace bucketlint::rules
