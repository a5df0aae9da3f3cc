#pragma once

// Text shared by the mission rules (OW, AC, and the CF/TR rules that read them): labels, notes
// and fix snippets around the answers of the access-query layer (bucketlint/access.h), which
// says who can write into a bucket, who reads it through the bucket policy and what the
// ownership setting makes of the objects they write. Facts live there; words live here.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bucketlint/access.h"
#include "bucketlint/eval.h"
#include "bucketlint/finding.h"
#include "bucketlint/model.h"

namespace bucketlint::rules {

// The rules name the facts of the access layer without its namespace.
using access::bucket_account;
using access::bucket_acl_blocks_enforced;
using access::bucket_owner_canonical_id;
using access::is_public_grantee;
using access::objects_owned_by;
using access::OwnedObject;
using access::Reader;
using access::Writer;
using access::writer_outcome;
using access::WriterOutcome;
using access::WriterScope;

// Notes naming up to three existing objects `writer` owns in `bucket`, with a count of the rest.
void add_existing_object_notes(const Bucket& bucket, const Writer& writer,
                               const eval::IdentityDirectory& directory, std::vector<Note>& notes);

// ---------------------------------------------------------------------------------------------
// Text shared by the findings.

// "a", "a and b", "a, b and c".
std::string join_labels(const std::vector<std::string>& labels);

// Notes for the chain writer -> bucket -> reader (docs/aws-semantics.md 1): the writer's grant, its
// identity policy, the ownership setting (or the assumption), each reader's grant and origin.
void add_writer_notes(const Writer& writer, std::vector<Note>& notes);
void add_ownership_note(const Bucket& bucket, std::vector<Note>& notes);
void add_reader_notes(const Reader& reader, std::vector<Note>& notes);

// "Principal": "*" writers stand for every principal of another account their statement lets
// in. When the model holds a writer that the same statement lets in, the stand-in would only be a
// second finding at the same place: removes it and returns the statements it shared.
std::vector<const Statement*> merge_any_principal_writers(std::vector<Writer>& writers);
// For a writer whose grant is one of `merged`: a note that the statement lets in others too.
void add_any_principal_note(const Writer& writer, const std::vector<const Statement*>& merged,
                            std::vector<Note>& notes);

// Removes notes that point where the finding itself points (the message already says it).
void drop_notes_at_primary(Finding& finding);

// "AllUsers", "LogDelivery", "account 222222222222", "CloudFront OAI 'E74...'",
// "canonical user '79a5...'", "'someone@example.com'".
std::string grantee_label(const AclGrant& grant, const eval::IdentityDirectory& directory);

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
