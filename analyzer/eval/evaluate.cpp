// The decision: statements, policy types, same- vs cross-account, S3 object ownership and ACLs.
// docs/aws-semantics.md 3.1, 3.3, 5.1, 6;
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-auth-workflow-object-operation.html

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bucketlint/eval.h"
#include "eval/compiled.h"
#include "eval/condition.h"
#include "model/arn.h"
#include "model/wildcard.h"

namespace bucketlint::eval {

using text::ascii_lower;
using text::iequals;

// ---- context ----------------------------------------------------------------------------------

Context effective_context(const Request& request) {
  // The global keys the request implies are KeySource's (one list, sources cited there); the
  // request's own context wins.
  Context ctx = request.context;
  const KeySource keys(request);
  keys.for_each_filled([&](std::string_view key, std::string_view value) {
    if (!ctx.has(key)) ctx.set(key, std::string(value));
  });
  return ctx;
}

// ---- statements -------------------------------------------------------------------------------

namespace {

// Where the only wildcard of `s` is a final '*': its position; npos when `s` has no wildcard;
// kComplex otherwise. memchr is vectorised; find_first_of("*?") calls it once per character.
constexpr std::size_t kComplex = std::string_view::npos - 1;
std::size_t trailing_star(std::string_view s) {
  if (s.empty()) return std::string_view::npos;
  const void* q = std::memchr(s.data(), '?', s.size());
  const void* star = std::memchr(s.data(), '*', s.size());
  if (q != nullptr) return kComplex;
  if (star == nullptr) return std::string_view::npos;
  const auto at = static_cast<std::size_t>(static_cast<const char*>(star) - s.data());
  return at + 1 == s.size() ? at : kComplex;
}

}  // namespace

bool action_matches(std::string_view pattern, std::string_view action) {
  // Most Action values are literal ("s3:GetObject") or end in their only '*' ("s3:*", "s3:Get*").
  const std::size_t star = trailing_star(pattern);
  if (star == std::string_view::npos) return iequals(pattern, action);
  if (star != kComplex) return text::istarts_with(action, pattern.substr(0, star));
  return model::wildcard_match(pattern, action, model::kGlobIgnoreCase);
}

bool action_element_matches(const StringListElement& element, std::string_view action) {
  const bool any =
      std::any_of(element.values.begin(), element.values.end(),
                  [&](const LocatedString& v) { return action_matches(v.value, action); });
  return element.is_not ? !any : any;
}

bool resource_matches(std::string_view pattern, std::string_view arn) {
  if (pattern == "*") return true;
  // Fast paths with the same answer as arn_matches(): a literal pattern matches only itself
  // (segment by segment or as a whole text). A pattern whose only wildcard is a final '*'
  // matches the texts that start with the rest of it: with five ':' before the star it lies in
  // the resource part, where '*' crosses '/' and ':'; with fewer the pattern is no six-part ARN
  // and is matched as a whole text.
  const std::size_t star = trailing_star(pattern);
  if (star == std::string_view::npos) return pattern == arn;
  if (star != kComplex) return arn.starts_with(pattern.substr(0, star));
  return model::arn_matches(pattern, arn, model::kGlobDefault, true);
}

bool has_resource_wildcard(std::string_view resource) {
  return resource.find('*') != std::string_view::npos ||
         resource.find('?') != std::string_view::npos;
}

namespace {

// ---- wildcard sets in the request (Request::resource_is_pattern) -----------------------------
// Both sides are glob patterns over the whole ARN text ('*' any run, '?' one character). The
// tables are O(|a| x |b|); past kMaxGlobCells the answer is the cautious one (intersects: yes,
// covers: no), so that a huge pattern can only make a Deny count less and an Allow count more.
constexpr std::size_t kMaxGlobCells = std::size_t{1} << 22;

// Can `a` and `b` match a common string?
bool globs_intersect(std::string_view a, std::string_view b) {
  const std::size_t n = a.size();
  const std::size_t m = b.size();
  if ((n + 1) * (m + 1) > kMaxGlobCells) return true;
  thread_local std::vector<char> table;
  table.assign((n + 1) * (m + 1), 0);
  auto at = [&](std::size_t i, std::size_t j) -> char& { return table[i * (m + 1) + j]; };
  for (std::size_t i = n + 1; i-- > 0;) {
    for (std::size_t j = m + 1; j-- > 0;) {
      bool ok = false;
      if (i == n && j == m) {
        ok = true;
      } else if (i < n && a[i] == '*') {
        ok = at(i + 1, j) != 0 || (j < m && at(i, j + 1) != 0);
      } else if (j < m && b[j] == '*') {
        ok = at(i, j + 1) != 0 || (i < n && at(i + 1, j) != 0);
      } else if (i < n && j < m) {
        ok = (a[i] == '?' || b[j] == '?' || a[i] == b[j]) && at(i + 1, j + 1) != 0;
      }
      at(i, j) = ok ? 1 : 0;
    }
  }
  return at(0, 0) != 0;
}

// Does every string that `inner` matches also match `outer`? Sufficient test: `outer` matches
// `inner` read as text, where an outer '*' may absorb inner wildcards and an outer '?' only a
// single non-'*' character.
bool glob_covers(std::string_view outer, std::string_view inner) {
  if (outer == "*") return true;
  const std::size_t n = outer.size();
  const std::size_t m = inner.size();
  if ((n + 1) * (m + 1) > kMaxGlobCells) return false;
  thread_local std::vector<char> table;
  table.assign((n + 1) * (m + 1), 0);
  auto at = [&](std::size_t i, std::size_t j) -> char& { return table[i * (m + 1) + j]; };
  for (std::size_t i = n + 1; i-- > 0;) {
    for (std::size_t j = m + 1; j-- > 0;) {
      bool ok = false;
      if (i == n) {
        ok = j == m;
      } else if (outer[i] == '*') {
        ok = at(i + 1, j) != 0 || (j < m && at(i, j + 1) != 0);
      } else if (j < m) {
        const bool one = outer[i] == '?' ? inner[j] != '*' : outer[i] == inner[j];
        ok = one && at(i + 1, j + 1) != 0;
      }
      at(i, j) = ok ? 1 : 0;
    }
  }
  return at(0, 0) != 0;
}

bool variables_enabled(const PolicyDocument& policy) {
  // Policy variables need Version 2012-10-17; otherwise "${...}" is literal (IAM-VERSION).
  return policy.version && policy.version->value == "2012-10-17";
}

// One Resource value against the request's resource, with policy variables. kUnknown when a
// variable's key is unknown.
// In pattern mode (Request::resource_is_pattern) `covers` asks whether the value covers the
// whole requested set (Deny, and NotResource of an Allow); otherwise whether it can match some
// resource of the set.
Tri resource_value_matches(const LocatedString& v, const Request& request, const KeySource& ctx,
                           bool vars, bool covers) {
  if (request.resource_is_pattern) {
    std::string text(v.value);
    if (vars && has_policy_variable(v.value)) {
      const Substituted s = substitute_variables(v.value, ctx, request.static_question, false);
      if (s.ok != Tri::kTrue) return s.ok;
      text = s.text;
    }
    return to_tri(covers ? glob_covers(text, request.resource)
                         : globs_intersect(text, request.resource));
  }
  if (!vars || !has_policy_variable(v.value))
    return to_tri(resource_matches(v.value, request.resource));
  const Substituted s = substitute_variables(v.value, ctx, request.static_question, true);
  if (s.ok != Tri::kTrue) return s.ok;
  if (s.text == "*") return Tri::kTrue;
  return to_tri(model::arn_matches(s.text, request.resource, model::kGlobEscapes, true));
}

std::string_view principal_match_name(PrincipalMatch m) {
  switch (m) {
    case PrincipalMatch::kNone: return "none";
    case PrincipalMatch::kNoPrincipalElement: return "no Principal element";
    case PrincipalMatch::kWildcard: return "wildcard principal";
    case PrincipalMatch::kAccount: return "account principal";
    case PrincipalMatch::kRole: return "role principal";
    case PrincipalMatch::kExact: return "exact principal";
    case PrincipalMatch::kNotPrincipal: return "not excluded by NotPrincipal";
  }
  return "none";
}

}  // namespace

namespace {

// `explain`: build the reason strings (only when a trace is wanted; they cost more than the
// matching itself).
// `force_not_principal`: a Deny + NotPrincipal statement that applies to the requester whatever
// the element lists (requesters with a permissions boundary, see Evaluator::tally).
// `form`: the statement's compiled form (with `request_forms`), or nullptr to match its text.
StatementMatch match_impl(const PolicyDocument& policy, const Statement& stmt,
                          const Request& request, const KeySource& context,
                          const IdentityDirectory* directory, bool explain,
                          bool force_not_principal = false,
                          const detail::StatementForm* form = nullptr,
                          const detail::RequestForms* request_forms = nullptr) {
  StatementMatch m;
  m.where = stmt.where;
  if (stmt.effect != Effect::kAllow && stmt.effect != Effect::kDeny) {
    if (explain) {
      m.reason =
          stmt.effect == Effect::kMissing
              ? std::string("no Effect; the statement is ignored")
              : fmt::format("invalid Effect '{}'; the statement is ignored", stmt.effect_text);
    }
    m.where = stmt.effect_where.known() ? stmt.effect_where : stmt.where;
    return m;
  }
  // Principal.
  if (force_not_principal) {
    m.principal = PrincipalMatch::kNotPrincipal;
  } else if (form != nullptr) {
    m.principal = detail::principal_matches_form(stmt.principal, form->principals,
                                                 request.principal, directory);
  } else {
    m.principal = principal_matches(stmt.principal, request.principal, directory);
  }
  if (m.principal == PrincipalMatch::kNotPrincipal && stmt.effect == Effect::kAllow &&
      (form != nullptr ? detail::not_principal_names_form(stmt.principal, form->principals,
                                                          request.principal, directory)
                       : not_principal_names(stmt.principal, request.principal, directory))) {
    // Allow + NotPrincipal "allows all principals except the one named": naming the
    // requester's account or role leaves the requester out as well (IAM NotPrincipal page).
    m.principal = PrincipalMatch::kNone;
  }
  if (m.principal == PrincipalMatch::kNone) {
    if (explain) {
      m.reason =
          stmt.principal.is_not
              ? fmt::format("principal '{}' is excluded by NotPrincipal", request.principal.label())
              : fmt::format("principal '{}' is not named in Principal", request.principal.label());
    }
    m.where = stmt.principal.where;
    return m;
  }
  // Action.
  if (!stmt.action.present) {
    m.reason = "no Action or NotAction element";
    return m;
  }
  if (form != nullptr
          ? !detail::action_forms_match(form->actions, stmt.action.is_not, request.action)
          : !action_element_matches(stmt.action, request.action)) {
    if (explain) {
      m.reason = stmt.action.is_not
                     ? fmt::format("action '{}' is listed in NotAction", request.action)
                     : fmt::format("action '{}' is not matched by Action", request.action);
    }
    m.where = stmt.action.where;
    return m;
  }
  // Resource (absent in trust policies: the statement applies to the role itself).
  const bool vars = variables_enabled(policy);
  // The reason (and its `where`) is the first unknown element's; `where` does not depend on
  // `explain`, so that a trace's reason_where is the same whether its text is built or not.
  bool decided = false;
  if (stmt.resource.present) {
    // Pattern mode: a Deny's Resource (and an Allow's NotResource) must cover the whole set.
    const bool covers = (stmt.effect == Effect::kDeny) != stmt.resource.is_not;
    Tri any = Tri::kFalse;
    for (std::size_t i = 0; i < stmt.resource.values.size(); ++i) {
      const detail::ResourcePattern* compiled =
          form != nullptr && !request.resource_is_pattern ? &form->resources[i] : nullptr;
      const Tri one =
          compiled != nullptr && compiled->kind != detail::PatternKind::kVariable
              ? to_tri(detail::resource_form_matches(*compiled, request.resource, *request_forms))
              : resource_value_matches(stmt.resource.values[i], request, context, vars, covers);
      any = tri_or(any, one);
      if (any == Tri::kTrue) break;
    }
    const Tri res = stmt.resource.is_not ? tri_not(any) : any;
    if (res == Tri::kFalse) {
      if (explain) {
        m.reason = stmt.resource.is_not
                       ? fmt::format("resource '{}' is listed in NotResource", request.resource)
                       : fmt::format("resource '{}' is not matched by Resource", request.resource);
      }
      m.where = stmt.resource.where;
      return m;
    }
    if (res == Tri::kUnknown) {
      m.applies = Tri::kUnknown;
      if (explain) {
        m.reason = "Resource uses a policy variable whose key is unknown";
      }
      decided = true;
      m.where = stmt.resource.where;
      m.depends_on.push_back({&stmt, "Resource", "", {}, stmt.resource.where});
    }
  }
  // Conditions: AND across operators and keys (IAM-MULTI).
  Tri all = m.applies == Tri::kUnknown ? Tri::kUnknown : Tri::kTrue;
  std::string met;  // reasons of the conditions that hold, for the trace
  bool any_met = false;
  for (std::size_t ci = 0; ci < stmt.conditions.size(); ++ci) {
    const ConditionEntry& c = stmt.conditions[ci];
    ConditionResult r;
    if (form != nullptr) {
      const detail::ConditionForm& cf = form->conditions[ci];
      r = evaluate_condition(c, cf.op ? &*cf.op : nullptr, cf.builtin, context,
                             request.static_question, vars, explain);
    } else {
      r = evaluate_condition(c, context, request.static_question, vars, explain);
    }
    if (r.value == Tri::kFalse) {
      m.applies = Tri::kFalse;
      m.depends_on.clear();
      if (explain) {
        m.reason = fmt::format("condition not met: {}", r.reason);
      }
      m.where = c.key_where;
      return m;
    }
    if (r.value == Tri::kTrue) {
      if (!any_met) m.where = c.key_where;
      any_met = true;
      if (explain) {
        met += fmt::format("; {}", r.reason);
      }
    }
    if (r.value == Tri::kUnknown) {
      all = Tri::kUnknown;
      std::vector<std::string> values;
      values.reserve(c.values.size());
      for (const ConditionValue& v : c.values) values.push_back(v.text);
      m.depends_on.push_back({&stmt, c.op, c.key, std::move(values), c.key_where});
      if (!decided) {
        if (explain) {
          m.reason = fmt::format("depends on {}", r.reason);
        }
        decided = true;
        m.where = c.key_where;
      }
    }
  }
  m.applies = all;
  if (all == Tri::kTrue) {
    if (explain) {
      m.reason = fmt::format("matches ({}){}", principal_match_name(m.principal), met);
    }
  }
  return m;
}

// Why the Allow statements of a bucket policy do not count (Evaluator::tally_resource).
constexpr std::string_view kForeignObjectAllows =
    "the object is owned by another account, so bucket-policy Allow statements do not apply";

// What the evaluation makes of a statement's match in `slot`: a resource-policy statement
// without Principal grants nothing, and with `allows_apply` false an Allow applies to nothing.
Tri adjusted_applies(PolicySlot slot, const Statement& stmt, const StatementMatch& m,
                     bool allows_apply) {
  if (m.applies == Tri::kFalse) return Tri::kFalse;
  if (slot == PolicySlot::kResource && m.principal == PrincipalMatch::kNoPrincipalElement) {
    return Tri::kFalse;
  }
  if (stmt.effect == Effect::kAllow && !allows_apply) return Tri::kFalse;
  return m.applies;
}

// The reason text of adjusted_applies' answer, from the match's own (`m` matched with explain).
std::string adjusted_reason(PolicySlot slot, const Statement& stmt, StatementMatch& m,
                            bool allows_apply, bool force_not_principal) {
  std::string reason = std::move(m.reason);
  if (force_not_principal && m.applies != Tri::kFalse) {
    reason = fmt::format(
        "{}; a Deny with NotPrincipal applies to every IAM principal that has a permissions "
        "boundary",
        reason);
  }
  Tri applies = m.applies;
  if (slot == PolicySlot::kResource && m.principal == PrincipalMatch::kNoPrincipalElement &&
      applies != Tri::kFalse) {
    applies = Tri::kFalse;
    reason = "a resource-policy statement without Principal grants nothing";
  }
  if (stmt.effect == Effect::kAllow && !allows_apply && applies != Tri::kFalse) {
    reason = fmt::format("{}, but {}", reason, kForeignObjectAllows);
  }
  return reason;
}

}  // namespace

StatementMatch match_statement(const PolicyDocument& policy, const Statement& stmt,
                               const Request& request, const Context& context,
                               const IdentityDirectory* directory) {
  const KeySource keys(context, request);
  return match_impl(policy, stmt, request, keys, directory, true);
}

Tri statement_applies(const PolicyDocument& policy, const Statement& stmt, const Request& request,
                      const IdentityDirectory* directory) {
  const Context ctx = effective_context(request);
  return match_statement(policy, stmt, request, ctx, directory).applies;
}

std::string Dependency::description() const {
  if (op == "Resource") return "a policy variable in Resource";
  std::string out = fmt::format("{} {} [", op, key);
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ", ";
    out += fmt::format("'{}'", values[i]);
  }
  out += "]";
  return out;
}

// ---- ACLs -------------------------------------------------------------------------------------

namespace {

// Actions whose ACL permission is evaluated on the object's ACL (docs/aws-semantics.md 3.3).
struct AclAction {
  std::string_view action;  // lower case
  std::string_view permission;
  bool object_acl;
};

constexpr std::array<AclAction, 14> kAclActions{{
    {"s3:getobject", "READ", true},
    {"s3:getobjectversion", "READ", true},
    {"s3:getobjectacl", "READ_ACP", true},
    {"s3:getobjectversionacl", "READ_ACP", true},
    {"s3:putobjectacl", "WRITE_ACP", true},
    {"s3:putobjectversionacl", "WRITE_ACP", true},
    {"s3:listbucket", "READ", false},
    {"s3:listbucketversions", "READ", false},
    {"s3:listbucketmultipartuploads", "READ", false},
    {"s3:putobject", "WRITE", false},
    {"s3:deleteobject", "WRITE", false},
    {"s3:deleteobjectversion", "WRITE", false},
    {"s3:getbucketacl", "READ_ACP", false},
    {"s3:putbucketacl", "WRITE_ACP", false},
}};

// Object requests that act on an existing object, for which S3 asks the object owner (object
// context) rather than the bucket owner (docs/aws-semantics.md 3.1). The bucket owner may still
// delete, transition and restore objects it does not own (3.2), so those stay bucket operations.
bool is_existing_object_action(std::string_view action) {
  const std::string a = ascii_lower(action);
  if (a.rfind("s3:getobject", 0) == 0) return true;
  static constexpr std::array<std::string_view, 8> kOthers{
      "s3:putobjectacl",        "s3:putobjectversionacl",
      "s3:putobjecttagging",    "s3:putobjectversiontagging",
      "s3:deleteobjecttagging", "s3:deleteobjectversiontagging",
      "s3:putobjectretention",  "s3:putobjectlegalhold"};
  return std::find(kOthers.begin(), kOthers.end(), a) != kOthers.end();
}

bool uses_object_acl(std::string_view action) {
  const std::string a = ascii_lower(action);
  for (const AclAction& x : kAclActions) {
    if (x.action == a) return x.object_acl;
  }
  return false;
}

}  // namespace

std::vector<std::string_view> acl_permissions_for_action(std::string_view action,
                                                         bool object_level) {
  std::vector<std::string_view> out;
  const std::string a = ascii_lower(action);
  for (const AclAction& x : kAclActions) {
    if (x.action == a && x.object_acl == object_level) out.push_back(x.permission);
  }
  return out;
}

namespace {

// Does the grantee of `grant` include `principal`? kind: how it matched (account grants
// delegate like account principals).
PrincipalMatch grantee_matches(const AclGrant& grant, const Principal& p,
                               const IdentityDirectory* dir) {
  switch (grant.type) {
    case GranteeType::kGroup:
      if (grant.uri == kAllUsersUri) return PrincipalMatch::kWildcard;
      if (grant.uri == kAuthenticatedUsersUri) {
        return p.kind == PrincipalKind::kAnonymous ? PrincipalMatch::kNone
                                                   : PrincipalMatch::kWildcard;
      }
      if (grant.uri == kLogDeliveryUri) {
        return (p.kind == PrincipalKind::kService && p.service == "logging.s3.amazonaws.com")
                   ? PrincipalMatch::kExact
                   : PrincipalMatch::kNone;
      }
      return PrincipalMatch::kNone;
    case GranteeType::kCanonicalUser: {
      if (grant.id.empty()) return PrincipalMatch::kNone;
      if (!p.canonical_id.empty() && iequals(p.canonical_id, grant.id)) {
        return p.is_account_identity() ? PrincipalMatch::kAccount : PrincipalMatch::kExact;
      }
      if (dir == nullptr) return PrincipalMatch::kNone;
      if (p.is_account_identity()) {
        const auto c = dir->canonical_id_for_account(p.account);
        if (c && iequals(*c, grant.id)) return PrincipalMatch::kAccount;
      }
      if (p.kind == PrincipalKind::kOai || p.kind == PrincipalKind::kCanonicalUser) {
        const auto oai = dir->oai_for_canonical_id(grant.id);
        if (oai && *oai == p.oai_id) return PrincipalMatch::kExact;
      }
      return PrincipalMatch::kNone;
    }
    case GranteeType::kEmail: {
      if (dir == nullptr || !p.is_account_identity()) return PrincipalMatch::kNone;
      const auto it = dir->email_accounts.find(grant.email);
      return (it != dir->email_accounts.end() && it->second == p.account) ? PrincipalMatch::kAccount
                                                                          : PrincipalMatch::kNone;
    }
    case GranteeType::kUnknown: return PrincipalMatch::kNone;
  }
  return PrincipalMatch::kNone;
}

bool permission_covers(std::string_view granted, const std::vector<std::string_view>& needed) {
  if (needed.empty()) return false;
  // FULL_CONTROL = every permission the ACL can give (on objects READ, READ_ACP, WRITE_ACP).
  if (granted == "FULL_CONTROL") return true;
  return std::find(needed.begin(), needed.end(), granted) != needed.end();
}

PrincipalMatch acl_grant_match(const AclGrant& grant, const Principal& principal,
                               std::string_view action, bool object_level,
                               const IdentityDirectory* directory) {
  if (!permission_covers(grant.permission, acl_permissions_for_action(action, object_level))) {
    return PrincipalMatch::kNone;
  }
  return grantee_matches(grant, principal, directory);
}

std::string grant_label(const AclGrant& g, std::size_t index) {
  std::string who;
  switch (g.type) {
    case GranteeType::kGroup: who = fmt::format("group '{}'", g.uri); break;
    case GranteeType::kCanonicalUser: who = fmt::format("canonical user '{}'", g.id); break;
    case GranteeType::kEmail: who = fmt::format("email '{}'", g.email); break;
    case GranteeType::kUnknown: who = "unknown grantee"; break;
  }
  return fmt::format("grant {} ({} to {})", index + 1, g.permission, who);
}

}  // namespace

bool acl_grant_allows(const AclGrant& grant, const Principal& principal, std::string_view action,
                      bool object_level, const IdentityDirectory* directory) {
  return acl_grant_match(grant, principal, action, object_level, directory) !=
         PrincipalMatch::kNone;
}

// ---- compiled policies and the trace -----------------------------------------------------------

CompiledPolicy compile_policy(const PolicyDocument& policy) {
  CompiledPolicy out;
  out.indexed = policy.statements.size() >= CompiledPolicy::kMinIndexedStatements;
  auto forms = std::make_shared<detail::PolicyForms>();
  forms->statements.reserve(policy.statements.size());
  const bool vars = variables_enabled(policy);
  for (const Statement& stmt : policy.statements) {
    forms->statements.push_back(detail::compile_statement(stmt, vars));
  }
  out.forms = std::move(forms);
  for (std::size_t i = 0; i < policy.statements.size(); ++i) {
    const Statement& stmt = policy.statements[i];
    const auto index = static_cast<std::uint32_t>(i);
    // The accounts a principal value can name (principal_value_matches): an account ID, or an
    // IAM/STS ARN with an account ID. Anything else ("*", services, canonical users, OAIs,
    // unique IDs, unparsed values) is matched against every requester.
    std::vector<std::string_view> accounts;
    bool indexable = (stmt.effect == Effect::kAllow || stmt.effect == Effect::kDeny) &&
                     stmt.principal.present && !stmt.principal.is_not &&
                     !stmt.principal.values.empty();
    for (const PrincipalValue& v : stmt.principal.values) {
      if (!indexable) break;
      if (v.type != "AWS") {
        indexable = false;
      } else if (model::is_account_id(v.value)) {
        accounts.emplace_back(v.value);
      } else if (const auto arn = model::parse_arn(v.value);
                 arn && (arn->service == "iam" || arn->service == "sts") &&
                 model::is_account_id(arn->account)) {
        accounts.push_back(arn->account);
      } else {
        indexable = false;
      }
    }
    if (!indexable) {
      out.always.push_back(index);
      continue;
    }
    for (const std::string_view account : accounts) {
      std::vector<std::uint32_t>& list = out.by_account[std::string(account)];
      if (list.empty() || list.back() != index) list.push_back(index);
    }
  }
  return out;
}

void CompiledPolicies::add(const PolicyDocument& policy) {
  if (compiled_.contains(&policy)) return;
  compiled_.emplace(&policy, compile_policy(policy));
}

const CompiledPolicy* CompiledPolicies::find(const PolicyDocument& policy) const {
  if (compiled_.empty()) return nullptr;
  const auto it = compiled_.find(&policy);
  return it == compiled_.end() ? nullptr : &it->second;
}

void Trace::add_not_named(PolicySlot slot, int level, const PolicyDocument* policy,
                          std::size_t first, std::size_t last,
                          const std::shared_ptr<const TracedRequest>& request) {
  if (first >= last) return;
  gaps_.push_back({evaluated_.size(), slot, level, policy, first, last});
  left_out_ += last - first;
  request_ = request;
}

void Trace::keep_applying() {
  // Entries built from gaps never apply.
  std::vector<TraceEntry> kept;
  kept.reserve(static_cast<std::size_t>(
      std::count_if(evaluated_.begin(), evaluated_.end(),
                    [](const TraceEntry& e) { return e.applies != Tri::kFalse; })));
  for (TraceEntry& e : evaluated_) {
    if (e.applies == Tri::kFalse) continue;
    e.request = nullptr;  // the request copy would outweigh the kept entries; reason() is empty
    kept.push_back(std::move(e));
  }
  evaluated_ = std::move(kept);
  gaps_ = {};
  left_out_ = 0;
  request_ = nullptr;
}

struct TracedRequest {
  Request request;
  const IdentityDirectory* directory = nullptr;
};

namespace {

// The trace entry of one statement of `policy`, as every evaluation path records it (the text
// is built on read: TraceEntry::label and reason).
TraceEntry statement_entry(PolicySlot slot, int level, const PolicyDocument* policy,
                           const Statement& stmt, Tri applies, TraceEntry::Why why,
                           SourceRef reason_where,
                           const std::shared_ptr<const TracedRequest>& request) {
  TraceEntry e;
  e.slot = slot;
  e.level = level;
  e.policy = policy;
  e.statement = &stmt;
  e.effect = stmt.effect;
  e.applies = applies;
  e.why = why;
  e.where = stmt.where;
  e.reason_where = std::move(reason_where);
  e.request = request;
  return e;
}

}  // namespace

std::vector<TraceEntry> Trace::entries() const {
  if (gaps_.empty()) return evaluated_;
  std::vector<TraceEntry> out;
  out.reserve(size());
  std::size_t next = 0;
  auto add_evaluated = [&](std::size_t until) {
    for (; next < until; ++next) out.push_back(evaluated_[next]);
  };
  for (const Gap& gap : gaps_) {
    add_evaluated(gap.before);
    // What match_impl and tally record for a statement whose Principal does not match.
    for (std::size_t i = gap.first; i < gap.last; ++i) {
      const Statement& stmt = gap.policy->statements[i];
      out.push_back(statement_entry(gap.slot, gap.level, gap.policy, stmt, Tri::kFalse,
                                    TraceEntry::Why::kNotNamed, stmt.principal.where, request_));
    }
  }
  add_evaluated(evaluated_.size());
  return out;
}

// ---- the decision -----------------------------------------------------------------------------

namespace {

// What the statements of one slot add up to.
struct SlotTally {
  Tri deny = Tri::kFalse;
  Tri allow = Tri::kFalse;
  // Resource-policy allows by principal kind (docs/aws-semantics.md 5.1 nuances).
  Tri allow_exact = Tri::kFalse;    // user ARN, session ARN, service, OAI, ... (not limited)
  Tri allow_role = Tri::kFalse;     // role ARN or wildcard: limited by boundary/session policy
  Tri allow_account = Tri::kFalse;  // account principal: delegates to identity policies
};

class Evaluator {
 public:
  Evaluator(const Request& request, const PolicySet& policies, const EvalOptions& options)
      : req_(request), set_(policies), opt_(options), keys_(request), request_forms_(request) {
    if (options.trace) {
      traced_ = std::make_shared<const TracedRequest>(TracedRequest{request, options.directory});
    }
  }

  Result run();

 private:
  // `allows_apply` false: the slot's Allow statements do not count (kForeignObjectAllows).
  // `not_applicable` (kScpSkipped, kRcpSkipped): the whole slot does not apply to this request
  // (SCPs for an anonymous caller, ...): every statement is traced with that reason and none
  // counts; kMatch otherwise.
  SlotTally tally(PolicySlot slot, int level, const std::vector<const PolicyDocument*>& docs,
                  bool allows_apply, TraceEntry::Why not_applicable = TraceEntry::Why::kMatch);
  SlotTally tally_acl(const Acl& acl, bool object_level);
  void note_dependencies(const StatementMatch& m);
  // With a compiled `doc`: the statements (indexes, ascending) that can name the requester;
  // nullptr when `doc` is not compiled (every statement is visited).
  const std::vector<std::uint32_t>* statements_naming_requester(const CompiledPolicy* compiled);

  // The phases of run(), in order.
  struct IdentitySide {
    SlotTally id;
    Tri boundary_ok = Tri::kTrue;
    Tri session_ok = Tri::kTrue;
  };
  struct S3Side {
    std::string resource_account;  // whose grants count: the object owner's for foreign objects
    bool foreign_object = false;
    const Acl* acl = nullptr;
    bool object_level_acl = false;
  };
  struct Combined {
    Tri allowed = Tri::kFalse;
    Tri limits = Tri::kTrue;  // boundary and session policy
    // The sentence of the summary: a literal, or formatted when it names something.
    std::string_view why_literal;
    std::string why_formatted;
    std::string_view why() const { return why_formatted.empty() ? why_literal : why_formatted; }
  };
  Tri tally_organisation(Tri& deny);
  IdentitySide tally_identity(Tri& deny);
  S3Side s3_side() const;
  SlotTally tally_resource(const S3Side& s3, Tri& deny);
  Combined combine(const IdentitySide& identity, const S3Side& s3, const SlotTally& res,
                   Tri scp_ok) const;
  void summarise(Tri deny, const Combined& combined, const IdentitySide& identity, Tri scp_ok);
  void decide_fixed_outcomes();

  const Request& req_;
  const PolicySet& set_;
  const EvalOptions& opt_;
  KeySource keys_;  // the request's context and the engine-filled keys, not copied
  std::shared_ptr<const TracedRequest> traced_;  // with a trace: what its reasons read
  detail::RequestForms request_forms_;  // the request's resource split once, for compiled forms
  Result result_;
  // Accounts under which compiled policies index statements that can name the requester.
  std::vector<std::string_view> requester_accounts_;
  bool requester_accounts_done_ = false;
  std::vector<std::uint32_t> named_;  // statements_naming_requester's answer
};

const std::vector<std::uint32_t>* Evaluator::statements_naming_requester(
    const CompiledPolicy* compiled) {
  if (compiled == nullptr || !compiled->indexed) return nullptr;
  if (!requester_accounts_done_) {
    // principal_value_matches names a requester by an account value or ARN only when the
    // requester's account, own ARN or role ARN is of that account.
    const Principal& p = req_.principal;
    auto add = [&](std::string_view account) {
      if (account.empty()) return;
      if (std::find(requester_accounts_.begin(), requester_accounts_.end(), account) ==
          requester_accounts_.end()) {
        requester_accounts_.push_back(account);
      }
    };
    add(p.account);
    if (const auto arn = model::parse_arn(p.arn)) add(arn->account);
    if (const auto arn = model::parse_arn(p.role_arn)) add(arn->account);
    requester_accounts_done_ = true;
  }
  named_ = compiled->always;
  const std::size_t always = named_.size();
  for (const std::string_view account : requester_accounts_) {
    const auto it = compiled->by_account.find(account);
    if (it == compiled->by_account.end()) continue;
    named_.insert(named_.end(), it->second.begin(), it->second.end());
  }
  if (named_.size() != always) {
    std::sort(named_.begin(), named_.end());
    named_.erase(std::unique(named_.begin(), named_.end()), named_.end());
  }
  return &named_;
}

void Evaluator::note_dependencies(const StatementMatch& m) {
  for (const Dependency& d : m.depends_on) {
    const bool seen =
        std::any_of(result_.depends_on.begin(), result_.depends_on.end(),
                    [&](const Dependency& e) { return e.where == d.where && e.op == d.op; });
    if (!seen) result_.depends_on.push_back(d);
  }
}

SlotTally Evaluator::tally(PolicySlot slot, int level,
                           const std::vector<const PolicyDocument*>& docs, bool allows_apply,
                           TraceEntry::Why not_applicable) {
  SlotTally t;
  const Principal& p = req_.principal;
  // "The NotPrincipal element with a Deny effect will always deny any IAM principal that has a
  // permissions boundary policy attached, regardless of the values specified in the
  // NotPrincipal element" (IAM NotPrincipal page).
  const bool bounded_identity =
      !set_.permission_boundaries.empty() &&
      (p.kind == PrincipalKind::kUser || p.kind == PrincipalKind::kRoleSession);
  auto visit = [&](const PolicyDocument* doc, const Statement& stmt,
                   const detail::StatementForm* form) {
    const bool force_not_principal = bounded_identity && slot == PolicySlot::kResource &&
                                     stmt.effect == Effect::kDeny && stmt.principal.present &&
                                     stmt.principal.is_not;
    // No reason text: TraceEntry::reason() matches the statement again when it is read.
    StatementMatch m = match_impl(*doc, stmt, req_, keys_, opt_.directory, false,
                                  force_not_principal, form, &request_forms_);
    const bool is_allow = stmt.effect == Effect::kAllow;
    const Tri applies = adjusted_applies(slot, stmt, m, allows_apply);
    if (applies == Tri::kUnknown) note_dependencies(m);
    if (stmt.effect == Effect::kDeny) {
      t.deny = tri_or(t.deny, applies);
    } else if (is_allow) {
      t.allow = tri_or(t.allow, applies);
      switch (m.principal) {
        case PrincipalMatch::kExact:
        case PrincipalMatch::kNoPrincipalElement:
          t.allow_exact = tri_or(t.allow_exact, applies);
          break;
        case PrincipalMatch::kRole:
        case PrincipalMatch::kWildcard:
        case PrincipalMatch::kNotPrincipal: t.allow_role = tri_or(t.allow_role, applies); break;
        case PrincipalMatch::kAccount: t.allow_account = tri_or(t.allow_account, applies); break;
        case PrincipalMatch::kNone: break;
      }
    }
    if (opt_.trace) {
      TraceEntry e = statement_entry(slot, level, doc, stmt, applies, TraceEntry::Why::kMatch,
                                     std::move(m.where), traced_);
      e.force_not_principal = force_not_principal;
      e.allows_apply = allows_apply;
      result_.trace.push_back(std::move(e));
    }
  };
  for (const PolicyDocument* doc : docs) {
    if (doc == nullptr) continue;
    if (not_applicable != TraceEntry::Why::kMatch) {
      if (opt_.trace) {
        for (const Statement& stmt : doc->statements) {
          result_.trace.push_back(statement_entry(slot, level, doc, stmt, Tri::kFalse,
                                                  not_applicable, stmt.where, traced_));
        }
      }
      continue;
    }
    const CompiledPolicy* compiled = opt_.compiled != nullptr ? opt_.compiled->find(*doc) : nullptr;
    const detail::PolicyForms* forms = compiled != nullptr ? compiled->forms.get() : nullptr;
    auto form_of = [&](std::size_t i) {
      return forms != nullptr ? &forms->statements[i] : nullptr;
    };
    const std::vector<std::uint32_t>* named = statements_naming_requester(compiled);
    if (named == nullptr) {
      for (std::size_t i = 0; i < doc->statements.size(); ++i) {
        visit(doc, doc->statements[i], form_of(i));
      }
      continue;
    }
    // Only the statements that can name the requester; the others' Principal does not match,
    // so they apply to nothing (match_impl would say "principal ... is not named").
    std::size_t next = 0;
    for (const std::uint32_t i : *named) {
      if (opt_.trace && i > next) {
        result_.trace.add_not_named(slot, level, doc, next, i, traced_);
      }
      visit(doc, doc->statements[i], form_of(i));
      next = std::size_t{i} + 1;
    }
    if (opt_.trace && doc->statements.size() > next) {
      result_.trace.add_not_named(slot, level, doc, next, doc->statements.size(), traced_);
    }
  }
  return t;
}

SlotTally Evaluator::tally_acl(const Acl& acl, bool object_level) {
  SlotTally t;
  for (std::size_t i = 0; i < acl.grants.size(); ++i) {
    const AclGrant& g = acl.grants[i];
    const PrincipalMatch m =
        acl_grant_match(g, req_.principal, req_.action, object_level, opt_.directory);
    const Tri applies = to_tri(m != PrincipalMatch::kNone);
    t.allow = tri_or(t.allow, applies);
    if (m == PrincipalMatch::kAccount) t.allow_account = tri_or(t.allow_account, applies);
    if (m == PrincipalMatch::kWildcard) t.allow_role = tri_or(t.allow_role, applies);
    if (m == PrincipalMatch::kExact) t.allow_exact = tri_or(t.allow_exact, applies);
    if (opt_.trace) {
      TraceEntry e;
      e.slot = PolicySlot::kAcl;
      e.grant = &g;
      e.effect = Effect::kAllow;
      e.applies = applies;
      e.why = TraceEntry::Why::kAclGrant;
      e.object_acl = object_level;
      e.grant_index = static_cast<std::uint32_t>(i);
      e.where = g.where;
      e.reason_where = g.where;
      e.request = traced_;
      result_.trace.push_back(std::move(e));
    }
  }
  return t;
}

// OR over documents of one level, AND over levels; an empty level allows nothing.
Tri levels_allow(const std::vector<SlotTally>& levels) {
  Tri all = Tri::kTrue;
  for (const SlotTally& t : levels) all = tri_and(all, t.allow);
  return all;
}

// The service prefix of an action ("s3" of "s3:GetObject"); the whole text without ':'.
std::string_view action_service(std::string_view action) {
  return action.substr(0, action.find(':'));
}

bool action_is(std::string_view action, std::string_view service,
               std::initializer_list<std::string_view> names) {
  const std::size_t colon = action.find(':');
  if (colon == std::string_view::npos || !iequals(action.substr(0, colon), service)) return false;
  const std::string_view name = action.substr(colon + 1);
  return std::any_of(names.begin(), names.end(),
                     [&](std::string_view n) { return iequals(n, name); });
}

// Services whose resources RCPs apply to (Organizations RCP page, "List of AWS services that
// support RCPs"); for other services an RCP restricts nothing.
bool rcp_supports(std::string_view action) {
  static constexpr std::array<std::string_view, 10> kServices{
      "s3",       "sts", "kms",  "sqs", "secretsmanager", "cognito-identity",
      "dynamodb", "ecr", "aoss", "logs"};
  const std::string_view service = action_service(action);
  return std::any_of(kServices.begin(), kServices.end(),
                     [&](std::string_view s) { return iequals(s, service); });
}

// Requests that a role's trust policy decides: AssumeRole and its companions on a role ARN.
bool needs_trust_policy(const Request& r) {
  if (!action_is(r.action, "sts",
                 {"AssumeRole", "AssumeRoleWithSAML", "AssumeRoleWithWebIdentity", "TagSession",
                  "SetSourceIdentity", "SetContext"})) {
    return false;
  }
  const std::optional<model::Arn> arn = model::parse_arn(r.resource);
  return arn && arn->service == "iam" && arn->resource.substr(0, 5) == "role/";
}

// Requests on a KMS key, which its key policy decides.
bool needs_key_policy(const Request& r) {
  if (!iequals(action_service(r.action), "kms")) return false;
  const std::optional<model::Arn> arn = model::parse_arn(r.resource);
  return arn && arn->service == "kms" && arn->resource.substr(0, 4) == "key/";
}

// Requests no policy can allow: the reason, or empty.
std::string_view immutable_target(const Request& r) {
  const std::optional<model::Arn> arn = model::parse_arn(r.resource);
  if (!arn) return {};
  if (arn->service == "kms" && arn->resource.substr(0, 10) == "alias/aws/" &&
      action_is(r.action, "kms", {"CreateAlias", "UpdateAlias", "DeleteAlias"})) {
    return "aliases that begin with alias/aws/ belong to AWS managed keys: nobody can create, "
           "update or delete them";
  }
  if (arn->service != "iam") return {};
  if (arn->account == "aws" && arn->resource.substr(0, 7) == "policy/" &&
      action_is(r.action, "iam",
                {"CreatePolicy", "CreatePolicyVersion", "DeletePolicy", "DeletePolicyVersion",
                 "SetDefaultPolicyVersion", "TagPolicy", "UntagPolicy"})) {
    return "AWS managed policies (arn:aws:iam::aws:policy/...) cannot be created, changed, "
           "tagged or deleted by anyone";
  }
  const std::string_view res = arn->resource;
  if ((res.substr(0, 22) == "role/aws-service-role/" ||
       res.substr(0, 18) == "role/aws-reserved/") &&
      action_is(r.action, "iam",
                {"AttachRolePolicy", "DetachRolePolicy", "PutRolePolicy", "DeleteRolePolicy",
                 "UpdateAssumeRolePolicy", "PutRolePermissionsBoundary",
                 "DeleteRolePermissionsBoundary", "DeleteRole"})) {
    return "service-linked roles (/aws-service-role/) and roles reserved for AWS services "
           "(/aws-reserved/) cannot have their permissions, trust policy or existence changed "
           "through IAM";
  }
  return {};
}

// Why SCP and RCP levels were not evaluated (TraceEntry::Why::kScpSkipped, kRcpSkipped); the
// conditions are Evaluator::tally_organisation's.
std::string scp_skip_reason(const Principal& p) {
  if (is_service_linked_role(p)) return "SCPs do not restrict service-linked roles; not evaluated";
  return fmt::format(
      "SCPs restrict only principals of the organisation's accounts, not a {} requester; not "
      "evaluated",
      principal_kind_name(p.kind));
}
std::string rcp_skip_reason(const Request& r) {
  if (is_service_linked_role(r.principal)) {
    return "RCPs do not restrict service-linked roles; not evaluated";
  }
  return fmt::format("RCPs do not apply to actions of '{}'; not evaluated",
                     action_service(r.action));
}

// Phase 1: SCP and RCP levels. Adds their explicit denies to `deny`; returns whether every SCP
// level allows (kTrue when SCPs do not apply to this requester).
Tri Evaluator::tally_organisation(Tri& deny) {
  // Organisation policies. SCPs restrict the IAM principals of the organisation's accounts, so
  // not anonymous callers, services, OAIs or service-linked roles; RCPs restrict requests to
  // resources of the services that support them, whoever makes them, except service-linked
  // roles. RCPFullAWSAccess is attached to every root, OU and account and cannot be detached,
  // so an RCP level never denies implicitly: only an explicit Deny in an RCP denies.
  const Principal& p = req_.principal;
  const bool slr = is_service_linked_role(p);
  const bool scp_skip = slr || !p.is_account_identity();
  const bool rcp_skip = slr || !rcp_supports(req_.action);
  using Why = TraceEntry::Why;
  std::vector<SlotTally> scp;
  for (std::size_t i = 0; i < set_.scp_levels.size(); ++i) {
    scp.push_back(tally(PolicySlot::kScp, static_cast<int>(i), set_.scp_levels[i], true,
                        scp_skip ? Why::kScpSkipped : Why::kMatch));
    deny = tri_or(deny, scp.back().deny);
  }
  for (std::size_t i = 0; i < set_.rcp_levels.size(); ++i) {
    const SlotTally r = tally(PolicySlot::kRcp, static_cast<int>(i), set_.rcp_levels[i], true,
                              rcp_skip ? Why::kRcpSkipped : Why::kMatch);
    deny = tri_or(deny, r.deny);
  }
  return scp_skip ? Tri::kTrue : levels_allow(scp);
}

// Phase 2: identity policies, permissions boundaries and session policies.
Evaluator::IdentitySide Evaluator::tally_identity(Tri& deny) {
  IdentitySide side;
  SlotTally& id = side.id;
  id = tally(PolicySlot::kIdentity, -1, set_.identity_policies, true);
  if (set_.identity_not_given) id.allow = Tri::kTrue;
  deny = tri_or(deny, id.deny);
  if (!set_.permission_boundaries.empty()) {
    const SlotTally b = tally(PolicySlot::kBoundary, -1, set_.permission_boundaries, true);
    deny = tri_or(deny, b.deny);
    side.boundary_ok = b.allow;
  }
  if (!set_.session_policies.empty()) {
    const SlotTally s = tally(PolicySlot::kSession, -1, set_.session_policies, true);
    deny = tri_or(deny, s.deny);
    side.session_ok = s.allow;
  }
  return side;
}

// Phase 3: S3 facts that decide whose grants count (the object owner's account) and which ACL
// takes part.
Evaluator::S3Side Evaluator::s3_side() const {
  // S3: which account's grants count, and whether ACLs take part (docs/aws-semantics.md 3.1).
  S3Side out;
  out.resource_account = req_.resource_account;
  std::string& resource_account = out.resource_account;
  bool& foreign_object = out.foreign_object;
  const Acl*& acl = out.acl;
  bool& object_level_acl = out.object_level_acl;
  const std::optional<model::S3Target> s3 = model::parse_s3_arn(req_.resource);
  if (req_.s3 && s3) {
    const S3Facts& f = *req_.s3;
    const bool enforced = f.ownership == ObjectOwnership::kBucketOwnerEnforced;
    object_level_acl = s3->is_object && uses_object_acl(req_.action);
    if (!enforced) acl = object_level_acl ? f.object_acl : f.bucket_acl;
    // Under BucketOwnerEnforced the bucket owner owns every object and ACLs play no part.
    std::string owner = f.object_owner_account;
    if (owner.empty() && !f.object_owner_canonical_id.empty() && opt_.directory != nullptr) {
      if (auto a = opt_.directory->account_for_canonical_id(f.object_owner_canonical_id))
        owner = *a;
    }
    if (!enforced && s3->is_object && is_existing_object_action(req_.action) && !owner.empty() &&
        !resource_account.empty() && owner != resource_account) {
      foreign_object = true;
      resource_account = owner;
    }
    if (!enforced && s3->is_object && is_existing_object_action(req_.action) && owner.empty() &&
        !f.object_owner_canonical_id.empty()) {
      // Owner known only by a canonical ID the directory cannot map: compare with the bucket
      // owner's canonical ID when known.
      const auto bucket_owner_c =
          opt_.directory == nullptr
              ? std::nullopt
              : opt_.directory->canonical_id_for_account(req_.resource_account);
      if (bucket_owner_c && !iequals(*bucket_owner_c, f.object_owner_canonical_id)) {
        foreign_object = true;
        resource_account.clear();  // an account we cannot name
      }
    }
  }
  return out;
}

// Phase 4: the resource side, the resource policy and the ACL.
SlotTally Evaluator::tally_resource(const S3Side& s3, Tri& deny) {
  const bool foreign_object = s3.foreign_object;
  SlotTally res;
  if (set_.resource_policy != nullptr) {
    // Allow statements of a bucket policy do not apply to objects owned by another account;
    // Deny statements still do (S3-403, docs/aws-semantics.md 3.1).
    res = tally(PolicySlot::kResource, -1, {set_.resource_policy}, !foreign_object);
    deny = tri_or(deny, res.deny);
  }
  if (foreign_object) res = SlotTally{res.deny};
  if (s3.acl != nullptr) {
    const SlotTally a = tally_acl(*s3.acl, s3.object_level_acl);
    res.allow = tri_or(res.allow, a.allow);
    res.allow_exact = tri_or(res.allow_exact, a.allow_exact);
    res.allow_role = tri_or(res.allow_role, a.allow_role);
    res.allow_account = tri_or(res.allow_account, a.allow_account);
  }
  return res;
}

// Phase 5: the two sides combined for same-account, cross-account and identity-less requesters
// (IAM-EVAL, IAM-XACCT), and the SCP levels; with the sentence that says which rule decided.
Evaluator::Combined Evaluator::combine(const IdentitySide& identity, const S3Side& s3,
                                       const SlotTally& res, Tri scp_ok) const {
  const Principal& p = req_.principal;
  const SlotTally& id = identity.id;
  const Tri boundary_ok = identity.boundary_ok;
  const Tri session_ok = identity.session_ok;
  const std::string& resource_account = s3.resource_account;
  const bool foreign_object = s3.foreign_object;
  const Acl* acl = s3.acl;
  Combined out;
  // Identity side: root users are not limited by identity policies; principals that are not
  // account identities (anonymous, services, OAIs) have none and rely on resource grants.
  const bool has_identity = p.is_account_identity();
  const Tri limits = tri_and(boundary_ok, session_ok);
  const Tri identity_ok =
      p.kind == PrincipalKind::kAccountRoot ? Tri::kTrue : tri_and(id.allow, limits);
  const bool same_account =
      has_identity && !p.account.empty() &&
      (resource_account.empty() ? !foreign_object : p.account == resource_account);
  // Trust and key policies must allow explicitly (IAM-EVAL), also when none is given.
  const bool trust_required = needs_trust_policy(req_);
  const bool key_required = needs_key_policy(req_);
  const bool explicit_resource =
      trust_required || key_required ||
      (set_.resource_policy != nullptr && (set_.resource_policy->kind == PolicyKind::kTrust ||
                                           set_.resource_policy->kind == PolicyKind::kKey));
  std::string_view explicit_name = "resource policy";
  if (trust_required) {
    explicit_name = "role's trust policy";
  } else if (key_required) {
    explicit_name = "key policy";
  } else if (set_.resource_policy != nullptr) {
    explicit_name = policy_kind_name(set_.resource_policy->kind);
  }

  Tri& allowed = out.allowed;
  if (same_account) {
    // Same account: identity OR resource policy (IAM-EVAL). Grants to a user or session ARN are
    // not limited by identity-policy/boundary/session implicit denies; grants to a role ARN are
    // limited by boundary and session policy; account principals delegate to identity policies.
    const Tri res_direct = tri_or(res.allow_exact, tri_and(res.allow_role, limits));
    if (explicit_resource) {
      // Trust and key policies must allow explicitly (IAM-EVAL).
      allowed = tri_or(res_direct, tri_and(res.allow_account, identity_ok));
      out.why_formatted =
          set_.resource_policy == nullptr
              ? fmt::format(
                    "same-account request: the {} must allow it explicitly, and none "
                    "was given",
                    explicit_name)
              : fmt::format(
                    "same-account request: the {} must allow it explicitly (directly, "
                    "or through the account principal and an identity policy)",
                    explicit_name);
    } else {
      allowed = tri_or(identity_ok, res_direct);
      out.why_literal =
          "same-account request: an identity policy or the resource policy must allow it";
    }
  } else if (has_identity) {
    // Cross account: both sides must allow (IAM-XACCT).
    const Tri res_any = tri_or(tri_or(res.allow_exact, res.allow_role), res.allow_account);
    allowed = tri_and(identity_ok, res_any);
    out.why_literal =
        foreign_object
            ? "object owned by another account: the requester's account must allow it and the "
              "object ACL must grant it"
            : "cross-account request: an identity policy and the resource policy must both "
              "allow it";
  } else {
    allowed = tri_or(tri_or(res.allow_exact, res.allow_role), res.allow_account);
    out.why_formatted = fmt::format(
        "the requester ({}) has no identity policies: the resource policy{} must "
        "allow it",
        principal_kind_name(p.kind), acl != nullptr ? " or ACL" : "");
  }
  allowed = tri_and(allowed, scp_ok);
  out.limits = limits;
  return out;
}

// Phase 6: answer, decision and summary.
void Evaluator::summarise(Tri deny, const Combined& combined, const IdentitySide& identity,
                          Tri scp_ok) {
  const Principal& p = req_.principal;
  const bool has_identity = p.is_account_identity();
  const Tri final_allow = tri_and(tri_not(deny), combined.allowed);
  const std::string_view why = combined.why();
  if (deny == Tri::kTrue) {
    result_.answer = Answer::kDenied;
    result_.decision = Decision::kExplicitlyDenied;
    result_.summary = "an explicit Deny applies";
  } else if (final_allow == Tri::kTrue) {
    result_.answer = Answer::kAllowed;
    result_.decision = Decision::kAllowed;
    result_.summary = std::string(why);
  } else if (final_allow == Tri::kFalse) {
    result_.answer = Answer::kDenied;
    result_.decision = Decision::kImplicitlyDenied;
    if (scp_ok == Tri::kFalse) {
      result_.summary = "an SCP level does not allow it";
    } else if (has_identity && p.kind != PrincipalKind::kAccountRoot &&
               identity.id.allow == Tri::kTrue && combined.limits == Tri::kFalse) {
      result_.summary =
          fmt::format("{}; the permissions boundary or session policy does not allow it", why);
    } else {
      result_.summary = std::string(why);
    }
  } else {
    result_.answer = Answer::kDepends;
    result_.summary =
        fmt::format("depends on {} condition(s) whose keys are unknown", result_.depends_on.size());
  }
}

// Phase 7: requests whose outcome no policy decides.
void Evaluator::decide_fixed_outcomes() {
  const Principal& p = req_.principal;
  if (action_is(req_.action, "sts", {"GetCallerIdentity"}) && p.is_account_identity()) {
    // "No permissions are required to perform this operation. If an administrator attaches a
    // policy to your identity that explicitly denies access to the sts:GetCallerIdentity
    // action, you can still perform this operation" (STS API reference).
    result_.answer = Answer::kAllowed;
    result_.decision = Decision::kAllowed;
    result_.summary =
        "sts:GetCallerIdentity needs no permission and cannot be denied to an authenticated "
        "caller";
  } else if (const std::string_view why_not = immutable_target(req_); !why_not.empty()) {
    result_.answer = Answer::kDenied;
    if (result_.decision != Decision::kExplicitlyDenied) {
      result_.decision = Decision::kImplicitlyDenied;
      result_.summary = std::string(why_not);
    }
  }
}

Result Evaluator::run() {
  Tri deny = Tri::kFalse;
  const Tri scp_ok = tally_organisation(deny);
  const IdentitySide identity = tally_identity(deny);
  const S3Side s3 = s3_side();
  const SlotTally res = tally_resource(s3, deny);
  const Combined combined = combine(identity, s3, res, scp_ok);
  summarise(deny, combined, identity, scp_ok);
  decide_fixed_outcomes();
  if (result_.answer != Answer::kDepends) result_.depends_on.clear();
  return std::move(result_);
}

}  // namespace

std::string TraceEntry::label() const {
  if (statement != nullptr) return statement->label();
  if (grant != nullptr) {
    return fmt::format("{} {}", object_acl ? "object ACL" : "bucket ACL",
                       grant_label(*grant, grant_index));
  }
  return {};
}

std::string TraceEntry::reason() const {
  if (request == nullptr) return {};
  const Request& req = request->request;
  const IdentityDirectory* directory = request->directory;
  switch (why) {
    case Why::kNotNamed:
      return fmt::format("principal '{}' is not named in Principal", req.principal.label());
    case Why::kScpSkipped: return scp_skip_reason(req.principal);
    case Why::kRcpSkipped: return rcp_skip_reason(req);
    case Why::kAclGrant: {
      if (grant == nullptr) return {};
      const PrincipalMatch m =
          acl_grant_match(*grant, req.principal, req.action, object_acl, directory);
      if (m != PrincipalMatch::kNone) {
        return fmt::format("grants '{}' to '{}'", req.action, req.principal.label());
      }
      if (!permission_covers(grant->permission,
                             acl_permissions_for_action(req.action, object_acl))) {
        return fmt::format("permission '{}' does not cover '{}'", grant->permission, req.action);
      }
      return fmt::format("grantee is not '{}'", req.principal.label());
    }
    case Why::kMatch: break;
  }
  if (statement == nullptr || policy == nullptr) return {};
  // The evaluation's own match, with the text this time.
  const KeySource keys(req);
  StatementMatch m =
      match_impl(*policy, *statement, req, keys, directory, true, force_not_principal);
  return adjusted_reason(slot, *statement, m, allows_apply, force_not_principal);
}

Result evaluate(const Request& request, const PolicySet& policies, const EvalOptions& options) {
  Result r = Evaluator(request, policies, options).run();
  if (r.answer == Answer::kDepends) {
    // The definite decision when the client sends none of the unknown keys.
    Request absent = request;
    absent.static_question = false;
    std::vector<std::string> unknown;
    for (const auto& [k, e] : absent.context.entries()) {
      if (e.unknown) unknown.push_back(k);
    }
    for (const std::string& k : unknown) absent.context.erase(k);
    EvalOptions quiet = options;
    quiet.trace = false;
    r.decision = Evaluator(absent, policies, quiet).run().decision;
  }
  return r;
}

}  // namespace bucketlint::eval
