#pragma once

// Reading inputs into a Model: files, directories, snapshot directories, stdin, and the
// `.bucketlint.yaml` config that binds documents to accounts, buckets, roles and distributions.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "bucketlint/config.h"
#include "bucketlint/model.h"

namespace bucketlint {

struct LoadOptions {
  std::vector<std::string> paths;           // files and directories; "-" is standard input
  std::optional<std::string> config_path;   // --config; else ./.bucketlint.yaml when present
  bool discover_config = true;              // look for ./.bucketlint.yaml
  std::string account;                      // --account
  std::optional<DocumentKind> forced_kind;  // --kind
  std::size_t max_file_size = 4u * 1024u * 1024u;
  int max_depth = 64;
  std::string stdin_text;  // contents of standard input when a path is "-" (read by the CLI)
};

struct LoadResult {
  Model model;
  RuleSettings settings;
  std::string config_file;  // the config file that was applied; empty when none
};

// Never throws for bad input: problems become model.diagnostics.
LoadResult load_inputs(const LoadOptions& options);

// Loads one document from text (tests, fuzzing, `simulate`): parse, classify, build.
// `display_path` is what findings show.
void load_text(Model& model, std::string display_path, std::string text,
               std::optional<DocumentKind> forced_kind = std::nullopt, int max_depth = 64);

// A readable, deterministic dump of what was loaded and linked (`bucketlint model`): accounts,
// buckets (owner, ownership, policy, ACL, ...), roles with their policies, distributions with
// origins -> buckets and OAI/OAC, OAIs, OACs, KMS keys, loose documents, diagnostics count.
std::string describe_model(const Model& model);

}  // namespace bucketlint
