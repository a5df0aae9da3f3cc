#include <memory>

#include "input_rule.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "IN011",
    .name = "snapshot-layout",
    .default_severity = Severity::kError,
    .stability = Stability::kStable,
    .summary = "a snapshot directory does not follow the expected layout",
    .remediation =
        "move the file to the folder of its entity (accounts/<12-digit id>/buckets/<bucket>/, "
        "roles/<role>/, ...)",
    .doc = R"md(### What it flags

Problems with a snapshot directory (a directory holding `accounts/`): an account folder that is
not a 12-digit account ID, an unknown folder, a file outside an entity folder, a document of the
wrong kind in a folder (e.g. a trust policy in a bucket folder), a second bucket policy or trust
policy for the same entity, or an unknown member in `account.json`. Layout:
`accounts/<id>/account.json` (`{"CanonicalUserId": "...", "Name": "..."}`),
`accounts/<id>/buckets/<bucket>/*.json` and `.../object-acls/<key>.json`,
`accounts/<id>/roles/<role>/*.json`, `accounts/<id>/users/<user>/*.json`,
`accounts/<id>/distributions/<id>/*.json` (the distribution's config, and the
`get-origin-access-control` or OAI output of the OAC or OAI it names),
`accounts/<id>/origin-access-identities/*.json`, `accounts/<id>/origin-access-controls/*.json`,
`accounts/<id>/kms-keys/<key-id>/*.json`, `accounts/<id>/access-points/<name>/*.json`,
`accounts/<id>/load-balancers/<name>/*.json` (see
docs/inputs.md, "Where each AWS CLI document goes"), and the account's own Block Public Access
settings (`aws s3control get-public-access-block --account-id <id>` output) as any `.json` file
directly in `accounts/<id>/` (for example `public-access-block.json`). An access point policy is
bound to the access point its `Resource` ARNs name, also when it is saved in the bucket's folder;
one naming an access point of another account, or of another bucket than the folder's, is
reported.

### Why it matters

In a snapshot the path says which account owns what, and rules about ownership and
cross-account access (docs/aws-semantics.md sections 2 and 13) depend on it; a misplaced file would be bound
to the wrong entity or not at all, so it is reported and its content is not used there.

### Example

`accounts/1111/buckets/media/policy.json` (account ID too short). Fixed:
`accounts/111111111111/buckets/media/policy.json`.

### How to fix

Move or rename the file or folder as the message says.

### Known gaps

Documents in a snapshot are `.json` files (any case, so `policy.JSON` is read); any other file
in a snapshot folder (`policy.yaml`, `policy` without an extension) is reported here so that a
renamed document never disappears in silence. Hidden files (`.gitkeep`) and documentation
(`README*`, `LICENSE*`, `*.md`) are skipped and listed with `--verbose`.

### IAM Access Analyzer

none
)md",
};

}  // namespace

std::unique_ptr<Rule> make_snapshot_layout() {
  return std::make_unique<InputDiagnosticRule>(kInfo, false);
}

}  // namespace bucketlint::rules
