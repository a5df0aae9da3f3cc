#include "fix_snippets.h"

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
                                     std::string_view resource, const Statement* keep) {
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
        "\"Action\": {}, \"Resource\": \"{}\"{}}}",
        sid, cloudfront_principal(model, access).arn, action_text, resource,
        condition_fragment(keep));
  }
  return fmt::format(
      "{{\"Sid\": \"{}\", \"Effect\": \"Allow\", \"Principal\": {{\"Service\": \"{}\"}}, "
      "\"Action\": {}, \"Resource\": \"{}\"{}}}",
      sid, kCloudFrontService, action_text, resource,
      condition_fragment(keep, "StringEquals", "AWS:SourceArn", access.distribution_arn()));
}

// ---------------------------------------------------------------------------------------------

std::vector<Note> denial_notes(const eval::Result& result, eval::PolicySlot slot,
                               std::string_view action, std::size_t limit) {
  std::vector<Note> notes;
  for (const eval::TraceEntry& e : result.trace.entries()) {
    if (notes.size() >= limit) break;
    if (e.statement == nullptr) continue;
    if (e.effect == Effect::kDeny && e.applies != eval::Tri::kFalse) {
      notes.push_back({e.where, fmt::format("{} of the {} denies it explicitly", e.label(),
                                            eval::policy_slot_name(e.slot))});
      continue;
    }
    if (e.slot != slot || e.effect != Effect::kAllow || e.applies != eval::Tri::kFalse) continue;
    if (!eval::action_element_matches(e.statement->action, action)) continue;
    const SourceRef& where = e.reason_where.file().empty() ? e.where : e.reason_where;
    notes.push_back({where, fmt::format("{} allows '{}' but does not apply: {}", e.label(), action,
                                        e.reason())});
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
  r.static_question = true;
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

namespace {

std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (const char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += fmt::format("\\u{:04x}", static_cast<unsigned>(static_cast<unsigned char>(c)));
        } else {
          out += c;
        }
    }
  }
  out += '"';
  return out;
}

std::string json_condition_value(const ConditionValue& v) {
  if (v.type == JsonType::kNumber || v.type == JsonType::kBool) return v.text;
  return json_string(v.text);
}

bool same_key(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

std::string condition_fragment(const Statement* keep, std::string_view op, std::string_view key,
                               std::string_view value) {
  // Operators in order of first appearance, each with its "key": value members.
  std::vector<std::pair<std::string, std::vector<std::string>>> ops;
  auto add = [&](std::string_view o, std::string member) {
    for (auto& [name, members] : ops) {
      if (name == o) {
        members.push_back(std::move(member));
        return;
      }
    }
    ops.push_back({std::string(o), {std::move(member)}});
  };
  if (keep != nullptr) {
    for (const ConditionEntry& c : keep->conditions) {
      if (!key.empty() && same_key(c.key, key)) continue;
      std::string values;
      if (c.values.size() == 1) {
        values = json_condition_value(c.values.front());
      } else {
        values = "[";
        for (std::size_t i = 0; i < c.values.size(); ++i) {
          values += (i == 0 ? "" : ", ") + json_condition_value(c.values[i]);
        }
        values += "]";
      }
      add(c.op, fmt::format("{}: {}", json_string(c.key), values));
    }
  }
  if (!key.empty()) add(op, fmt::format("{}: {}", json_string(key), json_string(value)));
  if (ops.empty()) return "";
  std::string out = ", \"Condition\": {";
  for (std::size_t i = 0; i < ops.size(); ++i) {
    out += fmt::format("{}{}: {{", i == 0 ? "" : ", ", json_string(ops[i].first));
    for (std::size_t j = 0; j < ops[i].second.size(); ++j) {
      out += (j == 0 ? "" : ", ") + ops[i].second[j];
    }
    out += "}";
  }
  out += "}";
  return out;
}

std::string trust_statement_snippet(std::string_view principal_arn, std::string_view external_id,
                                    const Statement* keep) {
  const std::string condition =
      external_id.empty() ? condition_fragment(keep)
                          : condition_fragment(keep, "StringEquals", "sts:ExternalId", external_id);
  return fmt::format(
      "{{\"Effect\": \"Allow\", \"Principal\": {{\"AWS\": \"{}\"}}, \"Action\": "
      "\"sts:AssumeRole\"{}}}",
      principal_arn, condition);
}

std::string assume_role_identity_snippet(std::string_view role_arn) {
  return fmt::format(
      "{{\"Effect\": \"Allow\", \"Action\": \"sts:AssumeRole\", \"Resource\": \"{}\"}}", role_arn);
}

}  // namespace bucketlint::rules
