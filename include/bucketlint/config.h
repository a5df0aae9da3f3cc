#pragma once

// Rule settings from `.bucketlint.yaml` (the same file binds documents to entities; that part
// is applied by the loader to the Model).

#include <map>
#include <set>
#include <string>
#include <vector>

#include "bucketlint/finding.h"
#include "bucketlint/source.h"

namespace bucketlint {

struct Suppression {
  std::string rule_id;    // "OW001"
  std::string path_glob;  // matched against the finding's file ('*', '**', '?')
  std::string pointer;    // JSON Pointer prefix of the finding's location; empty: any
  std::string sid;        // statement Sid; empty: any
  std::string reason;     // required
  SourceRef where;        // the entry in the config file
  // A comment in a source file (`# bucketlint:ignore OW001 -- reason` in .tf): only findings
  // in that file (path_glob holds its exact path) on these lines (1-based, inclusive).
  int first_line = 0;
  int last_line = 0;
};

struct RuleSettings {
  std::set<std::string> disabled;              // rule IDs
  std::map<std::string, Severity> severities;  // rule ID -> overridden severity
  std::vector<Suppression> suppressions;
};

}  // namespace bucketlint
