#include "bucketlint/engine.h"

#include <fmt/format.h>

#include <algorithm>
#include <exception>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "bucketlint/access.h"
#include "model/path_glob.h"

namespace bucketlint {

namespace {

// Which Terraform resource a ref lies in (Model::iac_resources): by JSON Pointer in plan and
// state files, by lines in .tf files. A lookup costs a few map searches, whatever the number of
// resources.
class IacIndex {
 public:
  explicit IacIndex(const Model& model) {
    for (const IacResource& r : model.iac_resources) {
      File& f = files_[r.file];
      if (!r.pointer.empty()) {
        f.by_pointer.try_emplace(r.pointer, &r.address);
      } else if (r.first_line > 0 && r.last_line >= r.first_line) {
        f.by_line.try_emplace(r.first_line, Range{r.last_line, &r.address});
      }
    }
  }

  // The address, or "" when the ref is in no resource.
  std::string at(const SourceRef& where) const {
    if (files_.empty() || where.file().empty()) return {};
    const auto it = files_.find(where.file());
    if (it == files_.end()) return {};
    const File& f = it->second;
    const std::string& pointer = where.pointer();
    if (!f.by_pointer.empty()) {
      // The longest prefix of the pointer that is a resource's ("/resource_changes/3").
      for (std::size_t end = pointer.size(); end > 0; end = pointer.rfind('/', end - 1)) {
        const auto found = f.by_pointer.find(pointer.substr(0, end));
        if (found != f.by_pointer.end()) return *found->second;
        if (end == std::string::npos) break;
      }
    }
    if (!f.by_line.empty() && where.line() > 0) {
      // Top-level blocks do not nest: the last block starting at or above the line.
      auto found = f.by_line.upper_bound(where.line());
      if (found == f.by_line.begin()) return {};
      --found;
      if (where.line() <= found->second.last_line) return *found->second.address;
    }
    return {};
  }

 private:
  struct Range {
    int last_line = 0;
    const std::string* address = nullptr;
  };
  struct File {
    std::map<std::string, const std::string*> by_pointer;
    std::map<int, Range> by_line;
  };
  std::map<std::string, File> files_;
};

// Names the Terraform resource a finding (and each note elsewhere) lies in, in the text too,
// unless the text already names it.
void name_resources(Finding& f, const IacIndex& iac) {
  f.resource = iac.at(f.where);
  if (!f.resource.empty() && f.message.find(f.resource) == std::string::npos) {
    f.message += fmt::format(" (in '{}')", f.resource);
  }
  for (Note& note : f.notes) {
    note.resource = iac.at(note.where);
    if (!note.resource.empty() && note.resource != f.resource &&
        note.text.find(note.resource) == std::string::npos) {
      note.text += fmt::format(" (in '{}')", note.resource);
    }
  }
}

class CollectingSink final : public FindingSink {
 public:
  explicit CollectingSink(std::vector<Finding>& out) : out_(out) {}
  void report(Finding finding) override { out_.push_back(std::move(finding)); }

 private:
  std::vector<Finding>& out_;
};

// Statements by file and JSON Pointer, for findings to look up the statement they lie in (Sid
// suppressions and fingerprints). A file's pointers are worked out the first time a finding in
// that file asks (statement refs are lazy); a lookup then tries the finding's pointer and its
// prefixes, longest first, instead of comparing with every statement of the file.
class StatementIndex {
 public:
  explicit StatementIndex(const Model& model) {
    for (const auto& policy : model.policies) {
      if (policy == nullptr) continue;
      for (const Statement& stmt : policy->statements) {
        by_file_[stmt.where.file()].statements.push_back(&stmt);
      }
    }
  }

  // The innermost statement whose pointer is a prefix of `where`'s, in the same file.
  const Statement* at(const SourceRef& where) const {
    const auto it = by_file_.find(std::string_view(where.file()));
    if (it == by_file_.end()) return nullptr;
    const FileStatements& file = it->second;
    if (!file.indexed) {
      for (const Statement* stmt : file.statements) {
        file.by_pointer.try_emplace(stmt->where.pointer(), stmt);  // the first of equals wins
      }
      file.indexed = true;
    }
    // Every prefix pointer_has_prefix() accepts, longest first.
    const std::string_view pointer = where.pointer();
    for (std::size_t k = pointer.size() + 1; k-- > 0;) {
      const bool boundary =
          k == pointer.size() || k == 0 || pointer[k] == '/' || pointer[k - 1] == '/';
      if (!boundary) continue;
      const auto found = file.by_pointer.find(pointer.substr(0, k));
      if (found != file.by_pointer.end()) return found->second;
    }
    return nullptr;
  }

 private:
  struct FileStatements {
    std::vector<const Statement*> statements;
    mutable bool indexed = false;
    // Views of the statements' resolved pointers (kept by their refs for the model's life).
    mutable std::unordered_map<std::string_view, const Statement*> by_pointer;
  };
  // Keys view the source files' paths, which live as long as the model.
  std::unordered_map<std::string_view, FileStatements> by_file_;
};

bool matches(const Suppression& suppression, const std::optional<model::PathGlob>& glob,
             const Finding& finding, const StatementIndex& statements) {
  if (finding.rule == nullptr || finding.rule->id != suppression.rule_id) return false;
  if (suppression.first_line > 0) {  // a comment in a source file: its lines only
    return finding.where.file() == suppression.path_glob &&
           finding.where.line() >= suppression.first_line &&
           finding.where.line() <= suppression.last_line;
  }
  // A glob too large to compile matches nothing (the config reader reported it as IN010).
  if (!suppression.path_glob.empty() && !(glob && glob->matches(finding.where.file()))) {
    return false;
  }
  if (!suppression.pointer.empty() &&
      !pointer_has_prefix(finding.where.pointer(), suppression.pointer)) {
    return false;
  }
  if (!suppression.sid.empty()) {
    const Statement* stmt = statements.at(finding.where);
    if (stmt == nullptr || !stmt->sid || stmt->sid->value != suppression.sid) return false;
  }
  return true;
}

// The hint as it goes into a fingerprint: the file's own spelling becomes its repository path,
// and numbers after "line ", "column ", "offset " or "byte " are dropped, so that a message
// quoting a position or the path as given on the command line stays stable.
std::string normalised_hint(std::string_view hint, std::string_view file, std::string_view root) {
  std::string text(hint);
  const std::string repo = repository_path(file, root);
  if (file.size() >= 4 && repo != file) {  // a path, not a word that happens to be one
    for (std::size_t at = text.find(file); at != std::string::npos;
         at = text.find(file, at + repo.size())) {
      text.replace(at, file.size(), repo);
    }
  }
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    out += text[i];
    if (text[i] != ' ') continue;
    const std::string_view before = std::string_view(out).substr(0, out.size() - 1);
    const bool position = before.ends_with("line") || before.ends_with("column") ||
                          before.ends_with("offset") || before.ends_with("byte");
    if (!position) continue;
    while (i + 1 < text.size() && text[i + 1] >= '0' && text[i + 1] <= '9') ++i;
  }
  return out;
}

std::string fingerprint(const Finding& finding, const StatementIndex& statements,
                        std::string_view root) {
  // Fields are separated by a byte that cannot occur in IDs, paths or pointers as written, so
  // ("a", "bc") and ("ab", "c") hash differently.
  constexpr std::string_view kSep{"\x1f", 1};
  std::uint64_t hash = fnv1a64(finding.rule != nullptr ? finding.rule->id : std::string_view{});
  hash = fnv1a64(kSep, hash);
  hash = fnv1a64(repository_path(finding.where.file(), root), hash);
  hash = fnv1a64(kSep, hash);
  const Statement* stmt = statements.at(finding.where);
  if (stmt != nullptr && stmt->sid && !stmt->sid->value.empty()) {
    // A Sid survives reordering of statements; the pointer inside the statement says which
    // element of it the finding is about.
    hash = fnv1a64("sid:", hash);
    hash = fnv1a64(stmt->sid->value, hash);
    hash = fnv1a64(kSep, hash);
    hash = fnv1a64(std::string_view(finding.where.pointer()).substr(stmt->where.pointer().size()),
                   hash);
  } else {
    hash = fnv1a64("ptr:", hash);
    hash = fnv1a64(finding.where.pointer(), hash);
  }
  hash = fnv1a64(kSep, hash);
  hash = fnv1a64(normalised_hint(finding.fingerprint_hint, finding.where.file(), root), hash);
  return fmt::format("{:016x}", hash);
}

// Keeps at most kMaxFindingsPerRuleAndFile findings of one rule in one file (the first by
// position; `findings` is sorted) and notes on the last kept one how many were left out: a
// 4 MiB file of duplicate keys would otherwise give a million findings (issue 10).
void cap_findings(std::vector<Finding>& findings) {
  std::vector<Finding> kept;
  kept.reserve(findings.size());
  std::size_t block = 0;
  while (block < findings.size()) {
    std::size_t end = block;
    const std::string_view file = findings[block].where.file();
    std::unordered_map<std::string_view, std::pair<std::size_t, std::size_t>> per_rule;  // n, last
    while (end < findings.size() && findings[end].where.file() == file) ++end;
    for (std::size_t i = block; i < end; ++i) {
      const std::string_view id = findings[i].rule->id;
      auto& [count, last] = per_rule[id];
      if (count < kMaxFindingsPerRuleAndFile) {
        last = kept.size();
        kept.push_back(std::move(findings[i]));
      }
      ++count;
    }
    for (const auto& [id, entry] : per_rule) {
      const auto [count, last] = entry;
      if (count <= kMaxFindingsPerRuleAndFile) continue;
      Finding& f = kept[last];
      f.notes.push_back(
          {SourceRef{std::string(f.where.file()), "", 0, 0},
           fmt::format("{} more {} finding{} in this file left out (at most {} per rule and file "
                       "are reported)",
                       count - kMaxFindingsPerRuleAndFile, id,
                       count - kMaxFindingsPerRuleAndFile == 1 ? "" : "s",
                       kMaxFindingsPerRuleAndFile)});
      f.notes.back().where.resolve();
    }
    block = end;
  }
  findings = std::move(kept);
}

constexpr std::string_view kUnusedSuppressionId = "IN013";
constexpr std::string_view kRuleFailedId = "IN901";

}  // namespace

const Rule* find_rule(const std::vector<std::unique_ptr<Rule>>& rules, std::string_view id) {
  for (const auto& rule : rules) {
    if (rule->info().id == id) return rule.get();
  }
  return nullptr;
}

bool glob_match(std::string_view pattern, std::string_view path) {
  return model::path_glob_match(pattern, path);
}

bool pointer_has_prefix(std::string_view pointer, std::string_view prefix) {
  if (!pointer.starts_with(prefix)) return false;
  return pointer.size() == prefix.size() || prefix.empty() || prefix.back() == '/' ||
         pointer[prefix.size()] == '/';
}

const Statement* statement_at(const Model& model, const SourceRef& where) {
  return StatementIndex(model).at(where);
}

bool suppression_matches(const Suppression& suppression, const Finding& finding,
                         const Model& model) {
  return matches(suppression, model::PathGlob::compile(suppression.path_glob), finding,
                 StatementIndex(model));
}

std::uint64_t fnv1a64(std::string_view data, std::uint64_t seed) {
  constexpr std::uint64_t kPrime = 0x100000001b3ULL;
  std::uint64_t hash = seed;
  for (const char c : data) {
    hash ^= static_cast<unsigned char>(c);
    hash *= kPrime;
  }
  return hash;
}

std::string finding_fingerprint(const Finding& finding, const Model& model, std::string_view root) {
  return fingerprint(finding, StatementIndex(model), root);
}

std::string repository_root(std::string_view input) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path cwd = fs::current_path(ec);
  if (ec) return {};
  fs::path start = input.empty() || input == "-" ? cwd : (cwd / fs::path(input)).lexically_normal();
  if (!fs::is_directory(start, ec)) start = start.parent_path();
  // Bounded by the depth of the path; only existence checks, no link is followed out.
  for (fs::path dir = start; !dir.empty(); dir = dir.parent_path()) {
    if (fs::exists(dir / ".git", ec)) return dir.generic_string();
    if (dir == dir.parent_path()) break;
  }
  return cwd.lexically_normal().generic_string();
}

std::string repository_path(std::string_view file, std::string_view root) {
  namespace fs = std::filesystem;
  if (file.empty() || file == "-" || file == "<stdin>") return std::string(file);
  fs::path path = fs::path(std::string(file));
  if (root.empty()) {
    std::string out = path.lexically_normal().generic_string();
    return std::string(model::strip_dot_slash(out));
  }
  if (!path.is_absolute()) {
    std::error_code ec;
    const fs::path cwd = fs::current_path(ec);
    if (ec) return std::string(model::strip_dot_slash(path.lexically_normal().generic_string()));
    path = cwd / path;
  }
  path = path.lexically_normal();
  std::string rel = path.lexically_relative(fs::path(std::string(root))).generic_string();
  if (rel.empty() || rel == ".." || rel.starts_with("../")) return path.generic_string();
  return rel;
}

bool finding_less(const Finding& a, const Finding& b) {
  const std::string_view a_id = a.rule != nullptr ? a.rule->id : std::string_view{};
  const std::string_view b_id = b.rule != nullptr ? b.rule->id : std::string_view{};
  return std::forward_as_tuple(a.where.file(), a.where.line(), a.where.column(), a_id, a.message) <
         std::forward_as_tuple(b.where.file(), b.where.line(), b.where.column(), b_id, b.message);
}

int exit_code_for(const EngineResult& result, std::optional<Severity> fail_on) {
  if (result.incomplete) return 2;
  if (!fail_on) return 0;
  for (const Finding& f : result.findings) {
    if (f.severity >= *fail_on) return 1;
  }
  return 0;
}

EngineResult run_rules(const Model& model, const std::vector<std::unique_ptr<Rule>>& rules,
                       const RuleSettings& settings, const RunOptions& options) {
  EngineResult result;
  result.files = model.sources.size();
  for (const LoadDiagnostic& diagnostic : model.diagnostics) {
    if (diagnostic.incomplete) result.incomplete = true;
  }

  std::vector<Finding> raw;
  CollectingSink sink(raw);
  const Rule* rule_failed = find_rule(rules, kRuleFailedId);
  // Lookups by name (Model::find_*) from an index: rules and access queries ask them per bucket.
  model.build_index();
  // One access-query object per run: every rule reads the same memoised answers.
  const access::Queries queries(model);
  // With several jobs, the questions about each bucket (the evaluator's work, nearly all of a
  // large organisation's run) are answered first, buckets in parallel; the rules then only
  // read the answers, in rule order, so the findings come out in the same order.
  if (options.jobs > 1 || options.progress) queries.prepare(options.jobs, options.progress);
  const RuleContext context{model, queries};
  for (const auto& rule : rules) {
    const RuleInfo& info = rule->info();
    if (info.stability == Stability::kRemoved) continue;
    if (settings.disabled.contains(std::string(info.id))) continue;
    const std::size_t before = raw.size();
    // A rule that throws: findings it reported before it failed may be half-made, so they are
    // dropped; IN901 names the rule and the run is incomplete.
    auto report_failure = [&](std::string_view what) {
      raw.resize(before);
      result.incomplete = true;
      if (rule_failed == nullptr) return;
      Finding f = make_finding(rule_failed->info(), SourceRef{},
                               fmt::format("rule '{}' ({}) failed: {}", info.id, info.name, what));
      f.incomplete = true;
      f.fingerprint_hint = std::string(info.id);
      raw.push_back(std::move(f));
    };
    try {
      rule->check(context, sink);
    } catch (const std::exception& e) {
      report_failure(e.what());
    } catch (...) {
      report_failure("an unknown exception");
    }
  }

  const StatementIndex statements(model);
  const IacIndex iac(model);
  std::vector<bool> used(settings.suppressions.size(), false);
  std::vector<std::optional<model::PathGlob>> globs;  // compiled once, not per finding
  globs.reserve(settings.suppressions.size());
  for (const Suppression& s : settings.suppressions) {
    globs.push_back(s.first_line > 0 ? std::nullopt : model::PathGlob::compile(s.path_glob));
  }
  result.findings.reserve(raw.size());
  for (Finding& f : raw) {
    if (f.rule == nullptr) continue;  // a rule bug; nothing to report it under
    if (f.incomplete) result.incomplete = true;
    const auto it = settings.severities.find(std::string(f.rule->id));
    if (it != settings.severities.end()) f.severity = it->second;
    bool suppressed = false;
    // A failed rule is never suppressed: the run is incomplete and the report must say why.
    if (f.rule->id != kRuleFailedId) {
      for (std::size_t i = 0; i < settings.suppressions.size(); ++i) {
        if (matches(settings.suppressions[i], globs[i], f, statements)) {
          used[i] = true;
          suppressed = true;
        }
      }
    }
    if (suppressed) {
      ++result.suppressed;
      continue;
    }
    // Findings outlive the model their lazy refs point into (reports, tests).
    f.where.resolve();
    for (Note& note : f.notes) note.where.resolve();
    name_resources(f, iac);
    result.findings.push_back(std::move(f));
  }

  // Unused suppressions rot silently unless reported.
  const Rule* unused = find_rule(rules, kUnusedSuppressionId);
  if (unused != nullptr && !settings.disabled.contains(std::string(kUnusedSuppressionId))) {
    for (std::size_t i = 0; i < settings.suppressions.size(); ++i) {
      if (used[i]) continue;
      const Suppression& s = settings.suppressions[i];
      std::string scope =
          s.path_glob.empty() ? std::string("any file") : fmt::format("'{}'", s.path_glob);
      if (!s.sid.empty()) scope += fmt::format(", Sid '{}'", s.sid);
      if (!s.pointer.empty()) scope += fmt::format(", pointer '{}'", s.pointer);
      if (s.first_line > 0) scope += fmt::format(", lines {}-{}", s.first_line, s.last_line);
      std::string message =
          settings.disabled.contains(s.rule_id)
              ? fmt::format("suppression of '{}' for {} is unused: the rule is disabled", s.rule_id,
                            scope)
              : fmt::format("suppression of '{}' for {} matched no finding", s.rule_id, scope);
      Finding f = make_finding(unused->info(), s.where, std::move(message));
      const auto it = settings.severities.find(std::string(kUnusedSuppressionId));
      if (it != settings.severities.end()) f.severity = it->second;
      f.fingerprint_hint =
          fmt::format("{}\x1f{}\x1f{}\x1f{}", s.rule_id, s.path_glob, s.sid, s.pointer);
      result.findings.push_back(std::move(f));
    }
  }

  std::stable_sort(result.findings.begin(), result.findings.end(), finding_less);
  cap_findings(result.findings);
  for (Finding& f : result.findings) {
    f.fingerprint = fingerprint(f, statements, settings.fingerprint_root);
  }
  // Two findings never share a fingerprint: the second, third, ... of equal ones (in report
  // order) mix in their occurrence index.
  std::unordered_map<std::string, std::size_t> occurrences;
  for (Finding& f : result.findings) {
    const std::size_t n = occurrences[f.fingerprint]++;
    if (n == 0) continue;
    std::uint64_t hash = fnv1a64(f.fingerprint);
    hash = fnv1a64(fmt::format("#{}", n), hash);
    f.fingerprint = fmt::format("{:016x}", hash);
  }
  return result;
}

}  // namespace bucketlint
