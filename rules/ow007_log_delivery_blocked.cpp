// OW007: a log delivery service writes into a bucket whose ownership setting or policy makes
// the delivery fail: S3 server access logs and CloudFront standard (legacy) logs.

#include <fmt/format.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bucketlint/access.h"
#include "bucketlint/eval.h"
#include "bucketlint/model.h"
#include "bucketlint/rule.h"
#include "mission_helpers.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr std::string_view kLoggingService = "logging.s3.amazonaws.com";

constexpr RuleInfo kInfo{
    .id = "OW007",
    .name = "log-delivery-blocked",
    .default_severity = Severity::kError,
    .stability = Stability::kPreview,
    .summary =
        "a log delivery service cannot write into its target bucket (ownership setting, missing "
        "grant, or another account)",
    .remediation =
        "grant the log delivery service in the target bucket policy, or deliver the logs to a "
        "bucket whose ownership setting the service supports",
    .doc = R"md(### What it flags

Logs that AWS services deliver into a bucket of the input, when the delivery cannot work:

* **S3 server access logs** (`aws s3api get-bucket-logging`, CloudFormation
  `LoggingConfiguration`, Terraform `aws_s3_bucket_logging` or the inline `logging` block) whose
  target bucket
  * belongs to another account or lies in another Region than the source bucket; or
  * has ACLs disabled (BucketOwnerEnforced) and a bucket policy that does not allow the logging
    service principal `logging.s3.amazonaws.com` `s3:PutObject` (a `LogDelivery` group grant
    in the bucket ACL no longer counts); or
  * has ACLs enabled, a bucket ACL that grants the `LogDelivery` group no `WRITE`, and no such
    bucket-policy grant.
* **CloudFront standard logs (legacy)** (`Logging.Bucket` of a distribution config,
  CloudFormation `Logging`, Terraform `logging_config`) whose bucket is BucketOwnerEnforced.

### Why it matters

Who writes the logs, who owns them, and which settings break the delivery:

| logs | writer | owner of the log objects | breaks the delivery |
| --- | --- | --- | --- |
| S3 server access logs | the logging service `logging.s3.amazonaws.com` (bucket policy) or the `LogDelivery` group (bucket ACL) | the target bucket owner | a target in another account or Region; BucketOwnerEnforced without the bucket-policy grant |
| CloudFront standard logs (legacy) | the `awslogsdelivery` account, which CloudFront gives `FULL_CONTROL` in the bucket ACL | `awslogsdelivery`, with FULL_CONTROL for the bucket owner through the object ACL | BucketOwnerEnforced (ACLs disabled) |
| ALB / NLB access logs, VPC Flow Logs, CloudTrail | the delivery service (`delivery.logs.amazonaws.com`, `logdelivery.elasticloadbalancing.amazonaws.com`, `cloudtrail.amazonaws.com`) through the bucket policy, with `bucket-owner-full-control` | the bucket owner under BucketOwnerEnforced or BucketOwnerPreferred | a bucket policy without the service grant (not judged yet) |

S3: "You can use either bucket policies or access control lists (ACLs) to grant permissions for
server access logging... we recommend using a bucket policy", and with the bucket owner
enforced setting ACLs no longer affect permissions, so only the bucket-policy grant to
`logging.s3.amazonaws.com` works; the source and destination buckets must be in the same Region
and owned by the same account
(https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html,
https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html).

CloudFront: "Don't choose an Amazon S3 bucket with S3 Object Ownership set to bucket owner
enforced. That setting disables ACLs for the bucket and the objects in it, which prevents
CloudFront from delivering log files to the bucket"
(https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logging-legacy-s3.html;
also https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-policy-alternatives-guidelines.html).
Standard logging (v2) delivers to S3 through a bucket policy and has no such requirement
(https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logging.html).

The delivery fails without an error anyone sees: the logs you rely on for audits are simply not
there.

### Example

Failing: `media-assets` logs to `media-logs`, which is BucketOwnerEnforced and whose bucket
policy has no statement for `logging.s3.amazonaws.com`. Fixed: the bucket policy of
`media-logs` allows `logging.s3.amazonaws.com` `s3:PutObject` on `arn:aws:s3:::media-logs/*`
with `aws:SourceArn` and `aws:SourceAccount` conditions.

### How to fix

* Server access logs: add the bucket-policy statement of the help text (it names the source
  bucket and account in conditions, so it lets nothing else write), and log into a bucket of the
  same account and Region.
* CloudFront standard logs: move the distribution to standard logging (v2), which writes through
  a bucket policy; or log into a separate bucket that keeps ACLs enabled (BucketOwnerPreferred)
  for the legacy delivery. Never switch a content bucket back to ACLs for logging.

### Known gaps

* ALB/NLB, VPC Flow Logs and CloudTrail deliveries are not in the input yet, so only the table
  above describes them.
* A target bucket that is not in the input is not judged; with ACLs enabled and no bucket ACL
  given, the ACL grant is assumed present.
* CloudFront standard logging (v2) configurations are not read.

No IAM Access Analyzer policy check corresponds to this rule.
)md",
};

bool grants_log_delivery_write(const Acl& acl) {
  for (const AclGrant& g : acl.grants) {
    if (g.type == GranteeType::kGroup && g.uri == kLogDeliveryUri &&
        (g.permission == "WRITE" || g.permission == "FULL_CONTROL")) {
      return true;
    }
  }
  return false;
}

class LogDeliveryBlocked final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, FindingSink& sink) const override {
    const Model& model = ctx.model;
    for (const Bucket& source : model.buckets) {
      if (!source.logging || source.logging->target_bucket.empty()) continue;
      const Bucket* target = model.find_bucket(source.logging->target_bucket);
      if (target == nullptr) continue;
      check_server_access_logs(ctx, source, *target, sink);
    }
    for (const Distribution& d : model.distributions) {
      if (d.logging_bucket.empty()) continue;
      const Bucket* target = model.find_bucket(d.logging_bucket);
      if (target == nullptr || target->ownership.value != ObjectOwnership::kBucketOwnerEnforced) {
        continue;
      }
      const std::string label =
          d.id.empty() ? std::string("a distribution") : fmt::format("distribution '{}'", d.id);
      Finding finding =
          make_finding(kInfo, d.logging_where,
                       fmt::format("CloudFront cannot deliver the standard logs of {} to '{}': "
                                   "its Object Ownership is BucketOwnerEnforced, which disables "
                                   "the ACLs that legacy logging writes with",
                                   label, target->name));
      finding.notes.push_back({target->ownership.where, "ACLs are disabled here"});
      finding.remediation = fmt::format(
          "fixes, in order of preference:\n"
          "    1. move {} to CloudFront standard logging (v2), which delivers to S3 through a "
          "bucket policy and works with ACLs disabled\n"
          "    2. or send its legacy logs to a separate log bucket with BucketOwnerPreferred "
          "(ACLs enabled); keep '{}' as it is",
          label, target->name);
      finding.fingerprint_hint = d.id;
      drop_notes_at_primary(finding);
      sink.report(std::move(finding));
    }
  }

 private:
  static void check_server_access_logs(const RuleContext& ctx, const Bucket& source,
                                       const Bucket& target, FindingSink& sink) {
    const LoggingConfiguration& logging = *source.logging;
    const std::string source_account = bucket_account(ctx.model, source);
    const std::string target_account = bucket_account(ctx.model, target);
    if (!source_account.empty() && !target_account.empty() && source_account != target_account) {
      Finding finding = make_finding(
          kInfo, logging.target_where,
          fmt::format("S3 cannot deliver the server access logs of '{}' to '{}': the target "
                      "belongs to account '{}', not to the source bucket's account '{}'",
                      source.name, target.name, target_account, source_account));
      finding.remediation = fmt::format(
          "log into a bucket of account '{}' in the same Region as '{}' (replicate the logs to "
          "'{}' from there if they must end up in account '{}')",
          source_account, source.name, target.name, target_account);
      finding.fingerprint_hint = "account";
      sink.report(std::move(finding));
      return;
    }
    if (!source.region.empty() && !target.region.empty() && source.region != target.region) {
      Finding finding = make_finding(
          kInfo, logging.target_where,
          fmt::format("S3 cannot deliver the server access logs of '{}' to '{}': the target is "
                      "in Region '{}', the source in '{}'",
                      source.name, target.name, target.region, source.region));
      finding.notes.push_back({target.region_where, "the target's Region"});
      finding.remediation =
          fmt::format("log into a bucket in Region '{}' of the same account", source.region);
      finding.fingerprint_hint = "region";
      sink.report(std::move(finding));
      return;
    }
    const bool enforced = target.ownership.value == ObjectOwnership::kBucketOwnerEnforced;
    if (policy_allows_logging(ctx, source, source_account, target, target_account)) return;
    if (!enforced) {
      // ACLs work: the LogDelivery group's WRITE grant delivers. Unknown ACL: assumed granted.
      if (!target.acl || grants_log_delivery_write(*target.acl)) return;
    }
    const std::string why =
        enforced ? "ACLs are disabled there (BucketOwnerEnforced) and its bucket policy does not "
                   "allow 'logging.s3.amazonaws.com' s3:PutObject"
                 : "neither its bucket ACL (LogDelivery WRITE) nor its bucket policy "
                   "('logging.s3.amazonaws.com' s3:PutObject) lets S3 write the logs";
    Finding finding =
        make_finding(kInfo, logging.target_where,
                     fmt::format("S3 cannot deliver the server access logs of '{}' to '{}': {}",
                                 source.name, target.name, why));
    if (enforced) {
      finding.notes.push_back({target.ownership.where, "ACLs are disabled here"});
      if (target.acl && grants_log_delivery_write(*target.acl)) {
        finding.notes.push_back(
            {target.acl->where,
             "this LogDelivery grant no longer counts under BucketOwnerEnforced"});
      }
    } else if (target.acl) {
      finding.notes.push_back({target.acl->where, "the bucket ACL grants LogDelivery no WRITE"});
    }
    if (target.policy != nullptr) {
      finding.notes.push_back(
          {target.policy->where, "no statement here allows the logging service"});
    }
    finding.remediation = fmt::format(
        "add to the bucket policy of '{0}' (it lets only the server access logs of '{1}' in):\n"
        "    {{\"Sid\": \"S3ServerAccessLogs\", \"Effect\": \"Allow\", \"Principal\": "
        "{{\"Service\": \"{2}\"}}, \"Action\": \"s3:PutObject\", \"Resource\": "
        "\"arn:aws:s3:::{0}/{3}*\", \"Condition\": {{\"ArnLike\": {{\"aws:SourceArn\": "
        "\"arn:aws:s3:::{1}\"}}, \"StringEquals\": {{\"aws:SourceAccount\": \"{4}\"}}}}}}",
        target.name, source.name, kLoggingService, logging.target_prefix,
        source_account.empty() ? std::string("<source account>") : source_account);
    finding.fingerprint_hint = "grant";
    drop_notes_at_primary(finding);
    sink.report(std::move(finding));
  }

  // Does the target's bucket policy let the logging service put the source's logs?
  static bool policy_allows_logging(const RuleContext& ctx, const Bucket& source,
                                    const std::string& source_account, const Bucket& target,
                                    const std::string& target_account) {
    if (target.policy == nullptr) return false;
    const std::optional<eval::Principal> service = eval::parse_principal(kLoggingService);
    if (!service) return false;
    eval::Request request;
    request.principal = *service;
    request.action = "s3:PutObject";
    request.resource =
        access::object_arn(target.name, source.logging->target_prefix + "2026-01-01-00-00-00");
    request.resource_account = target_account;
    request.context.set("aws:SourceArn", access::bucket_arn(source.name));
    if (!source_account.empty()) {
      request.context.set("aws:SourceAccount", source_account);
    } else {
      request.context.set_unknown("aws:SourceAccount");
    }
    eval::PolicySet set;
    set.resource_policy = target.policy;
    set.identity_not_given = true;
    return ctx.access.evaluate(request, set, false).possibly_allowed();
  }
};

}  // namespace

std::unique_ptr<Rule> make_log_delivery_blocked() { return std::make_unique<LogDeliveryBlocked>(); }

}  // namespace bucketlint::rules
