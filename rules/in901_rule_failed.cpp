#include <memory>

#include "bucketlint/model.h"
#include "bucketlint/rule.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "IN901",
    .name = "rule-failed",
    .default_severity = Severity::kError,
    .stability = Stability::kStable,
    .summary = "a rule failed with an internal error; its results are missing",
    .remediation =
        "report the failure to the bucketlint maintainers with the input that caused "
        "it; disable the failing rule in the config file to run the others cleanly",
    .doc = R"md(### What it flags

A rule that stopped with an internal error (a C++ exception) while checking the inputs. The
message names the failed rule and the error. The finding has no file location: the failure is
bucketlint's, not the documents'.

This rule is reported by the engine itself, which runs every rule inside `try`/`catch`
(analyzer/engine/engine.cpp). The rule's own `check()` reports nothing. Findings the failed rule
had reported before it stopped are dropped, because they may be incomplete; the other rules still
run and report as usual.

### Why it matters

Rules must not throw for any model the loader can build, so an exception is a bug in bucketlint.
Hiding it would make a run look clean when one of its checks never finished. bucketlint therefore
turns the exception into an `IN901` finding naming the rule, still runs the other rules, and
makes the exit code say that the result is incomplete: a run with `IN901` exits with 2 whatever
`--fail-on` says. For the same reason `IN901` findings are
never removed by suppressions.

### Example

Failing (the output of a run in which rule `PL004` threw):

```
bucketlint: error: rule 'PL004' (invalid-effect) failed: vector::_M_range_check [IN901]
```

Fixed: after the bug is fixed, the same run reports `PL004`'s findings and no `IN901`.

### How to fix

Report the failure to the bucketlint maintainers together with the input that triggers it (the
smallest document that still fails helps most). Until a fix is released, disable the failing rule
in `.bucketlint.yaml` (`rules: {disabled: [PL004]}`) so that the remaining rules give a
complete result.

### Known gaps

- Only C++ exceptions are caught. A crash (for example a null dereference) ends the process; the
  sanitizer builds in CI and the loader fuzz target exist to find those first.
- The engine runs rules in one thread; a rule that never returns is not stopped.

### IAM Access Analyzer

None: there is no AWS behaviour behind this rule and no `validate-policy` check corresponds to it
(docs/aws-semantics.md section 10.3 lists them); it reports a failure of bucketlint itself.
)md",
};

// The engine emits IN901 (analyzer/engine/engine.cpp, run_rules) when another rule's check()
// throws. The rule exists so that the ID has metadata and a docs page.
class RuleFailed final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void check(const RuleContext& /*ctx*/, FindingSink& /*sink*/) const override {}
};

}  // namespace

std::unique_ptr<Rule> make_rule_failed() { return std::make_unique<RuleFailed>(); }

}  // namespace bucketlint::rules
