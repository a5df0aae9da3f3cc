// Requesters, the request context, and Principal / NotPrincipal matching
// (docs/aws-semantics.md 5.2, 5.3;
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html).

#include <fmt/format.h>

#include <algorithm>

#include "bucketlint/eval.h"
#include "eval/compiled.h"
#include "model/arn.h"
#include "model/wildcard.h"

namespace bucketlint::eval {

using text::ascii_lower;
using text::iequals;

// ---- three-valued logic -----------------------------------------------------------------------

Tri tri_and(Tri a, Tri b) {
  if (a == Tri::kFalse || b == Tri::kFalse) return Tri::kFalse;
  if (a == Tri::kTrue && b == Tri::kTrue) return Tri::kTrue;
  return Tri::kUnknown;
}

Tri tri_or(Tri a, Tri b) {
  if (a == Tri::kTrue || b == Tri::kTrue) return Tri::kTrue;
  if (a == Tri::kFalse && b == Tri::kFalse) return Tri::kFalse;
  return Tri::kUnknown;
}

Tri tri_not(Tri a) {
  switch (a) {
    case Tri::kTrue: return Tri::kFalse;
    case Tri::kFalse: return Tri::kTrue;
    case Tri::kUnknown: return Tri::kUnknown;
  }
  return Tri::kUnknown;
}

std::string_view tri_name(Tri t) {
  switch (t) {
    case Tri::kTrue: return "true";
    case Tri::kFalse: return "false";
    case Tri::kUnknown: return "unknown";
  }
  return "unknown";
}

// ---- names ------------------------------------------------------------------------------------

std::string_view principal_kind_name(PrincipalKind kind) {
  switch (kind) {
    case PrincipalKind::kAnonymous: return "anonymous";
    case PrincipalKind::kAccountRoot: return "account";
    case PrincipalKind::kUser: return "user";
    case PrincipalKind::kRoleSession: return "role session";
    case PrincipalKind::kFederatedUser: return "federated user";
    case PrincipalKind::kService: return "service";
    case PrincipalKind::kOai: return "origin access identity";
    case PrincipalKind::kCanonicalUser: return "canonical user";
    case PrincipalKind::kWebIdentity: return "web identity";
  }
  return "unknown";
}

std::string_view decision_name(Decision d) {
  switch (d) {
    case Decision::kAllowed: return "Allowed";
    case Decision::kImplicitlyDenied: return "ImplicitlyDenied";
    case Decision::kExplicitlyDenied: return "ExplicitlyDenied";
  }
  return "ImplicitlyDenied";
}

std::string_view answer_name(Answer a) {
  switch (a) {
    case Answer::kAllowed: return "Allowed";
    case Answer::kDenied: return "Denied";
    case Answer::kDepends: return "Depends";
  }
  return "Denied";
}

std::string_view policy_slot_name(PolicySlot slot) {
  switch (slot) {
    case PolicySlot::kIdentity: return "identity policy";
    case PolicySlot::kResource: return "resource policy";
    case PolicySlot::kBoundary: return "permissions boundary";
    case PolicySlot::kScp: return "SCP";
    case PolicySlot::kRcp: return "RCP";
    case PolicySlot::kSession: return "session policy";
    case PolicySlot::kAcl: return "ACL";
  }
  return "policy";
}

// ---- principals -------------------------------------------------------------------------------

namespace {

constexpr std::string_view kOaiPrefix = "user/CloudFront Origin Access Identity ";

std::string_view last_component(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

bool is_canonical_id(std::string_view s) {
  if (s.size() != 64) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  });
}

// IAM unique IDs of deleted principals: AIDA (user), AROA (role), ... (IAM-IDS).
bool is_unique_id(std::string_view s) {
  if (s.size() < 16 || s.size() > 32) return false;
  if (!(s.substr(0, 4) == "AIDA" || s.substr(0, 4) == "AROA" || s.substr(0, 4) == "ANPA" ||
        s.substr(0, 4) == "AGPA" || s.substr(0, 4) == "AIPA" || s.substr(0, 4) == "ASIA" ||
        s.substr(0, 4) == "AKIA")) {
    return false;
  }
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); });
}

bool is_web_identity_provider(std::string_view s) {
  return s == "cognito-identity.amazonaws.com" || s == "accounts.google.com" ||
         s == "graph.facebook.com" || s == "www.amazon.com";
}

bool is_service_name(std::string_view s) {
  auto ends_with = [&](std::string_view suffix) {
    return s.size() > suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
  };
  return s.find('/') == std::string_view::npos && s.find(':') == std::string_view::npos &&
         (ends_with(".amazonaws.com") || ends_with(".amazonaws.com.cn"));
}

}  // namespace

bool Principal::is_account_identity() const {
  return kind == PrincipalKind::kAccountRoot || kind == PrincipalKind::kUser ||
         kind == PrincipalKind::kRoleSession || kind == PrincipalKind::kFederatedUser;
}

std::string Principal::label() const {
  switch (kind) {
    case PrincipalKind::kAnonymous: return "anonymous";
    case PrincipalKind::kService: return service;
    case PrincipalKind::kCanonicalUser: return fmt::format("canonical user '{}'", canonical_id);
    case PrincipalKind::kWebIdentity: return provider;
    case PrincipalKind::kOai:
      return arn.empty() ? fmt::format("canonical user '{}'", canonical_id) : arn;
    default: return arn.empty() ? account : arn;
  }
}

std::optional<Principal> parse_principal(std::string_view text) {
  Principal p;
  if (iequals(text, "anonymous")) return p;
  if (model::is_account_id(text)) {
    p.kind = PrincipalKind::kAccountRoot;
    p.account = std::string(text);
    p.arn = fmt::format("arn:aws:iam::{}:root", text);
    return p;
  }
  if (is_canonical_id(text)) {
    p.kind = PrincipalKind::kCanonicalUser;
    p.canonical_id = std::string(text);
    return p;
  }
  if (is_unique_id(text)) return std::nullopt;  // an ID alone says nothing about the kind
  if (is_web_identity_provider(text)) {
    p.kind = PrincipalKind::kWebIdentity;
    p.provider = std::string(text);
    return p;
  }
  if (is_service_name(text)) {
    p.kind = PrincipalKind::kService;
    p.service = std::string(text);
    return p;
  }
  const std::optional<model::Arn> arn = model::parse_arn(text);
  if (!arn) return std::nullopt;
  const std::string_view res = arn->resource;
  if (arn->service == "iam" && arn->account == "cloudfront" &&
      res.substr(0, kOaiPrefix.size()) == kOaiPrefix) {
    p.kind = PrincipalKind::kOai;
    p.arn = std::string(text);
    p.oai_id = std::string(res.substr(kOaiPrefix.size()));
    return p;
  }
  if (!model::is_account_id(arn->account)) return std::nullopt;
  p.account = std::string(arn->account);
  if (arn->service == "iam") {
    if (res == "root") {
      p.kind = PrincipalKind::kAccountRoot;
      p.arn = std::string(text);
      return p;
    }
    if (res.substr(0, 5) == "user/") {
      p.kind = PrincipalKind::kUser;
      p.arn = std::string(text);
      p.user_name = std::string(last_component(res));
      return p;
    }
    if (res.substr(0, 5) == "role/") {
      p.kind = PrincipalKind::kRoleSession;
      p.arn = std::string(text);
      p.role_arn = std::string(text);
      p.role_name = std::string(last_component(res));
      return p;
    }
    if (res.substr(0, 14) == "saml-provider/" || res.substr(0, 14) == "oidc-provider/") {
      p.kind = PrincipalKind::kWebIdentity;
      p.provider = std::string(text);
      return p;
    }
    return std::nullopt;
  }
  if (arn->service == "sts") {
    if (res.substr(0, 13) == "assumed-role/") {
      const std::string_view rest = res.substr(13);
      const std::size_t slash = rest.find('/');
      if (slash == std::string_view::npos || slash == 0 || slash + 1 == rest.size()) {
        return std::nullopt;
      }
      p.kind = PrincipalKind::kRoleSession;
      p.arn = std::string(text);
      p.role_name = std::string(rest.substr(0, slash));
      p.session_name = std::string(rest.substr(slash + 1));
      p.role_arn = fmt::format("arn:{}:iam::{}:role/{}", arn->partition, arn->account, p.role_name);
      return p;
    }
    if (res.substr(0, 15) == "federated-user/") {
      p.kind = PrincipalKind::kFederatedUser;
      p.arn = std::string(text);
      p.user_name = std::string(res.substr(15));
      return p;
    }
  }
  return std::nullopt;
}

namespace {
std::string lower_copy(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = ascii_lower(c);
  return out;
}
}  // namespace

void IdentityDirectory::index() {
  account_by_canonical_.clear();
  oai_by_canonical_.clear();
  for (const auto& [account, id] : account_canonical_ids) {
    account_by_canonical_.try_emplace(lower_copy(id), account);  // the first in map order
  }
  for (const auto& [oai, id] : oai_canonical_ids)
    oai_by_canonical_.try_emplace(lower_copy(id), oai);
  indexed_accounts_ = account_canonical_ids.size();
  indexed_oais_ = oai_canonical_ids.size();
}

std::optional<std::string> IdentityDirectory::account_for_canonical_id(
    std::string_view canonical_id) const {
  if (indexed_accounts_ == account_canonical_ids.size() && indexed_accounts_ > 0) {
    const auto it = account_by_canonical_.find(lower_copy(canonical_id));
    if (it == account_by_canonical_.end()) return std::nullopt;
    return it->second;
  }
  for (const auto& [account, id] : account_canonical_ids) {
    if (iequals(id, canonical_id)) return account;
  }
  return std::nullopt;
}

std::optional<std::string> IdentityDirectory::oai_for_canonical_id(
    std::string_view canonical_id) const {
  if (indexed_oais_ == oai_canonical_ids.size() && indexed_oais_ > 0) {
    const auto it = oai_by_canonical_.find(lower_copy(canonical_id));
    if (it == oai_by_canonical_.end()) return std::nullopt;
    return it->second;
  }
  for (const auto& [oai, id] : oai_canonical_ids) {
    if (iequals(id, canonical_id)) return oai;
  }
  return std::nullopt;
}

std::optional<std::string> IdentityDirectory::canonical_id_for_account(
    std::string_view account) const {
  const auto it = account_canonical_ids.find(std::string(account));
  if (it == account_canonical_ids.end()) return std::nullopt;
  return it->second;
}

IdentityDirectory directory_from_model(const Model& model) {
  IdentityDirectory dir;
  for (const Account& a : model.accounts) {
    if (!a.canonical_id.empty()) dir.account_canonical_ids[a.id] = a.canonical_id;
  }
  for (const OriginAccessIdentity& o : model.oais) {
    if (!o.canonical_user_id.empty()) dir.oai_canonical_ids[o.id] = o.canonical_user_id;
  }
  dir.index();
  return dir;
}

// ---- context ----------------------------------------------------------------------------------

bool Context::KeyLess::operator()(std::string_view a, std::string_view b) const {
  const std::size_t n = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    if (a[i] == b[i]) continue;
    const char x = ascii_lower(a[i]);
    const char y = ascii_lower(b[i]);
    if (x != y) return x < y;
  }
  return a.size() < b.size();
}

void Context::set(std::string_view key, std::vector<std::string> values) {
  auto it = entries_.find(key);
  if (it == entries_.end()) it = entries_.emplace(ascii_lower(key), Entry{}).first;
  it->second.key = std::string(key);
  it->second.values = std::move(values);
  it->second.unknown = false;
  it->second.absent = false;
}

void Context::set(std::string_view key, std::string value) {
  std::vector<std::string> v;
  v.push_back(std::move(value));
  set(key, std::move(v));
}

void Context::set_unknown(std::string_view key) {
  auto it = entries_.find(key);
  if (it == entries_.end()) it = entries_.emplace(ascii_lower(key), Entry{}).first;
  it->second.key = std::string(key);
  it->second.values.clear();
  it->second.unknown = true;
  it->second.absent = false;
}

void Context::set_absent(std::string_view key) {
  auto it = entries_.find(key);
  if (it == entries_.end()) it = entries_.emplace(ascii_lower(key), Entry{}).first;
  it->second.key = std::string(key);
  it->second.values.clear();
  it->second.unknown = false;
  it->second.absent = true;
}

void Context::erase(std::string_view key) {
  const auto it = entries_.find(key);
  if (it != entries_.end()) entries_.erase(it);
}

const std::vector<std::string>* Context::find(std::string_view key) const {
  const auto it = entries_.find(key);
  if (it == entries_.end() || it->second.unknown || it->second.absent) return nullptr;
  return &it->second.values;
}

bool Context::is_absent(std::string_view key) const {
  const auto it = entries_.find(key);
  return it != entries_.end() && it->second.absent;
}

bool Context::is_unknown(std::string_view key) const {
  const auto it = entries_.find(key);
  return it != entries_.end() && it->second.unknown;
}

bool Context::has(std::string_view key) const { return entries_.find(key) != entries_.end(); }

// ---- principal matching -----------------------------------------------------------------------

namespace {

// A requester as seen through the directory: a canonical user ID that belongs to an OAI is the
// OAI (docs/aws-semantics.md 4.1).
struct Resolved {
  const Principal& p;
  std::string oai_id;     // OAI ID when the requester is an OAI
  std::string canonical;  // the requester's canonical ID when known
};

Resolved resolve(const Principal& p, const IdentityDirectory* dir) {
  Resolved r{p, p.oai_id, p.canonical_id};
  if (dir == nullptr) return r;
  if (r.oai_id.empty() && !r.canonical.empty()) {
    if (auto oai = dir->oai_for_canonical_id(r.canonical)) r.oai_id = *oai;
  }
  if (r.canonical.empty() && !r.oai_id.empty()) {
    const auto it = dir->oai_canonical_ids.find(r.oai_id);
    if (it != dir->oai_canonical_ids.end()) r.canonical = it->second;
  }
  return r;
}

bool is_oai(const Resolved& r) {
  return r.p.kind == PrincipalKind::kOai ||
         (r.p.kind == PrincipalKind::kCanonicalUser && !r.oai_id.empty());
}

PrincipalMatch match_account(std::string_view account, const Principal& p) {
  if (p.is_account_identity() && p.account == account) return PrincipalMatch::kAccount;
  return PrincipalMatch::kNone;
}

PrincipalMatch match_aws_value(std::string_view v, const Resolved& r) {
  const Principal& p = r.p;
  if (v == "*") {
    // {"AWS": "*"} covers every AWS identity and anonymous requests (equivalent to "*" for
    // anonymous users, IAM-PRINC). Assumption: it does not name service principals, which are
    // granted through {"Service": ...} or "*".
    if (p.kind == PrincipalKind::kService || p.kind == PrincipalKind::kWebIdentity) {
      return PrincipalMatch::kNone;
    }
    return PrincipalMatch::kWildcard;
  }
  if (model::is_account_id(v)) return match_account(v, p);
  if (is_unique_id(v)) {
    return (!p.unique_id.empty() && p.unique_id == v) ? PrincipalMatch::kExact
                                                      : PrincipalMatch::kNone;
  }
  const std::optional<model::Arn> arn = model::parse_arn(v);
  if (!arn) return PrincipalMatch::kNone;
  const std::string_view res = arn->resource;
  if (arn->service == "iam" && arn->account == "cloudfront" &&
      res.substr(0, kOaiPrefix.size()) == kOaiPrefix) {
    return (is_oai(r) && r.oai_id == res.substr(kOaiPrefix.size())) ? PrincipalMatch::kExact
                                                                    : PrincipalMatch::kNone;
  }
  if (arn->service == "iam") {
    if (res == "root") return match_account(arn->account, p);
    if (res.substr(0, 5) == "user/") {
      return (p.kind == PrincipalKind::kUser && p.arn == v) ? PrincipalMatch::kExact
                                                            : PrincipalMatch::kNone;
    }
    if (res.substr(0, 5) == "role/") {
      // A role ARN principal matches every session of the role (IAM-PRINC). Session ARNs carry
      // no role path, so compare account and role name.
      if (p.kind != PrincipalKind::kRoleSession) return PrincipalMatch::kNone;
      if (p.role_arn == v) return PrincipalMatch::kRole;
      return (p.account == arn->account && p.role_name == last_component(res))
                 ? PrincipalMatch::kRole
                 : PrincipalMatch::kNone;
    }
    return PrincipalMatch::kNone;
  }
  if (arn->service == "sts") {
    // Specific sessions / federated users: exact ARN; no wildcard for "all sessions".
    if ((p.kind == PrincipalKind::kRoleSession && !p.session_name.empty()) ||
        p.kind == PrincipalKind::kFederatedUser) {
      return p.arn == v ? PrincipalMatch::kExact : PrincipalMatch::kNone;
    }
  }
  return PrincipalMatch::kNone;
}

PrincipalMatch match_value(const PrincipalValue& value, const Resolved& r,
                           const IdentityDirectory* dir) {
  const Principal& p = r.p;
  if (value.type == "*") return PrincipalMatch::kWildcard;
  if (value.type == "AWS") return match_aws_value(value.value, r);
  if (value.type == "Service") {
    return (p.kind == PrincipalKind::kService && iequals(p.service, value.value))
               ? PrincipalMatch::kExact
               : PrincipalMatch::kNone;
  }
  if (value.type == "Federated") {
    return (p.kind == PrincipalKind::kWebIdentity && p.provider == value.value)
               ? PrincipalMatch::kExact
               : PrincipalMatch::kNone;
  }
  if (value.type == "CanonicalUser") {
    // S3 only. An OAI's canonical ID is the OAI; an account's canonical ID is the account
    // (docs/aws-semantics.md 4.1, 5.2).
    if (!r.canonical.empty() && iequals(r.canonical, value.value)) return PrincipalMatch::kExact;
    if (dir != nullptr) {
      if (auto oai = dir->oai_for_canonical_id(value.value)) {
        return (is_oai(r) && r.oai_id == *oai) ? PrincipalMatch::kExact : PrincipalMatch::kNone;
      }
      if (auto account = dir->account_for_canonical_id(value.value)) {
        return match_account(*account, p);
      }
    }
    return PrincipalMatch::kNone;
  }
  return PrincipalMatch::kNone;
}

int strength(PrincipalMatch m) {
  switch (m) {
    case PrincipalMatch::kNone: return 0;
    case PrincipalMatch::kAccount: return 1;
    case PrincipalMatch::kWildcard: return 2;
    case PrincipalMatch::kNotPrincipal: return 2;
    case PrincipalMatch::kRole: return 3;
    case PrincipalMatch::kExact: return 4;
    case PrincipalMatch::kNoPrincipalElement: return 5;
  }
  return 0;
}

}  // namespace

PrincipalMatch principal_value_matches(const PrincipalValue& value, const Principal& principal,
                                       const IdentityDirectory* directory) {
  return match_value(value, resolve(principal, directory), directory);
}

namespace {

// principal_matches with `match(i)` the match of element.values[i] (parsed or not).
template <typename MatchValue>
PrincipalMatch element_matches(const PrincipalElement& element, const Principal& principal,
                               MatchValue match) {
  if (!element.present) return PrincipalMatch::kNoPrincipalElement;
  const std::size_t n = element.values.size();
  if (!element.is_not) {
    PrincipalMatch best = PrincipalMatch::kNone;
    for (std::size_t i = 0; i < n; ++i) {
      const PrincipalMatch m = match(i);
      if (strength(m) > strength(best)) best = m;
    }
    return best;
  }
  // NotPrincipal: AWS may check the account, then the role, then the session (or the account,
  // then the user); a requester is excluded only when every identity of that chain is listed
  // (IAM-NOTPRINC examples list the session ARN, the role ARN and the account ARN).
  auto listed = [&](auto accept) {
    for (std::size_t i = 0; i < n; ++i) {
      if (accept(match(i))) return true;
    }
    return false;
  };
  bool excluded = false;
  switch (principal.kind) {
    case PrincipalKind::kAccountRoot:
      excluded = listed([](PrincipalMatch m) {
        return m == PrincipalMatch::kAccount || m == PrincipalMatch::kWildcard;
      });
      break;
    case PrincipalKind::kUser:
    case PrincipalKind::kFederatedUser:
      excluded = listed([](PrincipalMatch m) {
                   return m == PrincipalMatch::kAccount || m == PrincipalMatch::kWildcard;
                 }) &&
                 listed([](PrincipalMatch m) {
                   return m == PrincipalMatch::kExact || m == PrincipalMatch::kWildcard;
                 });
      break;
    case PrincipalKind::kRoleSession: {
      const bool account = listed([](PrincipalMatch m) {
        return m == PrincipalMatch::kAccount || m == PrincipalMatch::kWildcard;
      });
      const bool role = listed([](PrincipalMatch m) {
        return m == PrincipalMatch::kRole || m == PrincipalMatch::kWildcard;
      });
      // A session with unknown name is only excluded by the role; with a name, the session ARN
      // must be listed too.
      const bool session = principal.session_name.empty() || listed([](PrincipalMatch m) {
                             return m == PrincipalMatch::kExact || m == PrincipalMatch::kWildcard;
                           });
      excluded = account && role && session;
      break;
    }
    default: excluded = listed([](PrincipalMatch m) { return m != PrincipalMatch::kNone; }); break;
  }
  return excluded ? PrincipalMatch::kNone : PrincipalMatch::kNotPrincipal;
}

// not_principal_names with `match(i)` the match of element.values[i]. Any match names the
// requester or an identity it acts for: its account (account principal), its role (role ARN),
// itself (user, session, service, ...) or everyone ("*").
template <typename MatchValue>
bool element_names(const PrincipalElement& element, MatchValue match) {
  if (!element.present) return false;
  for (std::size_t i = 0; i < element.values.size(); ++i) {
    if (match(i) != PrincipalMatch::kNone) return true;
  }
  return false;
}

// match_value for a value parsed by compile_principal_value: the same answers, without parsing
// the value's ARN on each call.
PrincipalMatch match_form(const detail::PrincipalForm& f, const PrincipalValue& value,
                          const Resolved& r, const IdentityDirectory* dir) {
  using Kind = detail::PrincipalForm::Kind;
  const Principal& p = r.p;
  switch (f.kind) {
    case Kind::kOther: return match_value(value, r, dir);
    case Kind::kAnyType: return PrincipalMatch::kWildcard;
    case Kind::kAwsAny:
      return (p.kind == PrincipalKind::kService || p.kind == PrincipalKind::kWebIdentity)
                 ? PrincipalMatch::kNone
                 : PrincipalMatch::kWildcard;
    case Kind::kAccount: return match_account(f.account, p);
    case Kind::kUniqueId:
      return (!p.unique_id.empty() && p.unique_id == value.value) ? PrincipalMatch::kExact
                                                                  : PrincipalMatch::kNone;
    case Kind::kOai:
      return (is_oai(r) && r.oai_id == f.name) ? PrincipalMatch::kExact : PrincipalMatch::kNone;
    case Kind::kUser:
      return (p.kind == PrincipalKind::kUser && p.arn == value.value) ? PrincipalMatch::kExact
                                                                      : PrincipalMatch::kNone;
    case Kind::kRole:
      if (p.kind != PrincipalKind::kRoleSession) return PrincipalMatch::kNone;
      if (p.role_arn == value.value) return PrincipalMatch::kRole;
      return (p.account == f.account && p.role_name == f.name) ? PrincipalMatch::kRole
                                                               : PrincipalMatch::kNone;
    case Kind::kSts:
      if ((p.kind == PrincipalKind::kRoleSession && !p.session_name.empty()) ||
          p.kind == PrincipalKind::kFederatedUser) {
        return p.arn == value.value ? PrincipalMatch::kExact : PrincipalMatch::kNone;
      }
      return PrincipalMatch::kNone;
    case Kind::kNever: return PrincipalMatch::kNone;
    case Kind::kService:
      return (p.kind == PrincipalKind::kService && iequals(p.service, value.value))
                 ? PrincipalMatch::kExact
                 : PrincipalMatch::kNone;
    case Kind::kFederated:
      return (p.kind == PrincipalKind::kWebIdentity && p.provider == value.value)
                 ? PrincipalMatch::kExact
                 : PrincipalMatch::kNone;
  }
  return PrincipalMatch::kNone;
}

}  // namespace

PrincipalMatch principal_matches(const PrincipalElement& element, const Principal& principal,
                                 const IdentityDirectory* directory) {
  if (!element.present) return PrincipalMatch::kNoPrincipalElement;
  const Resolved r = resolve(principal, directory);
  return element_matches(element, principal, [&](std::size_t i) {
    return match_value(element.values[i], r, directory);
  });
}

bool not_principal_names(const PrincipalElement& element, const Principal& principal,
                         const IdentityDirectory* directory) {
  if (!element.present) return false;
  const Resolved r = resolve(principal, directory);
  return element_names(element,
                       [&](std::size_t i) { return match_value(element.values[i], r, directory); });
}

namespace detail {

PrincipalForm compile_principal_value(const PrincipalValue& value) {
  // The branches of match_value and match_aws_value, in their order.
  PrincipalForm f;
  using Kind = PrincipalForm::Kind;
  if (value.type == "*") {
    f.kind = Kind::kAnyType;
  } else if (value.type == "Service") {
    f.kind = Kind::kService;
  } else if (value.type == "Federated") {
    f.kind = Kind::kFederated;
  } else if (value.type != "AWS") {
    f.kind = Kind::kOther;
  } else if (const std::string_view v = value.value; v == "*") {
    f.kind = Kind::kAwsAny;
  } else if (model::is_account_id(v)) {
    f.kind = Kind::kAccount;
    f.account = v;
  } else if (is_unique_id(v)) {
    f.kind = Kind::kUniqueId;
  } else if (const std::optional<model::Arn> arn = model::parse_arn(v); !arn) {
    f.kind = Kind::kNever;
  } else if (const std::string_view res = arn->resource;
             arn->service == "iam" && arn->account == "cloudfront" &&
             res.substr(0, kOaiPrefix.size()) == kOaiPrefix) {
    f.kind = Kind::kOai;
    f.name = res.substr(kOaiPrefix.size());
  } else if (arn->service == "iam") {
    f.account = arn->account;
    if (res == "root") {
      f.kind = Kind::kAccount;
    } else if (res.substr(0, 5) == "user/") {
      f.kind = Kind::kUser;
    } else if (res.substr(0, 5) == "role/") {
      f.kind = Kind::kRole;
      f.name = last_component(res);
    } else {
      f.kind = Kind::kNever;
    }
  } else {
    f.kind = arn->service == "sts" ? Kind::kSts : Kind::kNever;
  }
  return f;
}

PrincipalMatch principal_matches_form(const PrincipalElement& element,
                                      const std::vector<PrincipalForm>& forms,
                                      const Principal& principal,
                                      const IdentityDirectory* directory) {
  if (!element.present) return PrincipalMatch::kNoPrincipalElement;
  const Resolved r = resolve(principal, directory);
  return element_matches(element, principal, [&](std::size_t i) {
    return match_form(forms[i], element.values[i], r, directory);
  });
}

bool not_principal_names_form(const PrincipalElement& element,
                              const std::vector<PrincipalForm>& forms, const Principal& principal,
                              const IdentityDirectory* directory) {
  if (!element.present) return false;
  const Resolved r = resolve(principal, directory);
  return element_names(element, [&](std::size_t i) {
    return match_form(forms[i], element.values[i], r, directory);
  });
}

}  // namespace detail

bool is_service_linked_role(const Principal& principal) {
  if (principal.kind != PrincipalKind::kRoleSession) return false;
  // Service-linked roles live under the path /aws-service-role/ and are named
  // AWSServiceRoleFor... (IAM using-service-linked-roles page); a session ARN carries no path.
  return principal.role_arn.find(":role/aws-service-role/") != std::string::npos ||
         principal.role_name.rfind("AWSServiceRoleFor", 0) == 0;
}

std::optional<Principal> principal_from_value(const PrincipalValue& value,
                                              const IdentityDirectory* directory) {
  if (value.type == "*" || value.value == "*") return std::nullopt;
  if (value.type == "Service") {
    Principal p;
    p.kind = PrincipalKind::kService;
    p.service = value.value;
    return p;
  }
  if (value.type == "Federated") {
    Principal p;
    p.kind = PrincipalKind::kWebIdentity;
    p.provider = value.value;
    return p;
  }
  if (value.type == "CanonicalUser") {
    Principal p;
    p.kind = PrincipalKind::kCanonicalUser;
    p.canonical_id = value.value;
    if (directory != nullptr) {
      if (auto oai = directory->oai_for_canonical_id(value.value)) {
        p.kind = PrincipalKind::kOai;
        p.oai_id = *oai;
        p.arn = fmt::format("arn:aws:iam::cloudfront:{}{}", kOaiPrefix, *oai);
      } else if (auto account = directory->account_for_canonical_id(value.value)) {
        p.kind = PrincipalKind::kAccountRoot;
        p.account = *account;
        p.arn = fmt::format("arn:aws:iam::{}:root", *account);
      }
    }
    return p;
  }
  if (value.type != "AWS") return std::nullopt;
  std::optional<Principal> p = parse_principal(value.value);
  if (p && p->kind == PrincipalKind::kOai && directory != nullptr) {
    const auto it = directory->oai_canonical_ids.find(p->oai_id);
    if (it != directory->oai_canonical_ids.end()) p->canonical_id = it->second;
  }
  if (p && p->kind == PrincipalKind::kAnonymous) return std::nullopt;
  return p;
}

}  // namespace bucketlint::eval
