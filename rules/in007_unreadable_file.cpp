#include <memory>

#include "input_rule.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "IN007",
    .name = "unreadable-file",
    .default_severity = Severity::kError,
    .stability = Stability::kStable,
    .summary = "an input file cannot be read",
    .remediation = "check the path, the file permissions and where symbolic links lead",
    .doc = R"md(### What it flags

A path given on the command line that does not exist, or a file that cannot be opened or read
(permissions, a device). In a directory walk (docs/inputs.md) also:

- a symbolic link that leads out of the repository being linted (the git work tree holding
  the path given, else the folder given): it is not followed, and the finding names the link,
  never the target's content;
- a dangling symbolic link, a loop of links, a FIFO, socket or device whose name is that of an
  input (`*.json`): it may stand for a document that is missing;
- a folder nested more than 100 folders deep below the path given: it is not walked.

### Why it matters

Nothing in the file was analysed, so the run is incomplete (exit code 2) rather than clean.
A link out of the repository under review could make the linter read (and quote) files of the
machine it runs on, such as CI secrets; a link loop or a very deep tree could make it run
forever.

### Example

`bucketlint check polcy.json` (typo). Fixed: `bucketlint check policy.json`.
`policies/shared.json -> /etc/shared/policy.json` in a pull request: reported, not read. Fixed:
commit the file itself, or name the target on the command line when it is trusted.

### How to fix

Fix the path or the permissions; replace links that lead out of the repository by the files
themselves (or name the target on the command line); flatten folders nested that deep, or name
the deep folder on the command line.

### Known gaps

None.

### IAM Access Analyzer

none
)md",
};

}  // namespace

std::unique_ptr<Rule> make_unreadable_file() {
  return std::make_unique<InputDiagnosticRule>(kInfo, false);
}

}  // namespace bucketlint::rules
