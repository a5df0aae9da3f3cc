#pragma once

// The bind stage of the loader: finds and creates entities (accounts, buckets, roles, users,
// distributions, KMS keys) by key without quadratic scans, and attaches each loaded document to
// the entity it belongs to, from a snapshot path, the config's bindings or as a loose document.

#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "bucketlint/model.h"
#include "bucketlint/source.h"
#include "load/documents.h"

namespace bucketlint {

// Finds and creates entities by key without quadratic scans, and attaches documents to them.
class Binder {
 public:
  explicit Binder(Model& model);

  Model& model() { return m_; }

  std::size_t account(const std::string& id, const SourceRef& where);

  std::size_t bucket(const std::string& name, const std::string& account_id,
                     const SourceRef& where);

  // A loose bucket: one per (directory, name), so unrelated scenarios never merge.
  std::size_t loose_bucket(const std::string& group, const std::string& name,
                           const SourceRef& where);

  std::size_t role(const std::string& arn, const std::string& account_id, const std::string& name,
                   const SourceRef& where);

  std::size_t user(const std::string& arn, const std::string& account_id, const std::string& name,
                   const SourceRef& where);

  std::size_t distribution(const std::string& id, const std::string& account_id,
                           const SourceRef& where);

  std::size_t kms_key(const std::string& id, const std::string& account_id, const SourceRef& where);

  // An access point, by owner account and name (both a get-access-point dump and the ARN in
  // its policy give them). An empty account matches an access point of that name in any one
  // account.
  std::size_t access_point(const std::string& account_id, const std::string& name,
                           const SourceRef& where);

  // Attaches a get-access-point or get-access-point-policy document. `bucket`: the bucket
  // whose snapshot folder holds it (empty elsewhere). Returns false for other kinds.
  bool attach_to_access_point(LoadedDocument& doc, const std::string& account_id,
                              const std::string& bucket);

  void layout(SourceRef where, std::string message);

  void wrong_kind(const LoadedDocument& doc, std::string_view place);

  // Attaches a bucket-level document. Returns false when its kind does not fit a bucket.
  bool attach_to_bucket(std::size_t index, LoadedDocument& doc);

  // Only the default version of a managed policy is in force
  // (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-versioning.html):
  // a get-policy-version output of another version is not attached to `holder` (it is still
  // linted as a document), and that is said (IN011).
  bool version_in_force(const LoadedDocument& doc, const std::string& holder);

  bool attach_to_role(std::size_t index, LoadedDocument& doc);

  bool attach_to_user(std::size_t index, LoadedDocument& doc);

  bool attach_to_distribution(std::size_t index, LoadedDocument& doc);

  bool attach_cloudfront_identity(const std::string& account_id, LoadedDocument& doc);

  bool attach_to_key(std::size_t index, LoadedDocument& doc);

  // The roles and users of a get-account-authorization-details dump. A managed policy attached
  // to several principals is one PolicyDocument: it names its principal (role_arn, user_arn)
  // only when it has exactly one. `account`: the snapshot account folder holding the dump
  // (empty for a loose dump); principals of another account are a layout error.
  void bind_authorization_details(LoadedDocument& doc, const std::string& account);

  // A whole-account dump in a snapshot account folder (`account` is the folder's ID; empty for
  // a loose one): IAM authorization details, list-roles, list-buckets, the CloudFront lists and
  // the organization outputs. Returns false for a document that does not belong there.
  bool bind_account_dump(LoadedDocument& doc, const std::string& account);

  // ec2 describe-flow-logs, cloudtrail describe-trails, elbv2 describe-load-balancer-attributes:
  // their S3 log deliveries join the model, owned by `account` (the folder's, else what the
  // document says, else --account). Load balancer attributes take their name from
  // `folder_name` and their type, ARN and Region from `load_balancers` (describe-load-balancers
  // output beside them).
  void bind_log_deliveries(LoadedDocument& doc, const std::string& account,
                           const std::vector<LogDelivery>& load_balancers,
                           const std::string& folder_name = "");

  // s3api list-buckets: Owner.ID is the canonical user ID of `account` (when the folder names
  // it) and of the owner of every bucket listed.
  void bind_bucket_list(const LoadedDocument& doc, const std::string& account);

  // list-distributions, list-cloud-front-origin-access-identities, list-origin-access-controls.
  // `account`: the folder's account (empty for a loose list: the distribution ARN's account,
  // else --account). A distribution's, OAI's or OAC's own get-* output wins over a list.
  void bind_cloudfront_lists(LoadedDocument& doc, const std::string& account);

  // AWS Config items other than buckets and IAM principals: account-level Block Public Access
  // (AWS::S3::AccountPublicAccessBlock), distributions and KMS keys with their key policies.
  void bind_config_resources(LoadedDocument& doc);

  // organizations describe-organization / list-accounts: the organisation and its accounts,
  // which are "ours" and join trusted_accounts, as if listed in .bucketlint.yaml.
  void bind_organization(const LoadedDocument& doc);

  // iam get-policy and get-policy-version of one managed policy, read from one folder
  // (accounts/<id>/policies/<name>/, or a folder of loose documents): the version that
  // get-policy names as default (or that says IsDefaultVersion) is the policy in force under
  // the ARN, attached by attach_managed_policies() to every role whose attached policies name
  // that ARN. `account` empty: loose (nothing missing is reported).
  void bind_managed_policy(std::vector<LoadedDocument*>& docs, const std::string& account,
                           const SourceRef& folder);

  // Attaches each managed policy read with get-policy/get-policy-version to the roles and users
  // whose attached policies (list-attached-role-policies, list-attached-user-policies,
  // authorization details, Config items) name its ARN.
  void attach_managed_policies();

  // A document given without context: kept loose, with what it says about itself.
  void bind_loose(LoadedDocument& doc, const std::string& group);

  // Bucket-level documents without a name (ACL, ownership controls, ...) join the one bucket
  // their directory names, when it names exactly one; otherwise ACLs stay loose.
  void finish_loose();

  const std::vector<SourceRef>& unbound() const { return unbound_; }

  // True when the bucket already has what `doc` would set (a second ACL in a directory of
  // loose documents stays loose instead of replacing the first).
  static bool already_has(const Bucket& b, const LoadedDocument& doc);

 private:
  Model& m_;
  std::map<std::string, std::size_t> accounts_, buckets_, roles_, users_, dists_, keys_;
  std::map<std::string, std::size_t> loose_buckets_;  // "<group>\n<name>"
  std::map<std::string, std::size_t> access_points_;  // "<account>\n<name>"
  std::map<std::string, std::vector<LoadedDocument>> pending_;
  std::map<std::string, std::vector<LoadedDocument>> policy_docs_;  // loose get-policy(-version)
  std::map<std::string, PolicyDocument*> managed_;  // managed policy ARN -> version in force
  std::set<const PolicyDocument*> listed_trust_;    // trust policies read from list-roles
  std::set<std::string> listed_distributions_;      // origins read from list-distributions
  std::set<std::string> listed_oais_;  // OAIs and OACs read only from a list output so far
  std::set<std::string> listed_oacs_;
  std::vector<SourceRef> unbound_;
  // The model's OAIs and OACs by ID (the first of each, as Model::find_oai finds it): a scan per
  // identity read was quadratic in an organisation. What other code appends to the model's
  // lists is indexed when next asked.
  struct IdIndex {
    std::map<std::string, std::size_t, std::less<>> at;
    std::size_t indexed = 0;
  };
  IdIndex oai_index_, oac_index_;
  OriginAccessIdentity* find_oai(std::string_view id);
  OriginAccessControl* find_oac(std::string_view id);
};

}  // namespace bucketlint
