#pragma once

// Shared predicates of the CloudFront (CF) and trust (TR) rules. Every question about access is
// asked to the evaluator (bucketlint/eval.h); these helpers only build the requests (who, what,
// which context keys are known) and the evidence (notes, snippets) around the answers.

#include <string>
#include <string_view>
#include <vector>

#include "bucketlint/eval.h"
#include "bucketlint/finding.h"
#include "bucketlint/model.h"

namespace bucketlint::rules {

// ---------------------------------------------------------------------------------------------
// S3 ARNs and probe keys

std::string s3_bucket_arn(std::string_view bucket);
std::string s3_object_arn(std::string_view bucket, std::string_view key);

// Object keys to ask about: a generic key plus one concrete key per object-ARN pattern of
// `bucket` in the Resource elements of `policies` ('*' and '?' made concrete), so that a grant on
// a prefix ("bucket/site/*") is found. Choosing keys is not a decision: each key is still asked
// to the evaluator. At most 16 keys, generic key first.
std::vector<std::string> probe_object_keys(std::string_view bucket,
                                           const std::vector<const PolicyDocument*>& policies);

// ---------------------------------------------------------------------------------------------
// CloudFront origin access

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
  // "<account-id>" stands for an unknown account.
  std::string distribution_arn() const;
  bool distribution_arn_known() const;
};

// Every S3 origin with an OAI or OAC, in model order; website endpoints and OACs whose
// SigningBehavior is 'never' (requests go unsigned) are left out.
std::vector<OriginAccess> origin_accesses(const Model& model);

// The principal CloudFront signs origin requests as: the OAI (with its canonical user ID when
// the model has the OAI) or the service principal cloudfront.amazonaws.com (OAC).
eval::Principal cloudfront_principal(const Model& model, const OriginAccess& access);

// The context of a CloudFront origin fetch. OAC requests carry aws:SourceArn (the distribution
// ARN) and aws:SourceAccount (docs/aws-semantics.md 4.2); OAI requests carry neither. Keys whose
// value depends on the viewer or the origin settings (aws:SecureTransport, aws:SourceIp,
// aws:Referer, aws:UserAgent, times) are unknown; every other key is absent.
eval::Context cloudfront_context(const OriginAccess& access);

// A CloudFront origin request for `action` on `resource` of `bucket`.
eval::Request cloudfront_request(const Model& model, const OriginAccess& access,
                                 const Bucket& bucket, std::string action, std::string resource);

// The bucket-policy statement that grants this origin `actions` on `resource`, ready to paste.
std::string cloudfront_grant_snippet(const Model& model, const OriginAccess& access,
                                     std::string_view sid,
                                     const std::vector<std::string_view>& actions,
                                     std::string_view resource);

// ---------------------------------------------------------------------------------------------
// Evaluation helpers

// evaluate() with the model's identity directory.
eval::Result evaluate_in(const Model& model, const eval::Request& request,
                         const eval::PolicySet& policies);

// Notes for the statements of a result that explain a denial: the explicit Deny statements that
// applied, and the Allow statements of `slot` whose Action covers `action` but that did not apply
// (with the evaluator's reason). At most `limit` notes.
std::vector<Note> denial_notes(const eval::Result& result, eval::PolicySlot slot,
                               std::string_view action, std::size_t limit = 4);

// The first Allow trace entry of `slot` that applied (kTrue), or nullptr.
const eval::TraceEntry* applied_allow(const eval::Result& result, eval::PolicySlot slot);

// ---------------------------------------------------------------------------------------------
// Trust and AssumeRole

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
std::vector<Caller> callers(const Model& model);
// The caller with this ARN (role or user), or nullptr.
const Caller* find_caller(const std::vector<Caller>& all, std::string_view arn);

// A session of `role`, as the evaluator's requester.
eval::Principal role_session(const Role& role);

// The role a trust policy belongs to (policy->role_arn), or nullptr.
const Role* role_of(const Model& model, const PolicyDocument& trust);
// The account a policy belongs to: its own account_id, else its role's, else --account.
std::string account_of(const Model& model, const PolicyDocument& policy);
// The role ARN of a trust policy, or a placeholder in its account when unbound.
std::string trust_role_arn(const Model& model, const PolicyDocument& trust);

// sts:AssumeRole on `role_arn` by `caller`, with the given identity policies and trust policy.
// Unknown context keys (sts:ExternalId ...) stay unknown.
eval::Request assume_role_request(const eval::Principal& caller, std::string role_arn,
                                  std::string role_account);

// An AWS principal value that is an IAM unique ID of a role or user ("AROA...", "AIDA...",
// docs/aws-semantics.md 5.2): what a policy shows once the role/user it named was deleted.
bool is_deleted_principal_id(std::string_view value);

// "the role 'arn'" / "account '222222222222'" / "'*'" for a principal value in messages.
std::string principal_value_label(const PrincipalValue& value);

// Trust-policy statement that lets `principal_arn` assume a role, ready to paste.
std::string trust_statement_snippet(std::string_view principal_arn, std::string_view external_id);
// Identity-policy statement that allows sts:AssumeRole on `role_arn`.
std::string assume_role_identity_snippet(std::string_view role_arn);

}  // namespace bucketlint::rules
