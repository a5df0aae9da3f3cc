#include "cf_tr_helpers.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <utility>

namespace bucketlint::rules {

namespace {

constexpr std::string_view kCloudFrontService = "cloudfront.amazonaws.com";

}  // namespace

// ---------------------------------------------------------------------------------------------

std::string cloudfront_grant_snippet(const Model& model, const OriginAccess& access,
                                     std::string_view sid,
                                     const std::vector<std::string_view>& actions,
                                     std::string_view resource) {
  std::string action_text;
  if (actions.size() == 1) {
    action_text = fmt::format("\"{}\"", actions.front());
  } else {
    action_text = "[";
    for (std::size_t i = 0; i < actions.size(); ++i) {
      action_text += fmt::format("{}\"{}\"", i == 0 ? "" : ", ", actions[i]);
    }
    action_text += "]";
  }
  if (access.oai) {
    return fmt::format(
        "{{\"Sid\": \"{}\", \"Effect\": \"Allow\", \"Principal\": {{\"AWS\": \"{}\"}}, "
        "\"Action\": {}, \"Resource\": \"{}\"}}",
        sid, cloudfront_principal(model, access).arn, action_text, resource);
  }
  return fmt::format(
      "{{\"Sid\": \"{}\", \"Effect\": \"Allow\", \"Principal\": {{\"Service\": \"{}\"}}, "
      "\"Action\": {}, \"Resource\": \"{}\", \"Condition\": {{\"StringEquals\": "
      "{{\"AWS:SourceArn\": \"{}\"}}}}}}",
      sid, kCloudFrontService, action_text, resource, access.distribution_arn());
}

// ---------------------------------------------------------------------------------------------

std::vector<Note> denial_notes(const eval::Result& result, eval::PolicySlot slot,
                               std::string_view action, std::size_t limit) {
  std::vector<Note> notes;
  for (const eval::TraceEntry& e : result.trace) {
    if (notes.size() >= limit) break;
    if (e.statement == nullptr) continue;
    if (e.effect == Effect::kDeny && e.applies != eval::Tri::kFalse) {
      notes.push_back({e.where, fmt::format("{} of the {} denies it explicitly", e.label,
                                            eval::policy_slot_name(e.slot))});
      continue;
    }
    if (e.slot != slot || e.effect != Effect::kAllow || e.applies != eval::Tri::kFalse) continue;
    if (!eval::action_element_matches(e.statement->action, action)) continue;
    const SourceRef& where = e.reason_where.file().empty() ? e.where : e.reason_where;
    notes.push_back(
        {where, fmt::format("{} allows '{}' but does not apply: {}", e.label, action, e.reason)});
  }
  return notes;
}

// ---------------------------------------------------------------------------------------------

std::string trust_role_arn(const Model& model, const PolicyDocument& trust) {
  if (!trust.role_arn.empty()) return trust.role_arn;
  if (const Role* r = trust_role(model, trust)) return r->arn;
  const std::string account = policy_account(model, trust);
  return fmt::format("arn:aws:iam::{}:role/unnamed-role",
                     account.empty() ? "111122223333" : account);
}

eval::Request assume_role_request(const eval::Principal& caller, std::string role_arn,
                                  std::string role_account) {
  eval::Request r;
  r.principal = caller;
  r.action = "sts:AssumeRole";
  r.resource = std::move(role_arn);
  r.resource_account = std::move(role_account);
  r.unknown_by_default = true;
  return r;
}

std::string principal_value_label(const PrincipalValue& value) {
  if (value.type == "*" || value.value == "*") return "'*'";
  if (value.type == "Service") return fmt::format("service '{}'", value.value);
  std::optional<eval::Principal> p = eval::parse_principal(value.value);
  if (p && p->kind == eval::PrincipalKind::kAccountRoot) {
    return fmt::format("account '{}'", p->account);
  }
  return fmt::format("'{}'", value.value);
}

std::string trust_statement_snippet(std::string_view principal_arn, std::string_view external_id) {
  if (external_id.empty()) {
    return fmt::format(
        "{{\"Effect\": \"Allow\", \"Principal\": {{\"AWS\": \"{}\"}}, \"Action\": "
        "\"sts:AssumeRole\"}}",
        principal_arn);
  }
  return fmt::format(
      "{{\"Effect\": \"Allow\", \"Principal\": {{\"AWS\": \"{}\"}}, \"Action\": "
      "\"sts:AssumeRole\", \"Condition\": {{\"StringEquals\": {{\"sts:ExternalId\": \"{}\"}}}}}}",
      principal_arn, external_id);
}

std::string assume_role_identity_snippet(std::string_view role_arn) {
  return fmt::format(
      "{{\"Effect\": \"Allow\", \"Action\": \"sts:AssumeRole\", \"Resource\": \"{}\"}}", role_arn);
}

}  // namespace bucketlint::rules
