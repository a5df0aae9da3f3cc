#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "bucketlint/finding.h"
#include "bucketlint/model.h"
#include "bucketlint/rule.h"
#include "model/wildcard.h"
#include "policy_language.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "PL111",
    .name = "redundant-action-or-resource",
    .default_severity = Severity::kNote,
    .stability = Stability::kStable,
    .summary = "an action or resource is repeated or covered by a wildcard in the same statement",
    .remediation = "remove the redundant value",
    .doc = R"md(### What it flags

In one statement's `Action`/`NotAction` (compared case-insensitively) or
`Resource`/`NotResource` (compared case-sensitively):

- a value listed twice;
- a value covered by a wildcard value beside it: `s3:GetObject` next to `s3:Get*`,
  `arn:aws:s3:::media/index.html` next to `arn:aws:s3:::media/*`, anything next to `*`.

### Why it matters

Redundant values change nothing in what the statement allows (docs/aws-semantics.md 5.4;
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html),
but they make the policy longer (IAM counts characters against its quotas, docs/aws-semantics.md 10.2)
and often hide a mistake: the author thought the specific value was needed because the
wildcard did not do what they believed.

### Example

Failing:

```json
{"Effect": "Allow", "Action": ["s3:Get*", "s3:GetObject"], "Resource": "arn:aws:s3:::media/*"}
```

Fixed:

```json
{"Effect": "Allow", "Action": "s3:Get*", "Resource": "arn:aws:s3:::media/*"}
```

### How to fix

Remove the covered value, or narrow the wildcard if it was broader than intended.

### Known gaps

- Only containment by one other value is found; coverage by a union of values is not.
- Statements are not compared with each other (`REDUNDANT_STATEMENT`).
- A list of more than 256 values is compared within a budget that grows linearly with its
  length: a list with thousands of wildcards sharing one literal prefix (`s3:*Z1`, `s3:*Z2`,
  ...) would otherwise take quadratic time. Past the budget, the remaining values are checked
  for repeats only, and one note names the first value that was not compared.

### Access Analyzer

Mirrors `REDUNDANT_ACTION` and `REDUNDANT_RESOURCE` (SUGGESTION)
(https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
)md",
};

// The wildcard values of a list grouped by literal prefix (the text before the first '*' or
// '?', case-folded like the list's keys), sorted by prefix. `parent` is the group with the
// longest prefix that is a proper prefix of this one: the prefixes that start a value are then
// one chain of parents (see wildcards_prefixing).
struct PrefixGroup {
  std::string_view prefix;
  std::uint32_t begin = 0;  // range in Scratch::wildcards
  std::uint32_t end = 0;
  std::uint32_t parent = 0;  // kNoParent at the top
};
constexpr std::uint32_t kNoParent = UINT32_MAX;

struct Wildcard {
  std::string_view prefix;
  std::uint32_t index = 0;  // in the list
};

// Buffers of check_list, kept across the lists of one check() call so that, once grown, a
// list allocates nothing.
struct Scratch {
  std::string folded;                   // the values case-folded, back to back
  std::vector<std::string_view> keys;   // per value: what is compared (folded or as written)
  std::vector<std::uint32_t> slots;     // hash table of first indices, for long lists
  std::vector<std::uint32_t> first;     // per value: the first index with the same key
  std::vector<std::size_t> literal;     // per value: length of its literal prefix
  std::vector<Wildcard> wildcards;      // sorted by (prefix, index)
  std::vector<PrefixGroup> groups;      // over `wildcards`, sorted by prefix
  std::vector<std::uint32_t> stack;     // for building the parents
  std::vector<std::uint32_t> covering;  // candidates for one value
};

// Length of the literal text before the first '*' or '?' (the whole text when there is none).
std::size_t literal_length(std::string_view s) {
  return std::min({s.find('*'), s.find('?'), s.size()});  // memchr: most values have neither
}

// Sorts the wildcards and groups them by prefix, with parents.
void group_wildcards(Scratch& scratch) {
  auto& wildcards = scratch.wildcards;
  std::sort(wildcards.begin(), wildcards.end(), [](const Wildcard& a, const Wildcard& b) {
    const int c = a.prefix.compare(b.prefix);
    return c < 0 || (c == 0 && a.index < b.index);
  });
  auto& groups = scratch.groups;
  auto& stack = scratch.stack;  // the chain of prefixes of the last group
  groups.clear();
  stack.clear();
  for (std::uint32_t w = 0; w < wildcards.size(); ++w) {
    if (!groups.empty() && groups.back().prefix == wildcards[w].prefix) {
      groups.back().end = w + 1;
      continue;
    }
    const std::string_view prefix = wildcards[w].prefix;
    while (!stack.empty() && !prefix.starts_with(groups[stack.back()].prefix)) stack.pop_back();
    groups.push_back({prefix, w, w + 1, stack.empty() ? kNoParent : stack.back()});
    stack.push_back(static_cast<std::uint32_t>(groups.size() - 1));
  }
}

// Appends to `out` the index of every wildcard whose prefix starts `key`. Such prefixes sort
// between the first of them and `key`, so each is a prefix of the greatest group prefix
// <= key: they are that group's chain of parents from the first one that starts `key` on.
// Appends nothing and returns false when there are more than `limit` of them.
bool wildcards_prefixing(std::string_view key, const Scratch& scratch, std::size_t limit,
                         std::vector<std::uint32_t>& out) {
  const auto& groups = scratch.groups;
  const auto it =
      std::upper_bound(groups.begin(), groups.end(), key,
                       [](std::string_view k, const PrefixGroup& g) { return k < g.prefix; });
  if (it == groups.begin()) return true;
  auto g = static_cast<std::uint32_t>(it - groups.begin() - 1);
  while (g != kNoParent && !key.starts_with(groups[g].prefix)) g = groups[g].parent;
  std::size_t count = 0;
  for (std::uint32_t c = g; c != kNoParent; c = groups[c].parent) {
    count += groups[c].end - groups[c].begin;
  }
  if (count > limit) return false;
  for (; g != kNoParent; g = groups[g].parent) {
    for (std::uint32_t w = groups[g].begin; w < groups[g].end; ++w) {
      out.push_back(scratch.wildcards[w].index);
    }
  }
  return true;
}

// Comparisons (candidate covering wildcards, each sorted and matched) allowed in one list:
// every list of up to 256 values is compared in full (n x n <= 65,536), a longer one near
// linearly. Thousands of wildcards sharing one literal prefix ("s3:*Z1", "s3:*Z2", ...) would
// otherwise cost n x n matches (issue 10: 159,000 resources took 589 s); past the budget, the
// rest of the list is checked for repeats only and one note says so.
constexpr std::size_t kComparisonBase = 65536;
constexpr std::size_t kComparisonsPerValue = 64;

void check_list(const StringListElement& list, std::string_view what, bool case_insensitive,
                Scratch& scratch, FindingSink& sink) {
  const auto& values = list.values;
  const auto n = static_cast<std::uint32_t>(values.size());
  if (n < 2) return;  // nothing to repeat or cover
  const std::uint8_t flags = case_insensitive ? model::kGlobIgnoreCase : model::kGlobDefault;

  // Keys: the values themselves, or their case-folded copies in one buffer.
  auto& keys = scratch.keys;
  keys.clear();
  if (case_insensitive) {
    std::string& folded = scratch.folded;
    folded.clear();
    for (const LocatedString& v : values) folded += v.value;
    for (char& c : folded) {  // unconditional store: vectorised
      c = static_cast<char>(c + ((c >= 'A' && c <= 'Z') ? 'a' - 'A' : 0));
    }
    std::size_t at = 0;
    for (const LocatedString& v : values) {
      keys.emplace_back(folded.data() + at, v.value.size());
      at += v.value.size();
    }
  } else {
    for (const LocatedString& v : values) keys.emplace_back(v.value);
  }

  // Repeats: each value's first occurrence. A short list (the usual case) compares pairs; a
  // long one keeps an open-addressing table of the first index of each key.
  auto& first = scratch.first;
  first.resize(n);
  constexpr std::uint32_t kPairwiseMax = 16;
  if (n <= kPairwiseMax) {
    for (std::uint32_t i = 0; i < n; ++i) {
      std::uint32_t j = 0;
      while (keys[j] != keys[i]) ++j;  // stops at i at the latest
      first[i] = j;
    }
  } else {
    constexpr std::uint32_t kEmpty = UINT32_MAX;
    std::size_t size = 2 * kPairwiseMax;
    while (size < 2 * std::size_t{n}) size *= 2;  // at most half full
    auto& slots = scratch.slots;
    slots.assign(size, kEmpty);
    for (std::uint32_t i = 0; i < n; ++i) {
      std::size_t pos = std::hash<std::string_view>{}(keys[i]) & (size - 1);
      while (slots[pos] != kEmpty && keys[slots[pos]] != keys[i]) pos = (pos + 1) & (size - 1);
      if (slots[pos] == kEmpty) slots[pos] = i;
      first[i] = slots[pos];
    }
  }

  auto& wildcards = scratch.wildcards;
  auto& literal = scratch.literal;
  wildcards.clear();
  literal.resize(n);
  for (std::uint32_t j = 0; j < n; ++j) {
    literal[j] = literal_length(keys[j]);
    if (literal[j] < keys[j].size()) wildcards.push_back({keys[j].substr(0, literal[j]), j});
  }
  group_wildcards(scratch);

  auto& covering = scratch.covering;
  std::size_t budget = kComparisonBase + kComparisonsPerValue * std::size_t{n};
  std::uint32_t unchecked = 0;  // values not compared with the wildcards (budget spent)
  std::uint32_t first_unchecked = 0;
  for (std::uint32_t i = 0; i < n; ++i) {
    const std::string_view v = values[i].value;
    if (first[i] != i) {
      Finding f =
          make_finding(kInfo, values[i].where, fmt::format("{} '{}' is listed twice", what, v));
      f.notes.push_back({values[first[i]].where, "first listed here"});
      sink.report(std::move(f));
      continue;
    }
    if (wildcards.empty()) continue;
    covering.clear();
    if (unchecked > 0 || !wildcards_prefixing(keys[i], scratch, budget, covering)) {
      if (unchecked++ == 0) first_unchecked = i;
      continue;
    }
    budget -= covering.size();
    // The first covering wildcard in list order is named.
    std::sort(covering.begin(), covering.end());
    for (const std::uint32_t j : covering) {
      const std::string_view w = values[j].value;
      if (j == i) continue;
      // The literal prefix is known to match: only the rest is matched.
      if (!model::wildcard_match(std::string_view(w).substr(literal[j]),
                                 std::string_view(v).substr(literal[j]), flags)) {
        continue;
      }
      // Two patterns covering each other: only the later one is redundant.
      if (j > i && model::wildcard_match(v, w, flags)) continue;
      Finding f = make_finding(kInfo, values[i].where,
                               fmt::format("{} '{}' is covered by '{}'", what, v, w));
      f.notes.push_back({values[j].where, "the covering wildcard"});
      sink.report(std::move(f));
      break;
    }
  }
  if (unchecked > 0) {
    sink.report(make_finding(
        kInfo, list.where,
        fmt::format("{} list of {} values has too many wildcards sharing a prefix to compare in "
                    "full: {} values from '{}' on were checked for repeats only",
                    what, n, unchecked, values[first_unchecked].value)));
  }
}

class RedundantActionOrResource final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void check(const RuleContext& ctx, FindingSink& sink) const override {
    const Model& model = ctx.model;
    Scratch scratch;
    pl::for_each_statement(model, [&](const PolicyDocument&, const Statement& stmt) {
      check_list(stmt.action, "action", true, scratch, sink);
      check_list(stmt.resource, "resource", false, scratch, sink);
    });
  }
};

}  // namespace

std::unique_ptr<Rule> make_redundant_action_or_resource() {
  return std::make_unique<RedundantActionOrResource>();
}

}  // namespace bucketlint::rules
