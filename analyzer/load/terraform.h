#pragma once

// Terraform as input: `terraform show -json` of a plan or a state, and `.tf` source (HCL2).
//
// Both end as a list of TerraformResource (address, type, attribute values as a JSON tree whose
// offsets point into the file the user edits, and a parallel tree marking values known only
// after apply), which one builder turns into model entities: buckets and their settings, IAM
// roles, users and policies, CloudFront distributions and origin identities, KMS keys.
//
// What cannot be known before apply (a computed ID, a policy built from a computed ARN, an
// input variable without default) stays unknown: never guessed. Identities computed at apply
// (an OAI's ID, a distribution's ID) are named by the resource address, so that references
// between resources of one configuration still link. A bucket policy that is unknown as a
// whole is reported (IN012) with what was assumed.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "bucketlint/config.h"
#include "bucketlint/json.h"
#include "bucketlint/model.h"
#include "bucketlint/source.h"
#include "load/hcl.h"

namespace bucketlint {

// True for the JSON of `terraform show -json` (a plan or a state): a "format_version" string
// with major version 0 or 1 and "planned_values", "resource_changes" or "values".
bool looks_like_terraform_plan(const JsonValue& root);

// True for a path ending in ".tf" (Terraform source).
bool looks_like_terraform_source(std::string_view path);

// What `.bucketlint.yaml` says of one Terraform input (`terraform:` entries: a plan or state
// file, or a folder of root modules): the account it deploys into, used where no provider
// (allowed_account_ids, assume_role) and no aws_caller_identity of a plan says it, and whether
// the buckets of .tf source predate April 2023 (a plan says itself which buckets it creates).
struct TerraformBinding {
  std::string account;
  bool created_before_april_2023 = false;
  SourceRef where;  // the config entry; empty when nothing is bound
};

// One resource (or data source) instance.
struct TerraformResource {
  std::string address;         // "module.site.aws_s3_bucket_policy.this[0]"
  std::string module;          // "module.site" ("" for the root module), instance keys kept
  std::string type;            // "aws_s3_bucket_policy"
  std::string name;            // "this"
  std::string index;           // "0", "\"key\"" or "" (no count/for_each)
  bool data = false;           // a data source
  bool created = false;        // the plan creates it (a state, or a no-op/update, keeps it)
  bool predates_2023 = false;  // .tf source bound with created_before_april_2023
  const SourceFile* source = nullptr;
  const JsonValue* values = nullptr;   // object of attributes (nested blocks are arrays)
  const JsonValue* unknown = nullptr;  // parallel tree: `true` where a value is unknown
  std::string pointer;                 // JSON pointer of `values` (plan) or "" (.tf)
  SourceRef where;                     // the resource itself
  std::uint32_t offset = 0;            // .tf: the block's first byte
  std::uint32_t end = 0;               // .tf: after the block's closing '}'; 0 for plans
  std::string account;                 // owner account when known
  // Attribute path ("bucket", "origin.s3_origin_config.origin_access_identity") -> addresses
  // of the resources its expression refers to (module-relative references made absolute,
  // instance keys dropped).
  std::map<std::string, std::vector<std::string>> references;
  // Top-level arguments the configuration sets, when the input has the configuration (a plan
  // marks computed arguments it does not set as unknown too: those are not reported).
  bool has_configuration = false;
  std::set<std::string> configured;
  // .tf source: why an attribute (path as in `references`) is unknown.
  std::map<std::string, std::string> unknown_reasons;
};

// Builds model entities from resources of one plan, state or source tree. `label` names the
// input in diagnostics ("plan 'x.json'", "Terraform module 'infra/'").
void build_terraform_model(Model& model, std::vector<TerraformResource>& resources, int max_depth);

// Reads a parsed `terraform show -json` document into the model.
void read_terraform_plan(Model& model, const SourceFile& source, const JsonValue& root,
                         int max_depth, const TerraformBinding& binding = {});

struct TerraformSourceOptions {
  int max_depth = 64;
  // The folder given on the command line: module sources ("./modules/x", "../common") are read
  // only inside it.
  std::filesystem::path root;
  // Reads a file once (size limit, errors as diagnostics); nullopt when already read or
  // unreadable. Module folders are read through it, so a later directory walk skips them.
  std::function<std::optional<std::string>(const std::string& display,
                                           const std::filesystem::path& path)>
      read;
  // Suppression comments (`# bucketlint:ignore OW001 -- reason`) found in the files read are
  // added here when set.
  std::vector<Suppression>* suppressions = nullptr;
  TerraformBinding binding;  // from `.bucketlint.yaml` `terraform:`
};

// The suppressions that `# bucketlint:ignore <IDs> -- <reason>` comments of one parsed .tf
// file make: a comment on the line of a block or attribute, or on the lines just above it,
// covers that block or attribute (all its lines). Malformed comments (no reason, no rule ID,
// nothing below) are IN010 diagnostics.
std::vector<Suppression> terraform_suppressions(const SourceFile& source,
                                                const hcl::ParseResult& parsed,
                                                std::vector<LoadDiagnostic>& diagnostics);

// Reads the root module in folder `path` (shown as `dir`): its .tf files, the modules it calls
// from the same tree, and builds the model entities. Does nothing when no .tf file of the
// folder is left to read.
void read_terraform_source(Model& model, const std::string& dir, const std::filesystem::path& path,
                           const TerraformSourceOptions& options);

// One .tf text as a whole module (tests, fuzzing): module calls are not followed.
void read_terraform_text(Model& model, const std::string& display, std::string text,
                         int max_depth = 64);

}  // namespace bucketlint
