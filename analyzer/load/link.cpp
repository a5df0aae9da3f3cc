#include "load/link.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace bucketlint {

std::string account_principal_to_root_arn(std::string_view principal) {
  if (is_account_id(principal)) return fmt::format("arn:aws:iam::{}:root", principal);
  return std::string(principal);
}

std::string principal_account(std::string_view value) {
  if (is_account_id(value)) return std::string(value);
  // arn:<partition>:iam::<account>:<resource> (also sts assumed-role ARNs)
  if (!value.starts_with("arn:")) return {};
  const std::size_t p1 = value.find(':', 4);  // after partition
  if (p1 == std::string_view::npos) return {};
  const std::size_t p2 = value.find(':', p1 + 1);  // after service
  if (p2 == std::string_view::npos) return {};
  const std::size_t p3 = value.find(':', p2 + 1);  // after region
  if (p3 == std::string_view::npos) return {};
  const std::size_t p4 = value.find(':', p3 + 1);  // after account
  if (p4 == std::string_view::npos) return {};
  const std::string_view account = value.substr(p3 + 1, p4 - p3 - 1);
  return is_account_id(account) ? std::string(account) : std::string();
}

namespace {

// The first Allow statement value naming an AWS account other than `owner` (any account when
// `owner` is empty).
const PrincipalValue* foreign_principal(const PolicyDocument& policy, const std::string& owner,
                                        std::string& account) {
  for (const Statement& st : policy.statements) {
    if (st.effect != Effect::kAllow || st.principal.is_not) continue;
    for (const PrincipalValue& v : st.principal.values) {
      if (v.type != "AWS") continue;
      account = principal_account(v.value);
      if (!account.empty() && account != owner) return &v;
    }
  }
  return nullptr;
}

}  // namespace

void link_model(Model& model, const std::vector<SourceRef>& unbound, bool context_note) {
  std::map<std::string, std::size_t> accounts;
  for (std::size_t i = 0; i < model.accounts.size(); ++i) accounts[model.accounts[i].id] = i;
  auto account = [&](const std::string& id, const SourceRef& where) -> Account* {
    if (!is_account_id(id)) return nullptr;
    auto [it, added] = accounts.try_emplace(id, model.accounts.size());
    if (added) model.accounts.push_back(Account{id, "", "", where, {}});
    return &model.accounts[it->second];
  };

  // Every account an entity names is listed, so rules and `bucketlint model` see one set.
  for (Bucket& b : model.buckets) {
    Account* a = account(b.account_id, b.where);
    if (a == nullptr) continue;
    // A bucket's ACL owner is the canonical ID of the bucket's account (docs/aws-semantics.md 7.1).
    if (b.acl && !b.acl->owner_id.empty() && a->canonical_id.empty()) {
      a->canonical_id = b.acl->owner_id;
    }
  }
  // A bucket of unknown account whose owner's canonical ID is known (s3api list-buckets, its
  // ACL owner) belongs to the account with that canonical ID, when an input names it.
  std::map<std::string_view, const std::string*> by_canonical;
  for (const Account& a : model.accounts) {
    if (!a.canonical_id.empty()) by_canonical.try_emplace(a.canonical_id, &a.id);
  }
  for (Bucket& b : model.buckets) {
    if (!b.account_id.empty()) continue;
    std::string_view owner;
    if (auto it = model.listed_bucket_owners.find(b.name); it != model.listed_bucket_owners.end()) {
      owner = it->second;
    } else if (b.acl) {
      owner = b.acl->owner_id;
    }
    if (auto it = by_canonical.find(owner); !owner.empty() && it != by_canonical.end()) {
      b.account_id = *it->second;
    }
  }
  for (Bucket& b : model.buckets) {
    if (b.policy == nullptr) continue;
    auto* policy = const_cast<PolicyDocument*>(b.policy);  // owned by model.policies
    if (policy->account_id.empty()) policy->account_id = b.account_id;
    if (policy->bucket.empty()) policy->bucket = b.name;
  }
  for (Role& r : model.roles) {
    account(r.account_id, r.where);
    // A get-role dump may have replaced the ARN (role paths): keep the policies in step.
    if (r.trust_policy != nullptr) const_cast<PolicyDocument*>(r.trust_policy)->role_arn = r.arn;
    // A managed policy shared by several principals of an account dump names none of them.
    for (const PolicyDocument* p : r.permission_policies) {
      if (!p->role_arn.empty()) const_cast<PolicyDocument*>(p)->role_arn = r.arn;
    }
  }
  for (Distribution& d : model.distributions) {
    account(d.account_id, d.where);
    // The distribution ARN has no Region (docs/aws-semantics.md 4.2).
    if (d.arn.empty() && is_account_id(d.account_id) && !d.id.empty()) {
      d.arn = fmt::format("arn:aws:cloudfront::{}:distribution/{}", d.account_id, d.id);
    }
  }

  // IN012: at most one note, and only when missing context hides something a rule would need.
  if (!context_note) return;
  std::vector<Note> reasons;
  for (const SourceRef& where : unbound) {
    reasons.push_back({where, fmt::format("'{}' names no bucket and its folder holds no bucket "
                                          "policy naming exactly one bucket, so it was not used; "
                                          "put it in a snapshot directory "
                                          "(accounts/<id>/buckets/<bucket>/) or bind it in "
                                          ".bucketlint.yaml",
                                          where.file())});
  }
  for (const Bucket& b : model.buckets) {
    if (b.policy == nullptr) continue;
    std::string foreign;
    const PrincipalValue* v = foreign_principal(*b.policy, b.account_id, foreign);
    if (v == nullptr) continue;
    if (b.account_id.empty()) {
      reasons.push_back(
          {v->where,
           fmt::format("the owner account of bucket '{}' is unknown, so rules about other "
                       "accounts writing to it (account '{}') cannot run; pass --account, a "
                       "snapshot directory, or a .bucketlint.yaml binding the bucket to its "
                       "account",
                       b.name, foreign)});
    }
    // An unknown Object Ownership setting is OW005's finding (reported when another account can
    // write, which is when it matters): one problem, one finding.
  }
  // list-role-policies / list-user-policies name inline policies whose get-role-policy /
  // get-user-policy output is not in the input: what the principal may do is then unknown.
  auto missing_inline = [&](const std::vector<LocatedString>& names,
                            const std::vector<const PolicyDocument*>& policies,
                            std::string_view what, const std::string& arn, std::string_view call) {
    for (const LocatedString& n : names) {
      const bool found = std::any_of(policies.begin(), policies.end(),
                                     [&](const PolicyDocument* p) { return p->name == n.value; });
      if (found) continue;
      reasons.push_back(
          {n.where, fmt::format("{} '{}' has inline policy '{}' (listed here) but its document "
                                "is not in the input, so what the {} may do is unknown; save "
                                "the output of 'aws iam {} --policy-name {}' in its folder",
                                what, arn, n.value, what, call, n.value)});
    }
  };
  for (const Role& r : model.roles) {
    missing_inline(r.inline_policy_names, r.permission_policies, "role", r.arn,
                   "get-role-policy --role-name " + r.name);
  }
  for (const User& u : model.users) {
    missing_inline(u.inline_policy_names, u.policies, "user", u.arn,
                   "get-user-policy --user-name " + u.name);
  }
  if (reasons.empty()) return;
  LoadDiagnostic d;
  d.rule_id = "IN012";
  d.where = reasons.front().where;
  d.message = reasons.front().text;
  d.incomplete = false;
  for (std::size_t i = 1; i < reasons.size() && i < 6; ++i) d.notes.push_back(reasons[i]);
  model.diagnostics.push_back(std::move(d));
}

}  // namespace bucketlint
