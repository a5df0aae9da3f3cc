#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "bucketlint/eval.h"
#include "bucketlint/model.h"
#include "bucketlint/rule.h"
#include "fix_snippets.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "TR001",
    .name = "broken-assume-role-chain",
    .default_severity = Severity::kError,
    .stability = Stability::kStable,
    .summary =
        "an AssumeRole chain is broken: the caller's identity policy and the role's trust "
        "policy do not both allow it",
    .remediation =
        "make both sides allow the call: the role's trust policy must trust the "
        "caller, and the caller's identity policy must allow sts:AssumeRole on the "
        "role ARN",
    .doc = R"md(### What it flags

One half of an `sts:AssumeRole` chain without the other, for roles and callers (roles, users)
whose policies are in the model:

1. a caller's identity policy allows `sts:AssumeRole` on role R *specifically* (a statement that
   matches R's ARN but not an unrelated role in the same account; `Resource: "*"` is a
   delegation to "any role that trusts me" and is not a chain), and the evaluator denies the
   call with R's trust policy: R does not trust the caller (or denies it);
2. R's trust policy trusts a role or user of the model by ARN, the caller's identity policies
   are given, and the evaluator denies the call: the caller's own account does not let it
   assume R.

Both questions are asked to the evaluator with `sts:ExternalId` and other request keys unknown,
so a required ExternalId alone never makes a chain "broken".

### Why it matters

A role trust policy is a resource policy that must allow the caller explicitly, and for a caller
in another account "the request is allowed only if both evaluations return a decision of Allow"
(docs/aws-semantics.md sections 5.1 and 6, rows 35-36 of section 13;
https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_permissions-to-switch.html,
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html).
This is the fix of the motivating case (account B writes into A's bucket through a role in A,
docs/aws-semantics.md 1.3): when one half is missing the writer falls back to writing with its own role, and
the objects become foreign-owned again.

### Example

Failing: B's role may assume A's role, but A's role trusts another role:

```json
{"Effect": "Allow", "Action": "sts:AssumeRole",
 "Resource": "arn:aws:iam::111111111111:role/cross-account-site-publisher"}
```
```json
{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::222222222222:role/old-uploader"},
 "Action": "sts:AssumeRole"}
```

Fixed: the trust policy names `arn:aws:iam::222222222222:role/site-uploader`.

### How to fix

Add the trust statement or the identity statement given in the help (they carry the real ARNs).

### Known gaps

- Trust of an account (`{"AWS": "222222222222"}`) delegates to that account's administrators;
  bucketlint checks such callers only through direction 1.
- SCPs, session policies and permissions boundaries are used only when in the model.
- Callers that are not in the model (no identity policy given) are not checked.

### Access Analyzer

No corresponding check (validate-policy looks at one policy at a time).
)md",
};

constexpr std::string_view kUnrelatedRole = "bucketlint-unrelated-probe-role";

eval::PolicySet caller_set(const Caller& caller, const PolicyDocument* trust) {
  eval::PolicySet set;
  set.identity_policies = caller.policies;
  set.permission_boundaries = caller.boundaries;
  set.resource_policy = trust;
  return set;
}

// The first identity statement of `caller` that allows sts:AssumeRole on `role_arn`, when no
// identity statement denies it; nullptr otherwise.
const Statement* identity_allow(const Caller& caller, const eval::Request& req,
                                const PolicyDocument** policy_out) {
  const eval::Context req_context = eval::effective_context(req);
  const Statement* allow = nullptr;
  for (const PolicyDocument* p : caller.policies) {
    for (const Statement& stmt : p->statements) {
      const eval::Tri t = eval::match_statement(*p, stmt, req, req_context).applies;
      if (stmt.effect == Effect::kDeny && t == eval::Tri::kTrue) return nullptr;
      if (stmt.effect == Effect::kAllow && t != eval::Tri::kFalse && allow == nullptr) {
        allow = &stmt;
        *policy_out = p;
      }
    }
  }
  return allow;
}

// The Resource patterns of the caller's Allow statements that cover sts:AssumeRole; nullopt
// when one of them has NotResource or no Resource (any role may match).
std::optional<std::vector<std::string>> assume_role_targets(const Caller& caller) {
  std::vector<std::string> out;
  for (const PolicyDocument* p : caller.policies) {
    for (const Statement& stmt : p->statements) {
      if (stmt.effect != Effect::kAllow) continue;
      if (!eval::action_element_matches(stmt.action, "sts:AssumeRole")) continue;
      if (!stmt.resource.present || stmt.resource.is_not) return std::nullopt;
      for (const LocatedString& r : stmt.resource.values) {
        // Policy variables are substituted by the evaluator only: no pre-filtering then.
        if (r.value.find("${") != std::string::npos) return std::nullopt;
        out.emplace_back(r.value);
      }
    }
  }
  return out;
}

// The trust statement a new statement for a caller of `account` extends: the first Allow
// statement for sts:AssumeRole that names a principal of that account, else the first Allow
// statement for sts:AssumeRole with an AWS principal; nullptr when there is none.
const Statement* extended_trust_statement(const PolicyDocument& trust, std::string_view account) {
  const Statement* first = nullptr;
  for (const Statement& stmt : trust.statements) {
    if (stmt.effect != Effect::kAllow || stmt.principal.is_not) continue;
    if (!eval::action_element_matches(stmt.action, "sts:AssumeRole")) continue;
    for (const PrincipalValue& v : stmt.principal.values) {
      if (v.type != "AWS") continue;
      if (first == nullptr) first = &stmt;
      if (!account.empty() &&
          (v.value == account || v.value.find(fmt::format(":{}:", account)) != std::string::npos)) {
        return &stmt;
      }
    }
  }
  return first;
}

// (caller ARN, role ARN) pairs already reported: one finding per broken chain.
using Reported = std::set<std::pair<std::string, std::string>>;

// Phase 1: the identity policy of a caller allows sts:AssumeRole on the role (and not merely on
// every role); the trust policy does not let it.
void report_untrusted_callers(const RuleContext& ctx, FindingSink& sink, Reported& reported) {
  const Model& model = ctx.model;
  for (const Caller& caller : ctx.access.callers()) {
    if (caller.policies.empty()) continue;
    const std::optional<std::vector<std::string>> targets = assume_role_targets(caller);
    if (targets && targets->empty()) continue;
    for (const Role& role : model.roles) {
      if (role.trust_policy == nullptr || role.arn == caller.arn) continue;
      // A cheap pre-filter; the evaluator still decides below.
      if (targets && std::none_of(targets->begin(), targets->end(), [&](const std::string& t) {
            return eval::resource_matches(t, role.arn);
          })) {
        continue;
      }
      const eval::Request req = assume_role_request(caller.principal, role.arn, role.account_id);
      const PolicyDocument* id_policy = nullptr;
      const Statement* allow = identity_allow(caller, req, &id_policy);
      if (allow == nullptr) continue;
      // Specific to this role? `Resource: "*"` also matches an unrelated role: not a chain.
      const eval::Request unrelated = assume_role_request(
          caller.principal, fmt::format("arn:aws:iam::{}:role/{}", role.account_id, kUnrelatedRole),
          role.account_id);
      const PolicyDocument* ignored = nullptr;
      if (identity_allow(caller, unrelated, &ignored) != nullptr) continue;
      const eval::Result full = ctx.access.evaluate(req, caller_set(caller, role.trust_policy));
      if (!full.denied()) continue;
      reported.emplace(caller.arn, role.arn);
      Finding f = make_finding(
          kInfo, allow->where,
          fmt::format("'{}' may assume '{}' by its identity policy, but the trust policy of "
                      "'{}' does not let it: {}",
                      caller.arn, role.arn, role.arn, full.summary));
      f.notes.push_back(
          {role.trust_policy->where, fmt::format("the trust policy of '{}'", role.arn)});
      for (Note& n : denial_notes(full, eval::PolicySlot::kResource, "sts:AssumeRole")) {
        f.notes.push_back(std::move(n));
      }
      // The new statement extends the trust the role already gives: it keeps the conditions
      // (sts:ExternalId, aws:PrincipalOrgID, ...) of the statement that trusts the caller's
      // account, or else of the first statement that allows sts:AssumeRole.
      const Statement* extended = extended_trust_statement(*role.trust_policy, caller.account_id);
      f.remediation =
          fmt::format("add to the trust policy of '{}'{}: {}", role.arn,
                      extended != nullptr && extended->has_condition
                          ? fmt::format(" (with the conditions of its {})", extended->label())
                          : "",
                      trust_statement_snippet(caller.arn, "", extended));
      sink.report(std::move(f));
    }
  }
}

// Phase 2: the trust policy trusts a caller (a role or user of the model) whose identity policies
// do not allow sts:AssumeRole on the role.
void report_unpermitted_trustees(const RuleContext& ctx, FindingSink& sink, Reported& reported) {
  const Model& model = ctx.model;
  const eval::IdentityDirectory& directory = ctx.access.directory();
  for (const Role& role : model.roles) {
    if (role.trust_policy == nullptr) continue;
    const PolicyDocument& trust = *role.trust_policy;
    for (const Statement& stmt : trust.statements) {
      if (stmt.effect != Effect::kAllow || stmt.principal.is_not) continue;
      for (const PrincipalValue& v : stmt.principal.values) {
        if (v.type != "AWS") continue;
        const std::optional<eval::Principal> p = eval::principal_from_value(v, &directory);
        if (!p || (p->kind != eval::PrincipalKind::kRoleSession &&
                   p->kind != eval::PrincipalKind::kUser)) {
          continue;
        }
        const Caller* caller = ctx.access.find_caller(
            p->kind == eval::PrincipalKind::kRoleSession ? p->role_arn : p->arn);
        if (caller == nullptr || caller->policies.empty() || caller->arn == role.arn) continue;
        if (reported.contains({caller->arn, role.arn})) continue;
        const eval::Request req = assume_role_request(caller->principal, role.arn, role.account_id);
        const eval::Context req_context = eval::effective_context(req);
        if (eval::match_statement(trust, stmt, req, req_context, &directory).applies ==
            eval::Tri::kFalse) {
          continue;
        }
        const eval::Result full = ctx.access.evaluate(req, caller_set(*caller, &trust));
        if (!full.denied()) continue;
        reported.emplace(caller->arn, role.arn);
        Finding f = make_finding(
            kInfo, v.where,
            fmt::format("the trust policy of '{}' trusts '{}', but the identity policies of "
                        "'{}' do not allow sts:AssumeRole on it: {}",
                        role.arn, caller->arn, caller->arn, full.summary));
        for (const PolicyDocument* id : caller->policies) {
          if (f.notes.size() >= 3) break;
          f.notes.push_back({id->where, fmt::format("{} does not allow it", id->label())});
        }
        for (Note& n : denial_notes(full, eval::PolicySlot::kIdentity, "sts:AssumeRole", 2)) {
          f.notes.push_back(std::move(n));
        }
        f.remediation = fmt::format("add to an identity policy of '{}': {}", caller->arn,
                                    assume_role_identity_snippet(role.arn));
        sink.report(std::move(f));
      }
    }
  }
}

class BrokenAssumeRoleChain final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, FindingSink& sink) const override {
    Reported reported;
    report_untrusted_callers(ctx, sink, reported);
    report_unpermitted_trustees(ctx, sink, reported);
  }
};

}  // namespace

std::unique_ptr<Rule> make_broken_assume_role_chain() {
  return std::make_unique<BrokenAssumeRoleChain>();
}

}  // namespace bucketlint::rules
