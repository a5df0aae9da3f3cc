#pragma once

// The in-memory picture of everything bucketlint was given: policies, buckets, roles,
// distributions, ACLs, linked to each other where the inputs allow. Built by the loader
// (analyzer/load), read by the evaluator and the rules. Every node keeps the SourceRef of the
// JSON value it came from.

#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bucketlint/finding.h"
#include "bucketlint/json.h"
#include "bucketlint/source.h"

namespace bucketlint {

// ---------------------------------------------------------------------------------------------
// Document kinds, told apart by content (or forced with --kind).

enum class DocumentKind {
  kUnknown,
  kBucketPolicy,          // S3 bucket policy (raw, or `s3api get-bucket-policy` {"Policy": "..."})
  kResourcePolicy,        // another resource-based policy (Principal present, not S3-specific)
  kTrustPolicy,           // role trust policy (Principal + sts:AssumeRole* actions, no Resource)
  kIdentityPolicy,        // identity-based policy (no Principal)
  kKeyPolicy,             // KMS key policy (Principal + kms: actions)
  kBucketAcl,             // `s3api get-bucket-acl`
  kObjectAcl,             // `s3api get-object-acl` (under buckets/<b>/object-acls/ in snapshots)
  kOwnershipControls,     // `s3api get-bucket-ownership-controls` or its NotFound error body
  kPublicAccessBlock,     // `s3api get-public-access-block`
  kBucketEncryption,      // `s3api get-bucket-encryption`
  kObjectListing,         // `s3api list-objects-v2 --fetch-owner`
  kRole,                  // `iam get-role`
  kRolePolicy,            // `iam get-role-policy`
  kPolicyVersion,         // `iam get-policy-version`
  kAttachedPolicies,      // `iam list-attached-role-policies`
  kDistributionConfig,    // `cloudfront get-distribution-config`
  kDistribution,          // `cloudfront get-distribution`
  kOriginAccessIdentity,  // `cloudfront get-cloud-front-origin-access-identity`
  kOriginAccessControl,   // `cloudfront get-origin-access-control`
  kConfigBucketItem,  // AWS Config configuration item of an AWS::S3::Bucket (docs/aws-semantics.md
                      // 8)
  kAccountAuthorizationDetails,  // `iam get-account-authorization-details`: a whole account's IAM
  kConfigItems,  // AWS Config: configurationItems wrapper, snapshot file, select-*-resource-config
  kBucketReplication,   // `s3api get-bucket-replication`
  kBucketLogging,       // `s3api get-bucket-logging` (server access logging of the bucket)
  kBucketWebsite,       // `s3api get-bucket-website`
  kBucketPolicyStatus,  // `s3api get-bucket-policy-status`
  kBucketLocation,      // `s3api get-bucket-location`
  kAccessPoint,         // `s3control get-access-point`
  kAccessPointPolicy,   // `s3control get-access-point-policy`: {"Policy": "..."} whose Resource
                        // ARNs name access points (arn:aws:s3:<region>:<account>:accesspoint/..)
  kPolicyNames,    // `iam list-role-policies` / `iam list-user-policies`: names of inline policies
  kRoleList,       // `iam list-roles`
  kManagedPolicy,  // `iam get-policy` (metadata: ARN, default version)
  kBucketList,     // `s3api list-buckets` (bucket names, owner canonical ID)
  kDistributionList,          // `cloudfront list-distributions`
  kOriginAccessIdentityList,  // `cloudfront list-cloud-front-origin-access-identities`
  kOriginAccessControlList,   // `cloudfront list-origin-access-controls`
  kOrganization,              // `organizations describe-organization`
  kOrganizationAccounts,      // `organizations list-accounts`
  kFlowLogs,                  // `ec2 describe-flow-logs`
  kTrails,                    // `cloudtrail describe-trails`
  kLoadBalancers,             // `elbv2 describe-load-balancers`
  kLoadBalancerAttributes,    // `elbv2 describe-load-balancer-attributes`
};

// Stable kebab-case names, used by --kind and in messages ("bucket-policy", "trust-policy").
std::string_view document_kind_name(DocumentKind kind);
std::optional<DocumentKind> parse_document_kind(std::string_view name);
// All kinds but kUnknown, in declaration order (for --help and diagnostics).
const std::vector<DocumentKind>& all_document_kinds();

// ---------------------------------------------------------------------------------------------
// Policies

enum class PolicyKind { kBucket, kResource, kTrust, kIdentity, kKey, kAccessPoint };
std::string_view policy_kind_name(PolicyKind kind);  // "bucket policy", "trust policy", ...

enum class Effect { kMissing, kAllow, kDeny, kInvalid };

// A string of a policy with where it is. The text is a view of the parsed JSON tree, which the
// model owns: building the model copies no strings. Construction from a temporary std::string
// is refused at compile time, since the view would dangle.
struct LocatedString {
  LocatedString(std::string_view value_, SourceRef where_)
      : value(value_), where(std::move(where_)) {}
  LocatedString(std::string&&, SourceRef) = delete;

  std::string_view value;
  SourceRef where;
};

struct PrincipalValue {
  std::string type;   // "AWS", "Service", "Federated", "CanonicalUser", or "*" for "Principal": "*"
  std::string value;  // as written
  SourceRef where;
};

// The Principal or NotPrincipal element of one statement.
struct PrincipalElement {
  bool present = false;
  bool is_not = false;  // NotPrincipal
  std::vector<PrincipalValue> values;
  SourceRef where;
  const JsonValue* json = nullptr;
};

// Action/NotAction or Resource/NotResource: one string or an array of strings.
struct StringListElement {
  bool present = false;
  bool is_not = false;  // NotAction / NotResource
  std::vector<LocatedString> values;
  SourceRef where;
  const JsonValue* json = nullptr;
};

struct ConditionValue {
  std::string text;  // strings as they are; numbers as written; booleans "true"/"false"
  JsonType type = JsonType::kString;
  SourceRef where;
};

// One key under one operator: {"StringEquals": {"s3:x-amz-acl": ["a", "b"]}}.
struct ConditionEntry {
  std::string op;   // as written, e.g. "ForAnyValue:StringLikeIfExists"
  std::string key;  // as written, e.g. "AWS:SourceArn"
  std::vector<ConditionValue> values;
  SourceRef op_where;
  SourceRef key_where;
};

struct Statement {
  std::size_t index = 0;  // position in the Statement array (0 when Statement is an object)
  SourceRef where;
  const JsonValue* json = nullptr;
  std::optional<LocatedString> sid;
  Effect effect = Effect::kMissing;
  std::string effect_text;  // as written (for invalid values)
  SourceRef effect_where;
  PrincipalElement principal;
  StringListElement action;
  StringListElement resource;
  bool has_condition = false;
  SourceRef condition_where;
  std::vector<ConditionEntry> conditions;

  // "statement 'Sid'" or "statement 2" (1-based), for messages.
  std::string label() const;
};

struct PolicyDocument {
  PolicyKind kind = PolicyKind::kIdentity;
  const SourceFile* source = nullptr;
  const JsonValue* json = nullptr;  // the policy object itself
  SourceRef::Anchor anchor;         // what the lazy refs of this policy point into
  SourceRef where;                  // the policy object
  std::optional<LocatedString> version;
  std::optional<LocatedString> id;
  bool statement_present = false;
  bool statement_is_array = false;
  SourceRef statement_where;
  std::vector<Statement> statements;
  // Characters of the policy without whitespace outside strings: what IAM, S3 and KMS compare
  // with their size quotas. Worked out from the tree on each call (only PL020 asks, and only
  // for policies that may be over a quota: see size_bound()).
  std::size_t size_without_whitespace() const;
  // A cheap upper bound of size_without_whitespace(): the size of the file the policy is in
  // (a policy embedded in a JSON string or URL-encoded takes at least as many bytes as it has
  // characters once decoded and minified). SIZE_MAX when the policy has no source.
  std::size_t size_bound() const;

  // What it belongs to, when the snapshot layout, the config or the document says.
  std::string account_id;  // owning account
  std::string bucket;      // bucket policies
  std::string role_arn;    // trust and permission policies of a role
  std::string user_arn;    // identity policies of a user
  std::string name;        // inline/managed policy name or ARN when known
  std::string logical_id;  // CloudFormation logical ID of the resource that holds it

  // "bucket policy of 'media-assets'", "trust policy of 'arn:...'", or the file path.
  std::string label() const;
};

// ---------------------------------------------------------------------------------------------
// S3

enum class ObjectOwnership { kUnknown, kObjectWriter, kBucketOwnerPreferred, kBucketOwnerEnforced };
std::string_view object_ownership_name(ObjectOwnership o);  // API spelling; "unknown"

struct OwnershipSetting {
  ObjectOwnership value = ObjectOwnership::kUnknown;
  // kTemplateDefault: a template creates the bucket without OwnershipControls, so S3 applies
  // today's default for new buckets, BucketOwnerEnforced. kCreated: the same for a bucket a
  // Terraform plan or .tf source creates.
  enum class Source {
    kNone,
    kDocument,
    kNotFoundError,
    kConfig,
    kTemplateDefault,
    kCreated
  } source = Source::kNone;
  SourceRef where;
  bool known() const { return value != ObjectOwnership::kUnknown; }
  // What S3 does: no ownership controls at all means ObjectWriter (docs/aws-semantics.md 2.2).
  ObjectOwnership effective() const {
    return value == ObjectOwnership::kUnknown ? ObjectOwnership::kObjectWriter : value;
  }
};

enum class GranteeType { kCanonicalUser, kGroup, kEmail, kUnknown };

struct AclGrant {
  GranteeType type = GranteeType::kUnknown;
  std::string id;            // canonical user ID
  std::string uri;           // group URI (AWS Config's bare names are expanded to URIs)
  std::string email;         // email grantee
  std::string display_name;  // may be absent (S3 stopped returning it in 2025)
  std::string permission;    // FULL_CONTROL | WRITE | WRITE_ACP | READ | READ_ACP
  SourceRef where;
};

struct Acl {
  std::string owner_id;  // canonical ID of the owner
  SourceRef owner_where;
  std::vector<AclGrant> grants;
  SourceRef where;
};

constexpr std::string_view kAllUsersUri = "http://acs.amazonaws.com/groups/global/AllUsers";
constexpr std::string_view kAuthenticatedUsersUri =
    "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";
constexpr std::string_view kLogDeliveryUri = "http://acs.amazonaws.com/groups/s3/LogDelivery";

struct ObjectAcl {
  std::string key;  // object key (snapshot: from the file name)
  Acl acl;
};

struct ObjectEntry {  // one `list-objects-v2 --fetch-owner` entry
  std::string key;
  std::string owner_id;  // canonical ID; empty when the listing has no Owner
  SourceRef where;
};

struct PublicAccessBlock {
  bool block_public_acls = false;
  bool ignore_public_acls = false;
  bool block_public_policy = false;
  bool restrict_public_buckets = false;
  SourceRef where;
};

struct BucketEncryption {
  std::string algorithm;   // "AES256", "aws:kms", "aws:kms:dsse"
  std::string kms_key_id;  // key ID, key ARN or alias; empty means the AWS managed aws/s3 key
  bool bucket_key_enabled = false;
  SourceRef where;
};

// One rule of a bucket's replication configuration (`get-bucket-replication`, CloudFormation
// ReplicationConfiguration, Terraform aws_s3_bucket_replication_configuration). Replicas keep
// the source object's owner unless AccessControlTranslation sets Owner 'Destination':
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-change-owner.html
struct ReplicationRule {
  std::string id;                   // "ID", may be empty
  bool enabled = true;              // Status "Enabled"
  std::string destination_bucket;   // bucket name from the destination ARN
  std::string destination_arn;      // as written
  std::string destination_account;  // Destination.Account; empty when the rule names none
  bool owner_override = false;      // AccessControlTranslation.Owner == "Destination"
  SourceRef where;                  // the rule
  SourceRef destination_where;      // Destination.Bucket
  SourceRef owner_where;            // AccessControlTranslation (empty when absent)
};

struct ReplicationConfiguration {
  std::string role_arn;
  std::vector<ReplicationRule> rules;
  SourceRef where;
};

// Server access logging of a bucket: where S3 delivers the logs of requests made to it
// (`get-bucket-logging` LoggingEnabled, CloudFormation LoggingConfiguration, Terraform
// aws_s3_bucket_logging). https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html
struct LoggingConfiguration {
  std::string target_bucket;
  std::string target_prefix;
  bool has_target_grants = false;  // TargetGrants (ACL-style grants on the log objects)
  SourceRef where;
  SourceRef target_where;  // TargetBucket
};

// Static website hosting (`get-bucket-website`, CloudFormation WebsiteConfiguration, Terraform
// aws_s3_bucket_website_configuration).
struct WebsiteConfiguration {
  std::string index_document;     // IndexDocument.Suffix
  std::string error_document;     // ErrorDocument.Key
  std::string redirect_all_to;    // RedirectAllRequestsTo.HostName
  std::size_t routing_rules = 0;  // number of RoutingRules
  SourceRef where;
};

// `get-bucket-policy-status`: what S3 itself computed of the bucket policy.
struct PolicyStatus {
  bool is_public = false;
  SourceRef where;
};

struct Bucket {
  std::string name;
  std::string account_id;  // owner account; empty when unknown
  SourceRef where;         // first document that named it (or the config entry)
  const PolicyDocument* policy = nullptr;
  std::optional<Acl> acl;
  OwnershipSetting ownership;
  std::optional<PublicAccessBlock> public_access_block;
  std::optional<BucketEncryption> encryption;
  std::vector<ObjectAcl> object_acls;
  bool has_listing = false;
  SourceRef listing_where;
  std::vector<ObjectEntry> objects;
  std::string logical_id;       // CloudFormation logical ID when a template creates it
  bool name_generated = false;  // the template sets no name: `name` is bucketlint's stand-in
  std::optional<ReplicationConfiguration> replication;
  std::optional<LoggingConfiguration> logging;  // where this bucket's access logs go
  std::optional<WebsiteConfiguration> website;
  std::optional<PolicyStatus> policy_status;
  std::string region;  // get-bucket-location ("us-east-1" for a null LocationConstraint)
  SourceRef region_where;
};

// An S3 access point (`s3control get-access-point`, CloudFormation AWS::S3::AccessPoint,
// Terraform aws_s3_access_point) and its policy (`s3control get-access-point-policy`,
// AWS::S3::AccessPoint Policy, aws_s3control_access_point_policy). A request through an access
// point must be allowed by the access point policy and by the bucket policy (which may delegate
// to access points with s3:DataAccessPointAccount):
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-policies.html
struct AccessPoint {
  std::string name;
  std::string arn;             // arn:aws:s3:<region>:<account>:accesspoint/<name>; may be empty
  std::string bucket;          // the bucket it serves
  std::string bucket_account;  // BucketAccountId when given (the bucket may be in another account)
  std::string account_id;      // the access point's owner
  std::string region;
  std::string network_origin;  // "Internet" or "VPC"; empty when unknown
  std::optional<PublicAccessBlock> public_access_block;
  const PolicyDocument* policy = nullptr;
  SourceRef where;
  std::string logical_id;  // CloudFormation logical ID / Terraform address when IaC creates it
};

// A service that delivers logs into an S3 bucket through the bucket policy: a VPC flow log
// (`ec2 describe-flow-logs`, AWS::EC2::FlowLog, aws_flow_log), a CloudTrail trail
// (`cloudtrail describe-trails`, AWS::CloudTrail::Trail, aws_cloudtrail) or the access logs of
// an Application or Network Load Balancer (`elbv2 describe-load-balancer-attributes`,
// AWS::ElasticLoadBalancingV2::LoadBalancer LoadBalancerAttributes, aws_lb access_logs). The log
// objects go to <bucket>/<prefix>/AWSLogs/<account>/...
struct LogDelivery {
  enum class Kind {
    kFlowLog,
    kCloudTrail,
    kApplicationLoadBalancer,
    kNetworkLoadBalancer,
    kLoadBalancer
  };  // kLoadBalancer: an ELB of unknown type
  Kind kind = Kind::kFlowLog;
  std::string name;        // flow log ID, trail name, load balancer name (or a stand-in)
  std::string arn;         // trail or load balancer ARN when known
  std::string account_id;  // the account whose resource delivers (AWSLogs/<account>/)
  std::string region;      // empty when unknown
  std::string bucket;      // target bucket
  std::string prefix;      // key prefix, without leading or trailing '/'
  SourceRef where;         // the flow log, trail or load balancer
  SourceRef bucket_where;  // the value naming the bucket
  std::string logical_id;  // CloudFormation logical ID / Terraform address when IaC creates it
};

// Stable identifiers of the kinds (`bucketlint model`): "vpc-flow-log", "cloudtrail",
// "application-load-balancer", "network-load-balancer", "load-balancer".
std::string_view log_delivery_kind_id(LogDelivery::Kind kind);

// ---------------------------------------------------------------------------------------------
// IAM

struct Role {
  std::string arn;
  std::string account_id;
  std::string name;
  std::string role_id;  // AROA... when a get-role dump gives it
  SourceRef where;
  const PolicyDocument* trust_policy = nullptr;
  std::vector<const PolicyDocument*> permission_policies;  // inline and managed documents
  std::vector<LocatedString> attached_policy_arns;         // list-attached-role-policies
  const PolicyDocument* permissions_boundary = nullptr;
  std::vector<LocatedString> inline_policy_names;  // list-role-policies
  std::string logical_id;  // CloudFormation logical ID when a template creates it
};

struct User {
  std::string arn;
  std::string account_id;
  std::string name;
  SourceRef where;
  std::vector<const PolicyDocument*> policies;
  std::string logical_id;  // CloudFormation logical ID when a template creates it
  std::vector<LocatedString> attached_policy_arns;  // list-attached-user-policies
  std::vector<LocatedString> inline_policy_names;   // list-user-policies
};

// ---------------------------------------------------------------------------------------------
// CloudFront and KMS

struct Origin {
  std::string id;
  std::string domain_name;
  std::string bucket;  // derived from an S3 domain name ("b.s3.amazonaws.com", regional forms)
  bool is_s3 = false;  // has S3OriginConfig or an S3 REST domain name
  bool is_website_endpoint = false;  // "b.s3-website-..." (cannot use OAI/OAC)
  std::string oai_id;  // from "origin-access-identity/cloudfront/<ID>"; empty when none
  std::string oac_id;  // OriginAccessControlId; empty when none
  SourceRef where;
  SourceRef oai_where;
  SourceRef oac_where;
};

struct Distribution {
  std::string id;
  std::string account_id;
  std::string arn;  // arn:aws:cloudfront::<account>:distribution/<id>
  SourceRef where;
  std::vector<Origin> origins;
  std::string logical_id;  // CloudFormation logical ID (the ID is then bucketlint's stand-in)
  // Standard logging (legacy): the bucket CloudFront writes access logs to (from Logging.Bucket
  // "b.s3.amazonaws.com"); empty when logging is off.
  std::string logging_bucket;
  SourceRef logging_where;
};

struct OriginAccessIdentity {
  std::string id;
  std::string canonical_user_id;
  std::string account_id;
  SourceRef where;
  std::string logical_id;   // CloudFormation logical ID (the ID is then bucketlint's stand-in)
  std::string arn() const;  // arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity <id>
};

struct OriginAccessControl {
  std::string id;
  std::string name;
  std::string signing_behavior;  // always | never | no-override
  std::string signing_protocol;  // sigv4
  std::string origin_type;       // s3 | mediastore | ...
  std::string account_id;
  SourceRef where;
  std::string logical_id;  // CloudFormation logical ID (the ID is then bucketlint's stand-in)
};

struct KmsKey {
  std::string id;  // key ID or ARN as named by the snapshot/config
  std::string account_id;
  const PolicyDocument* policy = nullptr;
  SourceRef where;
  std::vector<std::string> aliases;  // "alias/<name>" (CloudFormation AWS::KMS::Alias)
  std::string logical_id;  // CloudFormation logical ID (the ID is then bucketlint's stand-in)
};

struct Account {
  std::string id;  // 12 digits
  std::string name;
  std::string canonical_id;  // 64 hex characters, when known
  SourceRef where;
  // `aws s3control get-public-access-block --account-id <id>` (accounts/<id>/*.json in a
  // snapshot): applies to every bucket of the account, together with the bucket's own.
  std::optional<PublicAccessBlock> public_access_block;
};

// The AWS Organizations organisation the accounts belong to (`organizations
// describe-organization`, `list-accounts`). Its accounts are "ours": they join trusted_accounts.
struct Organization {
  std::string id;                  // "o-..."; empty when not given
  std::string management_account;  // MasterAccountId
  SourceRef where;
  std::vector<std::string> accounts;  // every account list-accounts names, in its order
  bool accounts_listed = false;       // a list-accounts output was read
};

// ---------------------------------------------------------------------------------------------
// Input diagnostics (reported by the IN rules) and the model.

struct LoadDiagnostic {
  std::string_view rule_id;  // "IN001" ...
  SourceRef where;
  std::string message;
  bool incomplete = false;  // part of the input could not be analysed (exit code 2)
  std::vector<Note> notes;
};

// A document the loader read but did not bind to an entity, e.g. a single ACL file given on the
// command line. Rules that can answer from one document look at these too.
struct LooseAcl {
  DocumentKind kind = DocumentKind::kBucketAcl;  // kBucketAcl or kObjectAcl
  Acl acl;
};

// "arn:aws:iam::<id>:root" for a bare 12-digit account ID principal (AWS stores the short form
// so, docs/aws-semantics.md 5.2); any other value is returned unchanged.
std::string account_principal_to_root_arn(std::string_view principal);
// True for exactly 12 ASCII digits.
bool is_account_id(std::string_view s);
// True when a value holds a part a CloudFormation template leaves unknown until deployment
// ("arn:aws:s3:::{{parameter Name}}/*"): rules that judge the format of a value skip it.
bool has_unresolved_part(std::string_view s);

// A resource block or plan entry of infrastructure code (Terraform) and what of its file it
// covers: findings and notes placed there name it by its address.
struct IacResource {
  std::string file;  // display path, as SourceRef::file()
  std::string
      pointer;  // plan/state JSON: the entry's JSON Pointer ("/resource_changes/3"); "" for .tf
  int first_line = 0;  // .tf: the block's lines
  int last_line = 0;
  std::string address;  // "module.site.aws_s3_bucket_policy.this"
};

struct Model {
  // Owned storage: sources and every parsed JSON tree (embedded documents included).
  std::vector<std::unique_ptr<SourceFile>> sources;
  std::vector<std::unique_ptr<JsonValue>> trees;
  // Text that LocatedString views point into once the tree it was read from is released (a
  // deque: its strings never move).
  std::deque<std::string> strings;
  std::vector<std::unique_ptr<PolicyDocument>> policies;  // every policy, bound or not

  std::vector<Account> accounts;
  std::vector<std::string> trusted_accounts;  // config `trusted_accounts`
  bool trusted_accounts_configured = false;
  // `catalogue:` of the config: what the built-in IAM catalogue lacks (services or actions
  // newer than its date). Actions as "service:Action" (wildcards allowed), services as prefixes;
  // both lower case. PL101/PL102 accept them.
  std::vector<std::string> extra_actions;
  std::vector<std::string> extra_services;
  Organization organization;
  // `s3api list-buckets`: bucket name -> canonical user ID of the account that owns it
  // (Owner.ID). The link pass gives a bucket of unknown account the account with that ID.
  std::map<std::string, std::string, std::less<>> listed_bucket_owners;
  std::string default_account;  // --account: owner of documents given without context
  bool has_context = false;     // a snapshot directory or a config file bound documents

  std::vector<Bucket> buckets;
  std::vector<Role> roles;
  std::vector<User> users;
  std::vector<Distribution> distributions;
  std::vector<OriginAccessIdentity> oais;
  std::vector<OriginAccessControl> oacs;
  std::vector<KmsKey> kms_keys;
  std::vector<AccessPoint> access_points;
  std::vector<LogDelivery> log_deliveries;
  std::vector<LooseAcl> loose_acls;
  std::vector<IacResource> iac_resources;  // Terraform resources read, in input order

  std::vector<LoadDiagnostic> diagnostics;

  // The find_* lookups below, access_points_of and origins_of scan the model unless
  // build_index() was called once it was complete: an organisation asks them per bucket, and
  // a scan per bucket is quadratic in the organisation. The index keeps the answers of the scans
  // (the first match in model order) and is used only while the vectors it indexed are
  // unchanged (same storage, same size); after a change, lookups scan again until the next
  // build_index(). Not safe to call while other threads read the model (the engine calls it
  // before its threads start).
  void build_index() const;

  const Account* find_account(std::string_view id) const;
  const Account* find_account_by_canonical_id(std::string_view canonical_id) const;
  const Bucket* find_bucket(std::string_view name) const;
  const Role* find_role(std::string_view arn) const;
  const OriginAccessIdentity* find_oai(std::string_view id) const;
  const OriginAccessIdentity* find_oai_by_canonical_id(std::string_view canonical_id) const;
  const OriginAccessControl* find_oac(std::string_view id) const;
  // Access points serving `bucket`, in model order.
  std::vector<const AccessPoint*> access_points_of(std::string_view bucket) const;
  // Origins of the model's distributions whose bucket is `bucket`, in model order.
  std::vector<const Origin*> origins_of(std::string_view bucket) const;
  bool is_trusted_account(std::string_view id) const;

  struct Index;
  // Set by build_index(); a cache of lookups, not part of the model's value.
  mutable std::shared_ptr<const Index> index;
};

}  // namespace bucketlint
