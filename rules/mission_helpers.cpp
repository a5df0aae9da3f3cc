#include "mission_helpers.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <set>
#include <utility>

#include "bucketlint/load.h"
#include "model/text.h"

namespace bucketlint::rules {

namespace {

constexpr std::string_view kBofc = "bucket-owner-full-control";
constexpr std::string_view kGenericKey = "bucketlint-probe-object";
// The account of the stand-in for "Principal": "*" writers: an account that is not the bucket's
// and that no condition names.
constexpr std::string_view kAnyOtherAccount = "000000000000";

// The request headers that carry an ACL, as condition keys (DOMAIN.md 3.3).
constexpr std::array<std::string_view, 6> kAclKeys = {
    "s3:x-amz-acl",
    "s3:x-amz-grant-read",
    "s3:x-amz-grant-write",
    "s3:x-amz-grant-read-acp",
    "s3:x-amz-grant-write-acp",
    "s3:x-amz-grant-full-control",
};

// Keys the evaluator fills from the request itself (eval.h effective_context).
constexpr std::array<std::string_view, 8> kEngineKeys = {
    "aws:principalarn",
    "aws:principalaccount",
    "aws:principaltype",
    "aws:username",
    "aws:userid",
    "aws:principalisawsservice",
    "aws:principalservicename",
    "aws:resourceaccount",
};

using model::ascii_lower;

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& list, std::string_view key) {
  return std::find(list.begin(), list.end(), key) != list.end();
}

// A static question knows nothing about the request but what it sets: every other condition key
// the policies test is unknown, so the answer says "Depends" rather than guessing (eval.h).
eval::Context static_context(const std::vector<const PolicyDocument*>& policies,
                             const std::set<std::string>& given) {
  eval::Context context;
  for (const PolicyDocument* policy : policies) {
    if (policy == nullptr) continue;
    for (const Statement& stmt : policy->statements) {
      for (const ConditionEntry& entry : stmt.conditions) {
        const std::string key = ascii_lower(entry.key);
        if (contains(kEngineKeys, key) || contains(kAclKeys, key) || given.contains(key)) continue;
        context.set_unknown(entry.key);
      }
    }
  }
  return context;
}

std::vector<const PolicyDocument*> all_policies(const eval::PolicySet& set) {
  std::vector<const PolicyDocument*> out = set.identity_policies;
  out.push_back(set.resource_policy);
  out.insert(out.end(), set.permission_boundaries.begin(), set.permission_boundaries.end());
  return out;
}

enum class AclHeaders { kUnknown, kNone, kOwnerFullControl, kPrivate };

eval::Result ask_put(const Model& model, const Bucket& bucket, const std::string& owner,
                     const eval::Principal& principal, const eval::PolicySet& policies,
                     const std::string& key, AclHeaders headers,
                     const eval::IdentityDirectory& directory) {
  eval::Request request;
  request.principal = principal;
  request.action = "s3:PutObject";
  request.resource = object_arn(bucket.name, key);
  request.resource_account = owner;
  request.context = static_context(all_policies(policies), {});
  switch (headers) {
    case AclHeaders::kUnknown:
      for (std::string_view k : kAclKeys) request.context.set_unknown(k);
      break;
    case AclHeaders::kNone: break;  // absent: what AWS sees when the client sends no ACL
    case AclHeaders::kOwnerFullControl:
      request.context.set("s3:x-amz-acl", std::string(kBofc));
      break;
    case AclHeaders::kPrivate: request.context.set("s3:x-amz-acl", "private"); break;
  }
  eval::S3Facts facts;
  facts.ownership = bucket.ownership.value;
  facts.bucket_acl = bucket.acl ? &*bucket.acl : nullptr;  // a bucket ACL WRITE grant also lets
                                                           // another account upload
  request.s3 = facts;
  (void)model;
  eval::EvalOptions options;
  options.directory = &directory;
  return eval::evaluate(request, policies, options);
}

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
};

void add_candidate(std::vector<Candidate>& out, std::set<std::string>& seen, Candidate c) {
  if (!seen.insert(principal_key(c.principal)).second) return;
  out.push_back(std::move(c));
}

eval::Principal principal_for_role(const Role& role) {
  if (std::optional<eval::Principal> p = eval::parse_principal(role.arn)) {
    if (!role.role_id.empty()) p->unique_id = role.role_id;
    return *p;
  }
  eval::Principal p;
  p.kind = eval::PrincipalKind::kRoleSession;
  p.arn = role.arn;
  p.role_arn = role.arn;
  p.role_name = role.name;
  p.account = role.account_id;
  return p;
}

eval::Principal principal_for_user(const User& user) {
  if (std::optional<eval::Principal> p = eval::parse_principal(user.arn)) return *p;
  eval::Principal p;
  p.kind = eval::PrincipalKind::kUser;
  p.arn = user.arn;
  p.user_name = user.name;
  p.account = user.account_id;
  return p;
}

bool model_holds_identities_of(const Model& model, std::string_view account) {
  return std::any_of(model.roles.begin(), model.roles.end(),
                     [&](const Role& r) { return r.account_id == account; }) ||
         std::any_of(model.users.begin(), model.users.end(),
                     [&](const User& u) { return u.account_id == account; });
}

// The identity side of a request by `c`: the model's documents, or the stand-in that allows.
void identity_side(const Candidate& c, eval::PolicySet& set, bool& known) {
  known = false;
  if (c.role != nullptr && !c.role->permission_policies.empty()) {
    set.identity_policies = c.role->permission_policies;
    if (c.role->permissions_boundary != nullptr) {
      set.permission_boundaries.push_back(c.role->permissions_boundary);
    }
    known = true;
  } else if (c.user != nullptr && !c.user->policies.empty()) {
    set.identity_policies = c.user->policies;
    known = true;
  } else {
    set.identity_policies = {&assumed_identity_policy()};
  }
}

}  // namespace

std::string bucket_account(const Model& model, const Bucket& bucket) {
  if (!bucket.account_id.empty()) return bucket.account_id;
  if (bucket.policy != nullptr && !bucket.policy->account_id.empty()) {
    return bucket.policy->account_id;
  }
  return model.default_account;
}

std::string bucket_owner_canonical_id(const Model& model, const Bucket& bucket) {
  const std::string account = bucket_account(model, bucket);
  if (const Account* a = model.find_account(account); a != nullptr && !a->canonical_id.empty()) {
    return a->canonical_id;
  }
  if (bucket.acl && !bucket.acl->owner_id.empty()) return bucket.acl->owner_id;
  return {};
}

std::string object_arn(std::string_view bucket, std::string_view key) {
  return fmt::format("arn:aws:s3:::{}/{}", bucket, key);
}

std::vector<std::string> probe_object_keys(const Bucket& bucket,
                                           const std::vector<const PolicyDocument*>& policies) {
  const std::string prefix = fmt::format("arn:aws:s3:::{}/", bucket.name);
  std::vector<std::string> keys;
  auto add = [&](std::string key) {
    if (keys.size() < 8 && std::find(keys.begin(), keys.end(), key) == keys.end()) {
      keys.push_back(std::move(key));
    }
  };
  for (const PolicyDocument* policy : policies) {
    if (policy == nullptr) continue;
    for (const Statement& stmt : policy->statements) {
      if (stmt.effect != Effect::kAllow || stmt.resource.is_not) continue;
      for (const LocatedString& r : stmt.resource.values) {
        if (!r.value.starts_with(prefix)) continue;
        std::string rest(r.value.substr(prefix.size()));
        if (rest.find("${") != std::string::npos) continue;  // policy variables: per caller
        for (char& c : rest) {
          if (c == '*' || c == '?') c = 'x';
        }
        if (rest.empty()) continue;
        add(std::move(rest));
      }
    }
  }
  add(std::string(kGenericKey));
  return keys;
}

const PolicyDocument& assumed_identity_policy() {
  static const Model* const kModel = [] {
    auto* model = new Model();  // lives for the program; never destroyed (no exit-time order)
    load_text(*model, "<identity policies not given>",
              R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*",)"
              R"("Resource":"*"}]})",
              DocumentKind::kIdentityPolicy);
    return model;
  }();
  return *kModel->policies.front();
}

const eval::TraceEntry* first_applying(const eval::Result& result, eval::PolicySlot slot,
                                       Effect effect) {
  for (const eval::TraceEntry& e : result.trace) {
    if (e.slot != slot || e.effect != effect || e.applies == eval::Tri::kFalse) continue;
    if (e.policy == &assumed_identity_policy()) continue;
    return &e;
  }
  return nullptr;
}

// ---------------------------------------------------------------------------------------------

const eval::TraceEntry* Writer::bucket_grant() const {
  if (const eval::TraceEntry* e = first_applying(put_any, eval::PolicySlot::kResource)) return e;
  return first_applying(put_any, eval::PolicySlot::kAcl);
}

const eval::TraceEntry* Writer::identity_grant() const {
  return first_applying(put_any, eval::PolicySlot::kIdentity);
}

std::string Writer::owner_label() const {
  return any_principal ? std::string("the writing account") : fmt::format("account {}", account);
}

std::string Writer::label() const {
  if (any_principal) return "any principal of another account ('Principal': '*')";
  if (principal.kind == eval::PrincipalKind::kAccountRoot) {
    return fmt::format("account '{}'", account);
  }
  return fmt::format("'{}'", principal.label());
}

std::vector<Writer> find_writers(const Model& model, const Bucket& bucket,
                                 const eval::IdentityDirectory& directory,
                                 const WriterQuery& query) {
  std::vector<Writer> writers;
  const std::string owner = bucket_account(model, bucket);
  if (owner.empty()) return writers;

  std::vector<Candidate> candidates;
  std::set<std::string> seen;
  // Principals named in Allow statements of the bucket policy.
  if (bucket.policy != nullptr) {
    for (const Statement& stmt : bucket.policy->statements) {
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
          add_candidate(candidates, seen, Candidate{any, nullptr, nullptr});
          continue;
        }
        std::optional<eval::Principal> p = eval::principal_from_value(v, &directory);
        if (!p || !p->is_account_identity() || p->account.empty()) continue;
        if (!query.include_same_account && p->account == owner) continue;
        Candidate c{*p, nullptr, nullptr};
        if (p->kind == eval::PrincipalKind::kAccountRoot) {
          // The account delegates to its identities; when the model holds some, ask about those.
          if (model_holds_identities_of(model, p->account)) continue;
        } else if (p->kind == eval::PrincipalKind::kRoleSession) {
          c.role = model.find_role(p->role_arn.empty() ? p->arn : p->role_arn);
        } else if (p->kind == eval::PrincipalKind::kUser) {
          for (const User& u : model.users) {
            if (u.arn == p->arn) c.user = &u;
          }
        }
        add_candidate(candidates, seen, std::move(c));
      }
    }
  }
  // The model's roles and users.
  for (const Role& role : model.roles) {
    if (role.account_id.empty()) continue;
    if (!query.include_same_account && role.account_id == owner) continue;
    add_candidate(candidates, seen, Candidate{principal_for_role(role), &role, nullptr});
  }
  for (const User& user : model.users) {
    if (user.account_id.empty()) continue;
    if (!query.include_same_account && user.account_id == owner) continue;
    add_candidate(candidates, seen, Candidate{principal_for_user(user), nullptr, &user});
  }

  for (const Candidate& c : candidates) {
    eval::PolicySet set;
    set.resource_policy = bucket.policy;
    Writer w;
    identity_side(c, set, w.identity_known);
    if (w.identity_known) w.identity_policies = set.identity_policies;
    w.principal = c.principal;
    w.account = c.principal.account;
    w.any_principal = c.principal.account == kAnyOtherAccount;
    w.role = c.role;
    w.user = c.user;
    std::vector<const PolicyDocument*> sources = set.identity_policies;
    sources.push_back(bucket.policy);
    bool any = false;
    bool all_need_acl = true;
    bool bofc_ok = false;
    bool private_ok = false;
    for (const std::string& key : probe_object_keys(bucket, sources)) {
      eval::Result put_any =
          ask_put(model, bucket, owner, c.principal, set, key, AclHeaders::kUnknown, directory);
      if (!put_any.possibly_allowed()) continue;
      eval::Result no_acl =
          ask_put(model, bucket, owner, c.principal, set, key, AclHeaders::kNone, directory);
      eval::Result bofc = ask_put(model, bucket, owner, c.principal, set, key,
                                  AclHeaders::kOwnerFullControl, directory);
      if (!no_acl.denied()) all_need_acl = false;
      if (bofc.possibly_allowed()) bofc_ok = true;
      if (no_acl.denied() &&
          ask_put(model, bucket, owner, c.principal, set, key, AclHeaders::kPrivate, directory)
              .possibly_allowed()) {
        private_ok = true;
      }
      if (!any) {
        w.key = key;
        w.put_any = std::move(put_any);
        w.put_no_acl = std::move(no_acl);
        w.put_bofc = std::move(bofc);
        any = true;
      }
    }
    if (!any) continue;
    w.must_send_acl = all_need_acl;
    w.bofc_allowed = bofc_ok;
    w.private_allowed = private_ok;
    writers.push_back(std::move(w));
  }
  std::sort(writers.begin(), writers.end(),
            [](const Writer& a, const Writer& b) { return a.label() < b.label(); });
  return writers;
}

WriterOutcome writer_outcome(const Bucket& bucket, const Writer& writer) {
  const ObjectOwnership o = bucket.ownership.effective();
  if (o == ObjectOwnership::kBucketOwnerEnforced) return WriterOutcome::kBucketOwnerOwns;
  // Without an ACL header, or with 'private', the writer owns the object and grants nothing.
  if (!writer.must_send_acl || writer.private_allowed) return WriterOutcome::kWriterOwnsNoGrant;
  if (!writer.bofc_allowed) return WriterOutcome::kAclDecides;
  // Only the canned bucket-owner-full-control is left: BucketOwnerPreferred then makes the
  // bucket owner the owner; ObjectWriter keeps the writer as owner (DOMAIN.md 1.2, 2.1).
  return o == ObjectOwnership::kBucketOwnerPreferred ? WriterOutcome::kBucketOwnerOwns
                                                     : WriterOutcome::kWriterOwnsBofc;
}

std::vector<std::string> accounts_keeping_ownership(const Model& model, const Bucket& bucket,
                                                    const eval::IdentityDirectory& directory) {
  std::vector<std::string> out;
  if (bucket.ownership.effective() == ObjectOwnership::kBucketOwnerEnforced) return out;
  for (const Writer& w : find_writers(model, bucket, directory)) {
    const WriterOutcome o = writer_outcome(bucket, w);
    if (o != WriterOutcome::kWriterOwnsNoGrant && o != WriterOutcome::kWriterOwnsBofc) continue;
    if (w.any_principal) continue;  // no account to match objects against
    if (std::find(out.begin(), out.end(), w.account) == out.end()) out.push_back(w.account);
  }
  return out;
}

std::vector<OwnedObject> objects_owned_by(const Bucket& bucket, std::string_view canonical_id) {
  std::vector<OwnedObject> out;
  if (canonical_id.empty()) return out;
  auto acl_of = [&](const std::string& key) -> const Acl* {
    for (const ObjectAcl& o : bucket.object_acls) {
      if (o.key == key) return &o.acl;
    }
    return nullptr;
  };
  for (const ObjectEntry& e : bucket.objects) {
    if (e.owner_id == canonical_id) out.push_back({e.key, e.where, acl_of(e.key)});
  }
  for (const ObjectAcl& o : bucket.object_acls) {
    if (o.acl.owner_id != canonical_id) continue;
    const bool listed =
        std::any_of(out.begin(), out.end(), [&](const OwnedObject& x) { return x.key == o.key; });
    if (!listed) {
      out.push_back({o.key, o.acl.owner_where.known() ? o.acl.owner_where : o.acl.where, &o.acl});
    }
  }
  return out;
}

void add_existing_object_notes(const Model& model, const Bucket& bucket, const Writer& writer,
                               const eval::IdentityDirectory& directory, std::vector<Note>& notes) {
  (void)model;
  const std::optional<std::string> canonical = directory.canonical_id_for_account(writer.account);
  if (!canonical) return;
  const std::vector<OwnedObject> objects = objects_owned_by(bucket, *canonical);
  constexpr std::size_t kNamed = 3;
  for (std::size_t i = 0; i < objects.size() && i < kNamed; ++i) {
    std::string text =
        fmt::format("'{}' is already owned by account {}", objects[i].key, writer.account);
    if (i + 1 == kNamed && objects.size() > kNamed) {
      text += fmt::format(" ({} more objects of that account follow)", objects.size() - kNamed);
    }
    notes.push_back({objects[i].where, std::move(text)});
  }
}

std::vector<const Role*> assumed_writer_roles(const Model& model, const Bucket& bucket,
                                              const eval::IdentityDirectory& directory) {
  std::vector<const Role*> out;
  const std::string owner = bucket_account(model, bucket);
  if (owner.empty()) return out;
  const std::vector<Writer> writers =
      find_writers(model, bucket, directory, WriterQuery{.include_same_account = true});
  for (const Writer& w : writers) {
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
        request.context = static_context({w.role->trust_policy}, {});
        eval::PolicySet set;
        set.resource_policy = w.role->trust_policy;
        set.identity_policies = {&assumed_identity_policy()};
        eval::EvalOptions options;
        options.directory = &directory;
        options.trace = false;
        if (eval::evaluate(request, set, options).possibly_allowed()) trusted = true;
      }
    }
    if (trusted) out.push_back(w.role);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

const eval::TraceEntry* Reader::grant() const {
  return first_applying(get, eval::PolicySlot::kResource);
}

std::string Reader::label() const {
  if (distribution != nullptr && origin != nullptr) {
    if (principal.kind == eval::PrincipalKind::kOai) {
      return fmt::format("CloudFront distribution '{}' (OAI '{}')", distribution->id,
                         principal.oai_id);
    }
    return fmt::format("CloudFront distribution '{}' (OAC '{}')", distribution->id, origin->oac_id);
  }
  switch (principal.kind) {
    case eval::PrincipalKind::kOai: return fmt::format("CloudFront OAI '{}'", principal.oai_id);
    case eval::PrincipalKind::kService:
      return fmt::format("service principal '{}'", principal.service);
    case eval::PrincipalKind::kAnonymous: return "anonymous readers";
    case eval::PrincipalKind::kAccountRoot: return fmt::format("account '{}'", principal.account);
    default: return fmt::format("'{}'", principal.label());
  }
}

std::vector<Reader> find_bucket_policy_readers(const Model& model, const Bucket& bucket,
                                               const eval::IdentityDirectory& directory) {
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
  for (const Distribution& d : model.distributions) {
    for (const Origin& o : d.origins) {
      if (o.bucket != bucket.name) continue;
      eval::Principal p;
      if (!o.oai_id.empty()) {
        p.kind = eval::PrincipalKind::kOai;
        p.oai_id = o.oai_id;
        if (const OriginAccessIdentity* oai = model.find_oai(o.oai_id)) {
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
        c.role = model.find_role(p->role_arn.empty() ? p->arn : p->role_arn);
      }
      candidates.push_back(std::move(c));
    }
  }

  for (const ReaderCandidate& c : candidates) {
    eval::PolicySet set;
    set.resource_policy = bucket.policy;
    if (c.principal.is_account_identity()) {
      bool known = false;
      identity_side(Candidate{c.principal, c.role, nullptr}, set, known);
    }
    std::set<std::string> given;
    eval::Request request;
    request.principal = c.principal;
    request.action = "s3:GetObject";
    request.resource_account = owner;
    if (c.distribution != nullptr && c.principal.kind == eval::PrincipalKind::kService) {
      given = {"aws:sourcearn", "aws:sourceaccount"};
    }
    request.context = static_context(all_policies(set), given);
    if (!given.empty()) {
      request.context.set("aws:SourceArn", c.distribution->arn);
      if (!c.distribution->account_id.empty()) {
        request.context.set("aws:SourceAccount", c.distribution->account_id);
      }
    }
    eval::S3Facts facts;
    facts.ownership = bucket.ownership.value;  // object owned by the bucket owner (owner empty)
    request.s3 = facts;
    eval::EvalOptions options;
    options.directory = &directory;
    for (const std::string& key : probe_object_keys(bucket, {bucket.policy})) {
      request.resource = object_arn(bucket.name, key);
      eval::Result result = eval::evaluate(request, set, options);
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
      r.key = key;
      readers.push_back(std::move(r));
      break;
    }
  }
  std::sort(readers.begin(), readers.end(),
            [](const Reader& a, const Reader& b) { return a.label() < b.label(); });
  return readers;
}

std::optional<Acl> bofc_object_acl(const Model& model, const Bucket& bucket, const Writer& writer,
                                   const eval::IdentityDirectory& directory) {
  const std::string owner_id = bucket_owner_canonical_id(model, bucket);
  const std::optional<std::string> writer_id = directory.canonical_id_for_account(writer.account);
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

eval::Result read_writer_owned(const Reader& reader, const Writer& writer, const Acl* object_acl,
                               const eval::IdentityDirectory& directory) {
  eval::Request request = reader.request;
  eval::S3Facts facts = request.s3.value_or(eval::S3Facts{});
  facts.object_owner_account = writer.account;
  facts.object_acl = object_acl;
  request.s3 = facts;
  eval::EvalOptions options;
  options.directory = &directory;
  options.trace = false;
  return eval::evaluate(request, reader.policies, options);
}

// ---------------------------------------------------------------------------------------------

std::string join_labels(const std::vector<std::string>& labels) {
  std::string out;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (i > 0) out += (i + 1 == labels.size()) ? " and " : ", ";
    out += labels[i];
  }
  return out;
}

void add_writer_notes(const Writer& writer, std::vector<Note>& notes) {
  if (const eval::TraceEntry* g = writer.bucket_grant()) {
    notes.push_back({g->where, fmt::format("{} is allowed to put objects here ({})", writer.label(),
                                           g->label)});
  }
  if (const eval::TraceEntry* g = writer.identity_grant()) {
    notes.push_back(
        {g->where, fmt::format("the identity policy of {} allows the upload", writer.label())});
  } else if (!writer.identity_known) {
    // Nothing to point at; the message of a finding that depends on it says so.
  }
}

void add_ownership_note(const Bucket& bucket, std::vector<Note>& notes) {
  switch (bucket.ownership.source) {
    case OwnershipSetting::Source::kDocument:
    case OwnershipSetting::Source::kConfig:
      notes.push_back(
          {bucket.ownership.where, fmt::format("Object Ownership of '{}' is '{}'", bucket.name,
                                               object_ownership_name(bucket.ownership.value))});
      break;
    case OwnershipSetting::Source::kNotFoundError:
      notes.push_back(
          {bucket.ownership.where, fmt::format("'{}' has no ownership controls, which S3 treats as "
                                               "'ObjectWriter'",
                                               bucket.name)});
      break;
    case OwnershipSetting::Source::kTemplateDefault:
      notes.push_back(
          {bucket.ownership.where,
           fmt::format("the template creates '{}' without OwnershipControls: assumed "
                       "'BucketOwnerEnforced', the default for buckets created since April 2023 "
                       "(if the stack is older, say so with `templates:` "
                       "`created_before_april_2023: true` in .bucketlint.yaml)",
                       bucket.name)});
      break;
    case OwnershipSetting::Source::kNone:
      notes.push_back(
          {bucket.where,
           fmt::format("nothing gives the Object Ownership of '{}'; assumed 'ObjectWriter' (no "
                       "ownership controls, as on buckets created through the API before April "
                       "2023)",
                       bucket.name)});
      break;
  }
}

void add_reader_notes(const Reader& reader, std::vector<Note>& notes) {
  if (const eval::TraceEntry* g = reader.grant()) {
    notes.push_back({g->where, fmt::format("{} is granted s3:GetObject here ({}); the grant "
                                           "covers only objects the bucket owner owns",
                                           reader.label(), g->label)});
  }
  if (reader.origin != nullptr) {
    const SourceRef& where = !reader.origin->oai_id.empty() && reader.origin->oai_where.known()
                                 ? reader.origin->oai_where
                             : !reader.origin->oac_id.empty() && reader.origin->oac_where.known()
                                 ? reader.origin->oac_where
                                 : reader.origin->where;
    notes.push_back({where, fmt::format("origin '{}' of distribution '{}' reads the bucket",
                                        reader.origin->id, reader.distribution->id)});
  }
}

void drop_notes_at_primary(Finding& finding) {
  std::erase_if(finding.notes, [&](const Note& n) { return n.where == finding.where; });
}

std::string grantee_label(const AclGrant& grant, const eval::IdentityDirectory& directory) {
  switch (grant.type) {
    case GranteeType::kGroup: {
      const std::size_t slash = grant.uri.rfind('/');
      return slash == std::string::npos ? fmt::format("group '{}'", grant.uri)
                                        : grant.uri.substr(slash + 1);
    }
    case GranteeType::kCanonicalUser:
      if (std::optional<std::string> a = directory.account_for_canonical_id(grant.id)) {
        return fmt::format("account {}", *a);
      }
      if (std::optional<std::string> o = directory.oai_for_canonical_id(grant.id)) {
        return fmt::format("CloudFront OAI '{}'", *o);
      }
      return fmt::format("canonical user '{}'", grant.id);
    case GranteeType::kEmail: return fmt::format("'{}'", grant.email);
    case GranteeType::kUnknown: break;
  }
  return "an unknown grantee";
}

bool is_public_grant(const AclGrant& grant) {
  return grant.type == GranteeType::kGroup &&
         (grant.uri == kAllUsersUri || grant.uri == kAuthenticatedUsersUri);
}

bool bucket_acl_blocks_enforced(const Bucket& bucket) {
  if (!bucket.acl) return false;
  return std::any_of(bucket.acl->grants.begin(), bucket.acl->grants.end(), [&](const AclGrant& g) {
    return !(g.type == GranteeType::kCanonicalUser && g.id == bucket.acl->owner_id);
  });
}

std::string enforce_ownership_command(std::string_view bucket) {
  return fmt::format(
      "aws s3api put-bucket-ownership-controls --bucket {} --ownership-controls "
      "'Rules=[{{ObjectOwnership=BucketOwnerEnforced}}]'",
      bucket);
}

const eval::Dependency* acl_dependency(const eval::Result& result) {
  for (const eval::Dependency& d : result.depends_on) {
    if (contains(kAclKeys, ascii_lower(d.key))) return &d;
  }
  return nullptr;
}

std::string ownership_remediation(const Bucket& bucket, std::string_view bucket_owner,
                                  const Writer& writer, PreferredFix preferred) {
  std::string out = "fixes, in order of preference:\n";
  int n = 1;
  if (bucket_acl_blocks_enforced(bucket)) {
    out += fmt::format(
        "    {}. first remove the bucket ACL grants to grantees other than the owner (AC004), or "
        "the switch fails with InvalidBucketAclWithObjectOwnership; move S3 server access log "
        "delivery to a bucket-policy grant to 'logging.s3.amazonaws.com'\n",
        n++);
  }
  out += fmt::format(
      "    {}. disable ACLs: the bucket owner then owns every object, existing ones included\n"
      "       {}\n",
      n++, enforce_ownership_command(bucket.name));
  const std::string role_name = fmt::format("{}-writer", bucket.name);
  const std::string role_arn = fmt::format("arn:aws:iam::{}:role/{}", bucket_owner, role_name);
  const std::string writer_arn =
      writer.any_principal ? std::string("<ARN of the writer's role>")
      : writer.principal.role_arn.empty()
          ? (writer.principal.arn.empty() ? fmt::format("arn:aws:iam::{}:root", writer.account)
                                          : writer.principal.arn)
          : writer.principal.role_arn;
  out += fmt::format(
      "    {}. or let the writer assume a role in account {} and upload with its credentials "
      "(objects "
      "then belong to {})\n"
      "       trust policy of '{}': "
      R"({{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{{"AWS":"{}"}},)"
      R"("Action":"sts:AssumeRole"}}]}})"
      "\n"
      "       permission policy of '{}': "
      R"({{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":"s3:PutObject",)"
      R"("Resource":"arn:aws:s3:::{}/*"}}]}})"
      "\n"
      "       identity policy of {}: "
      R"({{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":"sts:AssumeRole",)"
      R"("Resource":"{}"}}]}})"
      "\n",
      n++, bucket_owner, bucket_owner, role_name, writer_arn, role_name, bucket.name,
      writer.any_principal ? std::string("the uploading roles and users")
      : writer.principal.kind == eval::PrincipalKind::kAccountRoot
          ? fmt::format("the uploading roles and users of account {}", writer.account)
          : fmt::format("'{}'", writer_arn),
      role_arn);
  if (preferred == PreferredFix::kAlreadyRequired) {
    out += fmt::format(
        "    {}. or set BucketOwnerPreferred: the required 'bucket-owner-full-control' then makes "
        "new "
        "uploads the bucket owner's (existing objects stay the writer's)\n"
        "       aws s3api put-bucket-ownership-controls --bucket {} --ownership-controls "
        "'Rules=[{{ObjectOwnership=BucketOwnerPreferred}}]'\n",
        n++, bucket.name);
  }
  if (preferred == PreferredFix::kRequireBofc) {
    out += fmt::format(
        "    {}. or set BucketOwnerPreferred and require the canned ACL (new objects only)\n"
        "       aws s3api put-bucket-ownership-controls --bucket {} --ownership-controls "
        "'Rules=[{{ObjectOwnership=BucketOwnerPreferred}}]'\n"
        "       bucket policy statement: "
        R"({{"Sid":"RequireBucketOwnerFullControl","Effect":"Deny","Principal":{{"AWS":"{}"}},)"
        R"("Action":"s3:PutObject","Resource":"arn:aws:s3:::{}/*","Condition":{{"StringNotEquals":)"
        R"({{"s3:x-amz-acl":"bucket-owner-full-control"}}}}}})"
        "\n",
        n++, bucket.name, writer_arn, bucket.name);
  }
  if (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

}  // namespace bucketlint::rules
