// OW004: a listing (list-objects-v2 --fetch-owner) or object ACLs show objects owned by another
// account in a bucket that readers reach through bucket-policy grants: those readers get 403.

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bucketlint/model.h"
#include "bucketlint/rule.h"
#include "ownership_wording.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr std::size_t kKeysNamed = 3;  // keys named in a message before "and N more"

constexpr RuleInfo kInfo{
    .id = "OW004",
    .name = "foreign-owned-objects",
    .default_severity = Severity::kError,
    .stability = Stability::kStable,
    .summary =
        "objects owned by another account sit in a bucket read through bucket-policy "
        "grants: those readers get 403 on them",
    .remediation =
        "apply BucketOwnerEnforced, which makes the bucket owner the owner of the "
        "existing objects too",
    .doc = R"md(### What it flags

The bucket's listing (`aws s3api list-objects-v2 --fetch-owner`) or its object ACLs
(`get-object-acl`) show objects whose owner is not the bucket owner, while the bucket policy
grants `s3:GetObject` to readers (a CloudFront OAI or OAC, roles, other accounts). The finding
names the keys (the first few, then a count) and the readers that get 403, one finding per
foreign owner. Readers that an object's own ACL grants (the OAI's canonical ID, truth table
rows 3 and 4) are not counted for that object.

### Why it matters

Bucket-policy Allow statements "apply only to objects that are owned by the same bucket-owning
account" (docs/aws-semantics.md 3.1;
https://docs.aws.amazon.com/AmazonS3/latest/userguide/troubleshoot-403-errors.html): the objects
already in the bucket are unreadable for those readers, whatever the policy says. Applying
BucketOwnerEnforced "applies to all new and existing objects": the bucket owner takes ownership
without copying anything (docs/aws-semantics.md 2.4, truth table row 15;
https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html).

### Example

Failing: the listing of `media-assets` shows `"Owner": {"ID": "<canonical ID of 222222222222>"}`
for `img/a.jpg` and the bucket policy grants an OAI `s3:GetObject`. Fixed: the bucket has
BucketOwnerEnforced (its listing then shows the bucket owner for every object).

### How to fix

`aws s3api put-bucket-ownership-controls --bucket <b> --ownership-controls
'Rules=[{ObjectOwnership=BucketOwnerEnforced}]'` (remove non-owner bucket ACL grants first,
AC004). Without it, the owning account must grant each reader in the object ACL (possible for an
OAI by its canonical ID, impossible for an OAC).

### Known gaps

* Needs the bucket owner's canonical ID (`accounts/<id>/account.json` `CanonicalUserId`, the
  config, or the bucket ACL owner); without it nothing is reported.
* Listing entries without an object ACL are assumed to grant the readers nothing.
* Owners that OW001/OW002 report as current writers of the bucket are left to those findings,
  which name the existing objects in notes.
* A listing taken before the bucket switched to BucketOwnerEnforced is not flagged under
  BucketOwnerEnforced.

No IAM Access Analyzer policy check corresponds to this rule.
)md",
};

class ForeignOwnedObjects final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, FindingSink& sink) const override {
    const Model& model = ctx.model;
    const eval::IdentityDirectory& directory = ctx.access.directory();
    for (const Bucket& bucket : model.buckets) {
      if (bucket.ownership.effective() == ObjectOwnership::kBucketOwnerEnforced) continue;
      const std::string owner_id = bucket_owner_canonical_id(model, bucket);
      if (owner_id.empty()) continue;
      // Foreign owners, by canonical ID; accounts that OW001/OW002 already report as writers
      // are left to them (they list the existing objects as notes).
      const std::vector<std::string> reported = ctx.access.accounts_keeping_ownership(bucket);
      std::map<std::string, std::vector<OwnedObject>> foreign;
      auto consider = [&](const std::string& id) {
        if (id.empty() || id == owner_id || foreign.contains(id)) return;
        if (std::find(reported.begin(), reported.end(), id) != reported.end()) return;
        const std::optional<std::string> account = directory.account_for_canonical_id(id);
        if (account && std::find(reported.begin(), reported.end(), *account) != reported.end()) {
          return;
        }
        foreign[id] = objects_owned_by(bucket, id);
      };
      for (const ObjectEntry& e : bucket.objects) consider(e.owner_id);
      for (const ObjectAcl& o : bucket.object_acls) consider(o.acl.owner_id);
      if (foreign.empty()) continue;
      const std::vector<Reader> readers = ctx.access.readers(bucket);
      if (readers.empty()) continue;
      for (const auto& [canonical, objects] : foreign) {
        report(model, bucket, directory, canonical, objects, readers, sink);
      }
    }
  }

 private:
  static void report(const Model& model, const Bucket& bucket,
                     const eval::IdentityDirectory& directory, const std::string& canonical,
                     const std::vector<OwnedObject>& objects, const std::vector<Reader>& readers,
                     FindingSink& sink) {
    const std::optional<std::string> account = directory.account_for_canonical_id(canonical);
    // A reader breaks on an object unless the object's own ACL grants it the read.
    std::vector<const Reader*> broken;
    std::vector<const OwnedObject*> affected;
    for (const OwnedObject& obj : objects) {
      bool any = false;
      for (const Reader& r : readers) {
        if (account && r.account == *account) continue;  // the owner's account reads its own
        bool granted = false;
        if (obj.acl != nullptr) {
          for (const AclGrant& g : obj.acl->grants) {
            if (eval::acl_grant_allows(g, r.principal, "s3:GetObject", true, &directory)) {
              granted = true;
            }
          }
        }
        if (granted) continue;
        any = true;
        if (std::find(broken.begin(), broken.end(), &r) == broken.end()) broken.push_back(&r);
      }
      if (any) affected.push_back(&obj);
    }
    if (affected.empty()) return;
    std::sort(broken.begin(), broken.end(),
              [](const Reader* a, const Reader* b) { return a->label() < b->label(); });
    std::string keys;
    for (std::size_t i = 0; i < affected.size() && i < kKeysNamed; ++i) {
      if (i > 0) keys += ", ";
      keys += fmt::format("'{}'", affected[i]->key);
    }
    if (affected.size() > kKeysNamed) {
      keys += fmt::format(" and {} more", affected.size() - kKeysNamed);
    }
    const std::string owner_label = account ? fmt::format("account {}", *account)
                                            : fmt::format("canonical user '{}'", canonical);
    std::vector<std::string> labels;
    for (const Reader* r : broken) labels.push_back(r->label());
    std::string message = fmt::format(
        "{} object{} in '{}' {} owned by {} ({}); bucket-policy grants do not reach {}: {} get{} "
        "403 on {}",
        affected.size(), affected.size() == 1 ? "" : "s", bucket.name,
        affected.size() == 1 ? "is" : "are", owner_label, keys,
        affected.size() == 1 ? "it" : "them", join_labels(labels), labels.size() == 1 ? "s" : "",
        affected.size() == 1 ? "it" : "them");
    Finding finding = make_finding(kInfo, affected.front()->where, std::move(message));
    for (std::size_t i = 1; i < affected.size() && i < kKeysNamed; ++i) {
      finding.notes.push_back(
          {affected[i]->where, fmt::format("'{}' is owned by {}", affected[i]->key, owner_label)});
    }
    add_ownership_note(bucket, finding.notes);
    for (const Reader* r : broken) add_reader_notes(*r, finding.notes);
    std::string remediation = "fixes, in order of preference:\n";
    int n = 1;
    if (bucket_acl_blocks_enforced(bucket)) {
      remediation += fmt::format(
          "    {}. first remove the bucket ACL grants to grantees other than the owner (AC004)\n",
          n++);
    }
    remediation += fmt::format(
        "    {}. apply BucketOwnerEnforced: the bucket owner takes ownership of the existing "
        "objects "
        "too, without copying them\n       {}",
        n++, enforce_ownership_command(bucket.name));
    remediation += fmt::format(
        "\n    {}. or have {} grant each reader in the object ACLs (an OAI by its canonical ID; an "
        "OAC cannot be named in an ACL)",
        n, owner_label);
    finding.remediation = std::move(remediation);
    finding.fingerprint_hint = canonical;
    (void)model;
    drop_notes_at_primary(finding);
    sink.report(std::move(finding));
  }
};

}  // namespace

std::unique_ptr<Rule> make_foreign_owned_objects() {
  return std::make_unique<ForeignOwnedObjects>();
}

}  // namespace bucketlint::rules
