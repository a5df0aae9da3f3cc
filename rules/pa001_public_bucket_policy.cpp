// PA001: a bucket-policy Allow statement that S3 itself calls public.

#include <fmt/format.h>

#include <memory>
#include <string>
#include <vector>

#include "bucketlint/access.h"
#include "bucketlint/model.h"
#include "bucketlint/rule.h"
#include "ownership_wording.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "PA001",
    .name = "public-bucket-policy",
    .default_severity = Severity::kError,
    .stability = Stability::kPreview,
    .summary = "a bucket-policy Allow statement lets anyone in, as S3 defines public",
    .remediation =
        "name the principals (accounts, roles, the CloudFront OAC with aws:SourceArn), or add a "
        "condition with a fixed value S3 treats as non-public (aws:SourceVpce, aws:PrincipalOrgID, "
        "...); then turn on Block Public Access",
    .doc = R"md(### What it flags

An `Allow` statement of a bucket policy that S3 calls public
(https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status):
its `Principal` is `"*"`, `{"AWS": "*"}`, a value with a wildcard (or the statement uses
`NotPrincipal`), no condition pins a fixed value (no wildcard, no policy variable) of a key S3
treats as non-public, and it grants one of the actions S3 counts ("bad actions": `s3:Get*`,
`s3:List*`, `s3:Put*`, `s3:Delete*`, `s3:AbortMultipartUpload`, `s3:RestoreObject`, or a wildcard
such as `s3:*` that covers them). The keys that make a statement non-public, under an operator
that lets in only the listed values (`StringEquals`, `StringLike` without wildcard, `ArnEquals`,
`ArnLike`, `IpAddress`; not negated, not `...IfExists`): `aws:SourceIp`, `aws:SourceArn`,
`aws:SourceVpc`, `aws:SourceVpce`, `aws:SourceOwner`, `aws:SourceAccount`, `aws:userid` (outside the
pattern `AROLEID:*`), `aws:PrincipalOrgID`, `aws:PrincipalAccount`, `aws:PrincipalArn`,
`s3:DataAccessPointArn` (the access point name may be a wildcard when the account is fixed),
`s3:DataAccessPointAccount`, and `s3:x-amz-server-side-encryption-aws-kms-key-id` (listed in the
API reference of `PublicAccessBlockConfiguration`,
https://docs.aws.amazon.com/AmazonS3/latest/API/API_PublicAccessBlockConfiguration.html).

Severity follows what the public can do and what stops it:

* **error** when the statement lets the public write or delete (`s3:Put*`, `s3:Delete*`, ...);
* **warning** when it lets the public read (`s3:Get*`, `s3:List*`);
* **note** when it only lets the public read a bucket that a CloudFront distribution serves
  through its S3 website endpoint (such an origin cannot use OAI or OAC, so the bucket must be
  public for the site to work), or a bucket with static website hosting configured
  (`get-bucket-website`, CloudFormation `WebsiteConfiguration`, Terraform
  `aws_s3_bucket_website_configuration`: "If you want your website to be public, you must make
  all your content publicly readable",
  https://docs.aws.amazon.com/AmazonS3/latest/userguide/WebsiteEndpoints.html), and
  when Block Public Access stops the statement today:
  `RestrictPublicBuckets` at bucket or account level ("only AWS service principals and
  authorized users within the bucket owner's account" keep access through a public policy). The
  note names the setting and the level.

`BlockPublicPolicy` does not stop a policy that is already in place ("Enabling this setting
doesn't affect existing bucket policies",
https://docs.aws.amazon.com/AmazonS3/latest/API/API_PublicAccessBlockConfiguration.html): with it
alone the finding keeps its severity, and a note says so.

When the input holds the bucket's `aws s3api get-bucket-policy-status` output, S3's own answer
(`IsPublic`,
https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketPolicyStatus.html) is cited in a
note: "S3 agrees" when it says `true`; when it says `false`, the note says that the policy in force
may differ from the one given, or that S3 accepts a condition this rule does not. A bucket that S3
calls public while no statement here is public is PA002's finding.

### Why it matters

A public bucket policy gives everyone on the internet the actions it lists: reading every object
(data leaks), and with `s3:PutObject` writing objects that the writer, not the bucket owner, then
owns under `ObjectWriter` (see OW001), or deleting them. S3 blocks such policies only where Block
Public Access says so, at bucket or account level
(https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html).

### Example

Failing (error: anyone may upload):

```json
{"Version": "2012-10-17", "Statement": [{"Sid": "PublicUpload", "Effect": "Allow",
  "Principal": "*", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}]}
```

Fixed: `"Principal": {"AWS": "arn:aws:iam::111122223333:role/uploader"}`, or a condition
`{"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}`, or (for a site) CloudFront with an OAC and
a statement for `cloudfront.amazonaws.com` with `aws:SourceArn`.

### How to fix

Name the principals that need access, or pin the statement with one of the keys above; for a
static site, serve it through CloudFront with origin access control. Then turn on Block Public
Access for the bucket and account: `aws s3api put-public-access-block --bucket <b>
--public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true`.
The fix keeps every condition the statement already has.

### Compared with IAM Access Analyzer

`check-no-public-access` with resource type `AWS::S3::Bucket`
(https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_CheckNoPublicAccess.html)
answers the same question for the policy text alone: it fails when "a resource policy can grant
public access". It does not read Block Public Access or the website origin, so where this rule
reports a note (blocked, or a website origin) Access Analyzer still reports the policy as public;
and it evaluates conditions with its own reasoning, which may accept conditions this rule does
not list (and the reverse).

### Known gaps

* Statements are judged one by one; a `Deny` that removes the public from an `Allow` (for
  example `Deny` unless `aws:SourceVpce`) is not taken into account.
* `aws:SourceIp` ranges are accepted whatever their size, except `/0` (every address), which is
  reported; S3's guide does not say how large a range may be.
* Access point policies and their Block Public Access settings are not read here.
* Public ACL grants are AC001's finding, not this rule's.
)md",
};

std::string action_list(const std::vector<std::string>& granted) {
  std::string out;
  for (std::size_t i = 0; i < granted.size() && i < 4; ++i) {
    out += fmt::format("{}'{}'", i == 0 ? "" : ", ", granted[i]);
  }
  if (granted.size() > 4) out += fmt::format(" and {} more", granted.size() - 4);
  return out;
}

class PublicBucketPolicy final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, FindingSink& sink) const override {
    const Model& model = ctx.model;
    for (const Bucket& bucket : model.buckets) {
      if (bucket.policy == nullptr) continue;
      const access::EffectiveBlock block = access::effective_block(model, bucket);
      const Origin* website = access::website_origin(model, bucket);
      for (const access::PublicGrant& g : access::public_grants(model, bucket)) {
        if (g.source != access::PublicGrant::Source::kBucketPolicy) continue;
        report(bucket, block, website, g, sink);
      }
    }
  }

 private:
  static void report(const Bucket& bucket, const access::EffectiveBlock& block,
                     const Origin* website, const access::PublicGrant& g, FindingSink& sink) {
    const Statement& stmt = *g.statement;
    const char* what = g.access.write && g.access.read ? "read and write"
                       : g.access.write                ? "write"
                                                       : "read";
    std::string message = fmt::format(
        "{} of the bucket policy of '{}' lets anyone {} ({}): its principal is public and no "
        "condition pins it",
        stmt.label(), bucket.name, what, action_list(g.granted));
    Finding f = make_finding(kInfo, stmt.principal.where.known() ? stmt.principal.where : g.where,
                             std::string());
    f.severity = g.access.write ? Severity::kError : Severity::kWarning;
    if (!g.blocked_by.empty()) {
      f.severity = Severity::kNote;
      message += fmt::format("; Block Public Access stops it: {} is on at {} level", g.blocked_by,
                             g.blocked_at_account ? "account" : "bucket");
      if (g.blocked_where.known()) {
        f.notes.push_back(
            {g.blocked_where, fmt::format("{} restricts access through a public policy to AWS "
                                          "service principals and the bucket owner's account",
                                          g.blocked_by)});
      }
      if (website != nullptr) {
        f.notes.push_back(
            {website->where, fmt::format("origin '{}' reads the bucket's website endpoint, which "
                                         "then answers 403",
                                         website->id)});
      }
    } else if (!g.access.write && website == nullptr && bucket.website) {
      f.severity = Severity::kNote;
      message += "; expected: the bucket hosts a static website, whose endpoint needs public read";
      f.notes.push_back({bucket.website->where,
                         "static website hosting is configured here (the website endpoint "
                         "serves only objects anyone may read)"});
    } else if (!g.access.write && website != nullptr) {
      f.severity = Severity::kNote;
      message += fmt::format(
          "; expected: the bucket is served through its website endpoint '{}', which needs "
          "public read",
          website->domain_name);
      f.notes.push_back(
          {website->where, fmt::format("origin '{}' reads the bucket's website endpoint (OAI and "
                                       "OAC cannot be used there)",
                                       website->id)});
    } else if (block.block_public_policy()) {
      const bool at_bucket = block.bucket.block_public_policy;
      f.notes.push_back({at_bucket ? block.bucket.where : block.account.where,
                         "BlockPublicPolicy refuses new public policies but does not affect this "
                         "one; RestrictPublicBuckets would stop it"});
    }
    if (bucket.policy_status) {
      // What S3 itself computed of the policy in force (GetBucketPolicyStatus).
      f.notes.push_back(
          {bucket.policy_status->where,
           bucket.policy_status->is_public
               ? std::string("S3 agrees: get-bucket-policy-status reports IsPublic true")
               : std::string("S3 reports IsPublic false here: the policy in force may differ "
                             "from the one given (compare with aws s3api get-bucket-policy), or "
                             "S3 accepts a condition this rule does not")});
    }
    f.message = std::move(message);
    if (!g.access.write && website == nullptr && bucket.website && g.blocked_by.empty()) {
      f.remediation = fmt::format(
          "to stop serving '{}' publicly, serve the site through CloudFront from the bucket's "
          "REST endpoint with an origin access control and grant 'cloudfront.amazonaws.com' "
          "s3:GetObject with aws:SourceArn; then remove {} and the website configuration and "
          "turn on Block Public Access",
          bucket.name, stmt.label());
    } else if (website != nullptr && !g.access.write) {
      // Block Public Access would break the site: the fix is another origin, not a setting.
      f.remediation = fmt::format(
          "to stop serving '{}' publicly, point the distribution at the bucket's REST endpoint "
          "with an origin access control and grant 'cloudfront.amazonaws.com' s3:GetObject with "
          "aws:SourceArn; then remove {} (keep it while the website endpoint is the origin) and "
          "turn on Block Public Access",
          bucket.name, stmt.label());
    } else {
      f.remediation = fmt::format(
          "name the principals that need access in {}, or add a condition with a fixed value of "
          "a key S3 treats as non-public (aws:SourceVpce, aws:SourceArn, aws:PrincipalOrgID, "
          "...), keeping its existing conditions; then aws s3api put-public-access-block "
          "--bucket {} --public-access-block-configuration "
          "BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,"
          "RestrictPublicBuckets=true",
          stmt.label(), bucket.name);
    }
    f.fingerprint_hint = stmt.label();
    drop_notes_at_primary(f);
    sink.report(std::move(f));
  }
};

}  // namespace

std::unique_ptr<Rule> make_public_bucket_policy() { return std::make_unique<PublicBucketPolicy>(); }

}  // namespace bucketlint::rules
