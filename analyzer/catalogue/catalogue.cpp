#include "bucketlint/catalogue.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <span>

#include "catalogue/catalogue_data.h"
#include "model/wildcard.h"

namespace bucketlint {

std::string_view catalogue_date() { return catalogue::data::date(); }

namespace catalogue {
namespace {

using model::has_wildcard;
using model::iequals;

ActionInfo make_action(std::uint32_t index) {
  const data::ActionRec& a = data::actions()[index];
  return ActionInfo{.service = data::services()[a.service].prefix,
                    .name = a.name,
                    .access_level = a.access_level,
                    .id = index};
}

ServiceInfo make_service(std::uint32_t index) {
  const data::ServiceRec& s = data::services()[index];
  return ServiceInfo{.prefix = s.prefix, .name = s.name, .id = index};
}

KeyTypeInfo make_type(const data::KeyRec& k) {
  KeyTypeInfo info;
  info.type = static_cast<KeyType>(k.type & ~data::kMultivaluedBit);
  info.multivalued = (k.type & data::kMultivaluedBit) != 0;
  if (k.also != data::kNoAlso) info.also = static_cast<KeyType>(k.also);
  return info;
}

ConditionKeyInfo make_key(const data::KeyRec& k) {
  return ConditionKeyInfo{.name = k.name,
                          .type = make_type(k),
                          .global = k.global,
                          .cross_service = k.cross_service,
                          .is_template = k.is_template};
}

constexpr char fold(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

using data::equals_folded;

// The first record of a generated hash table (catalogue_hash.h) for which `matches(index)`
// holds, probing from `hash`. Tables are at most half full, so probes are short.
template <typename Matches>
std::optional<std::uint32_t> probe(std::span<const std::uint32_t> slots, std::uint32_t hash,
                                   Matches matches) {
  const std::size_t mask = slots.size() - 1;
  for (std::size_t pos = hash & mask;; pos = (pos + 1) & mask) {
    const std::uint32_t slot = slots[pos];
    if (slot == 0) return std::nullopt;
    if (matches(slot - 1)) return slot - 1;
  }
}

// Every action of every policy is looked up here, by several rules: one hash probe, no copy.
std::optional<std::uint32_t> find_service_index(std::string_view prefix) {
  const auto services = data::services();
  return probe(data::service_slots(), data::folded_hash(prefix),
               [&](std::uint32_t i) { return equals_folded(prefix, services[i].prefix); });
}

std::optional<std::uint32_t> find_action_index(std::uint32_t service, std::string_view name) {
  const auto actions = data::actions();
  return probe(data::action_slots(), data::action_hash(service, name), [&](std::uint32_t i) {
    return actions[i].service == service && equals_folded(name, actions[i].lower);
  });
}

std::span<const data::ActionRec> actions_of(std::uint32_t service) {
  const data::ServiceRec& s = data::services()[service];
  return data::actions().subspan(s.first_action, s.action_count);
}

// Splits "svc:Name" at the first ':'; nullopt when there is none.
std::optional<std::pair<std::string_view, std::string_view>> split_action(std::string_view q) {
  const std::size_t colon = q.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  return std::pair{q.substr(0, colon), q.substr(colon + 1)};
}

// Length of the fixed text before a template placeholder ("${" or "<"), or npos.
std::size_t placeholder_start(std::string_view name) {
  const std::size_t dollar = name.find("${");
  const std::size_t angle = name.find('<');
  return std::min(dollar, angle);
}

}  // namespace

std::string_view catalogue_source() { return data::source(); }

std::string_view key_type_name(KeyType type) {
  switch (type) {
    case KeyType::kString: return "String";
    case KeyType::kArn: return "ARN";
    case KeyType::kBool: return "Bool";
    case KeyType::kNumeric: return "Numeric";
    case KeyType::kDate: return "Date";
    case KeyType::kIpAddress: return "IPAddress";
    case KeyType::kBinary: return "Binary";
  }
  return "String";
}

std::string key_type_info_name(const KeyTypeInfo& info) {
  return fmt::format("{}{}", info.multivalued ? "ArrayOf" : "", key_type_name(info.type));
}

std::string ActionInfo::qualified() const { return fmt::format("{}:{}", service, name); }

std::optional<ServiceInfo> find_service(std::string_view prefix) {
  const auto index = find_service_index(prefix);
  if (!index) return std::nullopt;
  return make_service(*index);
}

std::size_t service_count() { return data::services().size(); }
std::size_t action_count() { return data::actions().size(); }

std::optional<ActionInfo> find_action(std::string_view service, std::string_view name) {
  const auto si = find_service_index(service);
  if (!si) return std::nullopt;
  const auto ai = find_action_index(*si, name);
  if (!ai) return std::nullopt;
  return make_action(*ai);
}

std::optional<ActionInfo> find_action(std::string_view qualified) {
  const auto parts = split_action(qualified);
  if (!parts) return std::nullopt;
  return find_action(parts->first, parts->second);
}

std::vector<ActionInfo> service_actions(const ServiceInfo& service) {
  std::vector<ActionInfo> out;
  const data::ServiceRec& s = data::services()[service.id];
  out.reserve(s.action_count);
  for (std::uint32_t i = 0; i < s.action_count; ++i) out.push_back(make_action(s.first_action + i));
  return out;
}

namespace {

// Calls `visit(index)` for each action matching the pattern until it returns false.
template <typename Visit>
void for_each_match(std::string_view pattern, Visit visit) {
  const std::string lower = model::ascii_lower(pattern);
  if (lower == "*") {
    for (std::uint32_t i = 0; i < data::actions().size(); ++i) {
      if (!visit(i)) return;
    }
    return;
  }
  const auto parts = split_action(lower);
  if (!parts) return;
  // Plain variables, not a structured binding: the lambda below captures them (clang 14).
  const std::string_view svc = parts->first;
  const std::string_view name = parts->second;
  const auto services = data::services();
  // A service's actions are sorted by lower-case name: only the run starting with the
  // pattern's literal prefix can match ("describe" of "Describe*").
  const std::string_view prefix = name.substr(0, name.find_first_of("*?"));
  auto scan = [&](std::uint32_t si) {
    const auto acts = actions_of(si);
    auto it = std::lower_bound(
        acts.begin(), acts.end(), prefix,
        [](const data::ActionRec& a, std::string_view p) { return a.lower.view() < p; });
    for (; it != acts.end() && it->lower.view().starts_with(prefix); ++it) {
      const auto index = services[si].first_action + static_cast<std::uint32_t>(it - acts.begin());
      // The shared IAM matcher (analyzer/model/wildcard.h); both sides are lower case.
      if (model::wildcard_match(name, it->lower) && !visit(index)) return false;
    }
    return true;
  };
  if (!has_wildcard(svc)) {
    if (const auto si = find_service_index(svc)) scan(*si);
    return;
  }
  for (std::uint32_t si = 0; si < services.size(); ++si) {
    if (model::wildcard_match(svc, services[si].prefix) && !scan(si)) return;
  }
}

}  // namespace

std::vector<ActionInfo> actions_matching(std::string_view pattern) {
  std::vector<ActionInfo> out;
  for_each_match(pattern, [&out](std::uint32_t i) {
    out.push_back(make_action(i));
    return true;
  });
  return out;
}

bool any_action_matches(std::string_view pattern) {
  bool found = false;
  for_each_match(pattern, [&found](std::uint32_t) {
    found = true;
    return false;
  });
  return found;
}

ResourceTypeInfo ResourceTypes::operator[](std::size_t i) const {
  const data::ActionResourceTypeRec& r = data::action_resource_types()[first_ + i];
  return {.name = r.name, .arn_pattern = r.arn_pattern, .required = r.required};
}

ResourceTypes::Iterator::Iterator(const ResourceTypes* range, std::size_t index)
    : range_(range), index_(index) {
  if (index_ < range_->size()) current_ = (*range_)[index_];
}

ResourceTypes::Iterator& ResourceTypes::Iterator::operator++() {
  ++index_;
  if (index_ < range_->size()) current_ = (*range_)[index_];
  return *this;
}

ResourceTypes resource_types(const ActionInfo& action) {
  const data::ActionRec& a = data::actions()[action.id];
  return {a.first_rt, a.rt_count};
}

std::vector<std::string_view> condition_keys(const ActionInfo& action) {
  const data::ActionRec& a = data::actions()[action.id];
  std::vector<std::string_view> out;
  out.reserve(a.key_count);
  for (const std::uint32_t k : data::action_keys().subspan(a.first_key, a.key_count)) {
    out.push_back(data::keys()[k].name);
  }
  return out;
}

bool action_supports_key(const ActionInfo& action, std::string_view key) {
  const data::ActionRec& a = data::actions()[action.id];
  for (const std::uint32_t k : data::action_keys().subspan(a.first_key, a.key_count)) {
    const data::KeyRec& rec = data::keys()[k];
    if (rec.is_template ? key_matches_template(rec.pattern, key) : iequals(rec.name, key)) {
      return true;
    }
  }
  return false;
}

bool key_matches_template(std::string_view catalogue_name, std::string_view key) {
  // Fixed parts compare case-insensitively; each placeholder ("${Name}" or "<name>") matches
  // one or more characters (tag keys may contain '/', ':' and '.').
  std::size_t ti = 0;
  std::size_t ki = 0;
  while (ti < catalogue_name.size()) {
    const std::size_t ph = placeholder_start(catalogue_name.substr(ti));
    if (ph == std::string_view::npos) {
      return iequals(catalogue_name.substr(ti), key.substr(std::min(ki, key.size())));
    }
    if (!iequals(catalogue_name.substr(ti, ph), key.substr(ki, ph))) return false;
    ki += ph;
    ti += ph;
    const char close = catalogue_name[ti] == '<' ? '>' : '}';
    const std::size_t end = catalogue_name.find(close, ti);
    if (end == std::string_view::npos) return false;
    ti = end + 1;
    const std::string_view rest = catalogue_name.substr(ti);
    if (placeholder_start(rest) == std::string_view::npos) {
      // Last placeholder: it takes everything up to the fixed suffix.
      if (key.size() < ki + 1 + rest.size()) return false;
      return iequals(rest, key.substr(key.size() - rest.size()));
    }
    // Another placeholder follows: the placeholder ends where the next fixed text first
    // appears (templates in the catalogue have at most one placeholder; this is enough).
    const std::size_t next_fixed_len = placeholder_start(rest);
    const std::string fixed = model::ascii_lower(rest.substr(0, next_fixed_len));
    const std::string lowered = model::ascii_lower(key);
    const std::size_t found = lowered.find(fixed, ki + 1);
    if (found == std::string::npos) return false;
    ki = found;
  }
  return ki == key.size();
}

namespace {

// ASCII case-insensitive Levenshtein distance, exact when it is at most `bound`; any result
// above `bound` only says "more than bound". The suggestions look for a distance below the
// best so far, so most candidates are given up after a few rows.
std::size_t bounded_distance(std::string_view a, std::string_view b, std::size_t bound) {
  // Two rows; on the stack for the usual short names (no allocation per call).
  constexpr std::size_t kStackRow = 128;
  std::array<std::size_t, 2 * kStackRow> stack_rows;
  std::vector<std::size_t> heap_rows;
  std::size_t* prev = stack_rows.data();
  std::size_t* cur = stack_rows.data() + kStackRow;
  if (b.size() + 1 > kStackRow) {
    heap_rows.resize(2 * (b.size() + 1));
    prev = heap_rows.data();
    cur = heap_rows.data() + b.size() + 1;
  }
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    std::size_t row_min = i;
    const char ca = fold(a[i - 1]);
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t sub = prev[j - 1] + (ca == fold(b[j - 1]) ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
      row_min = std::min(row_min, cur[j]);
    }
    // Every later row, and so the distance, is at least this row's minimum.
    if (row_min > bound) return bound + 1;
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

}  // namespace

std::size_t edit_distance_ci(std::string_view a, std::string_view b) {
  return bounded_distance(a, b, std::max(a.size(), b.size()));  // never exceeded
}

std::optional<ActionInfo> suggest_action(std::string_view service, std::string_view name) {
  const auto si = find_service_index(service);
  if (!si) return std::nullopt;
  const std::size_t limit = std::max<std::size_t>(2, name.size() / 4);
  std::optional<std::uint32_t> best;
  std::size_t best_distance = limit + 1;
  const auto acts = actions_of(*si);
  for (std::uint32_t i = 0; i < acts.size(); ++i) {
    const std::size_t len_gap = acts[i].name.size() > name.size()
                                    ? acts[i].name.size() - name.size()
                                    : name.size() - acts[i].name.size();
    if (len_gap >= best_distance) continue;
    const std::size_t d = bounded_distance(acts[i].name, name, best_distance - 1);
    if (d < best_distance) {
      best_distance = d;
      best = data::services()[*si].first_action + i;
    }
  }
  if (!best) return std::nullopt;
  return make_action(*best);
}

std::optional<ServiceInfo> suggest_service(std::string_view prefix) {
  std::optional<std::uint32_t> best;
  std::size_t best_distance = 3;
  const auto services = data::services();
  for (std::uint32_t i = 0; i < services.size(); ++i) {
    // The distance is at least the length difference: skip what cannot beat the best.
    const std::size_t len_gap = services[i].prefix.size() > prefix.size()
                                    ? services[i].prefix.size() - prefix.size()
                                    : prefix.size() - services[i].prefix.size();
    if (len_gap >= best_distance) continue;
    const std::size_t d = bounded_distance(services[i].prefix, prefix, best_distance - 1);
    if (d < best_distance) {
      best_distance = d;
      best = i;
    }
  }
  if (!best) return std::nullopt;
  return make_service(*best);
}

std::optional<ConditionKeyInfo> find_condition_key(std::string_view key) {
  const auto keys = data::keys();
  const auto exact = probe(data::key_slots(), data::folded_hash(key),
                           [&](std::uint32_t i) { return equals_folded(key, keys[i].lower); });
  if (exact) return make_key(keys[*exact]);
  for (const std::uint32_t t : data::template_keys()) {
    const data::KeyRec& rec = keys[t];
    // Cheap filter: the fixed text before the placeholder must be a prefix of the key (it is
    // the start of `lower`, lower-cased).
    if (key.size() < rec.fixed_length || fold(key[0]) != rec.lower[0] ||
        !equals_folded(key.substr(0, rec.fixed_length), rec.lower.substr(0, rec.fixed_length))) {
      continue;
    }
    if (key_matches_template(rec.pattern, key)) return make_key(rec);
  }
  return std::nullopt;
}

std::optional<ConditionKeyInfo> suggest_condition_key(std::string_view key) {
  const std::size_t colon = key.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  const std::string prefix = model::ascii_lower(key.substr(0, colon + 1));
  const auto keys = data::keys();
  auto it = std::lower_bound(
      keys.begin(), keys.end(), prefix,
      [](const data::KeyRec& k, const std::string& p) { return k.lower.view() < p; });
  const data::KeyRec* best = nullptr;
  std::size_t best_distance = 3;
  for (; it != keys.end() && it->lower.view().starts_with(prefix); ++it) {
    if (it->is_template) continue;
    const std::size_t d = bounded_distance(it->name, key, best_distance - 1);
    if (d < best_distance) {
      best_distance = d;
      best = &*it;
    }
  }
  if (best == nullptr) return std::nullopt;
  return make_key(*best);
}

}  // namespace catalogue
}  // namespace bucketlint
