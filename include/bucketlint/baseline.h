#pragma once

// Baselines: the findings a repository already had when it adopted bucketlint, recorded by
// fingerprint (`bucketlint baseline -o .bucketlint-baseline.json`), so that later runs report
// only new findings (`--baseline FILE`, or `baseline:` in .bucketlint.yaml). docs/baseline.md.
//
// File format (JSON, written sorted so that it diffs well):
//   {"bucketlint_baseline": 1,
//    "findings": [{"fingerprint": "0123456789abcdef", "rule_id": "PL101",
//                  "file": "policies/app.json", "message": "..."}, ...]}
// Only "fingerprint" decides; the other fields are there for the reader of a review.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "bucketlint/engine.h"

namespace bucketlint {

inline constexpr int kBaselineVersion = 1;
// A baseline is read from the repository, so it is bounded like every other input.
inline constexpr std::size_t kMaxBaselineBytes = std::size_t{64} * 1024 * 1024;
inline constexpr std::size_t kMaxBaselineEntries = 1000000;

struct Baseline {
  std::vector<BaselineEntry> entries;
};

// The baseline file's text for `result` (every finding, sorted by file, rule, fingerprint).
std::string write_baseline(const EngineResult& result);

// Parses a baseline; on failure returns nullopt and sets `error` to a one-line reason.
std::optional<Baseline> parse_baseline(std::string_view text, std::string& error);

// Reads and parses the file at `path` (regular files up to kMaxBaselineBytes only).
std::optional<Baseline> read_baseline(const std::string& path, std::string& error);

// Removes from `result` the findings whose fingerprint is in `baseline` (findings that left
// part of the input unanalysed always stay), counts them in `result.baselined`, and lists the
// baseline entries that matched no finding in `result.stale_baseline`. Each entry matches at
// most one finding.
void apply_baseline(EngineResult& result, const Baseline& baseline);

}  // namespace bucketlint
