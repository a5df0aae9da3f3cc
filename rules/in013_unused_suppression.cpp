#include <memory>

#include "bucketlint/model.h"
#include "bucketlint/rule.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "IN013",
    .name = "unused-suppression",
    .default_severity = Severity::kNote,
    .stability = Stability::kStable,
    .summary = "a suppression in the config file matched no finding",
    .remediation = "delete the suppression, or correct its rule ID, path glob, Sid or pointer",
    .doc = R"md(### What it flags

A suppression in `.bucketlint.yaml` (or the file given with `--config`) that removed no finding
in this run. The finding points at the suppression's entry in the config file. The message says
whether the suppressed rule is disabled (the suppression can then never match) or whether its
path glob, `Sid` or JSON Pointer simply selected nothing.

This rule is reported by the engine itself, after all other rules have run and suppressions have
been applied: only the engine knows which suppressions were used. The rule's own `check()`
reports nothing. It can still be disabled, or given another severity, in the config file like
any other rule.

### Why it matters

Documents cannot carry comments, so bucketlint keeps suppressions in the config file, each with a
required reason. A suppression outlives the problem it was written for: the
statement is fixed, renamed (a new `Sid`), or moved to another file, and the entry stays behind.
Left alone, such an entry rots, and it may later hide a new, real finding that happens to match
its glob. bucketlint therefore reports unused suppressions as notes so that
they get cleaned up. It is a note by default because nothing is wrong with the analysed
documents; `--fail-on note` makes CI fail on it.

### Example

Failing: the suppression names statement `LegacyUpload`, but the policy's statement is now called
`PartnerUpload`, so the suppression matches nothing:

```yaml
suppressions:
  - rule: PL001
    path: "policies/**/*.json"
    sid: LegacyUpload
    reason: partner upload reviewed in SEC-123
```

```
.bucketlint.yaml:2:5: note: suppression of 'PL001' for 'policies/**/*.json', Sid 'LegacyUpload' matched no finding [IN013]
```

Fixed: the entry names the statement as it is now (or is deleted when the finding is gone):

```yaml
suppressions:
  - rule: PL001
    path: "policies/**/*.json"
    sid: PartnerUpload
    reason: partner upload reviewed in SEC-123
```

### How to fix

Delete the suppression when the finding it was written for is gone. Otherwise correct its rule
ID, path glob (`*` stays within one directory, `**` crosses directories, `?` is one character;
paths are compared as shown in the report, without a leading `./`), `Sid`, or JSON Pointer
prefix so that it selects the finding again.

### Known gaps

- A suppression is judged against the files of this run only: running bucketlint on a subset of
  a repository reports suppressions for the files left out as unused.
- A suppression of a rule that is disabled is reported as unused even though it may be needed
  again when the rule is re-enabled.

### IAM Access Analyzer

None: there is no AWS behaviour behind this rule and no `validate-policy` check corresponds to it
(docs/aws-semantics.md section 10.3 lists them); it is about bucketlint's own configuration.
)md",
};

// The engine emits IN013 (analyzer/engine/engine.cpp, run_rules): whether a suppression was used
// is known only after every other rule has run. The rule exists so that the ID has metadata, a
// docs page, and can be disabled or re-rated in the config like any other rule.
class UnusedSuppression final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void check(const RuleContext& /*ctx*/, FindingSink& /*sink*/) const override {}
};

}  // namespace

std::unique_ptr<Rule> make_unused_suppression() { return std::make_unique<UnusedSuppression>(); }

}  // namespace bucketlint::rules
