#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "bucketlint/model.h"
#include "bucketlint/rule.h"
#include "helpers.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "PL019",
    .name = "malformed-principal",
    .default_severity = Severity::kError,
    .stability = Stability::kStable,
    .summary =
        "a Principal has an unknown key, a bare string other than '*', a partial "
        "wildcard, or a value of the wrong form",
    .remediation = R"(write the principal in one of the documented forms: "*", )"
                   R"({"AWS": account ID or IAM ARN}, {"Service": "svc.amazonaws.com"}, )"
                   R"({"Federated": provider}, {"CanonicalUser": 64- or 96-character ID})",
    .doc = R"md(### What it flags

`Principal` and `NotPrincipal` values that are not of a documented form:

* a bare string other than `"*"` (`"Principal": "111122223333"`);
* a key other than `AWS`, `Service`, `Federated`, `CanonicalUser` (`"aws"`, `"IAM"`);
* `AWS` values that are neither `"*"`, a 12-digit account ID, nor an IAM/STS principal ARN:
  `arn:aws:iam::ACCOUNT:root`, `...:user/NAME`, `...:role/NAME` (with path),
  `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`, `arn:aws:sts::ACCOUNT:federated-user/NAME`,
  and the CloudFront OAI ARN
  `arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity ID`; IAM groups
  (`...:group/NAME`) cannot be principals;
* partial wildcards: `arn:aws:iam::*:root`, `arn:aws:iam::111122223333:role/*`,
  `*.amazonaws.com` (only the whole value `"*"` may be a wildcard);
* wildcards in `Service` and `Federated` values;
* `CanonicalUser` values that are not 64 or 96 letters or digits.

The form of `Service` and `Federated` values (a service host name, a SAML/OIDC provider ARN or
a documented web identity provider) is checked by PL114, which knows the documented providers.

### Why it matters

"You cannot use a wildcard to match part of a principal name or ARN", groups cannot be
principals, and AWS rejects principals of other forms when the policy is saved (DOMAIN.md 5.2;
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html,
https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-bucket-user-policy-specifying-principal-intro.html).
A partial wildcard that some service did accept would still not match what the author meant.

### Example

Failing:

```json
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
  "Principal": {"AWS": "arn:aws:iam::111122223333:role/deploy-*"},
  "Action": "s3:PutObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}]}
```

Fixed: name the roles, or use `"Principal": {"AWS": "111122223333"}` with a condition
`{"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/deploy-*"}}`.

### How to fix

Use the documented forms. To match principals by pattern, use `"*"` (or the account) as the
principal and a condition on `aws:PrincipalArn`.

### Known gaps

Unique IDs of deleted principals (`AROA...`, `AIDA...`) are TR005's, account IDs that are not
12 digits PL018's, malformed ARN structure PL017's. The OAI canonical user sample in the AWS
docs ends in `EXAMPLE`, so `CanonicalUser` accepts letters and digits, not only hex. An account's
canonical user ID has 64 characters; the `S3CanonicalUserId` that CloudFront issues to an origin
access identity can be longer (96 hex characters have been seen in the Terraform state of real
distributions), and AWS documents no fixed length for it
(https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_CloudFrontOriginAccessIdentity.html),
so both lengths are accepted: a correct OAI grant is never a PL019 error.
Whether a service principal exists is not checked. `CanonicalUser` outside S3 bucket policies
is not flagged.

### Access Analyzer

`INVALID_PRINCIPAL_KEY`, `INVALID_PRINCIPAL_FORMAT`, `UNSUPPORTED_WILDCARD_IN_PRINCIPAL`,
`INVALID_SERVICE_PRINCIPAL_FORMAT`,
`ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL` (errors)
(https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
)md",
};

constexpr std::array<std::string_view, 4> kKeys{"AWS", "Service", "Federated", "CanonicalUser"};

// 64 characters: an account's canonical user ID; 96: the S3CanonicalUserId of a CloudFront
// origin access identity (see "Known gaps" in the doc above).
bool is_canonical_user_id(std::string_view s) {
  return (s.size() == 64 || s.size() == 96) && std::ranges::all_of(s, is_ascii_alnum);
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// Checks an IAM/STS principal ARN's resource part; the ARN's structure is PL017's.
std::optional<std::string> aws_arn_problem(std::string_view value) {
  const ArnFields a = split_arn(value);
  if (a.fields < 6) return std::nullopt;  // PL017
  if (a.service != "iam" && a.service != "sts") {
    return fmt::format("principal '{}' is a '{}' ARN; AWS principals are IAM or STS ARNs", value,
                       a.service);
  }
  const std::string_view r = a.resource;
  if (a.service == "iam") {
    if (a.account == "cloudfront") {
      if (starts_with(r, "user/CloudFront Origin Access Identity ") &&
          r.size() > std::string_view("user/CloudFront Origin Access Identity ").size()) {
        return std::nullopt;
      }
      return fmt::format(
          "principal '{}' is not a CloudFront origin access identity ARN "
          "('...:user/CloudFront Origin Access Identity ID')",
          value);
    }
    if (r == "root") return std::nullopt;
    if (starts_with(r, "group/")) {
      return fmt::format("principal '{}' is an IAM group; groups cannot be principals", value);
    }
    if ((starts_with(r, "user/") || starts_with(r, "role/")) && r.back() != '/') {
      return std::nullopt;
    }
    return fmt::format("principal '{}' is not an account root, user or role ARN", value);
  }
  if (starts_with(r, "assumed-role/")) {
    const std::string_view rest = r.substr(std::string_view("assumed-role/").size());
    const std::size_t slash = rest.find('/');
    if (slash != std::string_view::npos && slash > 0 && slash + 1 < rest.size()) {
      return std::nullopt;
    }
    return fmt::format(
        "principal '{}' must name the role and the session: "
        "'assumed-role/ROLE/SESSION'",
        value);
  }
  if (starts_with(r, "federated-user/") && r.size() > std::string_view("federated-user/").size()) {
    return std::nullopt;
  }
  return fmt::format("principal '{}' is not an assumed-role session or federated user ARN", value);
}

std::optional<std::string> aws_value_problem(const std::string& v) {
  if (v == "*" || is_account_id(v) || is_unique_principal_id(v)) return std::nullopt;
  if (starts_with(v, "arn:")) {
    if (has_wildcard(v)) {
      return fmt::format(
          "principal '{}' has a partial wildcard; principals take only the whole value '*'", v);
    }
    return aws_arn_problem(v);
  }
  if (looks_like_account_id_attempt(v)) return std::nullopt;  // PL018
  return fmt::format("AWS principal '{}' is neither '*', an account ID nor an IAM ARN", v);
}

// The form of Service and Federated values is PL114's; this rule reports only the wildcard,
// which is a grammar error whatever the principal type.
std::optional<std::string> wildcard_problem(std::string_view kind, const std::string& v) {
  if (!has_wildcard(v)) return std::nullopt;
  return fmt::format("{} principal '{}' has a wildcard; name it exactly", kind, v);
}

std::optional<std::string> value_problem(const PrincipalValue& p) {
  if (p.type == "AWS") return aws_value_problem(p.value);
  if (p.type == "Service") return wildcard_problem("service", p.value);
  if (p.type == "Federated") return wildcard_problem("federated", p.value);
  if (p.type == "CanonicalUser" && !is_canonical_user_id(p.value)) {
    return fmt::format("canonical user ID '{}' is not 64 or 96 letters and digits", p.value);
  }
  return std::nullopt;  // unknown keys and bare strings are reported on the element
}

class MalformedPrincipal final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void check(const Model& model, FindingSink& sink) const override {
    for (const auto& doc : model.policies) {
      for (const Statement& st : doc->statements) {
        if (st.principal.present && st.principal.json != nullptr) {
          check_element(*doc, st.principal, sink);
        }
      }
    }
  }

 private:
  static void check_element(const PolicyDocument& doc, const PrincipalElement& pe,
                            FindingSink& sink) {
    if (pe.json->is_string()) {
      if (pe.json->text == "*") return;
      sink.report(make_finding(
          kInfo, pe.where,
          fmt::format("'{}' value '{}' must be '*' or an object such as {{'AWS': ...}}",
                      pe.is_not ? "NotPrincipal" : "Principal", pe.json->text)));
      return;
    }
    if (!pe.json->is_object()) return;  // IN009
    for (const JsonMember& m : pe.json->members) {
      if (std::ranges::find(kKeys, m.key) != kKeys.end()) continue;
      sink.report(make_finding(
          kInfo, key_ref_of(doc, m, pointer_append(pe.where.pointer(), m.key)),
          fmt::format("'{}' is not a principal type; use AWS, Service, Federated or CanonicalUser",
                      m.key)));
    }
    for (const PrincipalValue& p : pe.values) {
      if (has_unresolved_part(p.value)) continue;
      if (auto problem = value_problem(p)) {
        sink.report(make_finding(kInfo, p.where, std::move(*problem)));
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_malformed_principal() { return std::make_unique<MalformedPrincipal>(); }

}  // namespace bucketlint::rules
