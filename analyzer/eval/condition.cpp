#include "eval/condition.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <utility>

#include "model/arn.h"
#include "model/wildcard.h"

namespace bucketlint::eval {

using text::ascii_lower;
using text::iequals;

namespace {

bool uses_variables(OpFamily f) {
  return f == OpFamily::kStringEquals || f == OpFamily::kStringEqualsIgnoreCase ||
         f == OpFamily::kStringLike || f == OpFamily::kArnLike;
}

bool is_glob_family(OpFamily f) { return f == OpFamily::kStringLike || f == OpFamily::kArnLike; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// ---- dates ----------------------------------------------------------------------------------

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
long long days_from_civil(long long y, unsigned m, unsigned d) {
  y -= m <= 2 ? 1 : 0;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? static_cast<unsigned>(-3) : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long long>(doe) - 719468;
}

bool read_digits(std::string_view s, std::size_t& i, std::size_t n, unsigned& out) {
  if (i + n > s.size()) return false;
  unsigned v = 0;
  for (std::size_t k = 0; k < n; ++k) {
    const char c = s[i + k];
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<unsigned>(c - '0');
  }
  i += n;
  out = v;
  return true;
}

// ---- IP addresses -----------------------------------------------------------------------------

struct IpAddr {
  std::array<std::uint8_t, 16> bytes{};
  bool v6 = false;
};

std::optional<IpAddr> parse_ipv4(std::string_view s) {
  IpAddr a;
  std::size_t i = 0;
  for (int part = 0; part < 4; ++part) {
    if (part > 0) {
      if (i >= s.size() || s[i] != '.') return std::nullopt;
      ++i;
    }
    unsigned v = 0;
    std::size_t digits = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9' && digits < 4) {
      v = v * 10 + static_cast<unsigned>(s[i] - '0');
      ++i;
      ++digits;
    }
    if (digits == 0 || v > 255) return std::nullopt;
    a.bytes[static_cast<std::size_t>(part)] = static_cast<std::uint8_t>(v);
  }
  if (i != s.size()) return std::nullopt;
  return a;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<IpAddr> parse_ipv6(std::string_view s) {
  IpAddr a;
  a.v6 = true;
  std::array<std::uint16_t, 8> groups{};
  int count = 0;
  int gap = -1;  // index where "::" was seen
  std::size_t i = 0;
  if (s.substr(0, 2) == "::") {
    gap = 0;
    i = 2;
  } else if (!s.empty() && s[0] == ':') {
    return std::nullopt;
  }
  while (i < s.size()) {
    if (count >= 8) return std::nullopt;
    // Embedded IPv4 in the last 32 bits ("::ffff:192.0.2.1").
    const std::size_t next_colon = s.find(':', i);
    const std::string_view token =
        s.substr(i, next_colon == std::string_view::npos ? std::string_view::npos : next_colon - i);
    if (token.find('.') != std::string_view::npos) {
      if (next_colon != std::string_view::npos || count > 6) return std::nullopt;
      const std::optional<IpAddr> v4 = parse_ipv4(token);
      if (!v4) return std::nullopt;
      groups[static_cast<std::size_t>(count++)] =
          static_cast<std::uint16_t>(v4->bytes[0] << 8 | v4->bytes[1]);
      groups[static_cast<std::size_t>(count++)] =
          static_cast<std::uint16_t>(v4->bytes[2] << 8 | v4->bytes[3]);
      i = s.size();
      break;
    }
    if (token.empty() || token.size() > 4) return std::nullopt;
    unsigned v = 0;
    for (char c : token) {
      const int h = hex_value(c);
      if (h < 0) return std::nullopt;
      v = v * 16 + static_cast<unsigned>(h);
    }
    groups[static_cast<std::size_t>(count++)] = static_cast<std::uint16_t>(v);
    i += token.size();
    if (i == s.size()) break;
    // at ':'
    ++i;
    if (i < s.size() && s[i] == ':') {
      if (gap >= 0) return std::nullopt;
      gap = count;
      ++i;
    } else if (i == s.size()) {
      return std::nullopt;  // trailing single ':'
    }
  }
  if (gap < 0 && count != 8) return std::nullopt;
  if (gap >= 0 && count > 7) return std::nullopt;
  std::array<std::uint16_t, 8> full{};
  if (gap < 0) {
    full = groups;
  } else {
    const int tail = count - gap;
    for (int k = 0; k < gap; ++k) {
      full[static_cast<std::size_t>(k)] = groups[static_cast<std::size_t>(k)];
    }
    for (int k = 0; k < tail; ++k) {
      full[static_cast<std::size_t>(8 - tail + k)] = groups[static_cast<std::size_t>(gap + k)];
    }
  }
  for (std::size_t k = 0; k < 8; ++k) {
    a.bytes[2 * k] = static_cast<std::uint8_t>(full[k] >> 8);
    a.bytes[2 * k + 1] = static_cast<std::uint8_t>(full[k] & 0xff);
  }
  return a;
}

std::optional<IpAddr> parse_ip(std::string_view s) {
  s = trim(s);
  if (s.find(':') != std::string_view::npos) return parse_ipv6(s);
  return parse_ipv4(s);
}

// ---- comparisons ------------------------------------------------------------------------------

// Compares one request value with one (substituted) policy value. `glob_escapes`: the policy
// value came out of variable substitution and uses '\' escapes.
bool compare(OpFamily family, std::string_view request_value, std::string_view policy_value,
             bool glob_escapes) {
  switch (family) {
    case OpFamily::kStringEquals: return request_value == policy_value;
    case OpFamily::kStringEqualsIgnoreCase: return iequals(request_value, policy_value);
    case OpFamily::kStringLike:
      return model::wildcard_match(policy_value, request_value,
                                   glob_escapes ? model::kGlobEscapes : model::kGlobDefault);
    case OpFamily::kArnLike:
      return model::arn_matches(policy_value, request_value,
                                glob_escapes ? model::kGlobEscapes : model::kGlobDefault, false);
    case OpFamily::kNumericEquals:
    case OpFamily::kNumericLessThan:
    case OpFamily::kNumericLessThanEquals:
    case OpFamily::kNumericGreaterThan:
    case OpFamily::kNumericGreaterThanEquals:
    case OpFamily::kDateEquals:
    case OpFamily::kDateLessThan:
    case OpFamily::kDateLessThanEquals:
    case OpFamily::kDateGreaterThan:
    case OpFamily::kDateGreaterThanEquals: {
      const bool is_date =
          family >= OpFamily::kDateEquals && family <= OpFamily::kDateGreaterThanEquals;
      const std::optional<double> r =
          is_date ? parse_date(request_value) : parse_number(request_value);
      const std::optional<double> p =
          is_date ? parse_date(policy_value) : parse_number(policy_value);
      if (!r || !p) return false;
      switch (family) {
        case OpFamily::kNumericEquals:
        case OpFamily::kDateEquals: return *r == *p;
        case OpFamily::kNumericLessThan:
        case OpFamily::kDateLessThan: return *r < *p;
        case OpFamily::kNumericLessThanEquals:
        case OpFamily::kDateLessThanEquals: return *r <= *p;
        case OpFamily::kNumericGreaterThan:
        case OpFamily::kDateGreaterThan: return *r > *p;
        default: return *r >= *p;
      }
    }
    case OpFamily::kBool: {
      const bool r_ok = iequals(request_value, "true") || iequals(request_value, "false");
      return r_ok && iequals(request_value, policy_value);
    }
    case OpFamily::kBinaryEquals: return request_value == policy_value;
    case OpFamily::kIpAddress: return ip_in_cidr(request_value, policy_value);
    case OpFamily::kNull: return false;
  }
  return false;
}

std::string quoted_list(const std::vector<ConditionValue>& values) {
  std::string out = "[";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ", ";
    out += fmt::format("'{}'", values[i].text);
  }
  out += "]";
  return out;
}

std::string quoted_list(const ValueList& values) {
  std::string out = "[";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ", ";
    out += fmt::format("'{}'", values[i]);
  }
  out += "]";
  return out;
}

}  // namespace

namespace {

std::optional<ConditionOperator> parse_operator_uncached(std::string_view op);

}  // namespace

std::optional<ConditionOperator> parse_condition_operator(std::string_view op) {
  // A policy names few distinct operators and evaluates them many times: a small per-thread
  // table remembers the last answers (checked against the full text, so never stale).
  struct Slot {
    std::string text;
    std::optional<ConditionOperator> parsed;
    bool used = false;
  };
  thread_local std::array<Slot, 32> cache;
  if (op.size() > 64) return parse_operator_uncached(op);
  std::size_t h = op.size();
  for (const char c : op) h = h * 31 + static_cast<unsigned char>(c);
  Slot& slot = cache[h % cache.size()];
  if (slot.used && slot.text == op) return slot.parsed;
  slot.text.assign(op);
  slot.parsed = parse_operator_uncached(op);
  slot.used = true;
  return slot.parsed;
}

namespace {

std::optional<ConditionOperator> parse_operator_uncached(std::string_view op) {
  std::optional<ConditionOperator> parsed = iam::parse_condition_operator(op);
  if (!parsed || !parsed->valid()) return std::nullopt;
  return parsed;
}

}  // namespace

namespace {

// The keys KeySource fills, as effective_context() spells them, by BuiltinKey.
constexpr std::array<std::string_view, static_cast<std::size_t>(BuiltinKey::kNone)> kBuiltinNames{
    "aws:PrincipalArn",
    "aws:PrincipalType",
    "aws:userid",
    "aws:username",
    "aws:PrincipalServiceName",
    "aws:PrincipalAccount",
    "aws:PrincipalIsAWSService",
    "aws:ResourceAccount"};

}  // namespace

std::string_view builtin_key_name(BuiltinKey key) {
  return key == BuiltinKey::kNone ? std::string_view()
                                  : kBuiltinNames[static_cast<std::size_t>(key)];
}

BuiltinKey builtin_key(std::string_view key) {
  // A condition key is matched case-insensitively.
  if (key.size() < 4 || !iequals(key.substr(0, 4), "aws:")) return BuiltinKey::kNone;
  for (std::size_t i = 0; i < kBuiltinNames.size(); ++i) {
    if (iequals(kBuiltinNames[i], key)) return static_cast<BuiltinKey>(i);
  }
  return BuiltinKey::kNone;
}

KeySource::KeySource(const Request& request)
    : base_(&request.context), question_(request.static_question ? &request : nullptr) {
  // Global condition keys the request implies (IAM reference_policies_condition-keys.html);
  // effective_context() copies them. The request's own context wins (find() looks there
  // first), empty values are not filled.
  const Principal& p = request.principal;
  switch (p.kind) {
    case PrincipalKind::kAccountRoot:
      if (p.arn.empty()) {
        root_arn_ = fmt::format("arn:aws:iam::{}:root", p.account);
        fill(BuiltinKey::kPrincipalArn, root_arn_);
      } else {
        fill(BuiltinKey::kPrincipalArn, p.arn);
      }
      fill(BuiltinKey::kPrincipalType, "Account");
      fill(BuiltinKey::kUserId, p.account);
      break;
    case PrincipalKind::kUser:
      fill(BuiltinKey::kPrincipalArn, p.arn);
      fill(BuiltinKey::kPrincipalType, "User");
      fill(BuiltinKey::kUsername, p.user_name);
      fill(BuiltinKey::kUserId, p.unique_id);
      break;
    case PrincipalKind::kRoleSession:
      // For sessions aws:PrincipalArn is the role's ARN, not the session's (IAM-PRINC).
      fill(BuiltinKey::kPrincipalArn, p.role_arn);
      fill(BuiltinKey::kPrincipalType, "AssumedRole");
      if (!p.unique_id.empty() && !p.session_name.empty()) {
        userid_ = fmt::format("{}:{}", p.unique_id, p.session_name);
        fill(BuiltinKey::kUserId, userid_);
      }
      break;
    case PrincipalKind::kFederatedUser:
      fill(BuiltinKey::kPrincipalArn, p.arn);
      fill(BuiltinKey::kPrincipalType, "FederatedUser");
      if (!p.user_name.empty()) {
        userid_ = fmt::format("{}:{}", p.account, p.user_name);
        fill(BuiltinKey::kUserId, userid_);
      }
      break;
    case PrincipalKind::kAnonymous:
      fill(BuiltinKey::kPrincipalType, "Anonymous");
      fill(BuiltinKey::kUserId, "anonymous");
      break;
    case PrincipalKind::kService: fill(BuiltinKey::kPrincipalServiceName, p.service); break;
    case PrincipalKind::kOai: fill(BuiltinKey::kPrincipalArn, p.arn); break;
    case PrincipalKind::kCanonicalUser:
    case PrincipalKind::kWebIdentity: break;
  }
  fill(BuiltinKey::kPrincipalAccount, p.account);
  fill(BuiltinKey::kPrincipalIsAwsService, p.kind == PrincipalKind::kService ? "true" : "false");
  fill(BuiltinKey::kResourceAccount, request.resource_account);
}

void KeySource::fill(BuiltinKey key, std::string_view value) {
  std::string_view& slot = builtins_[static_cast<std::size_t>(key)];
  if (slot.empty()) slot = value;  // the first fill wins; empty values are not filled
}

KeySource::Found KeySource::find(std::string_view key, BuiltinKey builtin,
                                 bool unknown_by_default) const {
  Found f;
  if (base_ != nullptr && !base_->entries().empty()) {
    const auto& entries = base_->entries();
    const auto it = entries.find(key);
    if (it != entries.end()) {
      if (it->second.absent) return f;
      if (it->second.unknown) {
        f.state = State::kUnknown;
      } else {
        f.state = State::kPresent;
        f.values = ValueList(&it->second.values);
      }
      return f;
    }
  }
  if (builtin != BuiltinKey::kNone && !builtins_[static_cast<std::size_t>(builtin)].empty()) {
    f.state = State::kPresent;
    f.values = ValueList(builtins_[static_cast<std::size_t>(builtin)]);
    return f;
  }
  // A static question: unknown, unless no request of its kind carries the key.
  if (unknown_by_default && (question_ == nullptr || !static_key_absent(*question_, key))) {
    f.state = State::kUnknown;
  }
  return f;
}

KeyLookup lookup_key(const Context& context, std::string_view key, bool unknown_by_default) {
  KeyLookup r;
  if (context.is_unknown(key)) {
    r.state = KeyLookup::State::kUnknown;
    return r;
  }
  if (context.is_absent(key)) return r;
  r.values = context.find(key);
  if (r.values != nullptr) {
    r.state = KeyLookup::State::kPresent;
  } else if (unknown_by_default) {
    r.state = KeyLookup::State::kUnknown;
  }
  return r;
}

Substituted substitute_variables(std::string_view text, const Context& context,
                                 bool unknown_by_default, bool as_glob) {
  const KeySource keys(context);
  return substitute_variables(text, keys, unknown_by_default, as_glob);
}

Substituted substitute_variables(std::string_view text, const KeySource& keys,
                                 bool unknown_by_default, bool as_glob) {
  Substituted out;
  out.text.reserve(text.size());
  auto emit_literal = [&](std::string_view s) {
    if (as_glob) {
      model::append_glob_literal(out.text, s);
    } else {
      out.text.append(s);
    }
  };
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t start = text.find("${", i);
    if (start == std::string_view::npos) {
      out.text.append(text.substr(i));  // pattern text as written keeps its wildcards
      break;
    }
    const std::size_t close = text.find('}', start + 2);
    if (close == std::string_view::npos) {
      out.text.append(text.substr(i));
      break;
    }
    out.text.append(text.substr(i, start - i));
    const std::string_view inner = text.substr(start + 2, close - start - 2);
    i = close + 1;
    out.had_variables = true;
    // Escapes for characters that otherwise have a special meaning (IAM-VARS).
    if (inner == "*" || inner == "?" || inner == "$") {
      emit_literal(inner);
      continue;
    }
    std::string_view name = inner;
    std::optional<std::string_view> fallback;
    const std::size_t comma = inner.find(',');
    if (comma != std::string_view::npos) {
      name = trim(inner.substr(0, comma));
      std::string_view def = trim(inner.substr(comma + 1));
      if (def.size() >= 2 && def.front() == '\'' && def.back() == '\'') {
        fallback = def.substr(1, def.size() - 2);
      }
    }
    name = trim(name);
    const KeySource::Found k = keys.find(name, unknown_by_default);
    if (k.state == KeySource::State::kUnknown) {
      if (out.ok == Tri::kTrue) out.ok = Tri::kUnknown;
      continue;
    }
    // Multivalued keys have no single value to substitute.
    if (k.state == KeySource::State::kPresent && k.values.size() == 1) {
      emit_literal(k.values[0]);
    } else if (fallback) {
      emit_literal(*fallback);
    } else {
      out.ok = Tri::kFalse;
      if (out.missing.empty()) out.missing = std::string(name);
    }
  }
  return out;
}

std::optional<double> parse_number(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  if (text.front() == '+') text.remove_prefix(1);
  double v = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || ptr != text.data() + text.size() || !std::isfinite(v)) {
    return std::nullopt;
  }
  return v;
}

std::optional<double> parse_date(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  // Epoch seconds (IAM-CONDOPS: "Date condition operators ... epoch (UNIX) time").
  if (text.find('-') == std::string_view::npos || text.front() == '-') {
    return parse_number(text);
  }
  std::size_t i = 0;
  unsigned year = 0;
  unsigned month = 0;
  unsigned day = 0;
  if (!read_digits(text, i, 4, year) || i >= text.size() || text[i++] != '-' ||
      !read_digits(text, i, 2, month) || i >= text.size() || text[i++] != '-' ||
      !read_digits(text, i, 2, day)) {
    return std::nullopt;
  }
  if (month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
  double seconds = 0;
  if (i < text.size()) {
    if (text[i] != 'T' && text[i] != 't' && text[i] != ' ') return std::nullopt;
    ++i;
    unsigned hh = 0;
    unsigned mm = 0;
    unsigned ss = 0;
    if (!read_digits(text, i, 2, hh) || i >= text.size() || text[i++] != ':' ||
        !read_digits(text, i, 2, mm)) {
      return std::nullopt;
    }
    if (i < text.size() && text[i] == ':') {
      ++i;
      if (!read_digits(text, i, 2, ss)) return std::nullopt;
    }
    if (hh > 24 || mm > 59 || ss > 60) return std::nullopt;
    seconds = hh * 3600.0 + mm * 60.0 + ss;
    if (i < text.size() && (text[i] == '.' || text[i] == ',')) {
      ++i;
      double scale = 0.1;
      std::size_t digits = 0;
      while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
        seconds += (text[i] - '0') * scale;
        scale /= 10;
        ++i;
        ++digits;
      }
      if (digits == 0) return std::nullopt;
    }
    if (i < text.size()) {
      if (text[i] == 'Z' || text[i] == 'z') {
        ++i;
      } else if (text[i] == '+' || text[i] == '-') {
        const double sign = text[i] == '+' ? 1.0 : -1.0;
        ++i;
        unsigned oh = 0;
        unsigned om = 0;
        if (!read_digits(text, i, 2, oh)) return std::nullopt;
        if (i < text.size() && text[i] == ':') ++i;
        if (i < text.size() && !read_digits(text, i, 2, om)) return std::nullopt;
        seconds -= sign * (oh * 3600.0 + om * 60.0);
      } else {
        return std::nullopt;
      }
    }
  }
  if (i != text.size()) return std::nullopt;
  return static_cast<double>(days_from_civil(year, month, day)) * 86400.0 + seconds;
}

bool ip_in_cidr(std::string_view ip, std::string_view cidr) {
  cidr = trim(cidr);
  const std::size_t slash = cidr.find('/');
  const std::optional<IpAddr> net = parse_ip(cidr.substr(0, slash));
  const std::optional<IpAddr> addr = parse_ip(ip);
  if (!net || !addr || net->v6 != addr->v6) return false;
  unsigned prefix = net->v6 ? 128 : 32;
  if (slash != std::string_view::npos) {
    std::size_t i = slash + 1;
    const std::string_view p = cidr.substr(i);
    if (p.empty() || p.size() > 3) return false;
    unsigned v = 0;
    std::size_t k = 0;
    if (!read_digits(p, k, p.size(), v) || v > prefix) return false;
    prefix = v;
  }
  for (unsigned bit = 0; bit < prefix; ++bit) {
    const std::size_t byte = bit / 8;
    const auto mask = static_cast<std::uint8_t>(0x80u >> (bit % 8));
    if ((net->bytes[byte] & mask) != (addr->bytes[byte] & mask)) return false;
  }
  return true;
}

ConditionResult evaluate_condition(const ConditionEntry& entry, const Context& context,
                                   bool unknown_by_default, bool variables_enabled, bool explain) {
  const KeySource keys(context);
  return evaluate_condition(entry, keys, unknown_by_default, variables_enabled, explain);
}

namespace {

// Null: true when the key's absence is what the value says ("true": absent).
ConditionResult evaluate_null(const ConditionEntry& entry, bool absent, bool explain) {
  ConditionResult res;
  for (const ConditionValue& v : entry.values) {
    if ((iequals(v.text, "true") && absent) || (iequals(v.text, "false") && !absent)) {
      res.value = Tri::kTrue;
      res.reason =
          fmt::format("Null '{}': the key is {}", entry.key, absent ? "absent" : "present");
      return res;
    }
  }
  if (explain) {
    res.reason = fmt::format("Null '{}' {}: the key is {}", entry.key, quoted_list(entry.values),
                             absent ? "absent" : "present");
  }
  return res;
}

// Any other operator on an absent (or empty) key.
ConditionResult evaluate_absent(const ConditionEntry& entry, const ConditionOperator& op,
                                bool explain) {
  ConditionResult res;
  // IAM-CONDOPS: a missing key makes a condition false, except negated operators (true),
  // ...IfExists (true) and ForAllValues (true, also for an empty set; IAM-MULTI).
  bool value = false;
  std::string_view why;
  if (op.set == SetQualifier::kForAllValues) {
    value = true;
    why = "ForAllValues is true when the key is absent or empty";
  } else if (op.if_exists) {
    value = true;
    why = "IfExists is true when the key is absent";
  } else if (op.set == SetQualifier::kNone && op.negated) {
    value = true;
    why = "a negated operator is true when the key is absent";
  } else {
    why = "the key is not in the request";
  }
  res.value = to_tri(value);
  if (explain) {
    res.reason = fmt::format("{} '{}': {}", entry.op, entry.key, why);
  }
  return res;
}

// Policy values after variable substitution (only for string and ARN operators).
struct PolicyValue {
  std::string_view text;
  std::string owned;
  bool escapes = false;
  bool substituted = false;
  Tri ok = Tri::kTrue;
};

std::vector<PolicyValue> policy_values(const ConditionEntry& entry, const ConditionOperator& op,
                                       const KeySource& keys, bool unknown_by_default,
                                       bool variables_enabled) {
  std::vector<PolicyValue> pvs;
  pvs.reserve(entry.values.size());
  for (const ConditionValue& v : entry.values) {
    PolicyValue pv;
    pv.text = v.text;
    if (variables_enabled && uses_variables(op.kind) && has_policy_variable(v.text)) {
      Substituted s =
          substitute_variables(v.text, keys, unknown_by_default, is_glob_family(op.kind));
      pv.owned = std::move(s.text);
      pv.ok = s.ok;
      pv.escapes = is_glob_family(op.kind);
      pv.substituted = true;
    }
    pvs.push_back(std::move(pv));
  }
  for (PolicyValue& pv : pvs) {
    if (pv.substituted) pv.text = pv.owned;
  }
  return pvs;
}

// The request's values against the policy values: per value OR over the policy values, then the
// set qualifier (IAM-MULTI). `pvs` holds PolicyValue or ConditionValue (values without policy
// variables, compared as written).
const PolicyValue& as_policy_value(const PolicyValue& pv) { return pv; }
PolicyValue as_policy_value(const ConditionValue& v) {
  PolicyValue pv;
  pv.text = v.text;
  return pv;
}

template <typename Values>
Tri match_values(const ConditionOperator& op, const ValueList& rvs, const Values& pvs) {
  // One request value against all policy values: OR.
  auto match_any = [&](std::string_view rv) {
    Tri r = Tri::kFalse;
    for (const auto& value : pvs) {
      const PolicyValue& pv = as_policy_value(value);
      if (pv.ok == Tri::kFalse) continue;
      if (pv.ok == Tri::kUnknown) {
        r = tri_or(r, Tri::kUnknown);
        continue;
      }
      if (compare(op.kind, rv, pv.text, pv.escapes)) return Tri::kTrue;
    }
    return r;
  };

  Tri value = Tri::kFalse;
  switch (op.set) {
    case SetQualifier::kNone: {
      // Several values for one key: OR; negated operators must match none (IAM-MULTI).
      Tri any = Tri::kFalse;
      for (std::size_t i = 0; i < rvs.size(); ++i) any = tri_or(any, match_any(rvs[i]));
      value = op.negated ? tri_not(any) : any;
      break;
    }
    case SetQualifier::kForAnyValue: {
      value = Tri::kFalse;
      for (std::size_t i = 0; i < rvs.size(); ++i) {
        const Tri m = match_any(rvs[i]);
        value = tri_or(value, op.negated ? tri_not(m) : m);
      }
      break;
    }
    case SetQualifier::kForAllValues: {
      value = Tri::kTrue;
      for (std::size_t i = 0; i < rvs.size(); ++i) {
        const Tri m = match_any(rvs[i]);
        value = tri_and(value, op.negated ? tri_not(m) : m);
      }
      break;
    }
  }
  return value;
}

}  // namespace

ConditionResult evaluate_condition(const ConditionEntry& entry, const KeySource& keys,
                                   bool unknown_by_default, bool variables_enabled, bool explain) {
  const std::optional<ConditionOperator> op = parse_condition_operator(entry.op);
  return evaluate_condition(entry, op ? &*op : nullptr, builtin_key(entry.key), keys,
                            unknown_by_default, variables_enabled, explain);
}

ConditionResult evaluate_condition(const ConditionEntry& entry, const ConditionOperator* op,
                                   BuiltinKey builtin, const KeySource& keys,
                                   bool unknown_by_default, bool variables_enabled, bool explain) {
  ConditionResult res;
  if (op == nullptr) {
    if (explain) {
      res.reason = fmt::format("unsupported condition operator '{}'", entry.op);
    }
    return res;
  }
  const KeySource::Found key = keys.find(entry.key, builtin, unknown_by_default);
  if (key.state == KeySource::State::kUnknown) {
    res.value = Tri::kUnknown;
    if (explain) {
      res.reason = fmt::format("{} '{}': the key is unknown", entry.op, entry.key);
    }
    return res;
  }
  const bool absent = key.state == KeySource::State::kAbsent || key.values.empty();

  if (op->kind == OpFamily::kNull) {
    return evaluate_null(entry, absent, explain);
  }

  if (absent) {
    return evaluate_absent(entry, *op, explain);
  }

  const ValueList& rvs = key.values;
  const bool substitutes =
      variables_enabled && uses_variables(op->kind) &&
      std::any_of(entry.values.begin(), entry.values.end(),
                  [](const ConditionValue& v) { return has_policy_variable(v.text); });
  // Without policy variables the values are compared as written (no copy of the list).
  const Tri value =
      substitutes
          ? match_values(*op, rvs,
                         policy_values(entry, *op, keys, unknown_by_default, variables_enabled))
          : match_values(*op, rvs, entry.values);
  res.value = value;
  if (explain) {
    res.reason = fmt::format("{} '{}': request {} {} {}", entry.op, entry.key, quoted_list(rvs),
                             value == Tri::kTrue    ? "satisfies"
                             : value == Tri::kFalse ? "does not satisfy"
                                                    : "may satisfy",
                             quoted_list(entry.values));
  }
  return res;
}

}  // namespace bucketlint::eval
