#include <fmt/format.h>

#include <memory>
#include <string>
#include <vector>

#include "bucketlint/eval.h"
#include "bucketlint/model.h"
#include "bucketlint/rule.h"
#include "fix_snippets.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "CF002",
    .name = "cloudfront-any-distribution",
    .default_severity = Severity::kWarning,
    .stability = Stability::kStable,
    .summary = "cloudfront.amazonaws.com is allowed without aws:SourceArn or aws:SourceAccount",
    .remediation =
        "add a condition {\"StringEquals\": {\"AWS:SourceArn\": "
        "\"arn:aws:cloudfront::<account>:distribution/<id>\"}} naming your "
        "distribution",
    .doc = R"md(### What it flags

An `Allow` statement of a bucket policy (or another resource policy, such as a KMS key policy)
whose principal is the service principal `cloudfront.amazonaws.com`, and that still applies when
the request comes from a distribution of a foreign account. bucketlint asks the evaluator whether
`cloudfront.amazonaws.com`, with `aws:SourceArn` = a distribution in an unrelated account and
`aws:SourceAccount` = that account, is allowed the statement's action; when it is, the statement
does not narrow the caller to your distribution or account.

### Why it matters

With origin access control (OAC) every CloudFront distribution calls S3 as the same service
principal. Without `aws:SourceArn` (or at least `aws:SourceAccount`) any distribution, in any AWS
account, that names the bucket as its origin can read it: the cross-service confused deputy
(docs/aws-semantics.md sections 4.2 and 6, row 25 of section 13;
https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html,
https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-s3.html).

### Example

Failing:

```json
{"Effect": "Allow", "Principal": {"Service": "cloudfront.amazonaws.com"},
 "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}
```

Fixed:

```json
{"Effect": "Allow", "Principal": {"Service": "cloudfront.amazonaws.com"},
 "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
 "Condition": {"StringEquals": {"AWS:SourceArn":
   "arn:aws:cloudfront::111111111111:distribution/EDFDVBD6EXAMPLE"}}}
```

### How to fix

Add `"Condition": {"StringEquals": {"AWS:SourceArn": "<distribution ARN>"}}` (the help names the
distributions of the model that use this bucket), or at least `aws:SourceAccount`.

### Known gaps

- A condition on a key bucketlint cannot know (`aws:SourceIp`, `aws:Referer`) counts as not
  narrowing only when the evaluator can still allow the foreign distribution.
- A Deny elsewhere in the policy that excludes foreign distributions is honoured (the whole
  policy is evaluated); SCPs and RCPs are not.

### Access Analyzer

`RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL` (security warning).
)md",
};

constexpr std::string_view kForeignAccount = "999999999999";
constexpr std::string_view kForeignDistribution =
    "arn:aws:cloudfront::999999999999:distribution/EFOREIGNEXAMPLE";

// The action and resource to ask about for one statement: the first of a few typical CloudFront
// actions the statement's Action covers; its Resource made concrete.
struct Probe {
  std::string action;
  std::string resource;
};

std::optional<Probe> probe_for(const Model& model, const PolicyDocument& policy,
                               const Statement& stmt) {
  Probe p;
  const bool key_policy = policy.kind == PolicyKind::kKey;
  const std::vector<std::string_view> actions =
      key_policy
          ? std::vector<std::string_view>{"kms:Decrypt", "kms:GenerateDataKey", "kms:Encrypt"}
          : std::vector<std::string_view>{"s3:GetObject", "s3:PutObject", "s3:ListBucket",
                                          "s3:DeleteObject"};
  for (std::string_view a : actions) {
    if (eval::action_element_matches(stmt.action, a)) {
      p.action = std::string(a);
      break;
    }
  }
  if (p.action.empty()) return std::nullopt;
  if (key_policy) {
    const std::string account = policy_account(model, policy);
    p.resource = fmt::format("arn:aws:kms:us-east-1:{}:key/probe",
                             account.empty() ? "111122223333" : account);
  } else if (!policy.bucket.empty()) {
    p.resource = p.action == "s3:ListBucket" ? bucket_arn(policy.bucket)
                                             : object_arn(policy.bucket, "index.html");
  } else {
    // A policy given alone: the statement's own resource names the bucket.
    if (stmt.resource.is_not || stmt.resource.values.empty()) return std::nullopt;
    std::string r(stmt.resource.values.front().value);
    for (char& c : r) {
      if (c == '*' || c == '?') c = 'x';
    }
    p.resource = r;
  }
  return p;
}

class CloudFrontAnyDistribution final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, FindingSink& sink) const override {
    const Model& model = ctx.model;
    for (const auto& owned : model.policies) {
      const PolicyDocument& policy = *owned;
      if (policy.kind != PolicyKind::kBucket && policy.kind != PolicyKind::kKey &&
          policy.kind != PolicyKind::kResource) {
        continue;
      }
      for (const Statement& stmt : policy.statements) {
        if (stmt.effect != Effect::kAllow || stmt.principal.is_not) continue;
        const PrincipalValue* service = nullptr;
        for (const PrincipalValue& v : stmt.principal.values) {
          if (v.type == "Service" && v.value == "cloudfront.amazonaws.com") service = &v;
        }
        if (service == nullptr) continue;
        const std::optional<Probe> probe = probe_for(model, policy, stmt);
        if (!probe) continue;
        eval::Request req;
        req.principal.kind = eval::PrincipalKind::kService;
        req.principal.service = "cloudfront.amazonaws.com";
        req.action = probe->action;
        req.resource = probe->resource;
        req.resource_account = policy_account(model, policy);
        req.context.set("aws:SourceArn", std::string(kForeignDistribution));
        req.context.set("aws:SourceAccount", std::string(kForeignAccount));
        const eval::Context req_context = eval::effective_context(req);
        const eval::StatementMatch m =
            eval::match_statement(policy, stmt, req, req_context, nullptr);
        if (m.applies == eval::Tri::kFalse) continue;
        eval::PolicySet set;
        set.resource_policy = &policy;
        const eval::Result whole = ctx.access.evaluate(req, set);
        if (!whole.possibly_allowed()) continue;
        report(ctx, policy, stmt, *service, probe->action, sink);
      }
    }
  }

 private:
  static void report(const RuleContext& ctx, const PolicyDocument& policy, const Statement& stmt,
                     const PrincipalValue& service, std::string_view action, FindingSink& sink) {
    Finding f = make_finding(
        kInfo, service.where,
        fmt::format(
            "{} of the {} allows 'cloudfront.amazonaws.com' '{}' without "
            "aws:SourceArn or aws:SourceAccount: any distribution of any account can use it",
            stmt.label(), policy.label(), action));
    std::vector<std::string> arns;
    for (const OriginAccess& a : ctx.access.origins()) {
      if (a.oai || a.bucket == nullptr || a.bucket->policy != &policy) continue;
      f.notes.push_back(
          {a.access_where(), fmt::format("{} origin '{}' uses this bucket with {}",
                                         a.distribution_label(), a.origin->id, a.access_label())});
      arns.push_back(a.distribution_arn());
    }
    if (!arns.empty()) {
      std::string list;
      for (std::size_t i = 0; i < arns.size(); ++i) {
        list += fmt::format("{}\"{}\"", i == 0 ? "" : ", ", arns[i]);
      }
      f.remediation =
          fmt::format("add to {}: \"Condition\": {{\"StringEquals\": {{\"AWS:SourceArn\": {}}}}}",
                      stmt.label(), arns.size() == 1 ? list : fmt::format("[{}]", list));
    }
    sink.report(std::move(f));
  }
};

}  // namespace

std::unique_ptr<Rule> make_cloudfront_any_distribution() {
  return std::make_unique<CloudFrontAnyDistribution>();
}

}  // namespace bucketlint::rules
