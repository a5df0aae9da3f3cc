#pragma once

// Shared questions of the mission rules (OW, AC, and the CF/TR rules that read them): who can
// write into a bucket, who reads it through the bucket policy, what the ownership setting makes
// of the objects they write. Every "can P do X" is asked of the evaluator (bucketlint/eval.h);
// nothing here pattern-matches policy text where the evaluator can answer.
//
// Owned by the OW/AC rules; other rule families may call it (read-only).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bucketlint/eval.h"
#include "bucketlint/finding.h"
#include "bucketlint/model.h"

namespace bucketlint::rules {

// The account that owns the bucket: the snapshot/config binding, else --account. Empty when
// unknown (rules that need it then stay silent and say so under "Known gaps").
std::string bucket_account(const Model& model, const Bucket& bucket);

// The bucket owner's canonical user ID: from the account entry, else the bucket ACL's owner.
std::string bucket_owner_canonical_id(const Model& model, const Bucket& bucket);

// "arn:aws:s3:::<bucket>/<key>".
std::string object_arn(std::string_view bucket, std::string_view key);

// Object keys to ask about: one concrete key per object Resource pattern of `policies` that names
// the bucket ("uploads/*" gives "uploads/x"), then a generic key. Deduplicated, at most 8.
std::vector<std::string> probe_object_keys(const Bucket& bucket,
                                           const std::vector<const PolicyDocument*>& policies);

// An identity policy that allows everything, standing in for the identity policies of a principal
// the model does not hold (cross-account requests need both sides; when one side is not given,
// the bucket policy alone decides). Never reported as a location.
const PolicyDocument& assumed_identity_policy();

// The first statement (or ACL grant) of `slot` with `effect` that applies (true or unknown) in
// `result`'s trace; nullptr when none. Statements of assumed_identity_policy() are skipped.
const eval::TraceEntry* first_applying(const eval::Result& result, eval::PolicySlot slot,
                                       Effect effect = Effect::kAllow);

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
  // The writer's identity policies; empty and identity_known false when the model lacks them.
  std::vector<const PolicyDocument*> identity_policies;
  bool identity_known = false;
  std::string key;  // the object key the answers below are about

  // s3:PutObject with the ACL headers unknown / absent / x-amz-acl: bucket-owner-full-control.
  eval::Result put_any;
  eval::Result put_no_acl;
  eval::Result put_bofc;
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

  // The writer is required to send bucket-owner-full-control (docs/aws-semantics.md 3.3 patterns).
  bool bofc_required() const { return must_send_acl && bofc_allowed && !private_allowed; }
  bool cross_account(std::string_view bucket_owner) const { return account != bucket_owner; }
  // "'arn:aws:iam::222222222222:role/uploader'", "account '222222222222'", or
  // "any principal of another account ('Principal': '*')".
  std::string label() const;
  // Who owns what it writes: "account 222222222222" or "the writing account".
  std::string owner_label() const;
};

struct WriterQuery {
  bool include_same_account = false;  // OW003 asks about every writer, OW001/OW002 only others
};

// Writers of `bucket`: principals of other accounts named in the bucket policy (account
// principals stand for the account when the model holds none of its roles or users; "*" stands
// for any principal of another account), and the model's roles and users, each asked whether
// s3:PutObject may be allowed (bucket policy, their identity policies when held, the bucket ACL).
// Sorted by label; empty when the bucket account is unknown.
std::vector<Writer> find_writers(const Model& model, const Bucket& bucket,
                                 const eval::IdentityDirectory& directory,
                                 const WriterQuery& query = {});

// What the bucket's ownership setting makes of the objects a cross-account writer puts
// (docs/aws-semantics.md 2.1, 2.3, truth table rows 1, 2, 6, 7, 9, 10, 27-29).
enum class WriterOutcome {
  kBucketOwnerOwns,    // BucketOwnerEnforced, or BucketOwnerPreferred + required canned BOFC
  kWriterOwnsNoGrant,  // the writer keeps them and may give the bucket owner nothing (OW001)
  kWriterOwnsBofc,     // ObjectWriter + required BOFC: writer owns, bucket owner has FULL_CONTROL
  kAclDecides,         // the writer must send other ACL headers: who reads depends on the grants
};
WriterOutcome writer_outcome(const Bucket& bucket, const Writer& writer);

// Accounts whose writes OW001 or OW002 report on `bucket` (writers of other accounts whose
// objects stay their own). OW004 and AC002 leave existing objects of these accounts to those
// findings, which list them as notes.
std::vector<std::string> accounts_keeping_ownership(const Model& model, const Bucket& bucket,
                                                    const eval::IdentityDirectory& directory);

// Objects of `bucket` that the listing or the object ACLs show owned by `canonical_id`, listing
// order first; key and location.
struct OwnedObject {
  std::string key;
  SourceRef where;
  const Acl* acl = nullptr;  // the object's ACL when the model has it
};
std::vector<OwnedObject> objects_owned_by(const Bucket& bucket, std::string_view canonical_id);

// Notes naming up to three existing objects `writer` owns in `bucket`, with a count of the rest.
void add_existing_object_notes(const Model& model, const Bucket& bucket, const Writer& writer,
                               const eval::IdentityDirectory& directory, std::vector<Note>& notes);

// Roles of the bucket's account that principals of other accounts may assume (their trust
// policy allows it, asked of the evaluator) and that can put objects into the bucket: the
// documented fix of docs/aws-semantics.md 1.3 in place.
std::vector<const Role*> assumed_writer_roles(const Model& model, const Bucket& bucket,
                                              const eval::IdentityDirectory& directory);

// ---------------------------------------------------------------------------------------------
// Readers that depend on the bucket policy.

struct Reader {
  eval::Principal principal;
  std::string account;                         // empty for OAIs, services and anonymous readers
  const Distribution* distribution = nullptr;  // CloudFront readers bound to a distribution
  const Origin* origin = nullptr;
  eval::Result get;  // s3:GetObject on an object the bucket owner owns
  std::string key;
  eval::Request request;  // that request, and the policies it was asked against
  eval::PolicySet policies;

  // The bucket-policy statement that grants the read.
  const eval::TraceEntry* grant() const;
  // Is the reader outside the bucket owner's account (OAI, OAC, other accounts, anonymous)?
  // Those cannot receive access the bucket owner got through an object ACL
  // (docs/aws-semantics.md 3.2).
  bool outside(std::string_view bucket_owner) const { return account != bucket_owner; }
  // "CloudFront distribution 'E2ABC' (OAI 'E74FTE3AEXAMPLE')", "OAI 'E74...'",
  // "'arn:aws:iam::333333333333:role/reader'", "anonymous readers".
  std::string label() const;
};

// Principals the bucket policy lets s3:GetObject objects the bucket owner owns: CloudFront
// origins of the model's distributions that point at the bucket (OAI or OAC), and principals
// named in Allow statements. Sorted by label.
std::vector<Reader> find_bucket_policy_readers(const Model& model, const Bucket& bucket,
                                               const eval::IdentityDirectory& directory);

// The object ACL a 'bucket-owner-full-control' upload by `writer` gets: owner the writer, both
// accounts FULL_CONTROL (docs/aws-semantics.md 3.3). nullopt when either canonical ID is unknown.
std::optional<Acl> bofc_object_acl(const Model& model, const Bucket& bucket, const Writer& writer,
                                   const eval::IdentityDirectory& directory);

// Can `reader` still s3:GetObject an object that `writer` owns (with `object_acl`, nullptr for
// none)? Asked of the evaluator with the object owner set (docs/aws-semantics.md 3.1).
eval::Result read_writer_owned(const Reader& reader, const Writer& writer, const Acl* object_acl,
                               const eval::IdentityDirectory& directory);

// ---------------------------------------------------------------------------------------------
// Text shared by the findings.

// "a", "a and b", "a, b and c".
std::string join_labels(const std::vector<std::string>& labels);

// Notes for the chain writer -> bucket -> reader (docs/aws-semantics.md 1): the writer's grant, its
// identity policy, the ownership setting (or the assumption), each reader's grant and origin.
void add_writer_notes(const Writer& writer, std::vector<Note>& notes);
void add_ownership_note(const Bucket& bucket, std::vector<Note>& notes);
void add_reader_notes(const Reader& reader, std::vector<Note>& notes);

// Removes notes that point where the finding itself points (the message already says it).
void drop_notes_at_primary(Finding& finding);

// "AllUsers", "LogDelivery", "account 222222222222", "CloudFront OAI 'E74...'",
// "canonical user '79a5...'", "'someone@example.com'".
std::string grantee_label(const AclGrant& grant, const eval::IdentityDirectory& directory);

// Is the grant to the AllUsers or AuthenticatedUsers group?
bool is_public_grant(const AclGrant& grant);

// Does the bucket ACL grant anyone but the owner (AC004: blocks BucketOwnerEnforced)?
bool bucket_acl_blocks_enforced(const Bucket& bucket);

// The AWS CLI call that applies BucketOwnerEnforced.
std::string enforce_ownership_command(std::string_view bucket);

// Remediation for objects a cross-account writer keeps owning, fixes in order of preference:
// BucketOwnerEnforced (after the AC004 clean-up when needed), a role in the bucket's account
// that the writer assumes (trust and identity snippets with the real ARNs), BucketOwnerPreferred
// plus a required bucket-owner-full-control, or BucketOwnerPreferred alone when the canned ACL is
// already required.
enum class PreferredFix { kNone, kRequireBofc, kAlreadyRequired };
std::string ownership_remediation(const Bucket& bucket, std::string_view bucket_owner,
                                  const Writer& writer, PreferredFix preferred);

// The first condition of `result` on an ACL header key (s3:x-amz-acl, s3:x-amz-grant-*) that the
// answer depends on; nullptr when none.
const eval::Dependency* acl_dependency(const eval::Result& result);

}  // namespace bucketlint::rules
