#include <fmt/format.h>

#include <memory>
#include <optional>
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
    .id = "TR004",
    .name = "assumed-role-cannot-write",
    .default_severity = Severity::kError,
    .stability = Stability::kStable,
    .summary = "a role other accounts assume to write into a bucket cannot put objects there",
    .remediation =
        "allow s3:PutObject on 'arn:aws:s3:::<bucket>/*' in the role's permission "
        "policy, and make sure no bucket-policy Deny catches the role",
    .doc = R"md(### What it flags

A role that principals of another account may assume (its trust policy allows them
`sts:AssumeRole`, asked to the evaluator with `sts:ExternalId` unknown) and that is meant to
write into a bucket of the model — the bucket policy names the role, or the role's permission
policies name the bucket in a Resource — but that cannot put objects there: the evaluator denies
`s3:PutObject` on the bucket's objects (a generic key and one key per object prefix named by the
policies) for a session of the role, with the role's permission policies (and boundary) and the
bucket policy. Typical causes: the permission policy allows `s3:PutObject` on the bucket ARN
instead of `bucket/*`, names another bucket, only allows `s3:GetObject`; or the bucket policy has
a Deny that catches the role unconditionally. Request keys bucketlint cannot know (`s3:x-amz-acl`,
`s3:x-amz-server-side-encryption`, ...) stay unknown: a Deny that depends on them (the writer may
or may not send the header) is not reported here.

### Why it matters

Having the other account assume a role in the bucket's account is the fix of the motivating case
(docs/aws-semantics.md sections 1.3 and 6, row 5 of section 13): objects written by the role's sessions belong
to the bucket owner, so the bucket policy, CloudFront's grant included, applies to them. If the
role cannot write, the fix does not work, and writers tend to fall back to their own credentials
and foreign-owned objects. Same-account access needs an allow in the identity or the bucket
policy and no explicit deny (docs/aws-semantics.md 5.1;
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html).

### Example

Failing: the role's permission policy

```json
{"Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket"}
```

Fixed:

```json
{"Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}
```

### How to fix

Add the identity statement in the help to the role's permission policy; when a bucket-policy
Deny catches the role, narrow the Deny.

### Known gaps

- Needs the role's permission policies in the model (documents, not only attached policy ARNs);
  without them the role is not checked.
- Which bucket a role is for is inferred from the bucket policy naming it or its permission
  policies naming the bucket.
- SCPs of the bucket's account are not considered.

### Access Analyzer

No corresponding check.
)md",
};

// The first trust statement value that lets a principal of another account assume `role`.
const PrincipalValue* foreign_truster(const Role& role, const eval::IdentityDirectory& directory,
                                      std::string* account_out) {
  const PolicyDocument& trust = *role.trust_policy;
  for (const Statement& stmt : trust.statements) {
    if (stmt.effect != Effect::kAllow || stmt.principal.is_not) continue;
    for (const PrincipalValue& v : stmt.principal.values) {
      if (v.type != "AWS") continue;
      const std::optional<eval::Principal> p = eval::principal_from_value(v, &directory);
      if (!p || p->account.empty() || p->account == role.account_id) continue;
      const eval::Request req = assume_role_request(*p, role.arn, role.account_id);
      const eval::Context req_context = eval::effective_context(req);
      if (eval::match_statement(trust, stmt, req, req_context, &directory).applies ==
          eval::Tri::kFalse) {
        continue;
      }
      *account_out = p->account;
      return &v;
    }
  }
  return nullptr;
}

bool names_bucket(std::string_view resource, std::string_view bucket) {
  const std::string arn = bucket_arn(bucket);
  if (!resource.starts_with(arn)) return false;
  return resource.size() == arn.size() || resource[arn.size()] == '/';
}

// Is `bucket` one the role is meant for: the bucket policy names the role, or the role's
// permission policies name the bucket?
bool role_targets_bucket(const Role& role, const eval::Principal& session, const Bucket& bucket,
                         const eval::IdentityDirectory& directory) {
  if (bucket.policy != nullptr) {
    for (const Statement& stmt : bucket.policy->statements) {
      if (stmt.effect != Effect::kAllow || stmt.principal.is_not) continue;
      const eval::PrincipalMatch m = eval::principal_matches(stmt.principal, session, &directory);
      if (m == eval::PrincipalMatch::kRole || m == eval::PrincipalMatch::kExact) return true;
    }
  }
  for (const PolicyDocument* p : role.permission_policies) {
    for (const Statement& stmt : p->statements) {
      if (stmt.resource.is_not) continue;
      for (const LocatedString& r : stmt.resource.values) {
        if (names_bucket(r.value, bucket.name)) return true;
      }
    }
  }
  return false;
}

class AssumedRoleCannotWrite final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, FindingSink& sink) const override {
    const Model& model = ctx.model;
    const eval::IdentityDirectory& directory = ctx.access.directory();
    for (const Role& role : model.roles) {
      if (role.trust_policy == nullptr || role.permission_policies.empty()) continue;
      std::string foreign_account;
      const PrincipalValue* truster = foreign_truster(role, directory, &foreign_account);
      if (truster == nullptr) continue;
      const eval::Principal session = role_session(role);
      for (const Bucket& bucket : model.buckets) {
        if (!role_targets_bucket(role, session, bucket, directory)) continue;
        std::vector<const PolicyDocument*> named = role.permission_policies;
        named.push_back(bucket.policy);
        eval::PolicySet set;
        set.identity_policies = role.permission_policies;
        if (role.permissions_boundary != nullptr) {
          set.permission_boundaries.push_back(role.permissions_boundary);
        }
        set.resource_policy = bucket.policy;
        std::optional<eval::Result> denied;
        bool possible = false;
        for (const std::string& key : probe_object_keys(bucket, named)) {
          eval::Request req;
          req.principal = session;
          req.action = "s3:PutObject";
          req.resource = object_arn(bucket.name, key);
          req.resource_account = bucket.account_id.empty() ? role.account_id : bucket.account_id;
          req.static_question = true;
          eval::S3Facts facts;
          facts.ownership = bucket.ownership.value;
          req.s3 = facts;
          eval::Result r = ctx.access.evaluate(req, set);
          if (r.possibly_allowed()) {
            possible = true;
            break;
          }
          if (!denied) denied = std::move(r);
        }
        if (possible || !denied) continue;
        report(role, bucket, *truster, foreign_account, *denied, sink);
      }
    }
  }

 private:
  static void report(const Role& role, const Bucket& bucket, const PrincipalValue& truster,
                     const std::string& foreign_account, const eval::Result& result,
                     FindingSink& sink) {
    const bool explicit_deny = result.decision == eval::Decision::kExplicitlyDenied;
    SourceRef where = role.permission_policies.front()->where;
    if (explicit_deny) {
      for (const eval::TraceEntry& e : result.trace.evaluated()) {
        if (e.effect == Effect::kDeny && e.applies == eval::Tri::kTrue) {
          where = e.where;
          break;
        }
      }
    }
    Finding f = make_finding(
        kInfo, where,
        fmt::format("role '{}', which account '{}' assumes, cannot put objects into '{}': {}",
                    role.arn, foreign_account, bucket.name, result.summary));
    f.notes.push_back(
        {truster.where, fmt::format("account '{}' may assume the role here", foreign_account)});
    for (const PolicyDocument* p : role.permission_policies) {
      if (f.notes.size() >= 3) break;
      f.notes.push_back({p->where, fmt::format("permission policy of '{}'", role.arn)});
    }
    for (Note& n : denial_notes(result, eval::PolicySlot::kIdentity, "s3:PutObject", 3)) {
      f.notes.push_back(std::move(n));
    }
    f.remediation = fmt::format(
        "add to the permission policy of '{}': {{\"Effect\": \"Allow\", \"Action\": "
        "\"s3:PutObject\", \"Resource\": \"{}\"}}{}",
        role.arn, object_arn(bucket.name, "*"),
        explicit_deny ? fmt::format("; and narrow the bucket-policy Deny of '{}' so it does not "
                                    "catch the role",
                                    bucket.name)
                      : "");
    sink.report(std::move(f));
  }
};

}  // namespace

std::unique_ptr<Rule> make_assumed_role_cannot_write() {
  return std::make_unique<AssumedRoleCannotWrite>();
}

}  // namespace bucketlint::rules
