// CF006: a CloudFront origin is an S3 website endpoint: OAI and OAC do not apply there (it is a
// custom origin) and it serves only what anonymous readers may get, so the bucket must be public.

#include <fmt/format.h>

#include <memory>
#include <optional>
#include <string>

#include "bucketlint/access.h"
#include "bucketlint/eval.h"
#include "bucketlint/model.h"
#include "bucketlint/rule.h"
#include "ownership_wording.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "CF006",
    .name = "website-endpoint-origin",
    .default_severity = Severity::kError,
    .stability = Stability::kPreview,
    .summary =
        "a CloudFront origin is an S3 website endpoint that an OAI/OAC cannot protect or that "
        "does not serve anonymous readers",
    .remediation =
        "point the origin at the bucket's REST endpoint (<bucket>.s3.<region>.amazonaws.com) with "
        "an origin access control, and keep the bucket private",
    .doc = R"md(### What it flags

A distribution origin whose domain is an S3 website endpoint
(`<bucket>.s3-website-<region>.amazonaws.com` or `<bucket>.s3-website.<region>.amazonaws.com`),
linked to that bucket, when

* the origin has an origin access identity or an origin access control: neither applies to a
  website endpoint, so the configuration protects nothing and CloudFront's requests reach S3
  unsigned; or
* the bucket is in the input and its bucket policy does not let anonymous readers
  `s3:GetObject` (or Block Public Access `RestrictPublicBuckets` stops them): the website
  endpoint then answers CloudFront with 403.

Every message says what the website endpoint needs: the bucket must be public for the origin
to work.

### Why it matters

CloudFront: an S3 bucket "configured as a website endpoint" must be set up as a custom origin,
and origin access control and origin access identity work only with S3 REST endpoints, not with
website endpoints
(https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-s3.html,
https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/DownloadDistS3AndCustomOrigins.html).
S3: website endpoints serve only publicly readable content and support no authenticated
requests (https://docs.aws.amazon.com/AmazonS3/latest/userguide/WebsiteEndpoints.html,
https://docs.aws.amazon.com/AmazonS3/latest/userguide/WebsiteAccessPermissionsReqd.html).
So a website origin either fails with 403 or exposes the whole bucket to the internet, beside
CloudFront, whatever OAI or OAC the distribution names.

### Example

Failing: origin `site` has domain `www-example.s3-website-us-east-1.amazonaws.com` and
`OriginAccessControlId` `E1ABCDEFGHIJKL`; the bucket policy grants only the OAC. Fixed: the
origin uses `www-example.s3.us-east-1.amazonaws.com` with the OAC (an S3 REST origin).

### How to fix

Use the bucket's REST endpoint as an S3 origin with an origin access control and keep the
bucket private (Block Public Access on); index documents of subfolders and redirects then need a
CloudFront Function or default root object. Making the bucket public is what a website
endpoint needs, but it is not a fix bucketlint suggests.

### Known gaps

* Account-level Block Public Access is not taken into account here.
* Public read through object ACLs (AllUsers READ on each object) is not counted.

No IAM Access Analyzer policy check corresponds to this rule.
)md",
};

class WebsiteEndpointOrigin final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, FindingSink& sink) const override {
    const Model& model = ctx.model;
    for (const Distribution& d : model.distributions) {
      for (const Origin& o : d.origins) {
        if (!o.is_website_endpoint || o.bucket.empty()) continue;
        const Bucket* bucket = model.find_bucket(o.bucket);
        const std::string dist =
            d.id.empty() ? std::string("the distribution") : fmt::format("distribution '{}'", d.id);
        if (!o.oai_id.empty() || !o.oac_id.empty()) {
          const bool oai = !o.oai_id.empty();
          Finding finding = make_finding(
              kInfo, oai ? o.oai_where : o.oac_where,
              fmt::format("origin '{}' of {} is the website endpoint of bucket '{}': its {} '{}' "
                          "does not apply there (a website endpoint is a custom origin), and the "
                          "bucket must be public for the origin to work",
                          o.id, dist, o.bucket, oai ? "OAI" : "OAC", oai ? o.oai_id : o.oac_id));
          finding.notes.push_back({o.where, "the website endpoint is named here"});
          finding.remediation = remediation(o, bucket);
          finding.fingerprint_hint = o.id;
          drop_notes_at_primary(finding);
          sink.report(std::move(finding));
          continue;
        }
        if (bucket == nullptr) continue;
        const std::optional<std::string> blocked = why_not_public(ctx, *bucket);
        if (!blocked) continue;
        Finding finding = make_finding(
            kInfo, o.where,
            fmt::format("origin '{}' of {} is the website endpoint of bucket '{}', which serves "
                        "only what anonymous readers may get: {}, so CloudFront gets 403",
                        o.id, dist, o.bucket, *blocked));
        if (bucket->policy != nullptr) {
          finding.notes.push_back({bucket->policy->where, "the bucket policy of the origin"});
        }
        if (bucket->public_access_block && bucket->public_access_block->restrict_public_buckets) {
          finding.notes.push_back(
              {bucket->public_access_block->where, "RestrictPublicBuckets is on here"});
        }
        finding.remediation = remediation(o, bucket);
        finding.fingerprint_hint = o.id;
        drop_notes_at_primary(finding);
        sink.report(std::move(finding));
      }
    }
  }

 private:
  // Why anonymous readers cannot get the bucket's objects; nullopt when they may.
  static std::optional<std::string> why_not_public(const RuleContext& ctx, const Bucket& bucket) {
    if (bucket.public_access_block && bucket.public_access_block->restrict_public_buckets) {
      return std::string("Block Public Access (RestrictPublicBuckets) stops anonymous readers");
    }
    if (bucket.policy == nullptr) {
      return std::string("the bucket has no bucket policy that lets anonymous readers in");
    }
    eval::Request request;
    request.principal = eval::Principal{};  // anonymous
    request.action = "s3:GetObject";
    request.resource = access::object_arn(bucket.name, "index.html");
    request.resource_account = bucket_account(ctx.model, bucket);
    request.static_question = true;
    eval::PolicySet set;
    set.resource_policy = bucket.policy;
    set.identity_not_given = true;
    if (ctx.access.evaluate(request, set, false).possibly_allowed()) return std::nullopt;
    return std::string("its bucket policy lets anonymous readers no s3:GetObject");
  }

  static std::string remediation(const Origin& o, const Bucket* bucket) {
    std::string rest = fmt::format("{}.s3.<region>.amazonaws.com", o.bucket);
    if (bucket != nullptr && !bucket->region.empty()) {
      rest = fmt::format("{}.s3.{}.amazonaws.com", o.bucket, bucket->region);
    }
    return fmt::format(
        "point origin '{}' at the bucket's REST endpoint '{}' as an S3 origin with an origin "
        "access control, grant that OAC s3:GetObject in the bucket policy, and keep the bucket "
        "private (index documents of subfolders then need a CloudFront Function)",
        o.id, rest);
  }
};

}  // namespace

std::unique_ptr<Rule> make_website_endpoint_origin() {
  return std::make_unique<WebsiteEndpointOrigin>();
}

}  // namespace bucketlint::rules
