#pragma once

// Reading inputs into a Model: files, directories, snapshot directories, stdin, and the
// `.bucketlint.yaml` config that binds documents to accounts, buckets, roles and distributions.
//
// Snapshot directory (a directory holding `accounts/`; identity from the path, kind from the
// content, file names free; problems are IN011):
//   accounts/<12-digit id>/account.json                {"CanonicalUserId": "...", "Name": "..."}
//   accounts/<id>/buckets/<bucket>/*.json              policy, ACL, ownership controls (or the
//                                                      OwnershipControlsNotFoundError body), public
//                                                      access block, encryption, listing, Config
//                                                      item
//   accounts/<id>/buckets/<bucket>/object-acls/<key>.json   nested folders form the key path
//   accounts/<id>/roles/<role>/*.json                  get-role, trust policy, permission policies
//                                                      (identity policy, get-role-policy,
//                                                      get-policy-version),
//                                                      list-attached-role-policies
//   accounts/<id>/users/<user>/*.json                  identity policies
//   accounts/<id>/distributions/<dist-id>/*.json       get-distribution(-config)
//   accounts/<id>/origin-access-identities/*.json      OAI and OAC dumps
//   accounts/<id>/kms-keys/<key-id>/*.json             key policy
// Config file (paths relative to the config's directory; problems are IN010):
//   accounts: [{id, name, canonical_id}]    trusted_accounts: [ids]
//   buckets: {<name>: {account, ownership, policy, acl, ownership_controls, public_access_block,
//             encryption, listing, object_acls: {<key>: file}}}
//   roles: {<role ARN>: {trust_policy, permission_policies: [files]}}
//   users: {<user ARN>: {policies: [files]}}
//   distributions: {<id>: {account, file}}   origin_access_identities: [files]
//   kms_keys: {<key id>: {account, policy}}
//   rules: {disabled: [IDs], severity: {ID: error|warning|note}}
//   suppressions: [{rule, path (glob, default '**'), pointer | sid, reason (required)}]
// Documents given without either are loose: policies stay in model.policies (owner --account);
// loose documents of one directory whose bucket policies name exactly one bucket form that
// bucket; other ACLs stay in model.loose_acls. One IN012 note says what context is missing.

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
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
  // Folders nested deeper than this below a path given are not walked (an IN007 finding).
  int max_dir_depth = 100;
  std::vector<std::string> excludes;  // --exclude globs, relative to the current directory
  // --skip-unrecognised: files named in `paths` are selected as in a directory walk (what is
  // not a document bucketlint reads, or is excluded, is skipped instead of being IN008). For
  // tools that pass every changed file, such as pre-commit.
  bool select_named_files = false;
  std::string stdin_text;         // contents of standard input when a path is "-" (read by the CLI)
  bool stdin_over_limit = false;  // standard input held more than max_file_size bytes
  // Called with each file's path (as reports show it) before it is read: the progress line.
  std::function<void(std::string_view)> on_file;
};

// A file or folder met in a directory walk and not read, with the reason (--verbose,
// --list-inputs). Files that are not documents bucketlint reads are skipped without a finding.
struct SkippedInput {
  enum class Why {
    kContent,   // read (or looked at) and not a document bucketlint reads: counted in the summary
    kName,      // a file type never read in a walk (README.md, *.png): not opened, not counted
    kExcluded,  // excluded by default, by --exclude or by the config's `exclude:`
  };
  std::string path;    // as reports show paths
  std::string reason;  // "not a document kind bucketlint reads", "excluded by 'GLOB'", ...
  Why why = Why::kContent;
};

struct LoadResult {
  Model model;
  std::vector<SkippedInput> skipped;  // in walk order
  RuleSettings settings;
  std::string config_file;  // the config file that was applied; empty when none
  // `baseline:` of the config, joined to the config's directory; empty when none.
  std::string baseline_file;
  SourceRef baseline_where;  // that entry in the config
};

// Never throws for bad input: problems become model.diagnostics.
LoadResult load_inputs(const LoadOptions& options);

// Loads one document from text (tests, fuzzing, `simulate`): parse, classify, build, bind as a
// loose document (documents loaded one after the other join the bucket they name) and link.
// `display_path` is what findings show. The run-level IN012 note is not added here (only
// load_inputs adds it), so rule tests built on load_text see only their own rules' findings.
void load_text(Model& model, std::string display_path, std::string text,
               std::optional<DocumentKind> forced_kind = std::nullopt, int max_depth = 64);

// A readable, deterministic dump of what was loaded and linked (`bucketlint model`): accounts,
// buckets (owner, ownership, policy, ACL, ...), roles with their policies, distributions with
// origins -> buckets and OAI/OAC, OAIs, OACs, KMS keys, loose documents, diagnostics count.
std::string describe_model(const Model& model);

}  // namespace bucketlint
