#pragma once

// Test helpers: load inline documents, run the built-in rules, look at the rule IDs.
//   EXPECT_THAT(rule_ids(lint({{"bp.json", kPolicy}})), ElementsAre("PL001"));

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bucketlint/engine.h"
#include "bucketlint/load.h"
#include "bucketlint/model.h"
#include "bucketlint/rule.h"

namespace bucketlint::testing_util {

struct LintFile {
  std::string path;
  std::string text;
  std::optional<DocumentKind> kind = std::nullopt;
};

struct LintRun {
  std::vector<std::unique_ptr<Rule>> rules;
  Model model;
  EngineResult result;
};

inline Model model_of(const std::vector<LintFile>& files, const std::string& account = "") {
  Model model;
  model.default_account = account;
  for (const LintFile& f : files) load_text(model, f.path, f.text, f.kind);
  return model;
}

// Runs every built-in rule (or only `only`, when given) over the documents.
inline std::unique_ptr<LintRun> lint(const std::vector<LintFile>& files,
                                     std::optional<std::string> only = std::nullopt) {
  auto run = std::make_unique<LintRun>();
  run->rules = make_builtin_rules();
  if (only) {
    std::erase_if(run->rules, [&](const auto& r) { return r->info().id != *only; });
  }
  run->model = model_of(files);
  run->result = run_rules(run->model, run->rules);
  return run;
}

inline std::vector<std::string> rule_ids(const std::unique_ptr<LintRun>& run) {
  std::vector<std::string> ids;
  for (const Finding& f : run->result.findings) ids.emplace_back(f.rule->id);
  return ids;
}

}  // namespace bucketlint::testing_util
