#include <memory>

#include "input_rule.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "IN010",
    .name = "invalid-config",
    .default_severity = Severity::kError,
    .stability = Stability::kStable,
    .summary = "the .bucketlint.yaml config is invalid or has unknown keys",
    .remediation = "fix the config at the reported line and column",
    .doc = R"md(### What it flags

Problems in `.bucketlint.yaml` (or the file given with `--config`): YAML syntax errors (the
config is then not applied at all), values of the wrong type, a non-12-digit account ID, an
unknown severity or rule ID, a suppression without `reason`, a file the config names that does not
exist (errors); and unknown keys (a warning: they are ignored, which is usually a typo).

Also a baseline (`baseline:` in the config or `--baseline FILE`) that cannot be used: missing,
not a regular file, over 64 MiB or one million entries, not JSON, of another version, or with a
malformed entry (an error naming the file and the reason; see `docs/baseline.md`).

### Why it matters

The config binds documents to accounts and buckets and holds suppressions; a broken config
silently changes what is analysed and which findings are hidden, so it is reported with the
position yaml-cpp gives. A broken baseline would likewise hide everything or nothing, so the run
stops with exit code 2 instead.

### Example

```yaml
buckets:
  media:
    acount: "111111111111"   # typo: warning, the bucket has no owner account
suppressions:
  - rule: OW001               # error: a suppression needs a reason
```
Fixed: `account: "111111111111"` and `reason: "..."` on the suppression.

### How to fix

Correct the key or value at the reported position.

### Known gaps

Keys are checked against the documented schema only; file paths are checked for existence, not for kind until they are read.

### IAM Access Analyzer

none
)md",
};

}  // namespace

std::unique_ptr<Rule> make_invalid_config() {
  return std::make_unique<InputDiagnosticRule>(kInfo, true);
}

}  // namespace bucketlint::rules
