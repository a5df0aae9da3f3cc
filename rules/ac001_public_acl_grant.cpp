// AC001: a bucket or object ACL grants to AllUsers or AuthenticatedUsers.

#include <fmt/format.h>

#include <memory>
#include <string>

#include "bucketlint/access.h"
#include "bucketlint/model.h"
#include "bucketlint/rule.h"
#include "ownership_wording.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "AC001",
    .name = "public-acl-grant",
    .default_severity = Severity::kError,  // per grant: error (write), warning (read), note
    .stability = Stability::kStable,
    .summary = "a bucket or object ACL grants to AllUsers or AuthenticatedUsers",
    .remediation =
        "remove the group grant (put-bucket-acl / put-object-acl with --acl private), "
        "apply BucketOwnerEnforced, and turn on Block Public Access",
    .doc = R"md(### What it flags

A grant in a bucket ACL (`get-bucket-acl`) or object ACL (`get-object-acl`) whose grantee is the
group `http://acs.amazonaws.com/groups/global/AllUsers` (anyone, unauthenticated) or
`http://acs.amazonaws.com/groups/global/AuthenticatedUsers` (any AWS account). ACL documents
given on their own are checked too.

This is the ACL member of the public-access family (PA001 reports public bucket policies): what
S3 calls a public ACL is "any permissions to members of the predefined AllUsers or
AuthenticatedUsers groups"
(https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status).
One grant, one finding: PA001 never reports ACLs.

Severity follows what the grant lets the public do and what stops it:

* **error** for `WRITE` (bucket ACL: create and overwrite objects), `WRITE_ACP` or `FULL_CONTROL`;
* **warning** for `READ` or `READ_ACP`;
* **note** for a read grant on a bucket that a CloudFront distribution serves through its S3
  website endpoint (which needs public read), and for any grant that Block Public Access stops
  today: `IgnorePublicAcls` at bucket or account level (`aws s3control get-public-access-block`
  output saved as `accounts/<id>/public-access-block.json`). The note names the setting and the
  level. `BlockPublicAcls` only refuses new public ACLs ("Enabling this setting doesn't affect
  existing policies or ACLs",
  https://docs.aws.amazon.com/AmazonS3/latest/API/API_PublicAccessBlockConfiguration.html): the
  finding keeps its severity and a note says so.

Not reported when the bucket is `BucketOwnerEnforced` (ACLs are not evaluated).

### Why it matters

These are the public grantees of S3 ACLs (docs/aws-semantics.md 3.3, 7.1;
https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html). An AuthenticatedUsers
grant is not "our users": it covers every AWS account. A public bucket ACL also blocks the switch
to BucketOwnerEnforced (AC004, truth table row 17).

### Example

Failing:

```json
{"Owner": {"ID": "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"},
 "Grants": [{"Grantee": {"Type": "Group", "URI": "http://acs.amazonaws.com/groups/global/AllUsers"},
             "Permission": "READ"}]}
```

Fixed: the same ACL without the group grant (owner FULL_CONTROL only).

### How to fix

`aws s3api put-bucket-acl --bucket <b> --acl private` (or `put-object-acl --key <k> --acl
private`); serve public content through CloudFront with OAC instead; then apply
BucketOwnerEnforced and Block Public Access.

### Known gaps

* A bucket ACL dump taken under BucketOwnerEnforced only ever shows the owner; inconsistent
  snapshots are not diagnosed.
* A loose ACL file cannot say whether it came from `get-bucket-acl` or `get-object-acl` (same
  shape): a file whose name says `object-acl` (or `--kind object-acl`) is read as an object ACL;
  otherwise it is taken for a bucket ACL and the help names both commands.

### Compared with IAM Access Analyzer

IAM Access Analyzer reports public ACL access as an external-access finding of an analyzer; its
`check-no-public-access` policy check
(https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_CheckNoPublicAccess.html)
reads a policy document only and never sees ACLs or Block Public Access.
)md",
};

class PublicAclGrant final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, FindingSink& sink) const override {
    const Model& model = ctx.model;
    for (const Bucket& bucket : model.buckets) {
      const Origin* website = access::website_origin(model, bucket);
      for (const access::PublicGrant& g : access::public_grants(model, bucket)) {
        if (g.source == access::PublicGrant::Source::kBucketPolicy) continue;
        // ACLs are not evaluated under BucketOwnerEnforced (AC004 covers the leftover grant).
        if (g.acl_disabled) continue;
        const bool object = g.source == access::PublicGrant::Source::kObjectAcl;
        Finding f = make_finding(
            kInfo, g.where,
            message(object
                        ? fmt::format("the ACL of object '{}' in '{}'", g.object->key, bucket.name)
                        : fmt::format("the bucket ACL of '{}'", bucket.name),
                    *g.grant));
        f.severity = g.access.write ? Severity::kError : Severity::kWarning;
        if (!g.blocked_by.empty()) {
          // IgnorePublicAcls: "S3 ignores all public ACLs on the bucket and its objects".
          f.severity = Severity::kNote;
          f.message += fmt::format("; Block Public Access stops it: {} is on at {} level",
                                   g.blocked_by, g.blocked_at_account ? "account" : "bucket");
          if (g.blocked_where.known()) {
            f.notes.push_back({g.blocked_where,
                               "IgnorePublicAcls makes S3 ignore every public "
                               "ACL of the bucket and its objects"});
          }
        } else if (!g.access.write && website != nullptr) {
          f.severity = Severity::kNote;
          f.message += fmt::format(
              "; expected: the bucket is served through its website endpoint '{}', which needs "
              "public read",
              website->domain_name);
        } else if (const access::EffectiveBlock block = access::effective_block(model, bucket);
                   block.block_public_acls()) {
          f.notes.push_back(
              {block.bucket.block_public_acls ? block.bucket.where : block.account.where,
               "BlockPublicAcls refuses new public ACLs but does not affect this "
               "one; IgnorePublicAcls would stop it"});
        }
        f.remediation = remediation(bucket.name, object ? g.object->key : std::string(), false);
        f.fingerprint_hint = object ? g.object->key : std::string();
        drop_notes_at_primary(f);
        sink.report(std::move(f));
      }
    }
    // ACL documents given on their own: no bucket, so no Block Public Access to consult.
    for (const LooseAcl& loose : model.loose_acls) {
      const bool object = loose.kind == DocumentKind::kObjectAcl;
      for (const AclGrant& g : loose.acl.grants) {
        if (!is_public_grantee(g)) continue;
        Finding f = make_finding(kInfo, g.where.known() ? g.where : loose.acl.where,
                                 message(object ? "this object ACL" : "this bucket ACL", g));
        const bool write = g.permission == "FULL_CONTROL" || g.permission == "WRITE_ACP" ||
                           (!object && g.permission == "WRITE");
        f.severity = write ? Severity::kError : Severity::kWarning;
        f.remediation = remediation("<bucket>", object ? "<key>" : "", true);
        f.fingerprint_hint = object ? "<key>" : "";
        sink.report(std::move(f));
      }
    }
  }

 private:
  static std::string message(const std::string& what, const AclGrant& g) {
    const bool all = g.uri == kAllUsersUri;
    return fmt::format(
        "{} grants {} to {} ({})", what, g.permission, all ? "AllUsers" : "AuthenticatedUsers",
        all ? "anyone, unauthenticated requests included" : "every AWS account, not only yours");
  }

  static std::string remediation(const std::string& bucket, const std::string& key, bool loose) {
    std::string out =
        key.empty() ? fmt::format(
                          "remove the grant: aws s3api put-bucket-acl --bucket {} --acl private "
                          "(then consider BucketOwnerEnforced and Block Public Access)",
                          bucket)
                    : fmt::format(
                          "remove the grant: aws s3api put-object-acl --bucket {} --key {} "
                          "--acl private (or apply BucketOwnerEnforced, which disables ACLs)",
                          bucket, key);
    if (loose) {
      out += key.empty() ? "; if this is a get-object-acl output, use put-object-acl with its "
                           "--key instead (or name the file object-acl.json, or pass --kind "
                           "object-acl)"
                         : "";
    }
    return out;
  }
};

}  // namespace

std::unique_ptr<Rule> make_public_acl_grant() { return std::make_unique<PublicAclGrant>(); }

}  // namespace bucketlint::rules
