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
    .id = "PL017",
    .name = "malformed-arn",
    .default_severity = Severity::kError,
    .stability = Stability::kStable,
    .summary =
        "a Resource or principal ARN is not of the form "
        "arn:partition:service:region:account:resource",
    .remediation =
        "write the ARN as arn:partition:service:region:account:resource; S3 bucket "
        "and object ARNs have empty region and account fields",
    .doc = R"md(### What it flags

Values of `Resource`/`NotResource`, and ARN values of `Principal`/`NotPrincipal` (`AWS`,
`Federated`), that are not well-formed ARNs:

* a resource that is neither `"*"` nor an ARN (`"amzn-s3-demo-bucket/*"`), or whose prefix is
  not exactly `arn:` (`"ARN:aws:..."`);
* fewer than six colon-separated fields (`"arn:aws:s3:amzn-s3-demo-bucket"`);
* an unknown partition (`"arn:amazon:s3:::b"`); known: `aws`, `aws-cn`, `aws-us-gov`,
  `aws-iso`, `aws-iso-b`, `aws-iso-e`, `aws-iso-f`, `aws-eusc`;
* an empty or upper-case service (`"arn:aws:S3:::b"`), a malformed region
  (`"arn:aws:ec2:us_east_1:..."`);
* an empty resource part (`"arn:aws:organizations::*:"`): reported as a warning, because AWS
  accepts such ARNs (one AWS managed policy has one) although they match no resource;
* an S3 bucket or object ARN with an account or Region (`"arn:aws:s3:us-east-1:111122223333:b/*"`):
  S3 bucket ARNs carry neither; access points, jobs and Storage Lens ARNs do and are not flagged.

Fields containing wildcards (`*`, `?`) or policy variables (`${...}`) are not judged.

### Why it matters

A malformed ARN is rejected when the policy is saved, or - in the S3 account/Region case -
never matches any bucket, so the statement silently grants or denies nothing (DOMAIN.md 5.4;
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html,
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html).

### Example

Failing:

```json
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "111122223333"},
  "Action": "s3:GetObject", "Resource": "arn:aws:s3:us-east-1:111122223333:amzn-s3-demo-bucket/*"}]}
```

Fixed: `"Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"`.

### How to fix

Copy the ARN from the resource's console page or `describe`/`get` output; for S3 write
`arn:aws:s3:::BUCKET` for the bucket and `arn:aws:s3:::BUCKET/KEY` for objects.

### Known gaps

Account fields that are not 12 digits are PL018; principal-specific forms (wildcards, roles,
users) are PL019. Resource types are not checked against the service's ARN formats (needs the
action catalogue), so `arn:aws:s3:::accesspoint/x` (an access point ARN missing its Region) is
read as a bucket named "accesspoint". When the last field present ends in a wildcard
(`"arn:aws:s3:*"`), missing fields are not reported: IAM lets a trailing `*` span colons.

### Access Analyzer

`INVALID_ARN_PREFIX`, `MISSING_ARN_FIELD`, `INVALID_PARTITION`, `INVALID_ARN_SERVICE_CASE`,
`INVALID_ARN_REGION`, `INVALID_ARN_RESOURCE`, `ARN_ACCOUNT_NOT_ALLOWED`,
`ARN_REGION_NOT_ALLOWED` (errors)
(https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
)md",
};

// S3 resource types whose ARNs carry a Region and account (not bucket/object ARNs).
constexpr std::array<std::string_view, 7> kS3TypedResources{
    "accesspoint",   "job",           "storage-lens", "storage-lens-group",
    "access-grants", "async-request", "outpost",
};

bool judged(std::string_view field) { return !has_wildcard(field) && !has_policy_variable(field); }

// "us-east-1", "eu-central-2", "us-gov-west-1": lower-case words and digits joined by '-',
// ending in a digit.
bool valid_region(std::string_view r) {
  if (r.empty() || r.find('-') == std::string_view::npos || !is_ascii_digit(r.back())) {
    return false;
  }
  return std::ranges::all_of(
      r, [](char c) { return is_ascii_lower(c) || is_ascii_digit(c) || c == '-'; });
}

bool has_upper(std::string_view s) { return std::ranges::any_of(s, is_ascii_upper); }

bool is_s3_bucket_arn(const ArnFields& a) {
  if (a.service != "s3") return false;
  const std::string_view first = a.resource.substr(0, a.resource.find_first_of("/:"));
  return std::ranges::find(kS3TypedResources, first) == kS3TypedResources.end();
}

// The problem with `value` as an ARN, or nothing.
struct ArnProblem {
  std::string message;
  Severity severity = Severity::kError;
};

std::optional<ArnProblem> arn_problem(std::string_view value) {
  const ArnFields a = split_arn(value);
  if (a.prefix != "arn") {
    if (a.fields > 1 && (a.prefix == "ARN" || a.prefix == "Arn" || a.prefix == "aRN")) {
      return ArnProblem{fmt::format("ARN '{}' must start with lower-case 'arn:'", value)};
    }
    return ArnProblem{fmt::format("'{}' is not an ARN", value)};
  }
  if (a.fields < 6) {
    const std::array<std::string_view, 6> all{a.prefix, a.partition, a.service,
                                              a.region, a.account,   a.resource};
    const std::string_view last = all[static_cast<std::size_t>(a.fields - 1)];
    if (!last.empty() && last.back() == '*') return std::nullopt;  // a trailing * spans colons
    return ArnProblem{
        fmt::format("ARN '{}' has {} of the 6 colon-separated fields", value, a.fields)};
  }
  if (judged(a.partition) && !is_known_partition(a.partition)) {
    return ArnProblem{fmt::format("ARN '{}' has an unknown partition '{}'", value, a.partition)};
  }
  if (a.service.empty())
    return ArnProblem{fmt::format("ARN '{}' has an empty service field", value)};
  if (judged(a.service) && has_upper(a.service)) {
    return ArnProblem{
        fmt::format("ARN '{}' has service '{}'; services are lower-case", value, a.service)};
  }
  if (!a.region.empty() && judged(a.region) && !valid_region(a.region)) {
    return ArnProblem{fmt::format("ARN '{}' has a malformed region '{}'", value, a.region)};
  }
  if (a.resource.empty()) {
    return ArnProblem{
        fmt::format("ARN '{}' has an empty resource part and matches no resource", value),
        Severity::kWarning};
  }
  if (is_s3_bucket_arn(a)) {
    if (!a.account.empty() && judged(a.account)) {
      return ArnProblem{fmt::format(
          "S3 bucket ARN '{}' has account '{}'; bucket and object ARNs have no account field",
          value, a.account)};
    }
    if (!a.region.empty() && judged(a.region)) {
      return ArnProblem{fmt::format(
          "S3 bucket ARN '{}' has region '{}'; bucket and object ARNs have no region field", value,
          a.region)};
    }
  }
  return std::nullopt;
}

class MalformedArn final : public Rule {
  static void report(const SourceRef& where, ArnProblem problem, FindingSink& sink) {
    Finding f = make_finding(kInfo, where, std::move(problem.message));
    f.severity = problem.severity;
    sink.report(std::move(f));
  }

 public:
  const RuleInfo& info() const override { return kInfo; }
  void check(const Model& model, FindingSink& sink) const override {
    for (const auto& doc : model.policies) {
      for (const Statement& st : doc->statements) check_statement(st, sink);
    }
  }

 private:
  static void check_statement(const Statement& st, FindingSink& sink) {
    for (const LocatedString& r : st.resource.values) {
      if (r.value == "*" || has_unresolved_part(r.value)) continue;
      if (auto p = arn_problem(r.value)) report(r.where, std::move(*p), sink);
    }
    for (const PrincipalValue& p : st.principal.values) {
      if (p.type != "AWS" && p.type != "Federated") continue;
      if (p.value.rfind("arn:", 0) != 0) continue;  // account IDs, domains: PL018/PL019
      if (has_unresolved_part(p.value)) continue;
      if (auto problem = arn_problem(p.value)) report(p.where, std::move(*problem), sink);
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_malformed_arn() { return std::make_unique<MalformedArn>(); }

}  // namespace bucketlint::rules
