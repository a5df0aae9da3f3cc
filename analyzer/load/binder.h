#pragma once

// The bind stage of the loader: finds and creates entities (accounts, buckets, roles, users,
// distributions, KMS keys) by key without quadratic scans, and attaches each loaded document to
// the entity it belongs to, from a snapshot path, the config's bindings or as a loose document.

#include <cstddef>
#include <map>
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

  void layout(SourceRef where, std::string message);

  void wrong_kind(const LoadedDocument& doc, std::string_view place);

  // Attaches a bucket-level document. Returns false when its kind does not fit a bucket.
  bool attach_to_bucket(std::size_t index, LoadedDocument& doc);

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
  std::map<std::string, std::vector<LoadedDocument>> pending_;
  std::vector<SourceRef> unbound_;
};

}  // namespace bucketlint
