#pragma once

// `.bucketlint.yaml`: entity bindings (accounts, buckets, roles, users, distributions, OAIs,
// KMS keys) and rule settings. Parsed with yaml-cpp; every problem is an IN010 diagnostic with
// the file's line and column (yaml-cpp's Mark).

#include <optional>
#include <string>
#include <vector>

#include "bucketlint/config.h"
#include "bucketlint/model.h"

namespace bucketlint {

struct ConfigFileRef {  // a document path in the config, relative to the config's directory
  std::string path;
  SourceRef where;
};

struct ConfigAccount {
  std::string id;
  std::string name;
  std::string canonical_id;
  SourceRef where;
};

struct ConfigBucket {
  std::string name;
  std::string account;
  ObjectOwnership ownership = ObjectOwnership::kUnknown;
  SourceRef where;
  SourceRef ownership_where;
  std::vector<ConfigFileRef> files;  // policy, acl, ownership_controls, ... (kind by content)
  std::vector<std::pair<std::string, ConfigFileRef>> object_acls;  // key -> file
};

struct ConfigRole {
  std::string arn;
  SourceRef where;
  std::optional<ConfigFileRef> trust_policy;
  std::vector<ConfigFileRef> permission_policies;
};

struct ConfigUser {
  std::string arn;
  SourceRef where;
  std::vector<ConfigFileRef> policies;
};

struct ConfigDistribution {
  std::string id;
  std::string account;
  SourceRef where;
  std::vector<ConfigFileRef> files;
};

struct ConfigKmsKey {
  std::string id;
  std::string account;
  SourceRef where;
  std::optional<ConfigFileRef> policy;
};

// A CloudFormation template, or a folder of them, bound to the account its stack runs in; also
// a Terraform plan or state file, or a folder of root modules, bound to the account it deploys
// into (`terraform:`).
struct ConfigTemplate {
  std::string path;  // relative to the config's directory
  std::string account;
  bool created_before_april_2023 = false;  // buckets without OwnershipControls: ObjectWriter
  SourceRef where;
};

struct ConfigData {
  std::vector<ConfigAccount> accounts;
  std::vector<std::string> trusted_accounts;
  bool trusted_accounts_set = false;
  std::vector<ConfigBucket> buckets;
  std::vector<ConfigRole> roles;
  std::vector<ConfigUser> users;
  std::vector<ConfigDistribution> distributions;
  std::vector<ConfigFileRef> origin_access_identities;  // OAI / OAC dumps
  std::vector<ConfigKmsKey> kms_keys;
  std::vector<ConfigFileRef> excludes;  // `exclude:` globs, relative to the config's directory
  std::vector<ConfigTemplate> templates;
  std::vector<ConfigTemplate> terraform;
  RuleSettings settings;
  std::optional<ConfigFileRef> baseline;  // `baseline: FILE` (docs/baseline.md)
  // `catalogue: {extra_actions: [...], extra_services: [...]}`, lower-cased.
  std::vector<std::string> extra_actions;
  std::vector<std::string> extra_services;
};

// Parses `text` (the config at `display_path`). Never throws; problems go to `diagnostics`
// (IN010: errors are incomplete, unknown keys are warnings).
ConfigData parse_config(const std::string& display_path, const std::string& text,
                        std::vector<LoadDiagnostic>& diagnostics);

}  // namespace bucketlint
