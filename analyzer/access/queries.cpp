// The memoised access-query object: one per run, answers computed once per bucket.

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <map>
#include <mutex>
#include <set>
#include <system_error>
#include <thread>
#include <unordered_map>
#include <utility>

#include "bucketlint/access.h"
#include "bucketlint/text.h"
#include "model/wildcard.h"

namespace bucketlint::access {

namespace {

constexpr std::string_view kBofc = "bucket-owner-full-control";
// The account of the stand-in for "Principal": "*" writers: an account that is not the bucket's
// and that no condition names.
constexpr std::string_view kAnyOtherAccount = "000000000000";

using text::ascii_lower;

// With the organisation known (organizations describe-organization and list-accounts), a
// principal of one of its accounts has aws:PrincipalOrgID = the organisation's ID
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgid).
// Other accounts keep it unknown: they may belong to another organisation or to none.
void set_principal_org(const Model& model, const eval::Principal& principal,
                       eval::Context& context) {
  const Organization& org = model.organization;
  if (org.id.empty() || principal.account.empty() || !principal.is_account_identity()) return;
  const bool member =
      principal.account == org.management_account ||
      std::find(org.accounts.begin(), org.accounts.end(), principal.account) != org.accounts.end();
  if (member) context.set("aws:PrincipalOrgID", org.id);
}

enum class AclHeaders { kUnknown, kNone, kOwnerFullControl, kPrivate };

std::string principal_key(const eval::Principal& p) {
  switch (p.kind) {
    case eval::PrincipalKind::kOai: return "oai:" + p.oai_id;
    case eval::PrincipalKind::kService: return "service:" + p.service;
    case eval::PrincipalKind::kAnonymous: return "anonymous";
    case eval::PrincipalKind::kCanonicalUser: return "canonical:" + p.canonical_id;
    default: return p.role_arn.empty() ? p.arn : p.role_arn;
  }
}

struct Candidate {
  eval::Principal principal;
  const Role* role = nullptr;
  const User* user = nullptr;
  bool same_account = false;
  std::string canonical_id;  // a bucket-ACL grantee (Writer::canonical_id)
};

void add_candidate(std::vector<Candidate>& out, std::set<std::string>& seen, Candidate c) {
  if (!seen.insert(principal_key(c.principal)).second) return;
  out.push_back(std::move(c));
}

// The ACL request headers of an upload as condition keys. An upload may carry any of them, so a
// static PutObject question leaves them unknown; the other cases state exactly which it sends.
void set_acl_headers(eval::Context& context, AclHeaders headers) {
  switch (headers) {
    case AclHeaders::kUnknown:
      for (std::string_view k : kAclHeaderKeys) context.set_unknown(k);
      return;
    case AclHeaders::kNone: break;  // absent: what AWS sees when the client sends no ACL
    case AclHeaders::kOwnerFullControl: context.set("s3:x-amz-acl", std::string(kBofc)); break;
    case AclHeaders::kPrivate: context.set("s3:x-amz-acl", "private"); break;
  }
  for (std::string_view k : kAclHeaderKeys) {
    if (!context.has(k)) context.set_absent(k);
  }
}

// The writer a candidate would be, before its uploads are asked about.
Writer writer_of(const Candidate& c) {
  Writer w;
  w.principal = c.principal;
  w.account = c.principal.account;
  w.any_principal = c.principal.account == kAnyOtherAccount;
  w.same_account = c.same_account;
  w.canonical_id = c.canonical_id;
  w.role = c.role;
  w.user = c.user;
  return w;
}

// Writers in the order every rule reports them: by label.
void order_writers(std::vector<Writer>& writers) {
  std::sort(writers.begin(), writers.end(),
            [](const Writer& a, const Writer& b) { return a.label() < b.label(); });
}

// Asks `ask(key, headers, trace)` about an upload of each probe key: the first key an upload may
// succeed with is the writer's example, and the ACL headers it must or may send are what every such
// key allows. False when no key lets the candidate upload.
template <class Ask>
bool probe_uploads(Writer& w, const std::vector<std::string>& keys, Ask&& ask) {
  bool any = false;
  bool all_need_acl = true;
  bool bofc_ok = false;
  bool private_ok = false;
  for (const std::string& key : keys) {
    // Only the example key's two results are kept, with their traces; the other answers are
    // summed up in flags and need none (building trace text is most of an evaluation's cost).
    const bool keep = !any;
    eval::Result put_any = ask(key, AclHeaders::kUnknown, keep);
    if (!put_any.possibly_allowed()) continue;
    eval::Result no_acl = ask(key, AclHeaders::kNone, keep);
    if (!no_acl.denied()) all_need_acl = false;
    if (ask(key, AclHeaders::kOwnerFullControl, false).possibly_allowed()) bofc_ok = true;
    if (no_acl.denied() && ask(key, AclHeaders::kPrivate, false).possibly_allowed()) {
      private_ok = true;
    }
    if (!any) {
      w.key = key;
      w.put_any = std::move(put_any);
      w.put_no_acl = std::move(no_acl);
      // Kept for the whole run: only the entries the rules search (the applying statements).
      w.put_any.trace.keep_applying();
      w.put_no_acl.trace.keep_applying();
      any = true;
    }
  }
  if (!any) return false;
  w.must_send_acl = all_need_acl;
  w.bofc_allowed = bofc_ok;
  w.private_allowed = private_ok;
  return true;
}

// The identity side of a request by a candidate: the model's documents, or "not given" (the
// evaluator then assumes it allows).
void identity_side(const Role* role, const User* user, eval::PolicySet& set, bool& known) {
  known = false;
  if (role != nullptr && !role->permission_policies.empty()) {
    set.identity_policies = role->permission_policies;
    if (role->permissions_boundary != nullptr) {
      set.permission_boundaries.push_back(role->permissions_boundary);
    }
    known = true;
  } else if (user != nullptr && !user->policies.empty()) {
    set.identity_policies = user->policies;
    known = true;
  } else {
    set.identity_not_given = true;
  }
}

// The account field of an ARN ("arn:aws:iam::222222222222:role/x" gives "222222222222").
std::string_view arn_account_field(std::string_view arn) {
  std::size_t start = 0;
  for (int field = 0; field < 4; ++field) {
    const std::size_t colon = arn.find(':', start);
    if (colon == std::string_view::npos) return {};
    start = colon + 1;
  }
  const std::size_t end = arn.find(':', start);
  if (end == std::string_view::npos) return {};
  return arn.substr(start, end - start);
}

// Could glob `pattern` (IAM Resource) match some object ARN of `bucket`, i.e. a string starting
// with "arn:<partition>:s3:::<bucket>/"? Decided on the prefix alone: a '*' (or a policy
// variable) can stand for anything that follows. ASCII case is ignored, so a doubt never says
// "cannot".
bool may_name_objects_of(std::string_view pattern, std::string_view bucket) {
  const std::string target = fmt::format("s3:::{}/", bucket);
  // The partition field may be anything ("aws", "aws-cn", "*").
  std::size_t j = 0;
  for (int colons = 0; colons < 2; ++j) {  // "arn:<partition>:"
    if (j == pattern.size()) return false;
    if (pattern[j] == '*' || pattern[j] == '$') return true;
    if (pattern[j] == ':') ++colons;
  }
  for (const char t : target) {
    if (j == pattern.size()) return false;
    const char c = pattern[j];
    if (c == '*' || c == '$') return true;
    if (c != '?' && text::ascii_lower(c) != text::ascii_lower(t)) return false;
    ++j;
  }
  return true;
}

// A cheap test before any evaluation: can a principal of the bucket's own account, whose
// identity policies are all known, possibly put objects into `bucket`? Not when no Allow of its
// identity policies names s3:PutObject on the bucket's objects and neither the bucket policy
// nor the bucket ACL can grant it anything (same-account access needs one of them:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html).
// Every doubt (NotAction, NotResource, wildcard principals, an unparsed value) says "maybe".
bool same_account_may_put(const Bucket& bucket, const std::string& owner,
                          const std::vector<const PolicyDocument*>& identity_policies) {
  if (bucket.policy != nullptr) {
    for (const Statement& stmt : bucket.policy->statements) {
      if (stmt.effect != Effect::kAllow) continue;
      if (!stmt.principal.present || stmt.principal.is_not) return true;
      for (const PrincipalValue& v : stmt.principal.values) {
        if (v.type == "Service" || v.type == "CanonicalUser" || v.type == "Federated") continue;
        const std::string_view account =
            is_account_id(v.value) ? std::string_view(v.value) : arn_account_field(v.value);
        if (account == "cloudfront") continue;  // an OAI
        if (!is_account_id(account) || account == owner) return true;
      }
    }
  }
  if (bucket.acl) {
    for (const AclGrant& g : bucket.acl->grants) {
      if (g.type == GranteeType::kGroup || g.type == GranteeType::kUnknown) return true;
    }
  }
  for (const PolicyDocument* p : identity_policies) {
    if (p == nullptr) return true;
    for (const Statement& stmt : p->statements) {
      if (stmt.effect != Effect::kAllow) continue;
      if (!stmt.action.present || stmt.action.is_not || !stmt.resource.present ||
          stmt.resource.is_not) {
        return true;
      }
      const bool puts = std::any_of(
          stmt.action.values.begin(), stmt.action.values.end(), [](const LocatedString& a) {
            return model::wildcard_match(a.value, "s3:PutObject", model::kGlobIgnoreCase);
          });
      if (!puts) continue;
      for (const LocatedString& r : stmt.resource.values) {
        if (may_name_objects_of(r.value, bucket.name)) return true;
      }
    }
  }
  return false;
}

// Accounts whose identities a bucket can possibly let write (bucket-policy Allow principals and
// bucket-ACL grantees); `everyone` when a wildcard or an unclassified principal may let any
// identity in. Mirrors how eval::principal_matches and the ACL grantee match work: a role or
// user of account X is only ever matched by "*", by X (ID, root ARN, canonical ID, email), or by
// an ARN in X; anything this cannot classify counts as everyone.
struct Reach {
  bool everyone = false;
  std::set<std::string, std::less<>> accounts;
};

// Same-account identities: an identity policy alone can let one write, so the account index
// makes every role and user of the bucket's account a candidate. These answer, without the
// evaluator, that one cannot write; each errs towards "may" (only a certain "cannot" skips).

// Could a Resource pattern match an object ARN that starts with `target`
// ("arn:aws:s3:::bucket/")? Compares the literal text before the first wildcard or policy
// variable with `target`, ignoring case.
bool resource_may_reach(std::string_view pattern, std::string_view target) {
  std::size_t cut = pattern.find_first_of("*?");
  cut = std::min(cut, pattern.find("${"));
  if (cut == std::string_view::npos) return text::istarts_with(pattern, target);
  const std::string_view literal = pattern.substr(0, cut);
  const std::size_t n = std::min(literal.size(), target.size());
  return text::iequals(literal.substr(0, n), target.substr(0, n));
}

// Can an Allow statement of `policies` cover s3:PutObject on an object of `bucket`? NotAction,
// NotResource and statements missing either element count as "may".
bool identity_may_put(const std::vector<const PolicyDocument*>& policies, std::string_view bucket) {
  const std::string target = fmt::format("arn:aws:s3:::{}/", bucket);
  for (const PolicyDocument* doc : policies) {
    if (doc == nullptr) return true;
    for (const Statement& stmt : doc->statements) {
      if (stmt.effect != Effect::kAllow) continue;
      if (!stmt.action.present || stmt.action.is_not || !stmt.resource.present ||
          stmt.resource.is_not) {
        return true;
      }
      const bool puts = std::any_of(
          stmt.action.values.begin(), stmt.action.values.end(),
          [](const LocatedString& a) { return eval::action_matches(a.value, "s3:PutObject"); });
      if (!puts) continue;
      for (const LocatedString& r : stmt.resource.values) {
        if (resource_may_reach(r.value, target)) return true;
      }
    }
  }
  return false;
}

// Could the bucket policy or the bucket ACL let the identity `arn` (named `name`) of the
// bucket's own account write without an identity policy? Only principals certainly naming
// someone else are passed over: services, federated providers, OAIs, ARNs of other accounts,
// and ARNs of this account that do not contain the identity's name. Account principals (which
// delegate to identity policies, IAM-EVAL) and group grants of the ACL count as "may".
bool bucket_may_grant(const Bucket& bucket, std::string_view owner, std::string_view arn,
                      std::string_view name) {
  if (bucket.acl) {
    for (const AclGrant& g : bucket.acl->grants) {
      if (g.type == GranteeType::kGroup || g.type == GranteeType::kUnknown) return true;
    }
  }
  if (bucket.policy == nullptr) return false;
  const std::string lower_name = ascii_lower(name);
  for (const Statement& stmt : bucket.policy->statements) {
    if (stmt.effect != Effect::kAllow) continue;
    if (!stmt.principal.present || stmt.principal.is_not) return true;
    for (const PrincipalValue& v : stmt.principal.values) {
      if (v.type == "Service" || v.type == "Federated") continue;
      if (v.type != "AWS" || !v.value.starts_with("arn:") || text::has_wildcard(v.value)) {
        return true;
      }
      const std::string_view account = arn_account_field(v.value);
      if (account != owner) continue;  // another account, or "cloudfront" (an OAI)
      if (v.value == arn || lower_name.empty() || v.value.ends_with(":root") ||
          ascii_lower(v.value).find(lower_name) != std::string::npos) {
        return true;
      }
    }
  }
  return false;
}

std::string_view last_component(std::string_view arn) {
  const std::size_t slash = arn.rfind('/');
  return slash == std::string_view::npos ? std::string_view{} : arn.substr(slash + 1);
}

}  // namespace

// ---------------------------------------------------------------------------------------------

// The answers about one bucket. Each question has its own lock, so that threads asking about
// the same bucket compute an answer once and threads asking about different buckets never wait
// for each other (Queries::prepare, `--jobs`). Lock order: others/assumed, then writers.
struct BucketAnswers {
  std::mutex writers_mutex;
  bool writers_done = false;
  std::vector<Writer> all_writers;
  std::mutex others_mutex;
  bool others_done = false;
  std::vector<Writer> other_writers;
  std::mutex readers_mutex;
  bool readers_done = false;
  std::vector<Reader> readers;
  std::mutex assumed_mutex;
  bool assumed_done = false;
  std::vector<const Role*> assumed;
};

// Stats as counted: each counter on its own, since several threads count at once.
struct AtomicStats {
  std::atomic<std::size_t> writer_computations{0};
  std::atomic<std::size_t> writer_questions{0};
  std::atomic<std::size_t> writer_candidates{0};
  std::atomic<std::size_t> reader_computations{0};
  std::atomic<std::size_t> reader_questions{0};
  std::atomic<std::size_t> assumed_writer_computations{0};
  std::atomic<std::size_t> assumed_writer_questions{0};
  std::atomic<std::size_t> origin_computations{0};
  std::atomic<std::size_t> caller_computations{0};
  std::atomic<std::size_t> directory_computations{0};
  std::atomic<std::size_t> evaluations{0};
};

struct Queries::Impl {
  const Model& model;
  bool use_index = true;
  eval::IdentityDirectory directory;
  AtomicStats stats;
  // Index of the model's identities by account (a role or user is listed under its account ID
  // and under the account of its ARN when they differ), and accounts by canonical ID (lower
  // case; several when the input maps one canonical ID to several accounts).
  std::map<std::string, std::vector<const Role*>, std::less<>> roles_by_account;
  std::map<std::string, std::vector<const User*>, std::less<>> users_by_account;
  std::map<std::string, std::vector<std::string>, std::less<>> accounts_by_canonical;
  // One entry per bucket of the model, made up front so that lookups never change the map;
  // buckets that are not the model's (tests build some) go into `extra`, under a lock.
  std::unordered_map<const Bucket*, std::unique_ptr<BucketAnswers>> buckets;
  std::mutex extra_mutex;
  std::map<const Bucket*, BucketAnswers> extra;
  // Indexes of the model by name (keys view the model's strings).
  std::unordered_map<std::string_view, const Role*> role_by_arn;
  std::unordered_map<std::string_view, const User*> user_by_arn;
  std::unordered_map<std::string_view, const OriginAccessIdentity*> oai_by_id;
  std::unordered_map<std::string_view, const OriginAccessControl*> oac_by_id;
  std::unordered_map<std::string_view, const Bucket*> bucket_by_name;
  // The origins of the model's distributions by bucket name, in model order.
  std::unordered_map<std::string_view, std::vector<std::pair<const Distribution*, const Origin*>>>
      origins_by_bucket;
  std::mutex origins_mutex;
  std::optional<std::vector<OriginAccess>> origins;
  std::mutex callers_mutex;
  std::optional<std::vector<Caller>> callers;
  // The model's policies compiled once (every statement's matching form; the statements of
  // wide policies by the accounts they name), read by every evaluation; read-only after.
  eval::CompiledPolicies compiled;

  Impl(const Model& m, bool index) : model(m), use_index(index) {
    directory = eval::directory_from_model(model);
    ++stats.directory_computations;
    if (use_index) {
      for (const std::unique_ptr<PolicyDocument>& p : model.policies) compiled.add(*p);
    }
    for (const Role& r : model.roles) {
      roles_by_account[r.account_id].push_back(&r);
      const std::string_view a = arn_account_field(r.arn);
      if (a != r.account_id) roles_by_account[std::string(a)].push_back(&r);
    }
    for (const User& u : model.users) {
      users_by_account[u.account_id].push_back(&u);
      const std::string_view a = arn_account_field(u.arn);
      if (a != u.account_id) users_by_account[std::string(a)].push_back(&u);
    }
    for (const auto& [account, canonical] : directory.account_canonical_ids) {
      accounts_by_canonical[ascii_lower(canonical)].push_back(account);
    }
    buckets.reserve(model.buckets.size());
    for (const Bucket& b : model.buckets) {
      buckets.emplace(&b, std::make_unique<BucketAnswers>());
      bucket_by_name.try_emplace(b.name, &b);  // the first, as Model::find_bucket
    }
    for (const Role& r : model.roles) role_by_arn.try_emplace(r.arn, &r);  // Model::find_role
    for (const User& u : model.users) user_by_arn[u.arn] = &u;  // the last, as the scan it replaces
    for (const OriginAccessIdentity& o : model.oais) oai_by_id.try_emplace(o.id, &o);
    for (const OriginAccessControl& o : model.oacs) oac_by_id.try_emplace(o.id, &o);
    for (const Distribution& d : model.distributions) {
      for (const Origin& o : d.origins) origins_by_bucket[o.bucket].push_back({&d, &o});
    }
  }

  // Lookups by name in linear time overall: Model::find_* scan the model, which made every
  // bucket's question a scan of every role, OAI and distribution (quadratic in an organisation).
  const Role* find_role(std::string_view arn) const {
    const auto it = role_by_arn.find(arn);
    return it == role_by_arn.end() ? nullptr : it->second;
  }
  const User* find_user(std::string_view arn) const {
    const auto it = user_by_arn.find(arn);
    return it == user_by_arn.end() ? nullptr : it->second;
  }
  const OriginAccessIdentity* find_oai(std::string_view id) const {
    const auto it = oai_by_id.find(id);
    return it == oai_by_id.end() ? nullptr : it->second;
  }
  const Bucket* find_bucket(std::string_view name) const {
    const auto it = bucket_by_name.find(name);
    return it == bucket_by_name.end() ? nullptr : it->second;
  }

  eval::Result evaluate(const eval::Request& request, const eval::PolicySet& policies, bool trace) {
    ++stats.evaluations;
    eval::EvalOptions options;
    options.directory = &directory;
    options.trace = trace;
    options.compiled = &compiled;
    return eval::evaluate(request, policies, options);
  }

  BucketAnswers& answers(const Bucket& bucket) {
    if (const auto it = buckets.find(&bucket); it != buckets.end()) return *it->second;
    const std::lock_guard<std::mutex> lock(extra_mutex);
    return extra[&bucket];  // std::map: the entry stays where it is
  }

  const std::vector<Writer>& all_writers(const Bucket& bucket) {
    BucketAnswers& a = answers(bucket);
    const std::lock_guard<std::mutex> lock(a.writers_mutex);
    if (!a.writers_done) {
      a.all_writers = find_writers(bucket);
      a.writers_done = true;
    }
    return a.all_writers;
  }

  Reach reach_of(const Bucket& bucket) const;
  eval::Result ask_put(const Bucket& bucket, const std::string& owner,
                       const eval::Principal& principal, const eval::PolicySet& policies,
                       const std::string& key, AclHeaders headers, bool trace);
  std::vector<Writer> find_writers(const Bucket& bucket);
  std::vector<Candidate> writer_candidates(const Bucket& bucket, const std::string& owner) const;
  void add_acl_grantees(const Bucket& bucket, const std::string& owner,
                        std::vector<Candidate>& candidates, std::set<std::string>& seen) const;
  struct Identities {
    std::vector<const Role*> roles;
    std::vector<const User*> users;
  };
  Identities reachable_identities(const Bucket& bucket, const std::string& owner) const;
  bool cannot_write(const Bucket& bucket, const std::string& owner, std::string_view account,
                    std::string_view arn, std::string_view name,
                    const std::vector<const PolicyDocument*>& policies) const;
  void add_model_identities(const Bucket& bucket, const std::string& owner,
                            std::vector<Candidate>& candidates, std::set<std::string>& seen) const;
  std::optional<Writer> probe_writer(const Bucket& bucket, const std::string& owner,
                                     const Candidate& c);
  bool holds_identities_with_account_id(const std::string& account) const;
  void add_named_principals(const PolicyDocument& policy, const std::string& owner,
                            bool expand_accounts, std::vector<Candidate>& candidates,
                            std::set<std::string>& seen) const;
  void add_access_point_writers(const Bucket& bucket, const std::string& owner,
                                std::vector<Writer>& writers);
  std::vector<std::string> access_point_probe_keys(const Bucket& bucket,
                                                   const AccessPoint& ap) const;
  std::optional<Writer> probe_access_point_writer(const Bucket& bucket, const std::string& owner,
                                                  const AccessPoint& ap,
                                                  const std::vector<std::string>& keys,
                                                  const Candidate& c);
  eval::Result ask_put_through(const Bucket& bucket, const std::string& owner,
                               const AccessPoint& ap, const eval::Principal& principal,
                               const eval::PolicySet& policies, const std::string& key,
                               AclHeaders headers, bool trace);
  std::vector<Reader> find_readers(const Bucket& bucket);
  std::vector<const Role*> find_assumed_writer_roles(const Bucket& bucket);
  std::vector<OriginAccess> find_origins() const;
  std::vector<Caller> find_callers() const;
};

Reach Queries::Impl::reach_of(const Bucket& bucket) const {
  Reach reach;
  auto add_canonical = [&](std::string_view canonical) {
    // An unmapped canonical ID matches no identity of the model's accounts.
    const auto it = accounts_by_canonical.find(ascii_lower(canonical));
    if (it == accounts_by_canonical.end()) return;
    reach.accounts.insert(it->second.begin(), it->second.end());
  };
  if (bucket.policy != nullptr) {
    for (const Statement& stmt : bucket.policy->statements) {
      if (stmt.effect != Effect::kAllow) continue;
      if (!stmt.principal.present || stmt.principal.is_not) {
        reach.everyone = true;
        return reach;
      }
      for (const PrincipalValue& v : stmt.principal.values) {
        if (v.type == "Service" || v.type == "Federated") continue;  // never an account identity
        if (v.type == "CanonicalUser") {
          add_canonical(v.value);
          continue;
        }
        if (v.type != "AWS" || text::has_wildcard(v.value)) {
          reach.everyone = true;
          return reach;
        }
        if (is_account_id(v.value)) {
          reach.accounts.insert(v.value);
          continue;
        }
        const std::string_view account = arn_account_field(v.value);
        if (account == "cloudfront") continue;  // an OAI
        if (!v.value.starts_with("arn:") || !is_account_id(account)) {
          reach.everyone = true;  // unique IDs and anything unparsed
          return reach;
        }
        reach.accounts.insert(std::string(account));
      }
    }
  }
  if (bucket.acl) {
    for (const AclGrant& g : bucket.acl->grants) {
      if (g.permission != "FULL_CONTROL") {
        const std::vector<std::string_view> needed =
            eval::acl_permissions_for_action("s3:PutObject", false);
        if (std::find(needed.begin(), needed.end(), g.permission) == needed.end()) continue;
      }
      switch (g.type) {
        case GranteeType::kGroup:
          if (is_public_grantee(g)) {
            reach.everyone = true;
            return reach;
          }
          break;
        case GranteeType::kCanonicalUser: add_canonical(g.id); break;
        case GranteeType::kEmail:
          if (const auto it = directory.email_accounts.find(g.email);
              it != directory.email_accounts.end()) {
            reach.accounts.insert(it->second);
          }
          break;
        case GranteeType::kUnknown: break;
      }
    }
  }
  return reach;
}

eval::Result Queries::Impl::ask_put(const Bucket& bucket, const std::string& owner,
                                    const eval::Principal& principal,
                                    const eval::PolicySet& policies, const std::string& key,
                                    AclHeaders headers, bool trace) {
  eval::Request request;
  request.principal = principal;
  request.action = "s3:PutObject";
  request.resource = object_arn(bucket.name, key);
  request.resource_account = owner;
  // A static question; made to the bucket itself, it carries no access point keys, so a
  // statement that delegates to access points (s3:DataAccessPointAccount) does not let it in.
  request.static_question = true;
  set_principal_org(model, principal, request.context);
  set_acl_headers(request.context, headers);
  eval::S3Facts facts;
  facts.ownership = bucket.ownership.value;
  facts.bucket_acl = bucket.acl ? &*bucket.acl : nullptr;  // a bucket ACL WRITE grant also lets
                                                           // another account upload
  request.s3 = facts;
  return evaluate(request, policies, trace);
}

// Exactly the identities whose account_id field is `account` (the index also lists them under
// their ARN's account).
bool Queries::Impl::holds_identities_with_account_id(const std::string& account) const {
  if (const auto it = roles_by_account.find(account); it != roles_by_account.end()) {
    for (const Role* r : it->second) {
      if (r->account_id == account) return true;
    }
  }
  if (const auto it = users_by_account.find(account); it != users_by_account.end()) {
    for (const User* u : it->second) {
      if (u->account_id == account) return true;
    }
  }
  return false;
}

// The principals named in Allow statements of `policy` (a bucket or access point policy) as
// writer candidates. With `expand_accounts`, an account principal whose identities the model
// holds is left out: the account delegates to them, and they are asked about instead.
void Queries::Impl::add_named_principals(const PolicyDocument& policy, const std::string& owner,
                                         bool expand_accounts, std::vector<Candidate>& candidates,
                                         std::set<std::string>& seen) const {
  for (const Statement& stmt : policy.statements) {
    if (stmt.effect != Effect::kAllow || !stmt.principal.present || stmt.principal.is_not) {
      continue;
    }
    for (const PrincipalValue& v : stmt.principal.values) {
      if (v.type == "*" || (v.type == "AWS" && v.value == "*")) {
        // A session of a role in an account no condition names: engine-filled keys such as
        // aws:PrincipalAccount get that account, other keys stay unknown.
        eval::Principal any;
        any.kind = eval::PrincipalKind::kRoleSession;
        any.account = std::string(kAnyOtherAccount);
        any.role_name = "writer";
        any.role_arn = fmt::format("arn:aws:iam::{}:role/writer", kAnyOtherAccount);
        any.arn = any.role_arn;
        add_candidate(candidates, seen, Candidate{any, nullptr, nullptr, false, {}});
        continue;
      }
      std::optional<eval::Principal> p = eval::principal_from_value(v, &directory);
      if (!p || !p->is_account_identity() || p->account.empty()) continue;
      Candidate c{*p, nullptr, nullptr, p->account == owner, {}};
      if (p->kind == eval::PrincipalKind::kAccountRoot) {
        if (expand_accounts && holds_identities_with_account_id(p->account)) continue;
      } else if (p->kind == eval::PrincipalKind::kRoleSession) {
        c.role = find_role(p->role_arn.empty() ? p->arn : p->role_arn);
      } else if (p->kind == eval::PrincipalKind::kUser) {
        c.user = find_user(p->arn);
      }
      add_candidate(candidates, seen, std::move(c));
    }
  }
}

// Who can put objects into `bucket`, in three phases: gather the candidates (each principal
// once), probe each one's uploads, then order the writers found (access-point writers included)
// by label.
std::vector<Writer> Queries::Impl::find_writers(const Bucket& bucket) {
  ++stats.writer_computations;
  std::vector<Writer> writers;
  const std::string owner = bucket_account(model, bucket);
  if (owner.empty()) return writers;
  for (const Candidate& c : writer_candidates(bucket, owner)) {
    if (std::optional<Writer> w = probe_writer(bucket, owner, c)) writers.push_back(std::move(*w));
  }
  add_access_point_writers(bucket, owner, writers);
  order_writers(writers);
  writers.shrink_to_fit();  // kept for the whole run
  return writers;
}

// Everyone who might upload into `bucket` directly, each principal once (the first source that
// names it wins): principals the bucket policy names, bucket-ACL grantees, then the model's
// identities that could reach the bucket.
std::vector<Candidate> Queries::Impl::writer_candidates(const Bucket& bucket,
                                                        const std::string& owner) const {
  std::vector<Candidate> candidates;
  std::set<std::string> seen;
  // Principals named in Allow statements of the bucket policy.
  if (bucket.policy != nullptr) {
    add_named_principals(*bucket.policy, owner, true, candidates, seen);
  }
  add_acl_grantees(bucket, owner, candidates, seen);
  add_model_identities(bucket, owner, candidates, seen);
  return candidates;
}

// Canonical users a bucket-ACL WRITE or FULL_CONTROL grant names: "WRITE: allows grantee to
// create new objects in the bucket", and every canonical ID other than the bucket owner's is
// another account, which then owns what it creates
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html). A grantee the
// model maps to an account whose roles or users it holds is asked about through those
// identities (add_model_identities); one mapped to an account the model holds nothing of stands
// for that account; an unmapped one is asked about as the canonical user itself. ACLs play no
// part under BucketOwnerEnforced, where the evaluator then denies these uploads.
void Queries::Impl::add_acl_grantees(const Bucket& bucket, const std::string& owner,
                                     std::vector<Candidate>& candidates,
                                     std::set<std::string>& seen) const {
  if (!bucket.acl) return;
  const std::string owner_canonical = bucket_owner_canonical_id(model, bucket);
  const std::vector<std::string_view> needed =
      eval::acl_permissions_for_action("s3:PutObject", false);
  for (const AclGrant& g : bucket.acl->grants) {
    if (g.type != GranteeType::kCanonicalUser || g.id.empty()) continue;
    if (g.permission != "FULL_CONTROL" &&
        std::find(needed.begin(), needed.end(), g.permission) == needed.end()) {
      continue;
    }
    if (!owner_canonical.empty() && ascii_lower(g.id) == ascii_lower(owner_canonical)) continue;
    if (g.id == bucket.acl->owner_id) continue;
    if (directory.oai_for_canonical_id(g.id)) continue;  // CloudFront, not an account
    const std::optional<std::string> account = directory.account_for_canonical_id(g.id);
    if (account && *account == owner) continue;
    eval::Principal p;
    if (account) {
      if (holds_identities_with_account_id(*account)) continue;
      std::optional<eval::Principal> root = eval::parse_principal(*account);
      if (!root) continue;
      p = std::move(*root);
    } else {
      p.kind = eval::PrincipalKind::kCanonicalUser;
    }
    p.canonical_id = g.id;
    add_candidate(candidates, seen, Candidate{p, nullptr, nullptr, false, g.id});
  }
}

// The model's roles and users that could reach the bucket: those of its own account, and
// those of accounts its bucket policy or ACL names (all of them when a wildcard may let any
// identity in, or without the index), in model order.
Queries::Impl::Identities Queries::Impl::reachable_identities(const Bucket& bucket,
                                                              const std::string& owner) const {
  const Reach reach = reach_of(bucket);
  Identities out;
  if (reach.everyone || !use_index) {
    for (const Role& r : model.roles) out.roles.push_back(&r);
    for (const User& u : model.users) out.users.push_back(&u);
    return out;
  }
  std::set<std::string, std::less<>> accounts = reach.accounts;
  accounts.insert(owner);
  for (const std::string& a : accounts) {
    if (const auto it = roles_by_account.find(a); it != roles_by_account.end()) {
      out.roles.insert(out.roles.end(), it->second.begin(), it->second.end());
    }
    if (const auto it = users_by_account.find(a); it != users_by_account.end()) {
      out.users.insert(out.users.end(), it->second.begin(), it->second.end());
    }
  }
  // Model order (the identities live in vectors of the model).
  std::sort(out.roles.begin(), out.roles.end(), std::less<>());
  out.roles.erase(std::unique(out.roles.begin(), out.roles.end()), out.roles.end());
  std::sort(out.users.begin(), out.users.end(), std::less<>());
  out.users.erase(std::unique(out.users.begin(), out.users.end()), out.users.end());
  return out;
}

// A same-account identity whose identity policies are known and cannot allow the upload, and
// that neither the bucket policy nor the ACL can let in directly, is denied: not asked.
bool Queries::Impl::cannot_write(const Bucket& bucket, const std::string& owner,
                                 std::string_view account, std::string_view arn,
                                 std::string_view name,
                                 const std::vector<const PolicyDocument*>& policies) const {
  return use_index && account == owner && !policies.empty() &&
         !identity_may_put(policies, bucket.name) && !bucket_may_grant(bucket, owner, arn, name);
}

// The model's roles (as sessions) and users that could reach the bucket, as candidates.
void Queries::Impl::add_model_identities(const Bucket& bucket, const std::string& owner,
                                         std::vector<Candidate>& candidates,
                                         std::set<std::string>& seen) const {
  const Identities identities = reachable_identities(bucket, owner);
  for (const Role* role : identities.roles) {
    if (role->account_id.empty()) continue;
    const std::string_view name = role->name.empty() ? last_component(role->arn) : role->name;
    if (cannot_write(bucket, owner, role->account_id, role->arn, name, role->permission_policies))
      continue;
    add_candidate(candidates, seen,
                  Candidate{role_session(*role), role, nullptr, role->account_id == owner, {}});
  }
  for (const User* user : identities.users) {
    if (user->account_id.empty()) continue;
    const std::string_view name = user->name.empty() ? last_component(user->arn) : user->name;
    if (cannot_write(bucket, owner, user->account_id, user->arn, name, user->policies)) continue;
    add_candidate(
        candidates, seen,
        Candidate{principal_for_user(*user), nullptr, user, user->account_id == owner, {}});
  }
}

// The writer `c` is when some probe key lets it upload directly into the bucket (its identity
// side from the model, or "not given"); nothing when no key does.
std::optional<Writer> Queries::Impl::probe_writer(const Bucket& bucket, const std::string& owner,
                                                  const Candidate& c) {
  ++stats.writer_candidates;
  eval::PolicySet set;
  set.resource_policy = bucket.policy;
  Writer w = writer_of(c);
  identity_side(c.role, c.user, set, w.identity_known);
  // The prefilter goes with the index: without it (tests) every candidate is evaluated, and
  // the answers must be the same.
  if (use_index && w.identity_known && c.same_account &&
      !same_account_may_put(bucket, owner, set.identity_policies)) {
    return std::nullopt;
  }
  if (w.identity_known) w.identity_policies = set.identity_policies;
  std::vector<const PolicyDocument*> sources = set.identity_policies;
  sources.push_back(bucket.policy);
  const bool writes =
      probe_uploads(w, probe_object_keys(bucket, sources),
                    [&](const std::string& key, AclHeaders headers, bool trace) {
                      return ask_put(bucket, owner, c.principal, set, key, headers, trace);
                    });
  if (!writes) return std::nullopt;
  return w;
}

// A PutObject through an access point is allowed when the access point policy and the bucket
// policy both allow it; the bucket policy sees s3:DataAccessPointAccount, s3:DataAccessPointArn
// and s3:AccessPointNetworkOrigin, which is how a bucket delegates access control to its access
// points: https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-policies.html
eval::Result Queries::Impl::ask_put_through(const Bucket& bucket, const std::string& owner,
                                            const AccessPoint& ap, const eval::Principal& principal,
                                            const eval::PolicySet& policies, const std::string& key,
                                            AclHeaders headers, bool trace) {
  eval::Request through;
  through.principal = principal;
  through.action = "s3:PutObject";
  through.resource = fmt::format("{}/object/{}", ap.arn, key);
  through.resource_account = ap.account_id.empty() ? owner : ap.account_id;
  through.static_question = true;  // the access point keys: unknown unless given below
  set_acl_headers(through.context, headers);
  eval::Result at_point = evaluate(through, policies, trace);
  if (at_point.denied()) return at_point;

  eval::Request direct;
  direct.principal = principal;
  direct.action = "s3:PutObject";
  direct.resource = object_arn(bucket.name, key);
  direct.resource_account = owner;
  direct.static_question = true;
  set_acl_headers(direct.context, headers);
  direct.context.set("s3:DataAccessPointArn", ap.arn);
  direct.context.set("s3:DataAccessPointAccount", ap.account_id.empty() ? owner : ap.account_id);
  if (ap.network_origin.empty()) {
    direct.context.set_unknown("s3:AccessPointNetworkOrigin");
  } else {
    direct.context.set("s3:AccessPointNetworkOrigin", ap.network_origin);
  }
  eval::S3Facts facts;
  facts.ownership = bucket.ownership.value;
  facts.bucket_acl = bucket.acl ? &*bucket.acl : nullptr;
  direct.s3 = facts;
  eval::PolicySet at_bucket;
  at_bucket.resource_policy = bucket.policy;
  at_bucket.identity_not_given = true;  // asked of the access point request already
  eval::Result by_bucket = evaluate(direct, at_bucket, trace);
  if (by_bucket.denied()) return by_bucket;
  if (at_point.allowed() && !by_bucket.allowed()) return by_bucket;  // its conditions decide
  return at_point;
}

// Writers through the bucket's access points, in the phases of find_writers: the principals an
// access point policy names, the keys to probe, then each candidate's uploads through it.
void Queries::Impl::add_access_point_writers(const Bucket& bucket, const std::string& owner,
                                             std::vector<Writer>& writers) {
  for (const AccessPoint* ap : model.access_points_of(bucket.name)) {
    if (ap->policy == nullptr || ap->arn.empty()) continue;
    std::vector<Candidate> candidates;
    std::set<std::string> seen;
    add_named_principals(*ap->policy, owner, false, candidates, seen);
    const std::vector<std::string> keys = access_point_probe_keys(bucket, *ap);
    for (const Candidate& c : candidates) {
      if (std::optional<Writer> w = probe_access_point_writer(bucket, owner, *ap, keys, c)) {
        writers.push_back(std::move(*w));
      }
    }
  }
}

// Keys the access point policy names (".../accesspoint/ap/object/uploads/*" gives "uploads/x"),
// at most 4, then the bucket policy's, at most 8 in all.
std::vector<std::string> Queries::Impl::access_point_probe_keys(const Bucket& bucket,
                                                                const AccessPoint& ap) const {
  std::vector<std::string> keys;
  const std::string object_prefix = ap.arn + "/object/";
  for (const Statement& stmt : ap.policy->statements) {
    if (stmt.effect != Effect::kAllow || stmt.resource.is_not) continue;
    for (const LocatedString& r : stmt.resource.values) {
      if (!r.value.starts_with(object_prefix) || keys.size() >= 4) continue;
      std::string rest(r.value.substr(object_prefix.size()));
      if (rest.empty() || rest.find("${") != std::string::npos) continue;
      for (char& ch : rest) {
        if (ch == '*' || ch == '?') ch = 'x';
      }
      if (std::find(keys.begin(), keys.end(), rest) == keys.end()) keys.push_back(rest);
    }
  }
  for (std::string& k : probe_object_keys(bucket, {bucket.policy})) {
    if (keys.size() < 8 && std::find(keys.begin(), keys.end(), k) == keys.end()) {
      keys.push_back(std::move(k));
    }
  }
  return keys;
}

// The writer `c` is when some key lets it upload through the access point `ap` (the access
// point policy and the bucket policy both allow it); nothing when no key does.
std::optional<Writer> Queries::Impl::probe_access_point_writer(const Bucket& bucket,
                                                               const std::string& owner,
                                                               const AccessPoint& ap,
                                                               const std::vector<std::string>& keys,
                                                               const Candidate& c) {
  ++stats.writer_candidates;
  eval::PolicySet set;
  set.resource_policy = ap.policy;
  Writer w = writer_of(c);
  identity_side(c.role, c.user, set, w.identity_known);
  if (w.identity_known) w.identity_policies = set.identity_policies;
  w.access_point = &ap;
  const bool writes =
      probe_uploads(w, keys, [&](const std::string& key, AclHeaders headers, bool trace) {
        return ask_put_through(bucket, owner, ap, c.principal, set, key, headers, trace);
      });
  if (!writes) return std::nullopt;
  return w;
}

std::vector<Reader> Queries::Impl::find_readers(const Bucket& bucket) {
  ++stats.reader_computations;
  std::vector<Reader> readers;
  const std::string owner = bucket_account(model, bucket);
  if (bucket.policy == nullptr) return readers;

  struct ReaderCandidate {
    eval::Principal principal;
    const Distribution* distribution = nullptr;
    const Origin* origin = nullptr;
    const Role* role = nullptr;
  };
  std::vector<ReaderCandidate> candidates;
  std::set<std::string> seen;
  bool cloudfront_bound = false;
  static const std::vector<std::pair<const Distribution*, const Origin*>> kNoOrigins;
  const auto found_origins = origins_by_bucket.find(std::string_view(bucket.name));
  const auto& bucket_origins =
      found_origins == origins_by_bucket.end() ? kNoOrigins : found_origins->second;
  for (const auto& [dp, op] : bucket_origins) {
    const Distribution& d = *dp;
    const Origin& o = *op;
    eval::Principal p;
    if (!o.oai_id.empty()) {
      p.kind = eval::PrincipalKind::kOai;
      p.oai_id = o.oai_id;
      if (const OriginAccessIdentity* oai = find_oai(o.oai_id)) {
        p.arn = oai->arn();
        p.canonical_id = oai->canonical_user_id;
      } else {
        p.arn = fmt::format("arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity {}",
                            o.oai_id);
      }
    } else if (!o.oac_id.empty()) {
      p.kind = eval::PrincipalKind::kService;
      p.service = "cloudfront.amazonaws.com";
      cloudfront_bound = true;
    } else {
      continue;
    }
    const std::string k =
        p.kind == eval::PrincipalKind::kOai ? principal_key(p) : "distribution:" + d.id;
    if (!seen.insert(k).second) continue;
    candidates.push_back({p, &d, &o, nullptr});
  }
  for (const Statement& stmt : bucket.policy->statements) {
    if (stmt.effect != Effect::kAllow || !stmt.principal.present || stmt.principal.is_not) continue;
    for (const PrincipalValue& v : stmt.principal.values) {
      std::optional<eval::Principal> p;
      if (v.type == "*" || (v.type == "AWS" && v.value == "*")) {
        p = eval::Principal{};  // anonymous: what "*" lets in that nothing else does
      } else {
        p = eval::principal_from_value(v, &directory);
      }
      if (!p) continue;
      if (p->kind == eval::PrincipalKind::kService && cloudfront_bound) continue;
      // The bucket owner's account principal is the bucket owner itself, which the findings
      // name on their own.
      if (p->kind == eval::PrincipalKind::kAccountRoot && p->account == owner) continue;
      if (!seen.insert(principal_key(*p)).second) continue;
      ReaderCandidate c{*p, nullptr, nullptr, nullptr};
      if (p->kind == eval::PrincipalKind::kRoleSession) {
        c.role = find_role(p->role_arn.empty() ? p->arn : p->role_arn);
      }
      candidates.push_back(std::move(c));
    }
  }

  for (const ReaderCandidate& c : candidates) {
    eval::PolicySet set;
    set.resource_policy = bucket.policy;
    if (c.principal.is_account_identity()) {
      bool known = false;
      identity_side(c.role, nullptr, set, known);
    }
    // A static question; a read made to the bucket itself carries no access point keys (as
    // for writers), and only the OAC's reads carry aws:SourceArn.
    eval::Request request;
    request.principal = c.principal;
    request.action = "s3:GetObject";
    request.resource_account = owner;
    request.static_question = true;
    const bool signed_by_oac =
        c.distribution != nullptr && c.principal.kind == eval::PrincipalKind::kService;
    if (signed_by_oac) {
      request.context.set("aws:SourceArn", c.distribution->arn);
      if (!c.distribution->account_id.empty()) {
        request.context.set("aws:SourceAccount", c.distribution->account_id);
      }
    }
    eval::S3Facts facts;
    facts.ownership = bucket.ownership.value;  // object owned by the bucket owner (owner empty)
    request.s3 = facts;
    for (const std::string& key : probe_object_keys(bucket, {bucket.policy})) {
      request.resource = object_arn(bucket.name, key);
      eval::Result result = evaluate(request, set, true);
      if (!result.possibly_allowed()) continue;
      if (first_applying(result, eval::PolicySlot::kResource) == nullptr) continue;
      Reader r;
      r.request = request;
      r.policies = set;
      r.principal = c.principal;
      r.account = c.principal.account;
      r.distribution = c.distribution;
      r.origin = c.origin;
      r.get = std::move(result);
      r.get.trace.keep_applying();  // kept for the whole run: grant() reads the applying entry
      r.key = key;
      readers.push_back(std::move(r));
      break;
    }
  }
  std::sort(readers.begin(), readers.end(),
            [](const Reader& a, const Reader& b) { return a.label() < b.label(); });
  readers.shrink_to_fit();
  return readers;
}

std::vector<const Role*> Queries::Impl::find_assumed_writer_roles(const Bucket& bucket) {
  ++stats.assumed_writer_computations;
  std::vector<const Role*> out;
  const std::string owner = bucket_account(model, bucket);
  if (owner.empty()) return out;
  for (const Writer& w : all_writers(bucket)) {
    if (w.role == nullptr || w.account != owner || w.role->trust_policy == nullptr) continue;
    bool trusted = false;
    for (const Statement& stmt : w.role->trust_policy->statements) {
      if (stmt.effect != Effect::kAllow || stmt.principal.is_not) continue;
      for (const PrincipalValue& v : stmt.principal.values) {
        std::optional<eval::Principal> p = eval::principal_from_value(v, &directory);
        if (!p || !p->is_account_identity() || p->account.empty() || p->account == owner) {
          continue;
        }
        eval::Request request;
        request.principal = *p;
        request.action = "sts:AssumeRole";
        request.resource = w.role->arn;
        request.resource_account = owner;
        request.static_question = true;
        set_principal_org(model, *p, request.context);
        eval::PolicySet set;
        set.resource_policy = w.role->trust_policy;
        set.identity_not_given = true;
        if (evaluate(request, set, false).possibly_allowed()) trusted = true;
      }
    }
    if (trusted) out.push_back(w.role);
  }
  return out;
}

std::vector<OriginAccess> Queries::Impl::find_origins() const {
  std::vector<OriginAccess> out;
  for (const Distribution& d : model.distributions) {
    for (const Origin& o : d.origins) {
      // Website endpoints cannot use OAI/OAC; a custom origin signs nothing.
      if (o.is_website_endpoint) continue;
      if (o.oai_id.empty() && o.oac_id.empty()) continue;
      // An OAC that never signs sends anonymous requests: the bucket must be public, and the
      // OAC/OAI grants are not what decides.
      if (o.oai_id.empty()) {
        const auto found = oac_by_id.find(std::string_view(o.oac_id));
        const OriginAccessControl* oac = found == oac_by_id.end() ? nullptr : found->second;
        if (oac != nullptr && oac->signing_behavior == "never") continue;
      }
      OriginAccess a;
      a.distribution = &d;
      a.origin = &o;
      a.bucket = o.bucket.empty() ? nullptr : find_bucket(o.bucket);
      // When both are set CloudFront uses the OAC (the migration procedure removes the OAI).
      a.oai = o.oac_id.empty();
      out.push_back(a);
    }
  }
  return out;
}

std::vector<Caller> Queries::Impl::find_callers() const {
  std::vector<Caller> out;
  for (const Role& r : model.roles) {
    Caller c;
    c.arn = r.arn;
    c.account_id = r.account_id;
    c.principal = role_session(r);
    c.policies = r.permission_policies;
    if (r.permissions_boundary != nullptr) c.boundaries.push_back(r.permissions_boundary);
    c.where = r.where;
    c.is_role = true;
    out.push_back(std::move(c));
  }
  for (const User& u : model.users) {
    std::optional<eval::Principal> p = eval::parse_principal(u.arn);
    if (!p) continue;
    Caller c;
    c.arn = u.arn;
    c.account_id = u.account_id.empty() ? p->account : u.account_id;
    c.principal = *p;
    c.policies = u.policies;
    c.where = u.where;
    out.push_back(std::move(c));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

Queries::Queries(const Model& model, bool use_index)
    : impl_(std::make_unique<Impl>(model, use_index)) {}
Queries::~Queries() = default;

const Model& Queries::model() const { return impl_->model; }
const eval::IdentityDirectory& Queries::directory() const { return impl_->directory; }
Queries::Stats Queries::stats() const {
  const AtomicStats& s = impl_->stats;
  Stats out;
  out.writer_computations = s.writer_computations;
  out.writer_questions = s.writer_questions;
  out.writer_candidates = s.writer_candidates;
  out.reader_computations = s.reader_computations;
  out.reader_questions = s.reader_questions;
  out.assumed_writer_computations = s.assumed_writer_computations;
  out.assumed_writer_questions = s.assumed_writer_questions;
  out.origin_computations = s.origin_computations;
  out.caller_computations = s.caller_computations;
  out.directory_computations = s.directory_computations;
  out.evaluations = s.evaluations;
  return out;
}

eval::Result Queries::evaluate(const eval::Request& request, const eval::PolicySet& policies,
                               bool trace) const {
  return impl_->evaluate(request, policies, trace);
}

void Queries::prepare(unsigned jobs,
                      const std::function<void(std::size_t, std::size_t)>& progress) const {
  static_cast<void>(origins());
  static_cast<void>(callers());
  const std::vector<Bucket>& buckets = impl_->model.buckets;
  std::atomic<std::size_t> next{0};
  std::size_t done = 0;
  std::mutex progress_mutex;
  auto work = [&] {
    for (std::size_t i = next++; i < buckets.size(); i = next++) {
      const Bucket& bucket = buckets[i];
      try {
        static_cast<void>(impl_->all_writers(bucket));
        static_cast<void>(writers(bucket, WriterScope::kOtherAccounts));
        static_cast<void>(readers(bucket));
        static_cast<void>(assumed_writer_roles(bucket));
      } catch (...) {  // NOLINT(bugprone-empty-catch): the asking rule fails and says so
      }
      // Counted under the lock that reports it, so that reports arrive in order: counting
      // first let a thread report 3 before another reported 2.
      const std::lock_guard<std::mutex> lock(progress_mutex);
      ++done;
      if (progress) progress(done, buckets.size());
    }
  };
  const std::size_t threads = std::min<std::size_t>(jobs, buckets.size());
  if (threads <= 1) {
    work();
    return;
  }
  std::vector<std::thread> pool;
  pool.reserve(threads - 1);
  for (std::size_t t = 1; t < threads; ++t) {
    try {
      pool.emplace_back(work);
    } catch (const std::system_error&) {
      break;  // no more threads to be had: fewer do the same work
    }
  }
  work();
  for (std::thread& t : pool) t.join();
}

const std::vector<Writer>& Queries::writers(const Bucket& bucket, WriterScope scope) const {
  ++impl_->stats.writer_questions;
  const std::vector<Writer>& all = impl_->all_writers(bucket);
  if (scope == WriterScope::kAllAccounts) return all;
  BucketAnswers& a = impl_->answers(bucket);
  const std::lock_guard<std::mutex> lock(a.others_mutex);
  if (!a.others_done) {
    a.other_writers.reserve(static_cast<std::size_t>(
        std::count_if(all.begin(), all.end(), [](const Writer& w) { return !w.same_account; })));
    for (const Writer& w : all) {
      if (!w.same_account) a.other_writers.push_back(w);
    }
    a.others_done = true;
  }
  return a.other_writers;
}

const std::vector<Reader>& Queries::readers(const Bucket& bucket) const {
  ++impl_->stats.reader_questions;
  BucketAnswers& a = impl_->answers(bucket);
  const std::lock_guard<std::mutex> lock(a.readers_mutex);
  if (!a.readers_done) {
    a.readers = impl_->find_readers(bucket);
    a.readers_done = true;
  }
  return a.readers;
}

std::vector<std::string> Queries::accounts_keeping_ownership(const Bucket& bucket) const {
  std::vector<std::string> out;
  if (bucket.ownership.effective() == ObjectOwnership::kBucketOwnerEnforced) return out;
  for (const Writer& w : writers(bucket)) {
    const WriterOutcome o = writer_outcome(bucket, w);
    if (o != WriterOutcome::kWriterOwnsNoGrant && o != WriterOutcome::kWriterOwnsBofc) continue;
    if (w.any_principal) continue;  // no account to match objects against
    const std::string& id = w.account.empty() ? w.canonical_id : w.account;
    if (id.empty()) continue;
    if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
  }
  return out;
}

const std::vector<const Role*>& Queries::assumed_writer_roles(const Bucket& bucket) const {
  ++impl_->stats.assumed_writer_questions;
  BucketAnswers& a = impl_->answers(bucket);
  const std::lock_guard<std::mutex> lock(a.assumed_mutex);
  if (!a.assumed_done) {
    a.assumed = impl_->find_assumed_writer_roles(bucket);
    a.assumed_done = true;
  }
  return a.assumed;
}

const std::vector<OriginAccess>& Queries::origins() const {
  const std::lock_guard<std::mutex> lock(impl_->origins_mutex);
  if (!impl_->origins) {
    ++impl_->stats.origin_computations;
    impl_->origins = impl_->find_origins();
  }
  return *impl_->origins;
}

const std::vector<Caller>& Queries::callers() const {
  const std::lock_guard<std::mutex> lock(impl_->callers_mutex);
  if (!impl_->callers) {
    ++impl_->stats.caller_computations;
    impl_->callers = impl_->find_callers();
  }
  return *impl_->callers;
}

const Caller* Queries::find_caller(std::string_view arn) const {
  for (const Caller& c : callers()) {
    if (c.arn == arn) return &c;
  }
  return nullptr;
}

std::optional<Acl> Queries::bofc_object_acl(const Bucket& bucket, const Writer& writer) const {
  const std::string owner_id = bucket_owner_canonical_id(impl_->model, bucket);
  const std::optional<std::string> writer_id =
      impl_->directory.canonical_id_for_account(writer.account);
  if (owner_id.empty() || !writer_id) return std::nullopt;
  Acl acl;
  acl.owner_id = *writer_id;
  for (const std::string& id : {*writer_id, owner_id}) {
    AclGrant g;
    g.type = GranteeType::kCanonicalUser;
    g.id = id;
    g.permission = "FULL_CONTROL";
    acl.grants.push_back(std::move(g));
  }
  return acl;
}

eval::Result Queries::read_writer_owned(const Reader& reader, const Writer& writer,
                                        const Acl* object_acl) const {
  eval::Request request = reader.request;
  eval::S3Facts facts = request.s3.value_or(eval::S3Facts{});
  facts.object_owner_account = writer.account;
  // A writer known only by its canonical ID owns objects under that ID.
  if (writer.account.empty()) facts.object_owner_canonical_id = writer.canonical_id;
  facts.object_acl = object_acl;
  request.s3 = facts;
  return impl_->evaluate(request, reader.policies, false);
}

}  // namespace bucketlint::access
