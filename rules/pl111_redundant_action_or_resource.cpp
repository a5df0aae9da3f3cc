#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "bucketlint/finding.h"
#include "bucketlint/model.h"
#include "bucketlint/rule.h"
#include "model/wildcard.h"
#include "pl_helpers.h"
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

Redundant values change nothing in what the statement allows (DOMAIN.md 5.4;
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html),
but they make the policy longer (IAM counts characters against its quotas, DOMAIN.md 10.2)
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

### Access Analyzer

Mirrors `REDUNDANT_ACTION` and `REDUNDANT_RESOURCE` (SUGGESTION)
(https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
)md",
};

std::string fold_case(std::string_view s, bool case_insensitive) {
  std::string out(s);
  if (case_insensitive) {
    for (char& c : out) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return out;
}

// O(n * w) for n values and w wildcard values: AWS's largest managed policies list thousands
// of actions in one statement but few wildcards.
// Compiled wildcards of one check() call, by pattern text (a corpus repeats the same
// wildcards in many files). Node-based: references stay valid as it grows.
using GlobCache = std::unordered_map<std::string, model::Glob>;

void check_list(const StringListElement& list, std::string_view what, bool case_insensitive,
                GlobCache& glob_cache, FindingSink& sink) {
  const auto& values = list.values;
  const std::uint8_t flags = case_insensitive ? model::kGlobIgnoreCase : model::kGlobDefault;
  std::vector<std::size_t> wildcards;
  for (std::size_t j = 0; j < values.size(); ++j) {
    if (pl::has_wildcard(values[j].value)) wildcards.push_back(j);
  }
  std::vector<const model::Glob*> globs;  // compiled once per call of check()
  // The literal text before each wildcard's first '*' or '?' (case-folded when asked): a
  // value that does not start with it cannot match, which settles most pairs without the glob.
  std::vector<std::string> prefixes;
  globs.reserve(wildcards.size());
  prefixes.reserve(wildcards.size());
  for (const std::size_t j : wildcards) {
    const std::string& w = values[j].value;
    auto found = glob_cache.find(w);
    if (found == glob_cache.end()) found = glob_cache.try_emplace(w, w, flags).first;
    globs.push_back(&found->second);
    prefixes.push_back(fold_case(w.substr(0, w.find_first_of("*?")), case_insensitive));
  }
  auto starts_with_prefix = [case_insensitive](std::string_view v, std::string_view prefix) {
    if (v.size() < prefix.size()) return false;
    for (std::size_t c = 0; c < prefix.size(); ++c) {
      char x = v[c];
      if (case_insensitive && x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
      if (x != prefix[c]) return false;
    }
    return true;
  };
  // Wildcards bucketed by the first kKey characters of their literal prefix; those with a
  // shorter prefix are candidates for every value. A value is compared only with its bucket
  // and the short ones, in list order (large managed policies list thousands of actions and
  // hundreds of wildcards in one statement).
  constexpr std::size_t kKey = 4;
  std::unordered_map<std::string_view, std::vector<std::size_t>> buckets;
  std::vector<std::size_t> short_prefix;
  for (std::size_t k = 0; k < wildcards.size(); ++k) {
    if (prefixes[k].size() < kKey) {
      short_prefix.push_back(k);
    } else {
      buckets[std::string_view(prefixes[k]).substr(0, kKey)].push_back(k);
    }
  }
  std::vector<std::size_t> candidates;
  std::unordered_map<std::string, std::size_t> first_seen;
  first_seen.reserve(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    const std::string& v = values[i].value;
    const auto [it, inserted] = first_seen.try_emplace(fold_case(v, case_insensitive), i);
    if (!inserted) {
      Finding f =
          make_finding(kInfo, values[i].where, fmt::format("{} '{}' is listed twice", what, v));
      f.notes.push_back({values[it->second].where, "first listed here"});
      sink.report(std::move(f));
      continue;
    }
    if (wildcards.empty()) continue;
    const std::string& folded = it->first;
    candidates.clear();
    const std::vector<std::size_t>* bucket = nullptr;
    if (folded.size() >= kKey) {
      const auto b = buckets.find(std::string_view(folded).substr(0, kKey));
      if (b != buckets.end()) bucket = &b->second;
    }
    if (bucket == nullptr) {
      candidates = short_prefix;
    } else {
      candidates.resize(bucket->size() + short_prefix.size());
      std::merge(bucket->begin(), bucket->end(), short_prefix.begin(), short_prefix.end(),
                 candidates.begin());
    }
    for (const std::size_t k : candidates) {
      const std::size_t j = wildcards[k];
      const std::string& w = values[j].value;
      if (j == i || !starts_with_prefix(v, prefixes[k]) || !globs[k]->matches(v)) continue;
      // Two different wildcards covering each other (e.g. 's3:*' and 's3:**'): report the
      // later one only.
      if (pl::glob_match(v, w, case_insensitive) && j > i) continue;
      Finding f = make_finding(kInfo, values[i].where,
                               fmt::format("{} '{}' is covered by '{}'", what, v, w));
      f.notes.push_back({values[j].where, "the covering wildcard"});
      sink.report(std::move(f));
      break;
    }
  }
}

class RedundantActionOrResource final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void check(const Model& model, FindingSink& sink) const override {
    GlobCache action_globs;    // case-insensitive
    GlobCache resource_globs;  // case-sensitive
    pl::for_each_statement(model, [&](const PolicyDocument&, const Statement& stmt) {
      check_list(stmt.action, "action", true, action_globs, sink);
      check_list(stmt.resource, "resource", false, resource_globs, sink);
    });
  }
};

}  // namespace

std::unique_ptr<Rule> make_redundant_action_or_resource() {
  return std::make_unique<RedundantActionOrResource>();
}

}  // namespace bucketlint::rules
