// Compiled statements: Action and Resource patterns classified (and lowered, and split into ARN
// segments) once per run; the answers are those of action_matches and resource_matches.

#include "eval/compiled.h"

#include <algorithm>

#include "model/arn.h"
#include "model/wildcard.h"

namespace bucketlint::eval::detail {

namespace {

using text::ascii_lower;

// kLiteral, kPrefix (the only wildcard is a final '*') or kGlob, as action_matches and
// resource_matches tell them apart.
PatternKind classify(std::string_view pattern) {
  if (pattern.find('?') != std::string_view::npos) return PatternKind::kGlob;
  const std::size_t star = pattern.find('*');
  if (star == std::string_view::npos) return PatternKind::kLiteral;
  return star + 1 == pattern.size() ? PatternKind::kPrefix : PatternKind::kGlob;
}

std::string lowered(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

// `lower` is lower case: the same answer as iequals(lower, text) without lowering it.
bool equals_lowered(std::string_view lower, std::string_view text) {
  if (lower.size() != text.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (ascii_lower(text[i]) != lower[i]) return false;
  }
  return true;
}

ActionPattern compile_action(std::string_view value) {
  ActionPattern a;
  a.kind = classify(value);
  a.text = value;
  if (a.kind == PatternKind::kLiteral) a.lower = lowered(value);
  if (a.kind == PatternKind::kPrefix) a.lower = lowered(value.substr(0, value.size() - 1));
  return a;
}

bool action_pattern_matches(const ActionPattern& p, std::string_view action) {
  switch (p.kind) {
    case PatternKind::kLiteral: return equals_lowered(p.lower, action);
    case PatternKind::kPrefix:
      return action.size() >= p.lower.size() &&
             equals_lowered(p.lower, action.substr(0, p.lower.size()));
    default: return model::wildcard_match(p.text, action, model::kGlobIgnoreCase);
  }
}

ResourcePattern compile_resource(std::string_view value, bool variables_enabled) {
  ResourcePattern r;
  r.text = value;
  if (variables_enabled && has_policy_variable(value)) {
    r.kind = PatternKind::kVariable;
    return r;
  }
  if (value == "*") {
    r.kind = PatternKind::kAny;
    return r;
  }
  r.kind = classify(value);
  if (r.kind == PatternKind::kPrefix) {
    r.text = value.substr(0, value.size() - 1);
  } else if (r.kind == PatternKind::kGlob) {
    // arn_matches: segment by segment when both are six-part ARNs, else the whole text.
    if (model::split_arn_segments(value, r.segments)) {
      r.kind = PatternKind::kArnGlob;
      for (std::size_t i = 0; i < r.segments.size(); ++i) {
        if (r.segments[i].find_first_of("*?") != std::string_view::npos) {
          r.glob_segments =
              static_cast<std::uint8_t>(static_cast<unsigned>(r.glob_segments) | (1U << i));
        }
      }
    } else {
      r.kind = PatternKind::kTextGlob;
    }
  }
  return r;
}

}  // namespace

StatementForm compile_statement(const Statement& stmt, bool variables_enabled) {
  StatementForm f;
  f.principals.reserve(stmt.principal.values.size());
  for (const PrincipalValue& v : stmt.principal.values) {
    f.principals.push_back(compile_principal_value(v));
  }
  f.actions.reserve(stmt.action.values.size());
  for (const LocatedString& v : stmt.action.values) f.actions.push_back(compile_action(v.value));
  f.resources.reserve(stmt.resource.values.size());
  for (const LocatedString& v : stmt.resource.values) {
    f.resources.push_back(compile_resource(v.value, variables_enabled));
  }
  f.conditions.reserve(stmt.conditions.size());
  for (const ConditionEntry& c : stmt.conditions) {
    f.conditions.push_back({parse_condition_operator(c.op), builtin_key(c.key)});
  }
  return f;
}

RequestForms::RequestForms(const Request& request)
    : resource_is_arn(model::split_arn_segments(request.resource, resource_segments)) {}

bool action_forms_match(const std::vector<ActionPattern>& patterns, bool is_not,
                        std::string_view action) {
  const bool any = std::any_of(patterns.begin(), patterns.end(), [&](const ActionPattern& p) {
    return action_pattern_matches(p, action);
  });
  return is_not ? !any : any;
}

bool resource_form_matches(const ResourcePattern& pattern, std::string_view resource,
                           const RequestForms& request) {
  switch (pattern.kind) {
    case PatternKind::kAny: return true;
    case PatternKind::kLiteral: return pattern.text == resource;
    case PatternKind::kPrefix: return resource.starts_with(pattern.text);
    case PatternKind::kArnGlob:
      if (!request.resource_is_arn) {
        return model::wildcard_match(pattern.text, resource, model::kGlobDefault);
      }
      for (std::size_t i = 0; i < pattern.segments.size(); ++i) {
        const std::string_view want = pattern.segments[i];
        const std::string_view have = request.resource_segments[i];
        const bool ok = (static_cast<unsigned>(pattern.glob_segments) & (1U << i)) != 0
                            ? model::wildcard_match(want, have, model::kGlobDefault)
                            : want == have;
        if (!ok) return false;
      }
      return true;
    case PatternKind::kTextGlob:
      return model::wildcard_match(pattern.text, resource, model::kGlobDefault);
    case PatternKind::kGlob:
    case PatternKind::kVariable: break;  // not compiled this way (the caller's plain path)
  }
  return false;
}

}  // namespace bucketlint::eval::detail
