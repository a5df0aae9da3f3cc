#pragma once

// Condition operators, policy variables and the lookup of context keys (internal to the
// evaluator; rules use bucketlint/eval.h). docs/aws-semantics.md 5.5;
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_multi-value-conditions.html
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bucketlint/eval.h"
#include "bucketlint/iam.h"

namespace bucketlint::eval {

// Condition operators are IAM primitives (bucketlint/iam.h): the evaluator names them so.
using OpFamily = iam::OperatorKind;
using iam::ConditionOperator;
using iam::SetQualifier;

// iam::parse_condition_operator, remembered per thread (a policy names few operators and the
// evaluator reads them many times); nullopt also for NullIfExists, which parses but is no
// operator (Access Analyzer NULL_WITH_IF_EXISTS), so a condition using it never matches.
std::optional<ConditionOperator> parse_condition_operator(std::string_view op);

// The values of one context key, viewed without copying: a vector of the request's context or
// one engine-filled value.
class ValueList {
 public:
  ValueList() = default;
  explicit ValueList(const std::vector<std::string>* values) : vec_(values) {}
  explicit ValueList(std::string_view one) : one_(one), single_(true) {}
  std::size_t size() const { return single_ ? 1 : (vec_ == nullptr ? 0 : vec_->size()); }
  bool empty() const { return size() == 0; }
  std::string_view operator[](std::size_t i) const {
    return single_ ? one_ : std::string_view((*vec_)[i]);
  }

 private:
  const std::vector<std::string>* vec_ = nullptr;
  std::string_view one_;
  bool single_ = false;
};

// The global condition keys the engine fills (effective_context), recognised once: a compiled
// condition knows its key's slot, so its lookup needs no case-insensitive search among them.
enum class BuiltinKey : std::uint8_t {
  kPrincipalArn,
  kPrincipalType,
  kUserId,
  kUsername,
  kPrincipalServiceName,
  kPrincipalAccount,
  kPrincipalIsAwsService,
  kResourceAccount,
  kNone,  // not an engine-filled key (also the number of those)
};
BuiltinKey builtin_key(std::string_view key);       // ASCII case-insensitive
std::string_view builtin_key_name(BuiltinKey key);  // "aws:PrincipalArn", ...; empty for kNone

// Where condition keys are looked up: a Context (taken as it is), or a request's own context
// overlaid with the global keys the engine fills (the one list of them; effective_context()
// copies it, evaluate() looks keys up here, once per request and with no allocation).
class KeySource {
 public:
  enum class State : std::uint8_t { kAbsent, kPresent, kUnknown };
  struct Found {
    State state = State::kAbsent;
    ValueList values;
  };

  explicit KeySource(const Context& context) : base_(&context) {}
  // `context` as it is, for the static question `question` (Request::static_question): keys it
  // does not state are decided by static_key_absent. `question` must outlive the source.
  KeySource(const Context& context, const Request& question)
      : base_(&context), question_(question.static_question ? &question : nullptr) {}
  // The request's context plus the engine-filled keys; `request` must outlive the source.
  explicit KeySource(const Request& request);
  // Views into its own members: neither copied nor moved.
  KeySource(const KeySource&) = delete;
  KeySource& operator=(const KeySource&) = delete;

  // `unknown_by_default`: a key neither stated nor filled is unknown (a static question), or
  // absent when the source's question says no request of its kind carries it.
  Found find(std::string_view key, bool unknown_by_default) const {
    return find(key, builtin_key(key), unknown_by_default);
  }
  // `builtin` must be builtin_key(key).
  Found find(std::string_view key, BuiltinKey builtin, bool unknown_by_default) const;

  // The engine-filled keys (as builtin_key_name spells them) and their values
  // (effective_context() copies them).
  template <class Fn>
  void for_each_filled(Fn&& fn) const {
    for (std::size_t i = 0; i < builtins_.size(); ++i) {
      if (!builtins_[i].empty()) fn(builtin_key_name(static_cast<BuiltinKey>(i)), builtins_[i]);
    }
  }

 private:
  void fill(BuiltinKey key, std::string_view value);

  const Context* base_ = nullptr;
  const Request* question_ = nullptr;  // the static question, for static_key_absent
  // Engine-filled values by BuiltinKey; empty: not filled.
  std::array<std::string_view, static_cast<std::size_t>(BuiltinKey::kNone)> builtins_{};
  std::string root_arn_;  // formatted values the request does not hold as such
  std::string userid_;
};

// The state of one key in the effective context.
struct KeyLookup {
  enum class State : std::uint8_t { kAbsent, kPresent, kUnknown } state = State::kAbsent;
  const std::vector<std::string>* values = nullptr;
};
KeyLookup lookup_key(const Context& context, std::string_view key, bool unknown_by_default);

// Policy-variable substitution (only under Version 2012-10-17). `as_glob` escapes the
// substituted text (and the ${*} ${?} escapes) for kGlobEscapes matching; otherwise the text is
// literal. kFalse: a variable has no value and no default (the value cannot match);
// kUnknown: a variable's key is unknown.
struct Substituted {
  Tri ok = Tri::kTrue;
  std::string text;
  bool had_variables = false;
  std::string missing;  // the variable that had no value (for messages)
};
Substituted substitute_variables(std::string_view text, const Context& context,
                                 bool unknown_by_default, bool as_glob);
Substituted substitute_variables(std::string_view text, const KeySource& keys,
                                 bool unknown_by_default, bool as_glob);
using iam::has_policy_variable;  // bucketlint/iam.h

// Value comparisons (exposed for tests).
std::optional<double> parse_number(std::string_view text);
// ISO 8601 (date, date-time with optional fraction and Z/offset) or epoch seconds.
std::optional<double> parse_date(std::string_view text);
// IPv4/IPv6 address or CIDR; `ip_in_cidr("10.1.2.3", "10.0.0.0/8")`.
bool ip_in_cidr(std::string_view ip, std::string_view cidr);

struct ConditionResult {
  Tri value = Tri::kFalse;
  std::string reason;  // why false / unknown / true
};

// One condition entry (one operator + one key + its values) against the context.
// `explain`: fill ConditionResult::reason (skipped when no trace is wanted).
ConditionResult evaluate_condition(const ConditionEntry& entry, const Context& context,
                                   bool unknown_by_default, bool variables_enabled,
                                   bool explain = true);
ConditionResult evaluate_condition(const ConditionEntry& entry, const KeySource& keys,
                                   bool unknown_by_default, bool variables_enabled,
                                   bool explain = true);
// The same with the entry's operator already parsed (parse_condition_operator(entry.op); nullptr
// when unsupported) and its key recognised (builtin_key(entry.key)).
ConditionResult evaluate_condition(const ConditionEntry& entry, const ConditionOperator* op,
                                   BuiltinKey builtin, const KeySource& keys,
                                   bool unknown_by_default, bool variables_enabled, bool explain);

}  // namespace bucketlint::eval
