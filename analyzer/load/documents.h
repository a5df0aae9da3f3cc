#pragma once

// One input document, read: its kind (told by content, docs/aws-semantics.md section 7) and what it
// says, not yet bound to an entity. The loader binds it afterwards: to the entity a snapshot path
// or the config names, or as a loose document.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "bucketlint/json.h"
#include "bucketlint/model.h"
#include "bucketlint/source.h"

namespace bucketlint {

// A role or user of an `iam get-account-authorization-details` dump, with the policies in force:
// inline ones, the default version of each attached managed policy found in the dump, and (for
// users) the inline and managed policies of their groups.
struct DumpedPrincipal {
  bool is_user = false;
  std::string arn;
  std::string account_id;
  std::string name;
  std::string unique_id;  // RoleId / UserId
  SourceRef where;
  PolicyDocument* trust_policy = nullptr;  // roles
  std::vector<PolicyDocument*> policies;
  PolicyDocument* permissions_boundary = nullptr;
  std::vector<LocatedString> attached_policy_arns;  // as listed, found in the dump or not
};

struct LoadedDocument {
  DocumentKind kind = DocumentKind::kUnknown;
  const SourceFile* source = nullptr;
  const JsonValue* root = nullptr;
  SourceRef where;  // the document's top-level value

  // Policy kinds, get-bucket-policy, get-role (trust policy), get-role-policy,
  // get-policy-version, the Config bucket item (bucket policy). Owned by model.policies.
  PolicyDocument* policy = nullptr;

  // S3
  std::optional<Acl> acl;  // bucket/object ACL, Config item ACL
  OwnershipSetting ownership;
  std::optional<PublicAccessBlock> public_access_block;
  std::optional<BucketEncryption> encryption;
  std::vector<ObjectEntry> objects;  // listing
  SourceRef listing_where;
  std::string bucket_name;  // listing "Name", Config item resource name
  SourceRef bucket_where;
  std::string account_id;  // Config item "accountId"
  std::optional<ReplicationConfiguration> replication;
  std::optional<LoggingConfiguration> logging;
  std::optional<WebsiteConfiguration> website;
  std::optional<PolicyStatus> policy_status;
  std::string region;  // get-bucket-location
  SourceRef region_where;
  std::optional<AccessPoint> access_point;  // get-access-point; the ARN named by an access
                                            // point policy (get-access-point-policy)

  // IAM
  std::optional<Role> role;  // get-role: arn, name, role_id, where (trust policy in `policy`)
  std::string policy_name;   // get-role-policy PolicyName
  std::string owner_name;    // get-role-policy RoleName / get-user-policy UserName
  bool owner_is_user = false;
  std::vector<LocatedString> attached_policy_arns;
  std::vector<LocatedString> policy_names;  // list-role-policies / list-user-policies
  std::vector<DumpedPrincipal> principals;  // get-account-authorization-details, Config roles
  // Config AWS::IAM::Policy items: ARN and the default version's document.
  std::vector<std::pair<std::string, PolicyDocument*>> managed_policies;
  std::vector<LoadedDocument> items;  // Config: one kConfigBucketItem per bucket item
  // Config AWS::S3::AccountPublicAccessBlock items: the account and its settings.
  std::vector<std::pair<std::string, PublicAccessBlock>> account_public_access_blocks;
  std::vector<KmsKey> kms_keys;  // Config AWS::KMS::Key items (policy owned by model.policies)

  // iam get-policy (managed policy metadata) and get-policy-version
  std::string policy_arn;  // get-policy Policy.Arn
  SourceRef policy_arn_where;
  std::string default_version_id;          // get-policy Policy.DefaultVersionId
  std::string version_id;                  // get-policy-version PolicyVersion.VersionId
  std::optional<bool> is_default_version;  // get-policy-version PolicyVersion.IsDefaultVersion

  // s3api list-buckets
  std::string canonical_id;  // Owner.ID
  SourceRef canonical_where;
  std::vector<std::pair<std::string, SourceRef>> listed_buckets;  // Buckets[].Name

  // CloudFront
  std::optional<Distribution> distribution;
  std::optional<OriginAccessIdentity> oai;
  std::optional<OriginAccessControl> oac;
  std::vector<Distribution> distributions;  // list-distributions, Config distribution items
  std::vector<OriginAccessIdentity> oais;   // list-cloud-front-origin-access-identities
  std::vector<OriginAccessControl> oacs;    // list-origin-access-controls

  // ec2 describe-flow-logs, cloudtrail describe-trails, elbv2 describe-load-balancer-attributes:
  // log deliveries into S3 (account and region filled in when the document says them).
  std::vector<LogDelivery> log_deliveries;
  // elbv2 describe-load-balancers: name -> (type, ARN) of each load balancer listed.
  std::vector<LogDelivery> load_balancers;

  // organizations describe-organization / list-accounts
  std::string organization_id;
  std::string management_account;
  std::vector<Account> organization_accounts;  // id, name, where
};

// The kind a document's content says (DocumentKind::kUnknown when it cannot be told).
DocumentKind classify_document(const JsonValue& root);

// The input rule that reports a JSON parse error: IN001 syntax, IN002 duplicate key, IN003
// invalid UTF-8, IN006 nesting too deep.
std::string_view json_error_rule(JsonErrorKind kind);

// Reads `root` (already parsed from `source`) as `kind` (classified when not forced): builds
// policies (model.policies, embedded and URL-encoded ones re-parsed into model.trees with
// positions mapped back into the file), extracts ACLs, settings and CloudFront entities, and
// reports problems in model.diagnostics. An unknown kind gets IN008.
LoadedDocument read_document(Model& model, const SourceFile& source, const JsonValue& root,
                             std::optional<DocumentKind> forced_kind, int max_depth);

// An AWS Config export read item by item, for files of tens of megabytes (an organisation's
// aggregator): {"configurationItems": [...]} (a configuration snapshot file,
// get-resource-config-history) or {"Results": [...], "QueryInfo": ...}
// (select-(aggregate-)resource-config). Only the outer structure is scanned; each item is parsed
// alone (positions stay those of the file), read into entities, and its tree released unless the
// model points into it. A malformed item is reported (IN001, ...) and the others are still read.
// nullopt when `source` is not such an export or its outer structure does not scan: the caller
// then parses it whole, which reports the problem exactly.
std::optional<LoadedDocument> read_config_export(Model& model, const SourceFile& source,
                                                 int max_depth);

// Splits an S3 origin domain name: "b.s3.amazonaws.com", "b.s3.<region>.amazonaws.com",
// "b.s3-<region>.amazonaws.com" (REST) and "b.s3-website-<region>.amazonaws.com",
// "b.s3-website.<region>.amazonaws.com" (website endpoints). Returns false for other names.
bool parse_s3_domain(std::string_view domain, std::string& bucket, bool& is_website);

// The bucket named by a bucket policy's Resource ARNs when they all name the same one.
std::string bucket_named_by_policy(const PolicyDocument& policy);

// An access point ARN "arn:<partition>:s3:<region>:<account>:accesspoint/<name>[/object/...]"
// split into its parts; false for any other string.
struct AccessPointArn {
  std::string arn;  // without the /object/... part
  std::string region;
  std::string account;
  std::string name;
};
bool parse_access_point_arn(std::string_view arn, AccessPointArn& out);

// The access point named by a policy's Resource ARNs, when every S3 resource of the policy is
// an access point ARN and they all name the same one (what `s3control get-access-point-policy`
// prints). nullopt otherwise: a policy that names a bucket is a bucket policy.
std::optional<AccessPointArn> access_point_named_by_policy(const PolicyDocument& policy);

}  // namespace bucketlint
