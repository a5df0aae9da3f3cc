#include "ownership_wording.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <utility>

#include "bucketlint/text.h"
#include "fix_snippets.h"

namespace bucketlint::rules {

void add_existing_object_notes(const Bucket& bucket, const Writer& writer,
                               const eval::IdentityDirectory& directory, std::vector<Note>& notes) {
  std::optional<std::string> canonical = directory.canonical_id_for_account(writer.account);
  if (!canonical && writer.account.empty() && !writer.canonical_id.empty()) {
    canonical = writer.canonical_id;
  }
  if (!canonical) return;
  const std::vector<OwnedObject> objects = objects_owned_by(bucket, *canonical);
  constexpr std::size_t kNamed = 3;
  for (std::size_t i = 0; i < objects.size() && i < kNamed; ++i) {
    std::string text =
        writer.account.empty()
            ? fmt::format("'{}' is already owned by canonical user '{}'", objects[i].key,
                          writer.canonical_id)
            : fmt::format("'{}' is already owned by account {}", objects[i].key, writer.account);
    if (i + 1 == kNamed && objects.size() > kNamed) {
      text += fmt::format(" ({} more objects of that account follow)", objects.size() - kNamed);
    }
    notes.push_back({objects[i].where, std::move(text)});
  }
}

std::string join_labels(const std::vector<std::string>& labels) {
  std::string out;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (i > 0) out += (i + 1 == labels.size()) ? " and " : ", ";
    out += labels[i];
  }
  return out;
}

void add_writer_notes(const Writer& writer, std::vector<Note>& notes) {
  if (const eval::TraceEntry* g = writer.bucket_grant()) {
    notes.push_back({g->where, fmt::format("{} is allowed to put objects here ({})", writer.label(),
                                           g->label())});
  }
  if (const eval::TraceEntry* g = writer.identity_grant()) {
    notes.push_back(
        {g->where, fmt::format("the identity policy of {} allows the upload", writer.label())});
  } else if (!writer.identity_known) {
    // Nothing to point at; the message of a finding that depends on it says so.
  }
}

void add_ownership_note(const Bucket& bucket, std::vector<Note>& notes) {
  switch (bucket.ownership.source) {
    case OwnershipSetting::Source::kDocument:
    case OwnershipSetting::Source::kConfig:
      notes.push_back(
          {bucket.ownership.where, fmt::format("Object Ownership of '{}' is '{}'", bucket.name,
                                               object_ownership_name(bucket.ownership.value))});
      break;
    case OwnershipSetting::Source::kNotFoundError:
      notes.push_back(
          {bucket.ownership.where, fmt::format("'{}' has no ownership controls, which S3 treats as "
                                               "'ObjectWriter'",
                                               bucket.name)});
      break;
    case OwnershipSetting::Source::kTemplateDefault:
      notes.push_back(
          {bucket.ownership.where,
           fmt::format("the template creates '{}' without OwnershipControls: assumed "
                       "'BucketOwnerEnforced', the default for buckets created since April 2023 "
                       "(if the stack is older, say so with `templates:` "
                       "`created_before_april_2023: true` in .bucketlint.yaml)",
                       bucket.name)});
      break;
    case OwnershipSetting::Source::kCreated:
      notes.push_back(
          {bucket.ownership.where,
           fmt::format("'{}' is created without ownership controls, so S3's default for new "
                       "buckets applies: 'BucketOwnerEnforced' (since April 2023)",
                       bucket.name)});
      break;
    case OwnershipSetting::Source::kNone:
      notes.push_back(
          {bucket.where,
           fmt::format("assumed 'ObjectWriter' for '{}' (OW005 says what would settle it)",
                       bucket.name)});
      break;
  }
}

void add_reader_notes(const Reader& reader, std::vector<Note>& notes) {
  if (const eval::TraceEntry* g = reader.grant()) {
    notes.push_back({g->where, fmt::format("{} is granted s3:GetObject here ({}); the grant "
                                           "covers only objects the bucket owner owns",
                                           reader.label(), g->label())});
  }
  if (reader.origin != nullptr) {
    const SourceRef& where = !reader.origin->oai_id.empty() && reader.origin->oai_where.known()
                                 ? reader.origin->oai_where
                             : !reader.origin->oac_id.empty() && reader.origin->oac_where.known()
                                 ? reader.origin->oac_where
                                 : reader.origin->where;
    notes.push_back({where, fmt::format("origin '{}' of {} reads the bucket", reader.origin->id,
                                        access::distribution_label(*reader.distribution))});
  }
}

namespace {

const Statement* grant_statement(const Writer& w) {
  const eval::TraceEntry* g = w.bucket_grant();
  return g != nullptr ? g->statement : nullptr;
}

}  // namespace

std::vector<const Statement*> merge_any_principal_writers(std::vector<Writer>& writers) {
  std::vector<const Statement*> merged;
  for (const Writer& w : writers) {
    const Statement* s = grant_statement(w);
    if (w.any_principal || s == nullptr) continue;
    const bool shared = std::any_of(writers.begin(), writers.end(), [&](const Writer& o) {
      return o.any_principal && grant_statement(o) == s;
    });
    if (shared && std::find(merged.begin(), merged.end(), s) == merged.end()) merged.push_back(s);
  }
  std::erase_if(writers, [&](const Writer& w) {
    return w.any_principal &&
           std::find(merged.begin(), merged.end(), grant_statement(w)) != merged.end();
  });
  return merged;
}

void add_any_principal_note(const Writer& writer, const std::vector<const Statement*>& merged,
                            std::vector<Note>& notes) {
  const Statement* s = grant_statement(writer);
  if (s == nullptr || std::find(merged.begin(), merged.end(), s) == merged.end()) return;
  notes.push_back({s->principal.where,
                   fmt::format("{} lets in any principal of another account that its conditions "
                               "allow, not only {}: their uploads stay theirs too",
                               s->label(), writer.label())});
}

void drop_notes_at_primary(Finding& finding) {
  std::erase_if(finding.notes, [&](const Note& n) { return n.where == finding.where; });
}

std::string grantee_label(const AclGrant& grant, const eval::IdentityDirectory& directory) {
  switch (grant.type) {
    case GranteeType::kGroup: {
      const std::size_t slash = grant.uri.rfind('/');
      return slash == std::string::npos ? fmt::format("group '{}'", grant.uri)
                                        : grant.uri.substr(slash + 1);
    }
    case GranteeType::kCanonicalUser:
      if (std::optional<std::string> a = directory.account_for_canonical_id(grant.id)) {
        return fmt::format("account {}", *a);
      }
      if (std::optional<std::string> o = directory.oai_for_canonical_id(grant.id)) {
        return fmt::format("CloudFront OAI '{}'", *o);
      }
      return fmt::format("canonical user '{}'", grant.id);
    case GranteeType::kEmail: return fmt::format("'{}'", grant.email);
    case GranteeType::kUnknown: break;
  }
  return "an unknown grantee";
}

std::string enforce_ownership_command(std::string_view bucket) {
  return fmt::format(
      "aws s3api put-bucket-ownership-controls --bucket {} --ownership-controls "
      "'Rules=[{{ObjectOwnership=BucketOwnerEnforced}}]'",
      bucket);
}

const eval::Dependency* acl_dependency(const eval::Result& result) {
  for (const eval::Dependency& d : result.depends_on) {
    const std::string key = text::ascii_lower(d.key);
    if (std::find(access::kAclHeaderKeys.begin(), access::kAclHeaderKeys.end(), key) !=
        access::kAclHeaderKeys.end())
      return &d;
  }
  return nullptr;
}

std::string ownership_remediation(const Bucket& bucket, std::string_view bucket_owner,
                                  const Writer& writer, PreferredFix preferred) {
  std::string out = "fixes, in order of preference:\n";
  int n = 1;
  if (bucket_acl_blocks_enforced(bucket)) {
    out += fmt::format(
        "    {}. first remove the bucket ACL grants to grantees other than the owner (AC004), or "
        "the switch fails with InvalidBucketAclWithObjectOwnership; move S3 server access log "
        "delivery to a bucket-policy grant to 'logging.s3.amazonaws.com'\n",
        n++);
  }
  out += fmt::format(
      "    {}. disable ACLs: the bucket owner then owns every object, existing ones included\n"
      "       {}\n",
      n++, enforce_ownership_command(bucket.name));
  const std::string role_name = fmt::format("{}-writer", bucket.name);
  const std::string role_arn = fmt::format("arn:aws:iam::{}:role/{}", bucket_owner, role_name);
  // A writer known only by the canonical ID of a bucket-ACL grant has no ARN we can name: the
  // trust snippet gets a placeholder and the bucket-policy Deny names it as a CanonicalUser.
  const bool canonical_only = !writer.any_principal && writer.account.empty();
  const std::string writer_arn =
      writer.any_principal || canonical_only ? std::string("<ARN of the writer's role>")
      : writer.principal.role_arn.empty()
          ? (writer.principal.arn.empty() ? fmt::format("arn:aws:iam::{}:root", writer.account)
                                          : writer.principal.arn)
          : writer.principal.role_arn;
  out += fmt::format(
      "    {}. or let the writer assume a role in account {} and upload with its credentials "
      "(objects "
      "then belong to {})\n"
      "       trust policy of '{}': "
      R"({{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{{"AWS":"{}"}},)"
      R"("Action":"sts:AssumeRole"}}]}})"
      "\n"
      "       permission policy of '{}': "
      R"({{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":"s3:PutObject",)"
      R"("Resource":"arn:aws:s3:::{}/*"}}]}})"
      "\n"
      "       identity policy of {}: "
      R"({{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":"sts:AssumeRole",)"
      R"("Resource":"{}"}}]}})"
      "\n",
      n++, bucket_owner, bucket_owner, role_name, writer_arn, role_name, bucket.name,
      writer.any_principal ? std::string("the uploading roles and users")
      : canonical_only     ? fmt::format("the uploading roles and users of {}", writer.label())
      : writer.principal.kind == eval::PrincipalKind::kAccountRoot
          ? fmt::format("the uploading roles and users of account {}", writer.account)
          : fmt::format("'{}'", writer_arn),
      role_arn);
  if (preferred == PreferredFix::kAlreadyRequired) {
    out += fmt::format(
        "    {}. or set BucketOwnerPreferred: the required 'bucket-owner-full-control' then makes "
        "new "
        "uploads the bucket owner's (existing objects stay the writer's)\n"
        "       aws s3api put-bucket-ownership-controls --bucket {} --ownership-controls "
        "'Rules=[{{ObjectOwnership=BucketOwnerPreferred}}]'\n",
        n++, bucket.name);
  }
  // A grant to "*" (an organisation, a VPC endpoint...) lets in more than this writer: the Deny
  // then covers whoever the grant lets in, under the grant's own conditions.
  const eval::TraceEntry* grant = writer.bucket_grant();
  const Statement* grant_statement = grant != nullptr ? grant->statement : nullptr;
  const bool public_grant = grant_statement != nullptr &&
                            access::statement_principal_is_public(*grant_statement) &&
                            !grant_statement->principal.is_not;
  if (preferred == PreferredFix::kRequireBofc && public_grant) {
    out += fmt::format(
        "    {}. or set BucketOwnerPreferred and require the canned ACL (new objects only)\n"
        "       aws s3api put-bucket-ownership-controls --bucket {} --ownership-controls "
        "'Rules=[{{ObjectOwnership=BucketOwnerPreferred}}]'\n"
        "       bucket policy statement (with the conditions of {}): "
        R"({{"Sid":"RequireBucketOwnerFullControl","Effect":"Deny","Principal":"*",)"
        R"("Action":"s3:PutObject","Resource":"arn:aws:s3:::{}/*"{}}})"
        "\n",
        n++, bucket.name, grant_statement->label(), bucket.name,
        condition_fragment(grant_statement, "StringNotEquals", "s3:x-amz-acl",
                           "bucket-owner-full-control"));
  } else if (preferred == PreferredFix::kRequireBofc) {
    out += fmt::format(
        "    {}. or set BucketOwnerPreferred and require the canned ACL (new objects only)\n"
        "       aws s3api put-bucket-ownership-controls --bucket {} --ownership-controls "
        "'Rules=[{{ObjectOwnership=BucketOwnerPreferred}}]'\n"
        "       bucket policy statement: "
        R"({{"Sid":"RequireBucketOwnerFullControl","Effect":"Deny","Principal":{{{}}},)"
        R"("Action":"s3:PutObject","Resource":"arn:aws:s3:::{}/*","Condition":{{"StringNotEquals":)"
        R"({{"s3:x-amz-acl":"bucket-owner-full-control"}}}}}})"
        "\n",
        n++, bucket.name,
        canonical_only ? fmt::format(R"("CanonicalUser":"{}")", writer.canonical_id)
                       : fmt::format(R"("AWS":"{}")", writer_arn),
        bucket.name);
  }
  if (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

}  // namespace bucketlint::rules
