// AC002: an object ACL's owner is not the bucket owner and it grants the bucket owner nothing.

#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <string>

#include "bucketlint/model.h"
#include "bucketlint/rule.h"
#include "ownership_wording.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "AC002",
    .name = "object-acl-excludes-bucket-owner",
    .default_severity = Severity::kError,
    .stability = Stability::kStable,
    .summary =
        "an object owned by another account grants the bucket owner nothing: the bucket "
        "owner cannot read it",
    .remediation =
        "apply BucketOwnerEnforced (takes ownership of existing objects), or have the "
        "object owner run put-object-acl with 'bucket-owner-full-control'",
    .doc = R"md(### What it flags

An object ACL (`get-object-acl`, under `buckets/<b>/object-acls/` in a snapshot) whose `Owner`
is not the bucket owner and none of whose grants names the bucket owner's canonical ID (nor
AllUsers/AuthenticatedUsers), on a bucket with ACLs enabled.

### Why it matters

"The bucket owner does not have permissions on the objects that other accounts own"; it can only
delete, deny or archive them (docs/aws-semantics.md 1.1, 3.2;
https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-overview.html). "An object
ACL is the only way to manage access to objects that are not owned by the bucket owner"
(docs/aws-semantics.md 3.1). This is the state truth table row 1 leaves behind.

### Example

Failing: `{"Owner": {"ID": "<canonical ID of 222222222222>"}, "Grants": [{"Grantee": {"Type":
"CanonicalUser", "ID": "<canonical ID of 222222222222>"}, "Permission": "FULL_CONTROL"}]}` in
a bucket of 111111111111. Fixed: a second grant `FULL_CONTROL` to the canonical ID of
111111111111 (what `bucket-owner-full-control` writes, row 2), or BucketOwnerEnforced.

### How to fix

`aws s3api put-bucket-ownership-controls --bucket <b> --ownership-controls
'Rules=[{ObjectOwnership=BucketOwnerEnforced}]'` (all existing objects become the bucket
owner's); or the object owner runs `aws s3api put-object-acl --bucket <b> --key <k> --acl
bucket-owner-full-control` (the bucket owner can then read, but bucket-policy readers still
cannot: OW002).

### Known gaps

* Needs the bucket owner's canonical ID (account entry or bucket ACL owner).
* Loose object ACLs (no bucket context) are not checked.
* Objects of an account that OW001 reports as a current writer of the bucket are named in that
  finding's notes instead.

No IAM Access Analyzer policy check corresponds to this rule.
)md",
};

class ObjectAclExcludesBucketOwner final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, FindingSink& sink) const override {
    const Model& model = ctx.model;
    const eval::IdentityDirectory& directory = ctx.access.directory();
    for (const Bucket& bucket : model.buckets) {
      if (bucket.ownership.effective() == ObjectOwnership::kBucketOwnerEnforced) continue;
      const std::string owner_id = bucket_owner_canonical_id(model, bucket);
      if (owner_id.empty()) continue;
      const std::string owner_account = bucket_account(model, bucket);
      // Objects of a current writer that OW001 reports are listed there.
      const std::vector<std::string> reported = ctx.access.accounts_keeping_ownership(bucket);
      for (const ObjectAcl& o : bucket.object_acls) {
        if (o.acl.owner_id.empty() || o.acl.owner_id == owner_id) continue;
        const bool grants_owner =
            std::any_of(o.acl.grants.begin(), o.acl.grants.end(), [&](const AclGrant& g) {
              return (g.type == GranteeType::kCanonicalUser && g.id == owner_id) ||
                     is_public_grantee(g);
            });
        if (grants_owner) continue;
        const std::optional<std::string> object_owner =
            directory.account_for_canonical_id(o.acl.owner_id);
        if (object_owner &&
            std::find(reported.begin(), reported.end(), *object_owner) != reported.end()) {
          continue;
        }
        Finding finding = make_finding(
            kInfo, o.acl.owner_where.known() ? o.acl.owner_where : o.acl.where,
            fmt::format("object '{}' in '{}' is owned by {} and its ACL grants the bucket owner "
                        "({}) nothing: the bucket owner cannot read it",
                        o.key, bucket.name,
                        object_owner ? fmt::format("account {}", *object_owner)
                                     : fmt::format("canonical user '{}'", o.acl.owner_id),
                        owner_account.empty() ? fmt::format("canonical user '{}'", owner_id)
                                              : fmt::format("account {}", owner_account)));
        finding.remediation = fmt::format(
            "fixes, in order of preference:\n    1. {}\n    2. or have the object owner run: aws "
            "s3api put-object-acl --bucket {} --key "
            "{} --acl bucket-owner-full-control",
            enforce_ownership_command(bucket.name), bucket.name, o.key);
        add_ownership_note(bucket, finding.notes);
        finding.fingerprint_hint = o.key;
        sink.report(std::move(finding));
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_object_acl_excludes_bucket_owner() {
  return std::make_unique<ObjectAclExcludesBucketOwner>();
}

}  // namespace bucketlint::rules
