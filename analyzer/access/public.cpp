// Public access as S3 judges it: which bucket-policy statements and ACL grants are public, and
// which Block Public Access setting (bucket or account level) stops them. The rules of the PA
// family and AC001 read these answers; words stay in the rules.
//
// "The meaning of public":
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "bucketlint/access.h"
#include "bucketlint/eval.h"
#include "bucketlint/text.h"

namespace bucketlint::access {

namespace {

using text::ascii_lower;

// Condition keys whose fixed values S3 counts as limiting a statement to non-public principals
// (the guide's list; aws:PrincipalAccount and aws:PrincipalArn fix the principal as
// aws:PrincipalOrgID does, and s3:x-amz-server-side-encryption-aws-kms-key-id is listed in the
// PublicAccessBlockConfiguration API reference).
constexpr std::array<std::string_view, 13> kNonPublicKeys = {
    "aws:sourceip",
    "aws:sourcearn",
    "aws:sourcevpc",
    "aws:sourcevpce",
    "aws:sourceowner",
    "aws:sourceaccount",
    "aws:userid",
    "aws:principalorgid",
    "aws:principalaccount",
    "aws:principalarn",
    "s3:dataaccesspointarn",
    "s3:dataaccesspointaccount",
    "s3:x-amz-server-side-encryption-aws-kms-key-id",
};

// Operators that let in only the values they list (no negation, no IfExists: a request without
// the key would pass an IfExists test, so it pins nothing).
bool pinning_operator(std::string_view op) {
  std::string o = ascii_lower(op);
  if (o.starts_with("foranyvalue:")) o = o.substr(12);
  static constexpr std::array<std::string_view, 6> kOps = {
      "stringequals", "stringequalsignorecase", "stringlike", "arnequals", "arnlike", "ipaddress",
  };
  return std::find(kOps.begin(), kOps.end(), o) != kOps.end();
}

bool has_wildcard_or_variable(std::string_view v) {
  return v.find_first_of("*?") != std::string_view::npos || v.find("${") != std::string_view::npos;
}

// s3:DataAccessPointArn may leave the access point name open as long as the account is fixed
// ("arn:aws:s3:us-east-1:111122223333:accesspoint/*"), as the guide's note says.
bool fixed_access_point_arn(std::string_view v) {
  const std::size_t ap = v.find(":accesspoint/");
  if (ap == std::string_view::npos) return !has_wildcard_or_variable(v);
  const std::string_view head = v.substr(0, ap);
  if (has_wildcard_or_variable(head)) return false;
  const std::size_t colon = head.rfind(':');
  return colon != std::string_view::npos && is_account_id(head.substr(colon + 1));
}

// A CIDR that admits every address ("0.0.0.0/0", "::/0") pins nothing.
bool admits_every_address(std::string_view v) { return v.ends_with("/0"); }

bool pins(const ConditionEntry& c) {
  const std::string key = ascii_lower(c.key);
  if (std::find(kNonPublicKeys.begin(), kNonPublicKeys.end(), key) == kNonPublicKeys.end()) {
    return false;
  }
  if (!pinning_operator(c.op) || c.values.empty()) return false;
  return std::ranges::all_of(c.values, [&](const ConditionValue& v) {
    if (v.text.empty()) return false;
    if (key == "s3:dataaccesspointarn") return fixed_access_point_arn(v.text);
    if (has_wildcard_or_variable(v.text)) return false;
    return key != "aws:sourceip" || !admits_every_address(v.text);
  });
}

// Representative actions of the two kinds S3 calls "bad actions" (s3:Get*, s3:List* read;
// s3:Put*, s3:Delete*, s3:AbortMultipartUpload, s3:RestoreObject write).
constexpr std::array<std::string_view, 8> kReadActions = {
    "s3:GetObject",    "s3:ListBucket",      "s3:GetObjectVersion",   "s3:GetObjectAcl",
    "s3:GetBucketAcl", "s3:GetBucketPolicy", "s3:ListBucketVersions", "s3:ListMultipartUploadParts",
};
constexpr std::array<std::string_view, 10> kWriteActions = {
    "s3:PutObject",       "s3:DeleteObject",        "s3:PutObjectAcl", "s3:PutBucketAcl",
    "s3:PutBucketPolicy", "s3:DeleteBucketPolicy",  "s3:DeleteBucket", "s3:AbortMultipartUpload",
    "s3:RestoreObject",   "s3:DeleteObjectVersion",
};

bool grants_any(const StringListElement& action, std::string_view family) {
  // An Action value is "bad" when it names a member of the family or covers one by wildcard.
  if (action.is_not) return true;  // NotAction leaves nearly every action in
  return std::ranges::any_of(action.values, [&](const LocatedString& v) {
    const std::string lower = ascii_lower(v.value);
    return lower == "*" || lower == "s3:*" || lower.starts_with(family);
  });
}

PublicAccessKind policy_access(const Statement& stmt, std::vector<std::string>& granted) {
  PublicAccessKind k;
  for (std::string_view a : kReadActions) {
    if (eval::action_element_matches(stmt.action, a)) k.read = true;
  }
  for (std::string_view a : kWriteActions) {
    if (eval::action_element_matches(stmt.action, a)) k.write = true;
  }
  // Wildcards over other members of the families ("s3:Get*" and the like).
  if (grants_any(stmt.action, "s3:get") || grants_any(stmt.action, "s3:list")) k.read = true;
  if (grants_any(stmt.action, "s3:put") || grants_any(stmt.action, "s3:delete")) k.write = true;
  if (stmt.action.is_not) {
    granted.emplace_back("NotAction");
  } else {
    for (const LocatedString& v : stmt.action.values) granted.emplace_back(v.value);
  }
  return k;
}

PublicAccessKind acl_access(std::string_view permission) {
  PublicAccessKind k;
  if (permission == "READ" || permission == "READ_ACP") k.read = true;
  if (permission == "WRITE" || permission == "WRITE_ACP") k.write = true;
  if (permission == "FULL_CONTROL") k.read = k.write = true;
  return k;
}

}  // namespace

const ConditionEntry* non_public_condition(const Statement& stmt) {
  for (const ConditionEntry& c : stmt.conditions) {
    if (pins(c)) return &c;
  }
  return nullptr;
}

bool statement_principal_is_public(const Statement& stmt) {
  if (!stmt.principal.present) return false;  // not a resource-policy grant
  if (stmt.principal.is_not) return true;     // Allow + NotPrincipal: everyone but a few
  return std::ranges::any_of(stmt.principal.values, [](const PrincipalValue& v) {
    return v.type == "*" || (v.type == "AWS" && has_wildcard_or_variable(v.value));
  });
}

EffectiveBlock effective_block(const Model& model, const Bucket& bucket) {
  EffectiveBlock b;
  if (bucket.public_access_block) {
    b.bucket = *bucket.public_access_block;
    b.has_bucket = true;
  }
  if (const Account* a = model.find_account(bucket_account(model, bucket));
      a != nullptr && a->public_access_block) {
    b.account = *a->public_access_block;
    b.has_account = true;
  }
  b.known = b.has_bucket || b.has_account;
  return b;
}

namespace {

// Marks `g` as stopped by the Block Public Access `setting` (named `name`) when the bucket's
// settings have it on, else the account's.
void mark_blocked(PublicGrant& g, const EffectiveBlock& block, bool PublicAccessBlock::*setting,
                  const char* name) {
  if (block.bucket.*setting) {
    g.blocked_by = name;
    g.blocked_where = block.bucket.where;
  } else if (block.account.*setting) {
    g.blocked_by = name;
    g.blocked_at_account = true;
    g.blocked_where = block.account.where;
  }
}

}  // namespace

std::vector<PublicGrant> public_grants(const Model& model, const Bucket& bucket) {
  std::vector<PublicGrant> out;
  const EffectiveBlock block = effective_block(model, bucket);
  if (bucket.policy != nullptr) {
    for (const Statement& stmt : bucket.policy->statements) {
      if (stmt.effect != Effect::kAllow || !stmt.action.present) continue;
      if (!statement_principal_is_public(stmt) || non_public_condition(stmt) != nullptr) continue;
      PublicGrant g;
      g.source = PublicGrant::Source::kBucketPolicy;
      g.statement = &stmt;
      g.access = policy_access(stmt, g.granted);
      if (!g.access.read && !g.access.write) continue;  // no action S3 counts
      g.where = stmt.where;
      // RestrictPublicBuckets: "only AWS service principals and authorized users within the
      // bucket owner's account" get access through a public policy. BlockPublicPolicy only
      // refuses new public policies and leaves this one in force.
      mark_blocked(g, block, &PublicAccessBlock::restrict_public_buckets, "RestrictPublicBuckets");
      out.push_back(std::move(g));
    }
  }
  const bool enforced = bucket.ownership.effective() == ObjectOwnership::kBucketOwnerEnforced;
  auto add_acl = [&](const Acl& acl, const ObjectAcl* object) {
    for (const AclGrant& grant : acl.grants) {
      if (!is_public_grantee(grant)) continue;
      PublicGrant g;
      g.source =
          object == nullptr ? PublicGrant::Source::kBucketAcl : PublicGrant::Source::kObjectAcl;
      g.grant = &grant;
      g.object = object;
      g.access = acl_access(grant.permission);
      // Object ACL WRITE means nothing; READ on an object reads it, READ_ACP its ACL.
      if (object != nullptr && grant.permission == "WRITE") g.access.write = false;
      if (!g.access.read && !g.access.write) continue;
      g.authenticated_users = grant.uri == kAuthenticatedUsersUri;
      g.granted.push_back(grant.permission);
      g.where = grant.where.known() ? grant.where : acl.where;
      g.acl_disabled = enforced;
      // IgnorePublicAcls: S3 "ignores all public ACLs on the bucket and its objects".
      // BlockPublicAcls only refuses new public ACLs and leaves this one in force.
      mark_blocked(g, block, &PublicAccessBlock::ignore_public_acls, "IgnorePublicAcls");
      out.push_back(std::move(g));
    }
  };
  if (bucket.acl) add_acl(*bucket.acl, nullptr);
  for (const ObjectAcl& o : bucket.object_acls) add_acl(o.acl, &o);
  return out;
}

const Origin* website_origin(const Model& model, const Bucket& bucket) {
  for (const Origin* o : model.origins_of(bucket.name)) {
    if (o->is_website_endpoint) return o;
  }
  return nullptr;
}

}  // namespace bucketlint::access
