#include "policy_language.h"

#include <algorithm>
#include <array>
#include <optional>
#include <vector>

#include "model/wildcard.h"

namespace bucketlint::rules::pl {
namespace {

char fold(char c, bool ci) {
  return (ci && c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view text, bool case_insensitive) {
  return model::wildcard_match(pattern, text,
                               case_insensitive ? model::kGlobIgnoreCase : model::kGlobDefault);
}

bool extra_service(const Model& model, std::string_view prefix) {
  const auto same = [&](std::string_view declared) { return text::iequals(declared, prefix); };
  for (const std::string& s : model.extra_services) {
    if (same(s)) return true;
  }
  for (const std::string& a : model.extra_actions) {
    if (same(std::string_view(a).substr(0, a.find(':')))) return true;
  }
  return false;
}

bool extra_action(const Model& model, std::string_view action) {
  const bool wild = text::has_wildcard(action);
  for (const std::string& declared : model.extra_actions) {
    if (wild ? globs_intersect(declared, action, true) : glob_match(declared, action, true)) {
      return true;
    }
  }
  return false;
}

bool globs_intersect(std::string_view a, std::string_view b, bool case_insensitive) {
  // reach[i][j]: a[i..] and b[j..] can still produce a common string. Filled backwards.
  // '*' is any run; kSegmentStar any run without '/' or ':'; '?' one character.
  auto is_star = [](char c) { return c == '*' || c == kSegmentStar; };
  auto is_wild = [&](char c) { return is_star(c) || c == '?'; };
  auto same = [&](char x, char y) {
    return fold(x, case_insensitive) == fold(y, case_insensitive);
  };
  // Fast path: strip the literal prefix and suffix both patterns share; a literal mismatch
  // there decides at once (most calls from PL110 end here, without the table below).
  while (!a.empty() && !b.empty() && !is_wild(a.front()) && !is_wild(b.front())) {
    if (!same(a.front(), b.front())) return false;
    a.remove_prefix(1);
    b.remove_prefix(1);
  }
  while (!a.empty() && !b.empty() && !is_wild(a.back()) && !is_wild(b.back())) {
    if (!same(a.back(), b.back())) return false;
    a.remove_suffix(1);
    b.remove_suffix(1);
  }
  if (a.empty() || b.empty()) {
    const std::string_view rest = a.empty() ? b : a;
    return std::all_of(rest.begin(), rest.end(), is_star);
  }
  // Fast path: a side made of stars only (a placeholder field such as the Region) produces
  // whatever the other side does, except that kSegmentStars never produce '/' or ':'.
  auto only_stars = [&](std::string_view stars, std::string_view other) -> std::optional<bool> {
    if (!std::all_of(stars.begin(), stars.end(), is_star)) return std::nullopt;
    if (stars.find('*') != std::string_view::npos) return true;
    return other.find_first_of("/:") == std::string_view::npos;
  };
  if (const auto decided = only_stars(a, b)) return *decided;
  if (const auto decided = only_stars(b, a)) return *decided;
  const std::size_t n = a.size();
  const std::size_t m = b.size();
  // Can star `star` stand for (part of) what symbol `c` of the other pattern produces?
  auto absorbs = [](char star, char c) { return star == '*' || (c != '/' && c != ':'); };
  // One table per thread, reused: no allocation per call once it has grown.
  thread_local std::vector<char> table;
  table.assign((n + 1) * (m + 1), 0);
  char* reach = table.data();
  auto at = [&](std::size_t i, std::size_t j) -> char& { return reach[i * (m + 1) + j]; };
  for (std::size_t i = n + 1; i-- > 0;) {
    for (std::size_t j = m + 1; j-- > 0;) {
      bool ok = false;
      if (i == n && j == m) {
        ok = true;
      } else if (i < n && is_star(a[i])) {
        // a's star matches nothing more, or also (part of) what b[j] stands for.
        ok = at(i + 1, j) != 0 || (j < m && absorbs(a[i], b[j]) && at(i, j + 1) != 0);
      } else if (j < m && is_star(b[j])) {
        ok = at(i, j + 1) != 0 || (i < n && absorbs(b[j], a[i]) && at(i + 1, j) != 0);
      } else if (i < n && j < m) {
        ok = (a[i] == '?' || b[j] == '?' || same(a[i], b[j])) && at(i + 1, j + 1) != 0;
      }
      at(i, j) = ok ? 1 : 0;
    }
  }
  return at(0, 0) != 0;
}

std::string variables_to_star(std::string_view s) {
  // Copies the text between variables in one piece (most values have none).
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t open = s.find("${", i);
    const std::size_t end = open == std::string_view::npos ? open : s.find('}', open + 2);
    if (end == std::string_view::npos) break;  // no complete variable left
    out.append(s.substr(i, open - i));
    out += '*';
    i = end + 1;
  }
  out.append(s.substr(i));
  return out;
}

std::string arn_pattern_to_glob(std::string_view pattern) {
  // Placeholders become '*', except names that cannot contain '/' or ':' (partition, Region,
  // account, S3 bucket and access point names), which become kSegmentStar so that
  // 'arn:aws:s3:::b/*' is not a bucket ARN.
  std::string out;
  std::size_t i = 0;
  while (i < pattern.size()) {
    if (pattern.compare(i, 2, "${") == 0) {
      const std::size_t end = pattern.find('}', i + 2);
      if (end != std::string_view::npos) {
        const std::string_view name = pattern.substr(i + 2, end - i - 2);
        const bool segment = name == "Partition" || name == "Region" || name == "Account" ||
                             name == "BucketName" || name == "AccessPointName";
        out += segment ? kSegmentStar : '*';
        i = end + 1;
        continue;
      }
    }
    out += pattern[i++];
  }
  return out;
}

std::string_view op_family_name(OperatorType type) {
  switch (type) {
    case OperatorType::kString: return "String";
    case OperatorType::kNumeric: return "Numeric";
    case OperatorType::kDate: return "Date";
    case OperatorType::kBool: return "Bool";
    case OperatorType::kBinary: return "Binary";
    case OperatorType::kIpAddress: return "IP address";
    case OperatorType::kArn: return "ARN";
    case OperatorType::kNull: return "Null";
  }
  return "unknown";
}

bool family_fits(OperatorType family, const catalogue::KeyTypeInfo& type) {
  using catalogue::KeyType;
  if (family == OperatorType::kNull) return true;
  auto fits_one = [family](KeyType t) {
    switch (t) {
      // ARN operators parse the request value as an ARN; AWS's own policies use ArnLike on
      // String keys that hold ARNs (kms:EncryptionContext:aws:s3:arn), so it is accepted.
      case KeyType::kString: return family == OperatorType::kString || family == OperatorType::kArn;
      case KeyType::kArn: return family == OperatorType::kArn || family == OperatorType::kString;
      case KeyType::kBool: return family == OperatorType::kBool;
      case KeyType::kNumeric: return family == OperatorType::kNumeric;
      case KeyType::kDate: return family == OperatorType::kDate;
      case KeyType::kIpAddress: return family == OperatorType::kIpAddress;
      case KeyType::kBinary: return family == OperatorType::kBinary;
    }
    return true;
  };
  return fits_one(type.type) || (type.also && fits_one(*type.also));
}

bool expand_actions(const Statement& stmt, std::vector<catalogue::ActionInfo>& out) {
  for (const LocatedString& a : stmt.action.values) {
    const auto parts = split_action(a.value);
    if (a.value == "*" || (parts && parts->service == "*")) return false;
    if (!has_wildcard(a.value)) {
      if (const auto found = catalogue::find_action(a.value)) out.push_back(*found);
      continue;
    }
    const auto matched = catalogue::actions_matching(a.value);
    out.insert(out.end(), matched.begin(), matched.end());
  }
  return true;
}

}  // namespace bucketlint::rules::pl
