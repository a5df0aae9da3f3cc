#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "bucketlint/eval.h"
#include "bucketlint/model.h"
#include "bucketlint/rule.h"
#include "fix_snippets.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "CF005",
    .name = "origin-cannot-decrypt",
    .default_severity = Severity::kError,
    .stability = Stability::kStable,
    .summary =
        "objects are SSE-KMS encrypted but the CloudFront origin's OAI or OAC cannot "
        "decrypt them",
    .remediation =
        "use an OAC and a customer managed KMS key whose key policy allows "
        "'cloudfront.amazonaws.com' kms:Decrypt with 'AWS:SourceArn' of the "
        "distribution",
    .doc = R"md(### What it flags

Objects of an S3 origin bucket are, or must be, encrypted with SSE-KMS:

- the bucket's default encryption (`get-bucket-encryption`) is `aws:kms` (or `aws:kms:dsse`), or
- the bucket policy requires it: the evaluator denies a `PutObject` that sends
  `s3:x-amz-server-side-encryption: AES256` explicitly and does not deny one that sends `aws:kms`;

and the distribution reads the bucket

- through an **OAI**, which cannot use SSE-KMS at all (row 20 of docs/aws-semantics.md section 13), or
- through an **OAC** whose KMS key policy, when the key and its policy are in the model, does not
  allow `cloudfront.amazonaws.com` `kms:Decrypt` with this distribution's `aws:SourceArn` (the
  evaluator is asked; key policies must allow explicitly; row 19), or
- through an **OAC** with the AWS managed key `aws/s3` (default encryption `aws:kms` with no key
  ID, or `alias/aws/s3`; row 21). This case is reported as a **warning**: AWS documents that "the
  requester must be from the same account that owns the aws/s3 KMS key"; that the CloudFront
  service principal therefore cannot decrypt is DERIVED and UNCONFIRMED in docs/aws-semantics.md 4.2, so the
  message says the reads are expected to fail, not that they do.

### Why it matters

CloudFront gets 403 for every SSE-KMS object it cannot decrypt: OAI "doesn't support SSE-KMS"
(docs/aws-semantics.md 4.1), and with an OAC "you must make sure that the OAC has permission to use the AWS
KMS key" through the key policy (docs/aws-semantics.md 4.2;
https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-s3.html,
https://docs.aws.amazon.com/AmazonS3/latest/userguide/troubleshoot-403-errors.html). The exact
error code for a missing key-policy grant is UNCONFIRMED (row 19).

### Example

Failing (OAC, customer managed key, key policy lacks CloudFront):

```json
{"Sid": "EnableRoot", "Effect": "Allow",
 "Principal": {"AWS": "arn:aws:iam::111111111111:root"}, "Action": "kms:*", "Resource": "*"}
```

Fixed (add to the key policy):

```json
{"Sid": "AllowCloudFrontServicePrincipalSSE-KMS", "Effect": "Allow",
 "Principal": {"Service": "cloudfront.amazonaws.com"}, "Action": "kms:Decrypt", "Resource": "*",
 "Condition": {"StringEquals": {"AWS:SourceArn":
   "arn:aws:cloudfront::111111111111:distribution/EDFDVBD6EXAMPLE"}}}
```

### How to fix

OAI: migrate the origin to an OAC (see CF004), then grant the key as below. OAC with a customer
managed key: add the key-policy statement in the help. OAC with `aws/s3`: re-encrypt with a
customer managed key and set it as the bucket's default encryption.

### Known gaps

- A bucket policy that requires a specific KMS key
  (`s3:x-amz-server-side-encryption-aws-kms-key-id`) is not linked to the key; with an OAC and no
  default encryption the key policy is not checked.
- Key aliases other than `aws/s3` are resolved only when a CloudFormation template of the
  inputs creates them (`AWS::KMS::Alias`); otherwise the key must be named by key ID or ARN in
  the bucket encryption and the snapshot (`kms-keys/<key-id>/`).
- Objects encrypted individually with SSE-KMS under an `AES256` default are not visible without
  object metadata.
- Grants (`kms:CreateGrant`) and IAM policies of the key's account are not considered: a key
  policy must allow the service principal itself.

### Access Analyzer

No corresponding check.
)md",
};

constexpr std::string_view kAwsManagedAlias = "alias/aws/s3";

// Why objects are SSE-KMS: the default encryption or a bucket-policy requirement.
struct KmsEvidence {
  SourceRef where;
  std::string what;    // for the message
  std::string key_id;  // from the default encryption; empty when unknown
  bool from_encryption = false;
};

std::string_view key_tail(std::string_view id) {
  if (const std::size_t p = id.rfind("key/"); p != std::string_view::npos) {
    return id.substr(p + 4);
  }
  return id;
}

bool is_aws_managed_key(const KmsEvidence& e) {
  return e.from_encryption && (e.key_id.empty() || e.key_id.ends_with(kAwsManagedAlias));
}

const KmsKey* find_key(const Model& model, std::string_view key_id) {
  if (key_id.empty()) return nullptr;
  if (const std::size_t a = key_id.find("alias/"); a != std::string_view::npos) {
    // "alias/x" or "arn:aws:kms:<region>:<account>:alias/x": the key an alias of the inputs
    // names (a template's AWS::KMS::Alias).
    const std::string_view alias = key_id.substr(a);
    for (const KmsKey& k : model.kms_keys) {
      if (std::find(k.aliases.begin(), k.aliases.end(), alias) != k.aliases.end()) return &k;
    }
    return nullptr;
  }
  for (const KmsKey& k : model.kms_keys) {
    if (k.id == key_id || key_tail(k.id) == key_tail(key_id)) return &k;
  }
  return nullptr;
}

std::optional<KmsEvidence> kms_evidence(const access::Queries& queries, const Bucket& bucket) {
  if (bucket.encryption && bucket.encryption->algorithm.starts_with("aws:kms")) {
    KmsEvidence e;
    e.where = bucket.encryption->where;
    e.what = fmt::format("default encryption '{}'", bucket.encryption->algorithm);
    e.key_id = bucket.encryption->kms_key_id;
    e.from_encryption = true;
    return e;
  }
  if (bucket.policy == nullptr) return std::nullopt;
  // Does the bucket policy require aws:kms? Ask the evaluator about an upload from the bucket's
  // own account with SSE-S3 and one with SSE-KMS.
  const std::string account = bucket.account_id.empty() ? "111122223333" : bucket.account_id;
  const std::optional<eval::Principal> uploader =
      eval::parse_principal(fmt::format("arn:aws:iam::{}:role/uploader", account));
  if (!uploader) return std::nullopt;
  eval::Request put;
  put.principal = *uploader;
  put.action = "s3:PutObject";
  put.resource = object_arn(bucket.name, "index.html");
  put.resource_account = account;
  put.static_question = true;
  eval::PolicySet set;
  set.resource_policy = bucket.policy;
  put.context.set("s3:x-amz-server-side-encryption", "AES256");
  const eval::Result sse_s3 = queries.evaluate(put, set);
  if (sse_s3.answer != eval::Answer::kDenied ||
      sse_s3.decision != eval::Decision::kExplicitlyDenied) {
    return std::nullopt;
  }
  put.context.set("s3:x-amz-server-side-encryption", "aws:kms");
  const eval::Result sse_kms = queries.evaluate(put, set);
  if (sse_kms.answer == eval::Answer::kDenied &&
      sse_kms.decision == eval::Decision::kExplicitlyDenied) {
    return std::nullopt;
  }
  KmsEvidence e;
  e.where = bucket.policy->where;
  for (const eval::TraceEntry& t : sse_s3.trace.evaluated()) {
    if (t.effect == Effect::kDeny && t.applies == eval::Tri::kTrue && t.statement != nullptr) {
      e.where = t.where;
      e.what = fmt::format("bucket policy {} requiring 'aws:kms'", t.label());
      break;
    }
  }
  if (e.what.empty()) e.what = "bucket policy requiring 'aws:kms'";
  return e;
}

class OriginCannotDecrypt final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, FindingSink& sink) const override {
    const Model& model = ctx.model;
    for (const OriginAccess& access : ctx.access.origins()) {
      if (access.bucket == nullptr) continue;
      const Bucket& bucket = *access.bucket;
      const std::optional<KmsEvidence> kms = kms_evidence(ctx.access, bucket);
      if (!kms) continue;
      if (access.oai) {
        report_oai(model, access, *kms, sink);
      } else if (is_aws_managed_key(*kms)) {
        report_aws_managed(model, access, *kms, sink);
      } else if (const KmsKey* key = find_key(model, kms->key_id);
                 key != nullptr && key->policy != nullptr) {
        check_key_policy(ctx, access, *kms, *key, sink);
      }
    }
  }

 private:
  static void report_oai(const Model& model, const OriginAccess& access, const KmsEvidence& kms,
                         FindingSink& sink) {
    const Bucket& bucket = *access.bucket;
    Finding f = make_finding(
        kInfo, access.access_where(),
        fmt::format("{} origin '{}' reads bucket '{}' with {}, but its objects are SSE-KMS "
                    "encrypted ({}): an OAI cannot decrypt them, CloudFront gets 403",
                    access.distribution_label(), access.origin->id, bucket.name,
                    access.access_label(), kms.what));
    f.notes.push_back({kms.where, fmt::format("SSE-KMS: {}", kms.what)});
    OriginAccess as_oac = access;
    as_oac.oai = false;
    f.remediation = fmt::format(
        "switch the origin to an origin access control (OAC); allow it in the bucket policy "
        "({}) and in the KMS key policy ({})",
        cloudfront_grant_snippet(model, as_oac, "AllowCloudFrontServicePrincipalReadOnly",
                                 {"s3:GetObject"}, object_arn(bucket.name, "*")),
        cloudfront_grant_snippet(model, as_oac, "AllowCloudFrontServicePrincipalSSE-KMS",
                                 {"kms:Decrypt"}, "*"));
    sink.report(std::move(f));
  }

  static void report_aws_managed(const Model& model, const OriginAccess& access,
                                 const KmsEvidence& kms, FindingSink& sink) {
    const Bucket& bucket = *access.bucket;
    // docs/aws-semantics.md 4.2 marks this DERIVED/UNCONFIRMED: a warning, and worded as an
    // expectation.
    Finding f = make_finding(
        kInfo, kms.where,
        fmt::format("bucket '{}' encrypts with the AWS managed key 'aws/s3', which AWS documents "
                    "as usable only by requesters of its own account: {} ({}) is expected to "
                    "get 403",
                    bucket.name, access.distribution_label(), access.access_label()));
    f.severity = Severity::kWarning;
    f.notes.push_back(
        {access.access_where(), fmt::format("{} origin '{}' uses {}", access.distribution_label(),
                                            access.origin->id, access.access_label())});
    f.remediation = fmt::format(
        "create a customer managed KMS key, allow {} in its key policy ({}), set it as the "
        "default encryption of '{}' and re-encrypt existing objects",
        access.distribution_label(),
        cloudfront_grant_snippet(model, access, "AllowCloudFrontServicePrincipalSSE-KMS",
                                 {"kms:Decrypt"}, "*"),
        bucket.name);
    sink.report(std::move(f));
  }

  static void check_key_policy(const RuleContext& ctx, const OriginAccess& access,
                               const KmsEvidence& kms, const KmsKey& key, FindingSink& sink) {
    const Model& model = ctx.model;
    const Bucket& bucket = *access.bucket;
    std::string key_arn;
    if (kms.key_id.starts_with("arn:")) {
      key_arn = kms.key_id;
    } else if (key.id.starts_with("arn:")) {
      key_arn = key.id;
    } else {
      const std::string& account = key.account_id.empty() ? bucket.account_id : key.account_id;
      key_arn = fmt::format("arn:aws:kms:us-east-1:{}:key/{}",
                            account.empty() ? "111122223333" : account, key.id);
    }
    eval::Request req;
    req.principal = cloudfront_principal(model, access);
    req.action = "kms:Decrypt";
    req.resource = key_arn;
    req.resource_account = key.account_id.empty() ? bucket.account_id : key.account_id;
    req.context = cloudfront_context(access);
    for (std::string_view k : {"kms:ViaService", "kms:CallerAccount", "kms:EncryptionContextKeys",
                               "kms:EncryptionContext:aws:s3:arn"}) {
      req.context.set_unknown(k);
    }
    eval::PolicySet set;
    set.resource_policy = key.policy;
    const eval::Result r = ctx.access.evaluate(req, set);
    if (r.possibly_allowed()) return;
    Finding f = make_finding(
        kInfo, key.policy->where,
        fmt::format("the key policy of KMS key '{}' does not allow 'cloudfront.amazonaws.com' "
                    "kms:Decrypt for {}: {} ({}) gets 403 on the SSE-KMS objects of '{}'",
                    key.id, access.distribution_label(), access.distribution_label(),
                    access.access_label(), bucket.name));
    f.notes.push_back({kms.where, fmt::format("SSE-KMS: {}", kms.what)});
    f.notes.push_back(
        {access.access_where(), fmt::format("{} origin '{}' uses {}", access.distribution_label(),
                                            access.origin->id, access.access_label())});
    for (Note& n : denial_notes(r, eval::PolicySlot::kResource, "kms:Decrypt")) {
      f.notes.push_back(std::move(n));
    }
    f.remediation = fmt::format(
        "add to the key policy of '{}': {}", key.id,
        cloudfront_grant_snippet(model, access, "AllowCloudFrontServicePrincipalSSE-KMS",
                                 {"kms:Decrypt"}, "*"));
    sink.report(std::move(f));
  }
};

}  // namespace

std::unique_ptr<Rule> make_origin_cannot_decrypt() {
  return std::make_unique<OriginCannotDecrypt>();
}

}  // namespace bucketlint::rules
