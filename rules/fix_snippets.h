#pragma once

// Requests and fix snippets shared by the CloudFront (CF) and trust (TR) rules. Every question
// about access is asked of the access-query layer (bucketlint/access.h: origins, callers, the
// evaluator with the model's identity directory); these helpers build the requests (who, what,
// which context keys are known) and the evidence (notes, snippets) around the answers.

#include <string>
#include <string_view>
#include <vector>

#include "bucketlint/access.h"
#include "bucketlint/eval.h"
#include "bucketlint/finding.h"
#include "bucketlint/iam.h"
#include "bucketlint/model.h"

namespace bucketlint::rules {

// ---------------------------------------------------------------------------------------------
// S3 ARNs and probe keys

using access::bucket_arn;
using access::object_arn;

using access::probe_object_keys;

// ---------------------------------------------------------------------------------------------
// CloudFront origin access (the origins and their requests come from bucketlint/access.h)

using access::cloudfront_context;
using access::cloudfront_principal;
using access::cloudfront_request;
using access::OriginAccess;

// The bucket-policy statement that grants this origin `actions` on `resource`, ready to paste,
// with the conditions of `keep` (the statement it replaces or extends; see condition_fragment).
std::string cloudfront_grant_snippet(const Model& model, const OriginAccess& access,
                                     std::string_view sid,
                                     const std::vector<std::string_view>& actions,
                                     std::string_view resource, const Statement* keep = nullptr);

// ---------------------------------------------------------------------------------------------
// Evaluation helpers

// Notes for the statements of a result that explain a denial: the explicit Deny statements that
// applied, and the Allow statements of `slot` whose Action covers `action` but that did not apply
// (with the evaluator's reason). At most `limit` notes.
std::vector<Note> denial_notes(const eval::Result& result, eval::PolicySlot slot,
                               std::string_view action, std::size_t limit = 4);

// ---------------------------------------------------------------------------------------------
// Trust and AssumeRole

using access::Caller;
using access::role_session;

// The account a policy belongs to (bucketlint/access.h).
using access::policy_account;
using access::trust_role;
// The role ARN of a trust policy, or a placeholder in its account when unbound.
std::string trust_role_arn(const Model& model, const PolicyDocument& trust);

// sts:AssumeRole on `role_arn` by `caller`, with the given identity policies and trust policy.
// Unknown context keys (sts:ExternalId ...) stay unknown.
eval::Request assume_role_request(const eval::Principal& caller, std::string role_arn,
                                  std::string role_account);

// An AWS principal value that is an IAM unique ID of a role or user ("AROA...", "AIDA...",
// docs/aws-semantics.md 5.2): what a policy shows once the role/user it named was deleted.
using iam::is_deleted_principal_id;

// "the role 'arn'" / "account '222222222222'" / "'*'" for a principal value in messages.
std::string principal_value_label(const PrincipalValue& value);

// A fix never weakens a protection: a suggested statement that replaces or extends `keep` carries
// every condition of `keep`. Returns `, "Condition": {...}` (empty when there is no condition):
// the conditions of `keep` (nullptr: none) in their order, grouped by operator, then `op` `key`
// = `value` when `key` is not empty; a condition of `keep` on `key` itself is replaced by it (the
// fix is about that key).
std::string condition_fragment(const Statement* keep, std::string_view op = {},
                               std::string_view key = {}, std::string_view value = {});

// Trust-policy statement that lets `principal_arn` assume a role, ready to paste; with the
// conditions of `keep`, the trust statement it replaces or extends, and sts:ExternalId =
// `external_id` when given.
std::string trust_statement_snippet(std::string_view principal_arn, std::string_view external_id,
                                    const Statement* keep = nullptr);
// Identity-policy statement that allows sts:AssumeRole on `role_arn`.
std::string assume_role_identity_snippet(std::string_view role_arn);

}  // namespace bucketlint::rules
