#pragma once

// The compiled form of a policy's statements (internal to the evaluator): what matching a
// statement needs from its text, prepared once per run instead of on every evaluation.
// Action patterns lower-cased and classified, Resource patterns classified and split into their
// six ARN segments, Principal values parsed, condition operators parsed and the engine-filled
// condition keys recognised. Matching through these forms gives the same answers as the plain
// functions (action_matches, resource_matches, principal_matches, evaluate_condition); policy
// variables and pattern-mode requests keep the plain path.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bucketlint/eval.h"
#include "eval/condition.h"

namespace bucketlint::eval::detail {

// How a pattern is matched.
enum class PatternKind : std::uint8_t {
  kLiteral,   // no wildcard: equality
  kPrefix,    // the only wildcard is a final '*': `text` is what comes before it
  kGlob,      // action: general wildcard pattern over the whole text
  kArnGlob,   // resource: a six-part ARN with wildcards, matched segment by segment
  kTextGlob,  // resource: wildcards, not a six-part ARN: matched as a whole text
  kAny,       // resource "*"
  kVariable,  // resource with a policy variable (Version 2012-10-17): the plain path
};

struct ActionPattern {
  PatternKind kind = PatternKind::kLiteral;
  std::string lower;      // kLiteral / kPrefix: the text, lower-cased (kPrefix without the '*')
  std::string_view text;  // kGlob: the pattern as written
};

struct ResourcePattern {
  PatternKind kind = PatternKind::kLiteral;
  std::string_view text;                       // as written (kPrefix: without the final '*')
  std::array<std::string_view, 6> segments{};  // kArnGlob
  std::uint8_t glob_segments = 0;              // kArnGlob: bit i set when segment i has a wildcard
};

// One Principal / NotPrincipal value, parsed as principal_value_matches reads it.
struct PrincipalForm {
  enum class Kind : std::uint8_t {
    kOther,      // matched by the plain code (CanonicalUser, unknown types)
    kAnyType,    // "Principal": "*"
    kAwsAny,     // {"AWS": "*"}
    kAccount,    // a 12-digit ID or an iam ":root" ARN: `account`
    kUniqueId,   // AIDA..., AROA...
    kOai,        // OAI ARN: `name` is the OAI ID
    kUser,       // iam user ARN
    kRole,       // iam role ARN: `account`, `name` (last component)
    kSts,        // sts ARN: compared with session and federated-user ARNs
    kNever,      // unparsable AWS value or another iam/service ARN: names no one
    kService,    // {"Service": ...}
    kFederated,  // {"Federated": ...}
  };
  Kind kind = Kind::kOther;
  std::string_view account;
  std::string_view name;
};

struct ConditionForm {
  std::optional<ConditionOperator> op;  // parse_condition_operator's answer
  BuiltinKey builtin = BuiltinKey::kNone;
};

struct StatementForm {
  std::vector<PrincipalForm> principals;  // one per PrincipalElement value
  std::vector<ActionPattern> actions;     // one per Action / NotAction value
  std::vector<ResourcePattern> resources;
  std::vector<ConditionForm> conditions;
};

struct PolicyForms {
  std::vector<StatementForm> statements;  // one per statement, in order
};

StatementForm compile_statement(const Statement& stmt, bool variables_enabled);

// The request's side, prepared once per evaluation.
struct RequestForms {
  std::array<std::string_view, 6> resource_segments{};
  bool resource_is_arn = false;
  explicit RequestForms(const Request& request);
};

bool action_forms_match(const std::vector<ActionPattern>& patterns, bool is_not,
                        std::string_view action);
bool resource_form_matches(const ResourcePattern& pattern, std::string_view resource,
                           const RequestForms& request);

// principal_matches and not_principal_names with parsed values (`forms` parallel to
// element.values).
PrincipalMatch principal_matches_form(const PrincipalElement& element,
                                      const std::vector<PrincipalForm>& forms,
                                      const Principal& principal,
                                      const IdentityDirectory* directory);
bool not_principal_names_form(const PrincipalElement& element,
                              const std::vector<PrincipalForm>& forms, const Principal& principal,
                              const IdentityDirectory* directory);
PrincipalForm compile_principal_value(const PrincipalValue& value);

}  // namespace bucketlint::eval::detail
