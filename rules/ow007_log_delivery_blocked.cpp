// OW007: a log delivery service writes into a bucket whose ownership setting or policy makes
// the delivery fail: S3 server access logs, CloudFront standard (legacy) logs, VPC Flow Logs,
// CloudTrail trails and ALB/NLB access logs.

#include <fmt/format.h>

#include <algorithm>
#include <array>
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
* **VPC Flow Logs to S3** (`aws ec2 describe-flow-logs` in `accounts/<id>/`, CloudFormation
  `AWS::EC2::FlowLog` with `LogDestinationType: s3`, Terraform `aws_flow_log` with
  `log_destination_type = "s3"`), **CloudTrail trails** (`aws cloudtrail describe-trails` in
  `accounts/<id>/`, `AWS::CloudTrail::Trail`, `aws_cloudtrail`) and **ALB/NLB access logs**
  (`aws elbv2 describe-load-balancer-attributes`, with `describe-load-balancers` for the type, in
  `accounts/<id>/load-balancers/<name>/`; `AWS::ElasticLoadBalancingV2::LoadBalancer`
  `LoadBalancerAttributes` `access_logs.s3.*`; `aws_lb` / `aws_alb` `access_logs`) whose bucket
  policy does not let the delivering service write `<prefix>/AWSLogs/<account>/...` (and, where
  the service checks it, read the bucket ACL); a load balancer whose bucket is in another Region;
  an Application Load Balancer whose bucket's default encryption is SSE-KMS; a flow log whose
  prefix starts with the reserved folder `AWSLogs`.

### Why it matters

Who writes the logs, who owns them, and which settings break the delivery:

| logs | writer | owner of the log objects | breaks the delivery |
| --- | --- | --- | --- |
| S3 server access logs | the logging service `logging.s3.amazonaws.com` (bucket policy) or the `LogDelivery` group (bucket ACL) | the target bucket owner | a target in another account or Region; BucketOwnerEnforced without the bucket-policy grant |
| CloudFront standard logs (legacy) | the `awslogsdelivery` account, which CloudFront gives `FULL_CONTROL` in the bucket ACL | `awslogsdelivery`, with FULL_CONTROL for the bucket owner through the object ACL | BucketOwnerEnforced (ACLs disabled) |
| VPC Flow Logs | `delivery.logs.amazonaws.com` through the bucket policy: `s3:PutObject` on `<prefix>/AWSLogs/<account>/*` with `s3:x-amz-acl: bucket-owner-full-control` (and `aws:SourceAccount`, `aws:SourceArn` `arn:aws:logs:<region>:<account>:*`), `s3:GetBucketAcl` and `s3:ListBucket` on the bucket | the bucket owner under BucketOwnerEnforced or BucketOwnerPreferred (the delivery sends `bucket-owner-full-control`); under ObjectWriter the bucket owner gets FULL_CONTROL through the object ACL | a bucket policy without these statements; the prefix `AWSLogs` |
| NLB access logs | `delivery.logs.amazonaws.com`: `s3:PutObject` on `<prefix>/AWSLogs/<account>/*` with `s3:x-amz-acl: bucket-owner-full-control`, `s3:GetBucketAcl` on the bucket | as for VPC Flow Logs | a bucket policy without these statements; a bucket in another Region |
| ALB access logs | Elastic Load Balancing's account of the Region (`arn:aws:iam::<elb-account-id>:root`, Regions before August 2022) or `logdelivery.elasticloadbalancing.amazonaws.com`: `s3:PutObject` on `<prefix>/AWSLogs/<account>/*` | no ownership setting breaks it | a bucket policy without the statement; a bucket in another Region; SSE-KMS default encryption (only SSE-S3 is supported) |
| CloudTrail | `cloudtrail.amazonaws.com`: `s3:GetBucketAcl` on the bucket, `s3:PutObject` on `<prefix>/AWSLogs/<account>/*` with `s3:x-amz-acl: bucket-owner-full-control` | as for VPC Flow Logs | a bucket policy without these statements (a prefix in the trail that the policy does not name) |

None of these four needs ACLs: BucketOwnerEnforced accepts requests that carry the
`bucket-owner-full-control` ACL ("your bucket accepts only PUT requests that do not specify an ACL
or PUT requests with bucket owner full control ACLs",
https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html), so no Object
Ownership setting is reported for them; what breaks them is the bucket policy (the Deny
statements of the policy count too: a Deny that requires another ACL, or a Deny without the
service's exception, stops the delivery).

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

VPC Flow Logs: "the bucket owner must add this policy to the bucket ... or flow log creation
fails"; "The bucket cannot use AWSLogs as a subfolder name"
(https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-s3.html). Network Load Balancer: "The
bucket must be located in the same region as the load balancer", "The bucket must have a bucket
policy that grants permission to write the access logs"
(https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-access-logs.html).
Application Load Balancer: "The bucket must be located in the same Region as the load balancer",
"The only server-side encryption option that's supported is Amazon S3-managed keys (SSE-S3)", and
the principal per Region
(https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html).
CloudTrail: "To deliver log files to an S3 bucket, CloudTrail must have the required permissions",
and "A bucket policy with an incorrect prefix can prevent your trail from delivering logs"
(https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html).

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
* VPC Flow Logs, CloudTrail, ALB/NLB: add the statements of the help text (the service's
  documented policy, with this bucket, prefix and account filled in); keep a load balancer's logs
  in a bucket of its Region, with SSE-S3 for an ALB.

### Known gaps

* The Region of a flow log or trail in a template or a `describe-flow-logs` output is often
  unknown: `aws:SourceArn` conditions are then taken as possibly met.
* `describe-load-balancer-attributes` without `describe-load-balancers` beside it does not say
  whether the load balancer is an ALB or an NLB: either principal's grant is accepted.
* Organization trails (`IsOrganizationTrail`, which write under `AWSLogs/<organization ID>/`)
  and SSE-KMS key policies for the deliveries are not judged; a trail that several
  `describe-trails` outputs list (shadow trails of other Regions) is judged once; NLB and flow-log buckets with SSE-KMS are not reported.
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

// Elastic Load Balancing's account per Region, for ALB access logs in the Regions that predate
// August 2022 (the others use the logdelivery.elasticloadbalancing.amazonaws.com principal):
// https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html
constexpr std::array<std::pair<std::string_view, std::string_view>, 23> kElbAccounts{{
    {"us-east-1", "127311923021"},      {"us-east-2", "033677994240"},
    {"us-west-1", "027434742980"},      {"us-west-2", "797873946194"},
    {"af-south-1", "098369216593"},     {"ca-central-1", "985666609251"},
    {"eu-central-1", "054676820928"},   {"eu-west-1", "156460612806"},
    {"eu-west-2", "652711504416"},      {"eu-south-1", "635631232127"},
    {"eu-west-3", "009996457667"},      {"eu-north-1", "897822967062"},
    {"ap-east-1", "754344448648"},      {"ap-northeast-1", "582318560864"},
    {"ap-northeast-2", "600734575887"}, {"ap-northeast-3", "383597477331"},
    {"ap-southeast-1", "114774131450"}, {"ap-southeast-2", "783225319266"},
    {"ap-south-1", "718504428378"},     {"me-south-1", "076674570225"},
    {"sa-east-1", "507241528517"},      {"us-gov-west-1", "048591011584"},
    {"us-gov-east-1", "190560391635"},
}};

constexpr std::string_view kVendedLogs = "delivery.logs.amazonaws.com";
constexpr std::string_view kCloudTrail = "cloudtrail.amazonaws.com";
constexpr std::string_view kElbLogDelivery = "logdelivery.elasticloadbalancing.amazonaws.com";

bool region_known(std::string_view r) {
  return !r.empty() && r.find('{') == std::string_view::npos;
}

std::string_view elb_account(std::string_view region) {
  for (const auto& [r, account] : kElbAccounts) {
    if (r == region) return account;
  }
  return {};
}

bool is_load_balancer(LogDelivery::Kind k) {
  return k == LogDelivery::Kind::kApplicationLoadBalancer ||
         k == LogDelivery::Kind::kNetworkLoadBalancer || k == LogDelivery::Kind::kLoadBalancer;
}

std::string delivery_label(const LogDelivery& d) {
  switch (d.kind) {
    case LogDelivery::Kind::kFlowLog: return fmt::format("VPC flow log '{}'", d.name);
    case LogDelivery::Kind::kCloudTrail: return fmt::format("CloudTrail trail '{}'", d.name);
    case LogDelivery::Kind::kApplicationLoadBalancer:
      return fmt::format("Application Load Balancer '{}'", d.name);
    case LogDelivery::Kind::kNetworkLoadBalancer:
      return fmt::format("Network Load Balancer '{}'", d.name);
    case LogDelivery::Kind::kLoadBalancer: return fmt::format("load balancer '{}'", d.name);
  }
  return d.name;
}

// The folder under AWSLogs/<account>/ each service writes to.
std::string_view service_folder(LogDelivery::Kind k) {
  switch (k) {
    case LogDelivery::Kind::kFlowLog: return "vpcflowlogs";
    case LogDelivery::Kind::kCloudTrail: return "CloudTrail";
    default: return "elasticloadbalancing";
  }
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
    for (const LogDelivery& d : model.log_deliveries) {
      const Bucket* target = model.find_bucket(d.bucket);
      if (target != nullptr) check_delivery(ctx, d, *target, sink);
    }
  }

 private:
  // VPC Flow Logs, CloudTrail, ALB/NLB access logs: each writes through a bucket-policy grant
  // to its service principal (or, for ALB in older Regions, Elastic Load Balancing's account).
  static void check_delivery(const RuleContext& ctx, const LogDelivery& d, const Bucket& target,
                             FindingSink& sink) {
    const std::string label = delivery_label(d);
    if (is_load_balancer(d.kind) && region_known(d.region) && region_known(target.region) &&
        d.region != target.region) {
      Finding finding = make_finding(
          kInfo, d.bucket_where,
          fmt::format("Elastic Load Balancing cannot deliver the access logs of {} to '{}': the "
                      "bucket is in Region '{}', the load balancer in '{}'",
                      label, target.name, target.region, d.region));
      finding.notes.push_back({target.region_where, "the bucket's Region"});
      finding.remediation = fmt::format(
          "log into a bucket in Region '{}' (it may belong to another account)", d.region);
      finding.fingerprint_hint = "region:" + d.name;
      drop_notes_at_primary(finding);
      sink.report(std::move(finding));
      return;
    }
    if (d.kind == LogDelivery::Kind::kApplicationLoadBalancer && target.encryption &&
        target.encryption->algorithm.starts_with("aws:kms")) {
      Finding finding = make_finding(
          kInfo, d.bucket_where,
          fmt::format("Elastic Load Balancing cannot deliver the access logs of {} to '{}': its "
                      "default encryption is '{}', and ALB access logs support only SSE-S3",
                      label, target.name, target.encryption->algorithm));
      finding.notes.push_back({target.encryption->where, "default encryption with KMS here"});
      finding.remediation = fmt::format(
          "log into a bucket whose default encryption is SSE-S3 (AES256); keep SSE-KMS on '{}' "
          "if other data needs it",
          target.name);
      finding.fingerprint_hint = "encryption:" + d.name;
      drop_notes_at_primary(finding);
      sink.report(std::move(finding));
      return;
    }
    if (d.kind == LogDelivery::Kind::kFlowLog && !d.prefix.empty() &&
        (d.prefix == "AWSLogs" || d.prefix.starts_with("AWSLogs/"))) {
      // "The bucket cannot use AWSLogs as a subfolder name, as this is a reserved term".
      Finding finding = make_finding(
          kInfo, d.bucket_where,
          fmt::format("{} cannot publish to '{}' under the prefix '{}': 'AWSLogs' is a reserved "
                      "folder name",
                      label, target.name, d.prefix));
      finding.remediation = "choose a prefix that does not start with 'AWSLogs'";
      finding.fingerprint_hint = "prefix:" + d.name;
      sink.report(std::move(finding));
      return;
    }
    const std::string target_account = bucket_account(ctx.model, target);
    const std::string account = d.account_id.empty() ? target_account : d.account_id;
    if (account.empty()) return;  // the AWSLogs/<account>/ folder is unknown
    const std::string folder =
        (d.prefix.empty() ? std::string() : d.prefix + "/") + "AWSLogs/" + account + "/";
    const std::string key = folder + std::string(service_folder(d.kind)) + "/" +
                            (region_known(d.region) ? d.region : std::string("us-east-1")) +
                            "/2026/01/01/log.gz";

    // Who writes, and what the request carries.
    std::vector<std::string> principals;
    bool sends_acl = true;  // x-amz-acl: bucket-owner-full-control
    bool acl_check = true;  // the service also reads the bucket ACL (s3:GetBucketAcl)
    switch (d.kind) {
      case LogDelivery::Kind::kFlowLog:
      case LogDelivery::Kind::kNetworkLoadBalancer: principals = {std::string(kVendedLogs)}; break;
      case LogDelivery::Kind::kCloudTrail: principals = {std::string(kCloudTrail)}; break;
      case LogDelivery::Kind::kApplicationLoadBalancer:
      case LogDelivery::Kind::kLoadBalancer:
        sends_acl = false;
        acl_check = d.kind == LogDelivery::Kind::kLoadBalancer;
        principals = {std::string(kElbLogDelivery)};
        if (region_known(d.region)) {
          if (const std::string_view a = elb_account(d.region); !a.empty()) {
            principals.push_back(fmt::format("arn:aws:iam::{}:root", a));
          }
        } else {
          for (const auto& [r, a] : kElbAccounts) {
            principals.push_back(fmt::format("arn:aws:iam::{}:root", a));
          }
        }
        if (d.kind == LogDelivery::Kind::kLoadBalancer) {
          principals.push_back(std::string(kVendedLogs));  // if it is a Network Load Balancer
        }
        break;
    }
    auto allowed = [&](const std::string& principal, std::string_view action,
                       const std::string& resource) {
      const std::optional<eval::Principal> p = eval::parse_principal(principal);
      if (!p || target.policy == nullptr) return false;
      eval::Request request;
      request.principal = *p;
      request.action = std::string(action);
      request.resource = resource;
      request.resource_account = target_account;
      if (action == "s3:PutObject") {
        if (sends_acl) {
          request.context.set("s3:x-amz-acl", "bucket-owner-full-control");
        } else {
          request.context.set_unknown("s3:x-amz-acl");
        }
      }
      request.context.set("aws:SourceAccount", account);
      if (d.kind == LogDelivery::Kind::kCloudTrail && !d.arn.empty() && region_known(d.region)) {
        request.context.set("aws:SourceArn", d.arn);
      } else if (d.kind == LogDelivery::Kind::kFlowLog && region_known(d.region)) {
        request.context.set("aws:SourceArn",
                            fmt::format("arn:aws:logs:{}:{}:*", d.region, account));
      } else {
        request.context.set_unknown("aws:SourceArn");
      }
      eval::PolicySet set;
      set.resource_policy = target.policy;
      set.identity_not_given = true;
      return ctx.access.evaluate(request, set, false).possibly_allowed();
    };
    const std::string object = access::object_arn(target.name, key);
    const bool can_put = std::any_of(principals.begin(), principals.end(), [&](const auto& p) {
      return allowed(p, "s3:PutObject", object);
    });
    const bool can_check =
        !acl_check || std::any_of(principals.begin(), principals.end(), [&](const auto& p) {
          return allowed(p, "s3:GetBucketAcl", access::bucket_arn(target.name));
        });
    if (can_put && can_check) return;

    const std::string_view who = d.kind == LogDelivery::Kind::kCloudTrail ? "CloudTrail"
                                 : d.kind == LogDelivery::Kind::kFlowLog  ? "VPC Flow Logs"
                                                                         : "Elastic Load Balancing";
    std::string missing;
    if (!can_put) {
      missing = fmt::format("s3:PutObject on '{}*'", folder);
      if (sends_acl) missing += " with the 'bucket-owner-full-control' ACL";
    }
    if (!can_check) {
      missing += fmt::format("{}s3:GetBucketAcl on the bucket", missing.empty() ? "" : " and ");
    }
    const std::string principal_text =
        d.kind == LogDelivery::Kind::kCloudTrail ? fmt::format("'{}'", kCloudTrail)
        : d.kind == LogDelivery::Kind::kFlowLog || d.kind == LogDelivery::Kind::kNetworkLoadBalancer
            ? fmt::format("'{}'", kVendedLogs)
            : std::string("Elastic Load Balancing");
    Finding finding = make_finding(
        kInfo, d.bucket_where,
        fmt::format("{} cannot deliver the logs of {} to '{}': {} allows {} no {}", who, label,
                    target.name,
                    target.policy == nullptr ? std::string("the bucket has no bucket policy, so it")
                                             : std::string("its bucket policy"),
                    principal_text, missing));
    if (target.policy != nullptr) {
      finding.notes.push_back({target.policy->where, "no statement here allows the delivery"});
    }
    finding.remediation = delivery_fix(d, target.name, folder, account);
    finding.fingerprint_hint = "delivery:" + d.name;
    drop_notes_at_primary(finding);
    sink.report(std::move(finding));
  }

  // The statements the service's documentation gives, for this bucket, prefix and account.
  static std::string delivery_fix(const LogDelivery& d, const std::string& bucket,
                                  const std::string& folder, const std::string& account) {
    const std::string region = region_known(d.region) ? d.region : std::string("<region>");
    switch (d.kind) {
      case LogDelivery::Kind::kFlowLog:
        return fmt::format(
            "add to the bucket policy of '{0}':\n"
            "    {{\"Sid\": \"AWSLogDeliveryWrite\", \"Effect\": \"Allow\", \"Principal\": "
            "{{\"Service\": \"{1}\"}}, \"Action\": \"s3:PutObject\", \"Resource\": "
            "\"arn:aws:s3:::{0}/{2}*\", \"Condition\": {{\"StringEquals\": "
            "{{\"aws:SourceAccount\": \"{3}\", \"s3:x-amz-acl\": \"bucket-owner-full-control\"}}, "
            "\"ArnLike\": {{\"aws:SourceArn\": \"arn:aws:logs:{4}:{3}:*\"}}}}}}\n"
            "    {{\"Sid\": \"AWSLogDeliveryAclCheck\", \"Effect\": \"Allow\", \"Principal\": "
            "{{\"Service\": \"{1}\"}}, \"Action\": [\"s3:GetBucketAcl\", \"s3:ListBucket\"], "
            "\"Resource\": \"arn:aws:s3:::{0}\", \"Condition\": {{\"StringEquals\": "
            "{{\"aws:SourceAccount\": \"{3}\"}}, \"ArnLike\": {{\"aws:SourceArn\": "
            "\"arn:aws:logs:{4}:{3}:*\"}}}}}}",
            bucket, kVendedLogs, folder, account, region);
      case LogDelivery::Kind::kNetworkLoadBalancer:
        return fmt::format(
            "add to the bucket policy of '{0}':\n"
            "    {{\"Sid\": \"AWSLogDeliveryWrite\", \"Effect\": \"Allow\", \"Principal\": "
            "{{\"Service\": \"{1}\"}}, \"Action\": \"s3:PutObject\", \"Resource\": "
            "\"arn:aws:s3:::{0}/{2}*\", \"Condition\": {{\"StringEquals\": {{\"s3:x-amz-acl\": "
            "\"bucket-owner-full-control\"}}}}}}\n"
            "    {{\"Sid\": \"AWSLogDeliveryAclCheck\", \"Effect\": \"Allow\", \"Principal\": "
            "{{\"Service\": \"{1}\"}}, \"Action\": \"s3:GetBucketAcl\", \"Resource\": "
            "\"arn:aws:s3:::{0}\"}}",
            bucket, kVendedLogs, folder);
      case LogDelivery::Kind::kCloudTrail:
        return fmt::format(
            "add to the bucket policy of '{0}':\n"
            "    {{\"Sid\": \"AWSCloudTrailAclCheck\", \"Effect\": \"Allow\", \"Principal\": "
            "{{\"Service\": \"{1}\"}}, \"Action\": \"s3:GetBucketAcl\", \"Resource\": "
            "\"arn:aws:s3:::{0}\"}}\n"
            "    {{\"Sid\": \"AWSCloudTrailWrite\", \"Effect\": \"Allow\", \"Principal\": "
            "{{\"Service\": \"{1}\"}}, \"Action\": \"s3:PutObject\", \"Resource\": "
            "\"arn:aws:s3:::{0}/{2}*\", \"Condition\": {{\"StringEquals\": {{\"s3:x-amz-acl\": "
            "\"bucket-owner-full-control\"}}}}}}",
            bucket, kCloudTrail, folder);
      case LogDelivery::Kind::kApplicationLoadBalancer:
      case LogDelivery::Kind::kLoadBalancer: {
        const std::string_view elb = region_known(d.region) ? elb_account(d.region) : "";
        const std::string principal =
            !elb.empty() ? fmt::format("{{\"AWS\": \"arn:aws:iam::{}:root\"}}", elb)
            : region_known(d.region)
                ? fmt::format("{{\"Service\": \"{}\"}}", kElbLogDelivery)
                : fmt::format(
                      "{{\"AWS\": \"arn:aws:iam::<elb-account-id>:root\"}} (Regions "
                      "before August 2022; the others: {{\"Service\": \"{}\"}})",
                      kElbLogDelivery);
        return fmt::format(
            "add to the bucket policy of '{0}':\n"
            "    {{\"Effect\": \"Allow\", \"Principal\": {1}, \"Action\": \"s3:PutObject\", "
            "\"Resource\": \"arn:aws:s3:::{0}/{2}*\"}}",
            bucket, principal, folder);
      }
    }
    return {};
  }

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
