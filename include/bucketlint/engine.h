#pragma once

// Runs rules over a model, applies rule settings (disabled rules, severity overrides,
// suppressions) and returns findings in a stable order: file, line, column, rule ID, message
//. Notes stay inside their finding.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bucketlint/config.h"
#include "bucketlint/finding.h"
#include "bucketlint/model.h"
#include "bucketlint/rule.h"

namespace bucketlint {

// One recorded finding of a baseline (bucketlint/baseline.h).
struct BaselineEntry {
  std::string fingerprint;
  std::string rule_id;
  std::string file;
  std::string message;
};

// Findings of one rule in one file beyond this many are left out, with one note on the last
// reported one saying how many (issue 10: unbounded findings).
inline constexpr std::size_t kMaxFindingsPerRuleAndFile = 100;

struct EngineResult {
  std::vector<Finding> findings;  // sorted; suppressed findings removed; fingerprints set
  bool incomplete = false;        // an input could not be analysed or a rule failed
  std::size_t suppressed = 0;     // findings removed by suppressions
  std::size_t files = 0;          // input files read (model.sources)
  std::size_t baselined = 0;      // findings removed because the baseline holds them
  std::vector<BaselineEntry> stale_baseline;  // baseline entries that no longer occur
  std::size_t skipped = 0;  // other files a directory walk skipped (set by the caller)
};

// How run_rules runs, not what it reports: the findings are the same for every value.
struct RunOptions {
  // Threads that compute the access-query answers about the model's buckets before the rules
  // run (access::Queries::prepare); 1 computes them as rules ask, on the calling thread.
  unsigned jobs = 1;
  // Called with (buckets analysed, buckets) while those answers are computed, from one thread
  // at a time; when set, the answers are computed up front also with one job.
  std::function<void(std::size_t, std::size_t)> progress;
};

// `rules` must outlive the result (findings point at their RuleInfo).
//
// - Rules whose ID is in `settings.disabled`, and rules marked Stability::kRemoved, do not run.
// - A rule that throws yields an IN901 finding naming it (when IN901 is among `rules`); the
//   other rules still run and the result is incomplete.
// - Severity overrides apply to the rule's findings; suppressions then remove matching
//   findings; each suppression that matched nothing yields an IN013 note at its config entry.
// - An incomplete finding or an incomplete model diagnostic makes the result incomplete, also
//   when the IN rule that would report it is disabled or suppressed.
EngineResult run_rules(const Model& model, const std::vector<std::unique_ptr<Rule>>& rules,
                       const RuleSettings& settings = {}, const RunOptions& options = {});

// The rule with this ID among `rules`, or nullptr.
const Rule* find_rule(const std::vector<std::unique_ptr<Rule>>& rules, std::string_view id);

// --- pieces of the engine, public for tests and for other front ends ---

// Path glob as used by suppressions: '*' any run of characters but '/', '?' one character but
// '/', '**' any run including '/' ("**/" also matches no directory at all). Both sides are
// compared after dropping leading "./" segments. An empty pattern matches every path.
bool glob_match(std::string_view pattern, std::string_view path);

// True when `pointer` equals `prefix` or continues it with a '/' (token boundary:
// "/Statement/1" is a prefix of "/Statement/1/Action" but not of "/Statement/10").
bool pointer_has_prefix(std::string_view pointer, std::string_view prefix);

// The statement of `model` whose location contains `where` (same file, pointer prefix), the
// innermost one when several nest; nullptr when there is none.
const Statement* statement_at(const Model& model, const SourceRef& where);

// True when `suppression` applies to `finding` (rule ID, path glob, Sid, pointer prefix).
bool suppression_matches(const Suppression& suppression, const Finding& finding,
                         const Model& model);

// 64-bit FNV-1a: a fixed hash, so fingerprints are equal across runs, builds and platforms.
std::uint64_t fnv1a64(std::string_view data, std::uint64_t seed = 0xcbf29ce484222325ULL);

// Stable identity of a finding for baselines: 16 lower-case hex digits of FNV-1a over rule ID,
// the file's repository path (repository_path with `root`), the statement Sid plus the pointer
// inside that statement when the finding lies in a statement with a Sid (else the whole JSON
// Pointer), and `fingerprint_hint`. Never the line or column, so unrelated edits above a finding
// keep it. run_rules additionally makes equal fingerprints within one run distinct (the second
// of two equal ones mixes in "#1", and so on, in report order).
std::string finding_fingerprint(const Finding& finding, const Model& model,
                                std::string_view root = {});

// The directory fingerprints are relative to: the root of the git work tree (a parent holding
// `.git`) that contains `input`, else the current directory. Absolute, normalised.
std::string repository_root(std::string_view input);

// `file` as seen from `root`: made absolute against the current directory, normalised, and made
// relative to `root` with '/' separators ("policies/app.json" whether the run named "." or the
// absolute path). Files outside `root` keep their absolute path; an empty `root` only
// normalises (drops "./" and "a/../"). Standard input ("-" or "<stdin>") is kept as is.
std::string repository_path(std::string_view file, std::string_view root);

// The sort order of findings: file, line, column, rule ID, message.
bool finding_less(const Finding& a, const Finding& b);

// Exit code per 2 when the result is incomplete; 1 when a finding is at or
// above `fail_on` (nullopt: `--fail-on none`, never 1); else 0.
int exit_code_for(const EngineResult& result, std::optional<Severity> fail_on);

}  // namespace bucketlint
