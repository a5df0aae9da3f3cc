// OW006: a replication rule copies objects into a bucket of another account, and the replicas
// stay owned by the source account (no owner override, destination not BucketOwnerEnforced), or
// the owner override is configured but the destination bucket policy does not accept it.

#include <fmt/format.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bucketlint/access.h"
#include "bucketlint/eval.h"
#include "bucketlint/model.h"
#include "bucketlint/rule.h"
#include "ownership_wording.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr std::string_view kOverrideAction = "s3:ObjectOwnerOverrideToBucketOwner";

constexpr RuleInfo kInfo{
    .id = "OW006",
    .name = "replica-owned-by-source-account",
    .default_severity = Severity::kWarning,
    .stability = Stability::kPreview,
    .summary =
        "replication into another account's bucket keeps the source account as owner of the "
        "replicas",
    .remediation =
        "apply BucketOwnerEnforced to the destination bucket, or configure the owner override "
        "(AccessControlTranslation Owner 'Destination' plus s3:ObjectOwnerOverrideToBucketOwner "
        "in the destination bucket policy)",
    .doc = R"md(### What it flags

A replication rule (`aws s3api get-bucket-replication`, CloudFormation
`ReplicationConfiguration`, Terraform `aws_s3_bucket_replication_configuration` or the inline
`replication_configuration` block) whose destination bucket belongs to another account than the
source bucket, when

* the rule has no owner override (`AccessControlTranslation: {"Owner": "Destination"}`) and the
  destination bucket is not known to be BucketOwnerEnforced: the replicas stay owned by the
  source account; or
* the rule has the owner override but the destination bucket policy (when given) does not allow
  `s3:ObjectOwnerOverrideToBucketOwner` to the replication role: replication of the objects
  fails.

The destination account comes from the rule's `Destination.Account`, else from the destination
bucket's entry in the model.

### Why it matters

"In replication, the owner of the source object also owns the replica by default"
(https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-change-owner.html). An object
owned by another account is outside the destination bucket policy: "Allow statements in a
bucket policy apply only to objects that are owned by the same bucket-owning account"
(https://docs.aws.amazon.com/AmazonS3/latest/userguide/troubleshoot-403-errors.html), so the
destination account's readers, its CloudFront OAI or OAC and its own roles get 403 on the
replicas, exactly as with a direct cross-account upload (OW001).

To change the replica owner, the rule needs the owner override option, the replication role
needs `s3:ObjectOwnerOverrideToBucketOwner`, and the destination bucket policy must allow
`s3:ObjectOwnerOverrideToBucketOwner` "to allow changing replica ownership" (same page). Instead
of the override, the destination can use the bucket owner enforced setting: the destination
bucket owner then owns every replica
(https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html).

### Example

Failing: bucket `source-data` of 111122223333 replicates to
`arn:aws:s3:::backup-archive`, owned by 444455556666 (`Destination.Account`), without
`AccessControlTranslation`; the destination's ownership controls say `ObjectWriter`. Fixed: the
destination applies BucketOwnerEnforced, or the rule adds
`"AccessControlTranslation": {"Owner": "Destination"}` and the destination bucket policy allows
`s3:ObjectOwnerOverrideToBucketOwner` to the replication role.

### How to fix

1. Apply BucketOwnerEnforced to the destination bucket (in the destination account):
   `aws s3api put-bucket-ownership-controls --bucket <destination> --ownership-controls
   'Rules=[{ObjectOwnership=BucketOwnerEnforced}]'`.
2. Or configure the owner override: add `"Account": "<destination account>"` and
   `"AccessControlTranslation": {"Owner": "Destination"}` to the rule's `Destination`, allow
   `s3:ObjectOwnerOverrideToBucketOwner` on `arn:aws:s3:::<destination>/*` in the replication
   role's policy, and add the same Allow for the replication role to the destination bucket
   policy.

Neither removes a permission anyone has today.

### Known gaps

* Rules whose destination account is unknown (no `Destination.Account` and the destination
  bucket not in the input) are not judged.
* A destination bucket that is not in the input is assumed not to be BucketOwnerEnforced; the
  finding says so in a note.
* Filters (prefix, tags) are not read: every enabled rule counts.

No IAM Access Analyzer policy check corresponds to this rule.
)md",
};

class ReplicaOwnedBySource final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, FindingSink& sink) const override {
    const Model& model = ctx.model;
    for (const Bucket& bucket : model.buckets) {
      if (!bucket.replication) continue;
      const std::string source_account = bucket_account(model, bucket);
      if (source_account.empty()) continue;
      for (const ReplicationRule& rule : bucket.replication->rules) {
        if (!rule.enabled || rule.destination_bucket.empty()) continue;
        const Bucket* dest = model.find_bucket(rule.destination_bucket);
        std::string dest_account = rule.destination_account;
        if (dest_account.empty() && dest != nullptr) dest_account = bucket_account(model, *dest);
        if (dest_account.empty() || dest_account == source_account) continue;
        if (dest != nullptr && dest->ownership.value == ObjectOwnership::kBucketOwnerEnforced) {
          continue;  // the destination owner owns every replica
        }
        if (rule.owner_override) {
          check_override(ctx, bucket, rule, dest, dest_account, sink);
          continue;
        }
        report_kept(bucket, rule, dest, source_account, dest_account, sink);
      }
    }
  }

 private:
  static std::string rule_label(const ReplicationRule& rule) {
    return rule.id.empty() ? std::string("a replication rule")
                           : fmt::format("replication rule '{}'", rule.id);
  }

  static SourceRef where_of(const ReplicationRule& rule) {
    return rule.destination_where.file().empty() ? rule.where : rule.destination_where;
  }

  static void report_kept(const Bucket& bucket, const ReplicationRule& rule, const Bucket* dest,
                          const std::string& source_account, const std::string& dest_account,
                          FindingSink& sink) {
    Finding finding = make_finding(
        kInfo, where_of(rule),
        fmt::format("{} of '{}' replicates into '{}' of account '{}': the replicas stay owned by "
                    "account '{}', outside the destination bucket policy",
                    rule_label(rule), bucket.name, rule.destination_bucket, dest_account,
                    source_account));
    if (dest != nullptr && dest->ownership.known()) {
      finding.notes.push_back(
          {dest->ownership.where, fmt::format("the destination's Object Ownership is '{}'",
                                              object_ownership_name(dest->ownership.value))});
    } else {
      finding.notes.push_back(
          {rule.where, fmt::format("the ownership setting of '{}' is not given; assumed not to be "
                                   "BucketOwnerEnforced",
                                   rule.destination_bucket)});
    }
    finding.remediation = remediation(bucket, rule, dest_account);
    finding.fingerprint_hint = rule.destination_bucket;
    drop_notes_at_primary(finding);
    sink.report(std::move(finding));
  }

  static void check_override(const RuleContext& ctx, const Bucket& bucket,
                             const ReplicationRule& rule, const Bucket* dest,
                             const std::string& dest_account, FindingSink& sink) {
    if (dest == nullptr || dest->policy == nullptr) return;  // cannot tell
    const std::string& role_arn = bucket.replication->role_arn;
    std::optional<eval::Principal> principal = eval::parse_principal(role_arn);
    if (!principal) principal = eval::parse_principal(bucket_account(ctx.model, bucket));
    if (!principal) return;
    eval::Request request;
    request.principal = *principal;
    request.action = std::string(kOverrideAction);
    request.resource = access::object_arn(dest->name, "replica");
    request.resource_account = dest_account;
    request.static_question = true;
    eval::PolicySet set;
    set.resource_policy = dest->policy;
    set.identity_not_given = true;
    const eval::Result result = ctx.access.evaluate(request, set);
    if (!result.denied()) return;
    Finding finding = make_finding(
        kInfo, rule.owner_where,
        fmt::format("{} of '{}' asks for the owner override, but the bucket policy of '{}' does "
                    "not allow '{}' to '{}': the replication of its objects fails",
                    rule_label(rule), bucket.name, dest->name, kOverrideAction,
                    principal->label()));
    finding.severity = Severity::kError;
    finding.notes.push_back({dest->policy->where, "the destination bucket policy"});
    finding.remediation = fmt::format(
        "add to the bucket policy of '{}':\n"
        "    {{\"Effect\": \"Allow\", \"Principal\": {{\"AWS\": \"{}\"}}, \"Action\": \"{}\", "
        "\"Resource\": \"arn:aws:s3:::{}/*\"}}\n"
        "  or apply BucketOwnerEnforced to '{}' and drop the override:\n    {}",
        dest->name, role_arn.empty() ? bucket_account(ctx.model, bucket) : role_arn,
        kOverrideAction, dest->name, dest->name, enforce_ownership_command(dest->name));
    finding.fingerprint_hint = rule.destination_bucket;
    sink.report(std::move(finding));
  }

  static std::string remediation(const Bucket& bucket, const ReplicationRule& rule,
                                 const std::string& dest_account) {
    const std::string role = bucket.replication->role_arn.empty()
                                 ? std::string("<replication role ARN>")
                                 : bucket.replication->role_arn;
    return fmt::format(
        "fixes, in order of preference:\n"
        "    1. apply BucketOwnerEnforced to '{0}' (account '{1}'): its owner then owns every "
        "replica\n"
        "       {2}\n"
        "    2. or configure the owner override: in the rule's Destination add\n"
        "       \"Account\": \"{1}\", \"AccessControlTranslation\": {{\"Owner\": "
        "\"Destination\"}}\n"
        "       allow {3} on arn:aws:s3:::{0}/* in the policy of '{4}', and add to the bucket "
        "policy of '{0}':\n"
        "       {{\"Effect\": \"Allow\", \"Principal\": {{\"AWS\": \"{4}\"}}, \"Action\": \"{3}\", "
        "\"Resource\": \"arn:aws:s3:::{0}/*\"}}",
        rule.destination_bucket, dest_account, enforce_ownership_command(rule.destination_bucket),
        kOverrideAction, role);
  }
};

}  // namespace

std::unique_ptr<Rule> make_replica_owned_by_source_account() {
  return std::make_unique<ReplicaOwnedBySource>();
}

}  // namespace bucketlint::rules
