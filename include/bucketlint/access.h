#pragma once

// The access-query layer: the questions the mission rules ask of a model ("who can write into
// this bucket?", "who reads it through its bucket policy?", "which CloudFront origins read it,
// with which identity?", "as whom does this role act?"), each answered by the evaluator
// (bucketlint/eval.h) and each answered once per run.
//
// One `Queries` object is built per run (the engine builds it and hands it to every rule in a
// RuleContext). It computes the identity directory once and memoises the answers per bucket, so
// OW001, OW002, OW003, OW005, AC002, AC003 and TR rules read the same writers instead of
// computing them again. Facts live here (who, which statement, which setting); the wording,
// notes and fix snippets stay in the rules.
//
// Candidates come from an index, not a scan of the model: a bucket's writers are asked about
// the principals its bucket policy and bucket ACL can possibly let in (indexed by account) and
// the identities of the bucket's own account; a role or user of an account that nothing on the
// bucket names cannot write into it (cross-account access needs both sides to allow), so it is
// never evaluated. The index only skips candidates the evaluator would deny, so answers are the
// same as asking every identity of the model.

#include <array>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bucketlint/eval.h"
#include "bucketlint/model.h"
#include "bucketlint/source.h"

namespace bucketlint::access {

// The request headers that carry an ACL, as condition keys.
inline constexpr std::array<std::string_view, 6> kAclHeaderKeys = {
    "s3:x-amz-acl",
    "s3:x-amz-grant-read",
    "s3:x-amz-grant-write",
    "s3:x-amz-grant-read-acp",
    "s3:x-amz-grant-write-acp",
    "s3:x-amz-grant-full-control",
};

// ---------------------------------------------------------------------------------------------
// Small facts about buckets and policies.

// The account that owns the bucket: the snapshot/config binding, else the bucket policy's
// account, else --account. Empty when unknown (rules that need it then stay silent and say so
// under "Known gaps").
std::string bucket_account(const Model& model, const Bucket& bucket);

// The account a policy belongs to, so the account of the resource it guards: a bucket policy's
// bucket's owner (bucket_account), else the policy's own account (snapshot or config binding),
// else its role's account (a trust policy's role, or the account in the role ARN it names), else
// --account. Empty when unknown.
std::string policy_account(const Model& model, const PolicyDocument& policy);
// The role a trust policy belongs to (by its role_arn, else the role that holds it), or nullptr.
const Role* trust_role(const Model& model, const PolicyDocument& trust);

// Is the ACL grant to the AllUsers or AuthenticatedUsers group, which S3 treats as public
// ("The meaning of public";
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html)?
bool is_public_grantee(const AclGrant& grant);
// Does the bucket ACL grant anyone but the bucket owner? Such an ACL makes the switch to
// BucketOwnerEnforced fail with InvalidBucketAclWithObjectOwnership (AC004;
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-ownership-existing-bucket.html).
bool bucket_acl_blocks_enforced(const Bucket& bucket);

// The bucket owner's canonical user ID: from the account entry, else the bucket ACL's owner.
std::string bucket_owner_canonical_id(const Model& model, const Bucket& bucket);

// "arn:aws:s3:::<bucket>" and "arn:aws:s3:::<bucket>/<key>" (the aws partition).
std::string bucket_arn(std::string_view bucket);
std::string object_arn(std::string_view bucket, std::string_view key);

// Object keys to ask about, for writers, readers and origins alike: one concrete key per object
// Resource pattern of `policies` that names the bucket, in Allow and Deny statements ("uploads/*"
// gives "uploads/x"; a Deny on a prefix is where a grant stops applying), then "index.html" (any
// object, and the one CloudFront asks for at the root). Patterns holding a policy variable are
// left out: their key depends on the caller. Deduplicated, at most 16, the generic key always
// included. Choosing keys decides nothing: the evaluator answers for each.
std::vector<std::string> probe_object_keys(const Bucket& bucket,
                                           const std::vector<const PolicyDocument*>& policies);

// The first statement (or ACL grant) of `slot` with `effect` that applies (true or unknown) in
// `result`'s trace; nullptr when none.
const eval::TraceEntry* first_applying(const eval::Result& result, eval::PolicySlot slot,
                                       Effect effect = Effect::kAllow);

// A user as requester (a role as requester: role_session below).
eval::Principal principal_for_user(const User& user);

// ---------------------------------------------------------------------------------------------
// Writers: principals that can put objects into a bucket.

struct Writer {
  eval::Principal principal;  // the requester asked about (a role stands for its sessions)
  std::string account;        // the writer's account = the owner of what it writes
  // Stands for every principal of other accounts an Allow with "Principal": "*" lets in (its
  // conditions decide, e.g. aws:PrincipalOrgID); `account` is then a placeholder account.
  bool any_principal = false;
  const Role* role = nullptr;  // when the model holds the writer
  const User* user = nullptr;
  // The writer reaches the bucket through this access point: its policy grants the upload and
  // the bucket policy allows requests through it (e.g. delegates with s3:DataAccessPointAccount).
  // What it writes is owned exactly as with a direct grant. put_* then answer the access point
  // policy (bucket_grant() is its statement) unless the bucket policy denies.
  const AccessPoint* access_point = nullptr;
  // The writer's identity policies; empty and identity_known false when the model lacks them
  // (the evaluator then assumes the identity side allows: PolicySet::identity_not_given).
  std::vector<const PolicyDocument*> identity_policies;
  bool identity_known = false;
  // The writer belongs to the bucket's own account (WriterScope::kOtherAccounts leaves it out).
  bool same_account = false;
  // The canonical user ID a bucket-ACL WRITE or FULL_CONTROL grant names, when the writer comes
  // from that grant. `account` is then the account the model maps it to, or empty when nothing
  // maps it (the principal is then a kCanonicalUser: another account we cannot name).
  std::string canonical_id;
  std::string key;  // the object key the answers below are about

  // s3:PutObject with the ACL headers unknown / absent (with their traces: OW002 and OW003 cite
  // the statements). The traces keep only the entries that apply (Trace::keep_applying): the
  // grants and denies the rules cite; ask Queries::evaluate again for a whole trace. The
  // uploads with a canned ACL are summed up in the flags below; their results are not kept (no
  // rule reads their traces, and at organisation scale they were a third of the writers'
  // memory).
  eval::Result put_any;
  eval::Result put_no_acl;
  // Over every probed key the writer can write: uploads without an ACL header are denied.
  bool must_send_acl = false;
  // ... and uploads with the canned bucket-owner-full-control ACL may be allowed.
  bool bofc_allowed = false;
  // Uploads with the canned 'private' ACL (the bucket owner gets nothing) may be allowed.
  bool private_allowed = false;

  // Where the grants are (nullptr when none applies): the bucket-policy statement (or the bucket
  // ACL grant) and the writer's identity-policy statement.
  const eval::TraceEntry* bucket_grant() const;
  const eval::TraceEntry* identity_grant() const;

  // The writer is required to send bucket-owner-full-control (patterns of required canned ACLs).
  bool bofc_required() const { return must_send_acl && bofc_allowed && !private_allowed; }
  bool cross_account(std::string_view bucket_owner) const { return account != bucket_owner; }
  // "'arn:aws:iam::222222222222:role/uploader'", "account '222222222222'",
  // "account '222222222222' (canonical user '31d9...')", "the account of canonical user
  // '31d9...'", or "any principal of another account ('Principal': '*')"; followed by
  // " (through access point 'ap')" for writers through an access point.
  std::string label() const;
  // Who owns what it writes: "account 222222222222", "that account" (a writer known only by its
  // canonical ID, which label() already names) or "the writing account".
  std::string owner_label() const;
};

// OW003 and AC003 ask about every writer, OW001/OW002/OW005 only about other accounts.
enum class WriterScope { kOtherAccounts, kAllAccounts };

// What the bucket's ownership setting makes of the objects a cross-account writer puts.
enum class WriterOutcome {
  kBucketOwnerOwns,    // BucketOwnerEnforced, or BucketOwnerPreferred + required canned BOFC
  kWriterOwnsNoGrant,  // the writer keeps them and may give the bucket owner nothing (OW001)
  kWriterOwnsBofc,     // ObjectWriter + required BOFC: writer owns, bucket owner has FULL_CONTROL
  kAclDecides,         // the writer must send other ACL headers: who reads depends on the grants
};
WriterOutcome writer_outcome(const Bucket& bucket, const Writer& writer);

// Objects of `bucket` that the listing or the object ACLs show owned by `canonical_id`, listing
// order first; key and location.
struct OwnedObject {
  std::string key;
  SourceRef where;
  const Acl* acl = nullptr;  // the object's ACL when the model has it
};
std::vector<OwnedObject> objects_owned_by(const Bucket& bucket, std::string_view canonical_id);

// ---------------------------------------------------------------------------------------------
// Readers that depend on the bucket policy.

struct Reader {
  eval::Principal principal;
  std::string account;                         // empty for OAIs, services and anonymous readers
  const Distribution* distribution = nullptr;  // CloudFront readers bound to a distribution
  const Origin* origin = nullptr;
  // s3:GetObject on an object the bucket owner owns; its trace keeps only the entries that
  // apply (as Writer::put_any's).
  eval::Result get;
  std::string key;
  eval::Request request;  // that request, and the policies it was asked against
  eval::PolicySet policies;

  // The bucket-policy statement that grants the read.
  const eval::TraceEntry* grant() const;
  // Is the reader outside the bucket owner's account (OAI, OAC, other accounts, anonymous)?
  // Those cannot receive access the bucket owner got through an object ACL.
  bool outside(std::string_view bucket_owner) const { return account != bucket_owner; }
  // "CloudFront distribution 'E2ABC' (OAI 'E74FTE3AEXAMPLE')", "OAI 'E74...'",
  // "'arn:aws:iam::333333333333:role/reader'", "anonymous readers".
  std::string label() const;
};

// ---------------------------------------------------------------------------------------------
// Public access, as S3 itself judges it ("The meaning of public",
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status).

// A condition of an Allow statement that makes it non-public: a key S3 lists (aws:SourceIp,
// aws:SourceArn, aws:SourceVpc, aws:SourceVpce, aws:SourceOwner, aws:SourceAccount,
// aws:userid outside "AROLEID:*", aws:PrincipalOrgID, aws:PrincipalAccount, aws:PrincipalArn,
// s3:DataAccessPointArn, s3:DataAccessPointAccount, s3:x-amz-server-side-encryption-aws-kms-key-id)
// tested with fixed values (no wildcard, no policy variable) under an operator that only lets
// those values in. nullptr when the statement has none.
const ConditionEntry* non_public_condition(const Statement& stmt);

// Does the Allow statement let in anyone ("*", {"AWS": "*"}, a principal with a wildcard, or
// NotPrincipal), so that only its conditions can keep it non-public?
bool statement_principal_is_public(const Statement& stmt);

// What a public grant lets the public do.
struct PublicAccessKind {
  bool read = false;   // reads data or permissions (s3:Get*, s3:List*; ACL READ, READ_ACP)
  bool write = false;  // writes or deletes data or permissions (s3:Put*, s3:Delete*,
                       // s3:AbortMultipartUpload, s3:RestoreObject; ACL WRITE, WRITE_ACP)
};

// One public grant of a bucket: a bucket-policy Allow statement, or a bucket or object ACL grant
// to AllUsers or AuthenticatedUsers.
struct PublicGrant {
  enum class Source { kBucketPolicy, kBucketAcl, kObjectAcl } source = Source::kBucketPolicy;
  const Statement* statement = nullptr;  // kBucketPolicy
  const AclGrant* grant = nullptr;       // ACL grants
  const ObjectAcl* object = nullptr;     // kObjectAcl
  PublicAccessKind access;
  bool authenticated_users = false;  // the AuthenticatedUsers group (every AWS account)
  // The actions (policy: as written, those S3 counts) or the ACL permission.
  std::vector<std::string> granted;
  SourceRef where;
  // The Block Public Access setting that stops the grant today (RestrictPublicBuckets for a
  // policy, IgnorePublicAcls for an ACL), bucket level first; empty when none does.
  std::string blocked_by;
  bool blocked_at_account = false;
  SourceRef blocked_where;
  // ACLs play no part under BucketOwnerEnforced: the grant is inert (and AC004 says the ACL
  // blocks nothing then, since S3 refuses the setting while it is there).
  bool acl_disabled = false;
};

// The Block Public Access settings in force for a bucket: the bucket's and its account's,
// combined (S3 applies the most restrictive combination). Each flag tells which level set it.
struct EffectiveBlock {
  bool known = false;  // some level was given
  PublicAccessBlock bucket;
  PublicAccessBlock account;
  bool has_bucket = false;
  bool has_account = false;
  bool block_public_acls() const { return bucket.block_public_acls || account.block_public_acls; }
  bool ignore_public_acls() const {
    return bucket.ignore_public_acls || account.ignore_public_acls;
  }
  bool block_public_policy() const {
    return bucket.block_public_policy || account.block_public_policy;
  }
  bool restrict_public_buckets() const {
    return bucket.restrict_public_buckets || account.restrict_public_buckets;
  }
};
EffectiveBlock effective_block(const Model& model, const Bucket& bucket);

// Public grants of `bucket`: Allow statements of its bucket policy that S3 calls public and
// that grant an action S3 counts (s3:Get*, s3:List*, s3:Put*, s3:Delete*,
// s3:AbortMultipartUpload, s3:RestoreObject, or a wildcard covering one), then its bucket ACL's
// and object ACLs' grants to AllUsers or AuthenticatedUsers, in document order.
std::vector<PublicGrant> public_grants(const Model& model, const Bucket& bucket);

// Is the bucket the origin of a CloudFront distribution through its website endpoint (the one
// origin kind for which the bucket must be public)?
const Origin* website_origin(const Model& model, const Bucket& bucket);

// ---------------------------------------------------------------------------------------------
// CloudFront origin access.

// "distribution 'EDFDVBD6EXAMPLE'"; for a `get-distribution-config` file given on its own (which
// carries no Id) "the distribution in 'site/distribution-config.json'".
std::string distribution_label(const Distribution& distribution);

// An S3 origin of a distribution that signs its requests with an OAI or an OAC.
struct OriginAccess {
  const Distribution* distribution = nullptr;
  const Origin* origin = nullptr;
  const Bucket* bucket = nullptr;  // the origin's bucket when the model has it
  bool oai = false;                // true: OAI; false: OAC
  // "OAI 'E74FTE3AEXAMPLE'" or "OAC 'E1ABCDEFGHIJKL'".
  std::string access_label() const;
  // "distribution 'EDFDVBD6EXAMPLE'"
  std::string distribution_label() const;
  const SourceRef& access_where() const;
  // The distribution ARN (from the model, or built from its account and ID).
  // "<account-id>" stands for an unknown account, "<distribution-id>" for an unknown ID.
  std::string distribution_arn() const;
  bool distribution_arn_known() const;
};

// The principal CloudFront signs origin requests as: the OAI (with its canonical user ID when
// the model has the OAI) or the service principal cloudfront.amazonaws.com (OAC).
eval::Principal cloudfront_principal(const Model& model, const OriginAccess& access);

// The context of a CloudFront origin fetch. OAC requests carry aws:SourceArn (the distribution
// ARN) and aws:SourceAccount; OAI requests carry neither. Keys whose value depends on the viewer
// or the origin settings (aws:SecureTransport, aws:SourceIp, aws:Referer, aws:UserAgent, times)
// are unknown; every other key is absent.
eval::Context cloudfront_context(const OriginAccess& access);

// A CloudFront origin request for `action` on `resource` of `bucket`.
eval::Request cloudfront_request(const Model& model, const OriginAccess& access,
                                 const Bucket& bucket, std::string action, std::string resource);

// ---------------------------------------------------------------------------------------------
// Callers of sts:AssumeRole.

// Someone in the model who may call sts:AssumeRole: a role (as a session of it) or a user, with
// the identity policies the model has for it.
struct Caller {
  std::string arn;  // role or user ARN
  std::string account_id;
  eval::Principal principal;
  std::vector<const PolicyDocument*> policies;
  std::vector<const PolicyDocument*> boundaries;
  SourceRef where;
  bool is_role = false;
};

// A role as requester: a session of it (session name unknown; IAM roles act only through
// sessions), whatever its ARN parses to, with the role's unique ID when known (so a policy that
// still names a deleted role's AROA... ID matches it).
eval::Principal role_session(const Role& role);

// ---------------------------------------------------------------------------------------------
// The memoised query object.

class Queries {
 public:
  // How often each question was computed and asked (a profile of the run; tests check that
  // each question is answered once per bucket).
  struct Stats {
    std::size_t writer_computations = 0;  // find-writers runs (at most one per bucket)
    std::size_t writer_questions = 0;     // writers() calls
    std::size_t writer_candidates = 0;    // principals evaluated as possible writers
    std::size_t reader_computations = 0;
    std::size_t reader_questions = 0;
    std::size_t assumed_writer_computations = 0;
    std::size_t assumed_writer_questions = 0;
    std::size_t origin_computations = 0;
    std::size_t caller_computations = 0;
    std::size_t directory_computations = 0;
    std::size_t evaluations = 0;  // calls of eval::evaluate made by this object
  };

  // `use_index` false makes writers() ask about every role and user of the model, as before the
  // index (tests compare both; the answers must be the same).
  explicit Queries(const Model& model, bool use_index = true);
  ~Queries();
  Queries(const Queries&) = delete;
  Queries& operator=(const Queries&) = delete;

  const Model& model() const;
  // Canonical IDs of the model's accounts and OAIs, computed once.
  const eval::IdentityDirectory& directory() const;

  // eval::evaluate() with the model's identity directory.
  eval::Result evaluate(const eval::Request& request, const eval::PolicySet& policies,
                        bool trace = true) const;

  // Writers of `bucket`: principals of other accounts named in the bucket policy (account
  // principals stand for the account when the model holds none of its roles or users; "*" stands
  // for any principal of another account), principals named in the policies of the bucket's
  // access points (when the bucket policy allows requests through them), and the model's roles
  // and users that could reach the bucket, each asked whether s3:PutObject may be allowed (bucket
  // policy, their identity policies when held, the bucket ACL). Sorted by label; empty when the
  // bucket account is unknown. Computed once per bucket.
  const std::vector<Writer>& writers(const Bucket& bucket,
                                     WriterScope scope = WriterScope::kOtherAccounts) const;

  // Principals the bucket policy lets s3:GetObject objects the bucket owner owns: CloudFront
  // origins of the model's distributions that point at the bucket (OAI or OAC), and principals
  // named in Allow statements. Sorted by label. Computed once per bucket.
  const std::vector<Reader>& readers(const Bucket& bucket) const;

  // Accounts whose writes OW001 or OW002 report on `bucket` (writers of other accounts whose
  // objects stay their own); a writer known only by a bucket-ACL grant's canonical ID is listed
  // by that canonical ID.
  std::vector<std::string> accounts_keeping_ownership(const Bucket& bucket) const;

  // Roles of the bucket's account that principals of other accounts may assume (their trust
  // policy allows it) and that can put objects into the bucket. Computed once per bucket.
  const std::vector<const Role*>& assumed_writer_roles(const Bucket& bucket) const;

  // Every S3 origin with an OAI or OAC, in model order; website endpoints and OACs whose
  // SigningBehavior is 'never' (requests go unsigned) are left out. Computed once.
  const std::vector<OriginAccess>& origins() const;

  // Roles (as sessions) and users of the model, roles first, in model order. Computed once.
  const std::vector<Caller>& callers() const;
  // The caller with this ARN (role or user), or nullptr.
  const Caller* find_caller(std::string_view arn) const;

  // The object ACL a 'bucket-owner-full-control' upload by `writer` gets: owner the writer, both
  // accounts FULL_CONTROL. nullopt when either canonical ID is unknown.
  std::optional<Acl> bofc_object_acl(const Bucket& bucket, const Writer& writer) const;

  // Can `reader` still s3:GetObject an object that `writer` owns (with `object_acl`, nullptr for
  // none)? Asked of the evaluator with the object owner set.
  eval::Result read_writer_owned(const Reader& reader, const Writer& writer,
                                 const Acl* object_acl) const;

  // A snapshot of the counters (they are counted atomically: see prepare()).
  Stats stats() const;

  // Computes the answers about every bucket of the model (writers of both scopes, readers,
  // assumed writer roles), and the origins and callers, on up to `jobs` threads that take
  // buckets one at a time; with `jobs` <= 1, on this thread. The answers are the same as when
  // asked one by one (each is a function of the model alone), so a run that prepares gives the
  // same bytes as one that does not; rules then read them without computing. Every question is
  // safe to ask from several threads at once. `progress`, when given, is called after each
  // bucket with (buckets done, buckets), from one thread at a time. An exception while
  // computing one bucket leaves that bucket unprepared (the rule that asks computes it again
  // and fails as it would have).
  void prepare(unsigned jobs,
               const std::function<void(std::size_t, std::size_t)>& progress = {}) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace bucketlint::access
