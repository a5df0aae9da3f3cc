#pragma once

// The IAM / S3 authorization evaluator: "is this request allowed by these policies?".
//
// Faithful to the documented evaluation logic (docs/aws-semantics.md sections 3, 5 and 6):
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/how-s3-evaluates-access-control.html
//
// Static questions may leave context keys unknown ("can account B put objects without sending
// x-amz-acl?" declares nothing unknown and leaves s3:x-amz-acl absent; "can account B put objects
// at all?" declares s3:x-amz-acl unknown). The answer is then three-valued: Allowed, Denied, or
// Depends (with the conditions it depends on).
//
// Everything here is pure: no I/O, never throws for any input the loader can build. Wildcard
// patterns are compiled once per pattern (a per-thread cache) and matched in linear time.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "bucketlint/model.h"
#include "bucketlint/source.h"

namespace bucketlint::eval {

// Kleene three-valued logic: kUnknown when the answer depends on a context key declared unknown.
enum class Tri : std::uint8_t { kFalse, kTrue, kUnknown };
Tri tri_and(Tri a, Tri b);
Tri tri_or(Tri a, Tri b);
Tri tri_not(Tri a);
inline Tri to_tri(bool b) { return b ? Tri::kTrue : Tri::kFalse; }
std::string_view tri_name(Tri t);  // "true", "false", "unknown"

// ---------------------------------------------------------------------------------------------
// Who makes the request.

enum class PrincipalKind : std::uint8_t {
  kAnonymous,      // unauthenticated request
  kAccountRoot,    // the root user of `account` (also what a 12-digit ID or ":root" ARN names)
  kUser,           // IAM user: arn:aws:iam::ACCT:user/[path/]NAME
  kRoleSession,    // assumed-role session: arn:aws:sts::ACCT:assumed-role/ROLE/SESSION; a bare
                   // role ARN given as requester means "a session of this role" (session unknown)
  kFederatedUser,  // arn:aws:sts::ACCT:federated-user/NAME
  kService,        // service principal, e.g. "cloudfront.amazonaws.com"
  kOai,            // CloudFront origin access identity (OAI ARN or its S3 canonical user ID)
  kCanonicalUser,  // an S3 canonical user ID that names no known OAI or account
  kWebIdentity,    // a federated (web identity / SAML) caller of sts:AssumeRoleWith*
};
std::string_view principal_kind_name(PrincipalKind kind);

struct Principal {
  PrincipalKind kind = PrincipalKind::kAnonymous;
  // The principal's own ARN: user ARN, session ARN, "arn:aws:iam::ACCT:root", OAI ARN; for a
  // role given without session, the role ARN. Empty for anonymous, service, canonical users.
  std::string arn;
  std::string account;       // 12 digits; empty when none (anonymous, service, OAI)
  std::string role_arn;      // kRoleSession: arn:aws:iam::ACCT:role/[path/]NAME
  std::string role_name;     // kRoleSession: NAME (last component of the role ARN)
  std::string session_name;  // kRoleSession: SESSION; empty when unknown
  std::string user_name;     // kUser / kFederatedUser
  std::string service;       // kService: "cloudfront.amazonaws.com"
  std::string oai_id;        // kOai: "E74FTE3AEXAMPLE"
  std::string canonical_id;  // kOai / kCanonicalUser (and any principal when the caller knows it)
  std::string provider;   // kWebIdentity: "accounts.google.com", "arn:aws:iam::A:saml-provider/X"
  std::string unique_id;  // AIDA.../AROA... when the caller knows it (matches deleted-principal
                          // IDs in policies, docs/aws-semantics.md 5.2)

  // Does this principal authenticate as an identity of an AWS account (users, roles, root)?
  bool is_account_identity() const;
  // For messages: the ARN, "anonymous", the service name, or "canonical user '...'".
  std::string label() const;
};

// Parses what a user writes for a requester: "anonymous", a 12-digit account ID, an IAM/STS ARN
// (user, role, assumed-role, federated-user, root, OAI ARN), a service principal name
// ("cloudfront.amazonaws.com"), or a 64-hex canonical user ID. nullopt when it is none of these.
std::optional<Principal> parse_principal(std::string_view text);

// Canonical user IDs of accounts and OAIs (S3 ACL grantees and CanonicalUser principals). An OAI
// canonical ID in a bucket policy is the same principal as its OAI ARN (docs/aws-semantics.md 4.1).
struct IdentityDirectory {
  std::map<std::string, std::string> account_canonical_ids;  // account ID -> canonical ID
  std::map<std::string, std::string> oai_canonical_ids;      // OAI ID -> canonical ID
  std::map<std::string, std::string> email_accounts;         // ACL email grantee -> account ID

  std::optional<std::string> account_for_canonical_id(std::string_view canonical_id) const;
  std::optional<std::string> oai_for_canonical_id(std::string_view canonical_id) const;
  std::optional<std::string> canonical_id_for_account(std::string_view account) const;

  // Builds the reverse indexes (canonical ID, case-insensitively, to the first account or OAI
  // in map order) that make the two lookups above logarithmic instead of a scan of every account:
  // an organisation asks them for every ACL grant of every evaluation. directory_from_model
  // calls it; a directory whose maps were changed after (or never indexed) is scanned.
  void index();

 private:
  std::map<std::string, std::string, std::less<>> account_by_canonical_;
  std::map<std::string, std::string, std::less<>> oai_by_canonical_;
  std::size_t indexed_accounts_ = 0;
  std::size_t indexed_oais_ = 0;
};
// From Model::accounts (canonical_id) and Model::oais.
IdentityDirectory directory_from_model(const Model& model);

// ---------------------------------------------------------------------------------------------
// The request context: condition keys and their values.

// Keys are case-insensitive (stored lower-case). A key is either absent, present with values
// (possibly an empty list, which differs from absent for ForAllValues/ForAnyValue), or unknown.
// A key the context does not state is absent, unless the request is a static question
// (Request::static_question); `set_absent` states "not sent" even then.
class Context {
 public:
  void set(std::string_view key, std::vector<std::string> values);
  void set(std::string_view key, std::string value);
  void set_unknown(std::string_view key);
  void set_absent(std::string_view key);
  void erase(std::string_view key);

  // nullptr when absent or unknown.
  const std::vector<std::string>* find(std::string_view key) const;
  bool is_unknown(std::string_view key) const;
  bool is_absent(std::string_view key) const;  // stated absent with set_absent
  bool has(std::string_view key) const;        // stated: present, unknown or set_absent

  struct Entry {
    std::string key;  // as first given (for messages)
    std::vector<std::string> values;
    bool unknown = false;
    bool absent = false;  // set_absent: not in the request, whatever the question's defaults
  };
  // ASCII case-insensitive ordering, so lookups need no lower-cased copy of the key.
  struct KeyLess {
    using is_transparent = void;
    bool operator()(std::string_view a, std::string_view b) const;
  };
  const std::map<std::string, Entry, KeyLess>& entries() const { return entries_; }

 private:
  std::map<std::string, Entry, KeyLess> entries_;  // keys lower-cased
};

// S3 facts that decide which policies and ACLs an object request is evaluated against
// (docs/aws-semantics.md 3.1: bucket, user and object contexts).
struct S3Facts {
  ObjectOwnership ownership = ObjectOwnership::kUnknown;  // kUnknown behaves as ObjectWriter
  // Owner of the object named by the request; empty means owned by the bucket owner. When only
  // the canonical ID is known the directory maps it to an account.
  std::string object_owner_account;
  std::string object_owner_canonical_id;
  const Acl* bucket_acl = nullptr;  // ACLs are ignored under BucketOwnerEnforced
  const Acl* object_acl = nullptr;
};

// Rules asking about an account rather than one identity ("can account B put objects?") use
// that account's root principal (parse_principal("222222222222")): identity policies then
// count as allowing, which is what B's administrators can always grant.
struct Request {
  Principal principal;
  std::string action;    // "s3:PutObject"
  std::string resource;  // ARN, e.g. "arn:aws:s3:::bucket/key"
  // Account owning the resource (the bucket owner for S3). Empty: treated as the requester's
  // own account (same-account rules), so give it for every cross-account question.
  std::string resource_account;
  Context context;  // given keys; engine-filled global keys are added unless given
  // A static question ("can this role put objects into B?") is asked without a concrete request:
  // a key the context does not state and the engine does not fill is absent when a request of
  // this kind (its principal kind, action and resource) never carries it, and unknown otherwise
  // (the requester controls it, or it depends on facts the model does not hold); see
  // static_key_absent. Without it every key not stated is absent (a concrete request).
  bool static_question = false;
  std::optional<S3Facts> s3;  // S3 requests on buckets with ownership/ACL facts
  // `resource` is a set of resources written with '*' / '?' wildcards, and the question is
  // "is some resource of that set allowed?": an Allow statement counts when its Resource can
  // match some resource of the set, a Deny statement only when it covers the whole set. See
  // docs/simulate.md ("Wildcards in the request") for the limits of this mode.
  bool resource_is_pattern = false;
};

// Does `resource` contain an IAM wildcard ('*' or '?')? (simulate's automatic pattern mode)
bool has_resource_wildcard(std::string_view resource);

// For a static question: is `key` absent from every request of this kind? True for keys AWS
// documents as present only for other principal kinds (aws:username only for IAM users,
// aws:SourceArn only for service principals, ...), for service keys the catalogue does not list
// for the action (s3:x-amz-acl on s3:GetObject), and for access-point keys on a request not made
// through an access point. False (the key is unknown) for everything else.
bool static_key_absent(const Request& request, std::string_view key);

// The global keys the engine fills from the request (aws:PrincipalArn, aws:PrincipalAccount,
// aws:PrincipalType, aws:username, aws:userid, aws:PrincipalIsAWSService,
// aws:PrincipalServiceName, aws:ResourceAccount), unless the request gives them.
Context effective_context(const Request& request);

// ---------------------------------------------------------------------------------------------
// The policies that take part.

struct PolicySet {
  std::vector<const PolicyDocument*> identity_policies;  // of the requester
  // The requester's identity side is not given (a principal the model does not hold): assume it
  // allows, as the requester's own administrators can always grant it; callers say so in their
  // findings. `identity_policies` then adds nothing (their Deny statements still count).
  bool identity_not_given = false;
  // The resource-based policy: bucket, trust (must allow explicitly), key (must allow
  // explicitly) or other; its PolicyDocument::kind decides. nullptr when the resource has none.
  const PolicyDocument* resource_policy = nullptr;
  // The requester's permissions boundary. Several documents are read as one boundary (union).
  std::vector<const PolicyDocument*> permission_boundaries;
  // One inner list per level of the organisation path (root, OUs, account); every level must
  // allow. An empty level allows nothing. Empty outer list: no SCPs apply.
  std::vector<std::vector<const PolicyDocument*>> scp_levels;
  std::vector<std::vector<const PolicyDocument*>> rcp_levels;
  // Session policies passed to AssumeRole/GetFederationToken (union); empty: none.
  std::vector<const PolicyDocument*> session_policies;
};

// ---------------------------------------------------------------------------------------------
// Results.

enum class Decision : std::uint8_t { kAllowed, kImplicitlyDenied, kExplicitlyDenied };
std::string_view decision_name(Decision d);  // "Allowed", "ImplicitlyDenied", "ExplicitlyDenied"

enum class Answer : std::uint8_t { kAllowed, kDenied, kDepends };
std::string_view answer_name(Answer a);  // "Allowed", "Denied", "Depends"

// Which policy of the PolicySet a trace entry or statement comes from.
enum class PolicySlot : std::uint8_t {
  kIdentity,
  kResource,
  kBoundary,
  kScp,
  kRcp,
  kSession,
  kAcl,  // S3 ACL grants (bucket or object ACL)
};
std::string_view policy_slot_name(PolicySlot slot);  // "identity policy", "SCP", ...

// How a statement's Principal matched the requester; decides the same-account nuances
// (docs/aws-semantics.md 5.1).
enum class PrincipalMatch : std::uint8_t {
  kNone,
  kNoPrincipalElement,  // identity-style statement (no Principal)
  kWildcard,            // "*" or {"AWS": "*"}
  kAccount,             // 12-digit ID / ":root" ARN naming the requester's account (delegation)
  kRole,                // a role ARN matching the requester's session
  kExact,               // the user ARN, session ARN, federated-user ARN, OAI, service, ...
  kNotPrincipal,        // matched by not being excluded from a NotPrincipal
};

// A condition whose value is unknown and on which the answer depends.
struct Dependency {
  const Statement* statement = nullptr;
  std::string op;   // as written, "StringEquals"
  std::string key;  // as written, "s3:x-amz-acl"
  std::vector<std::string> values;
  SourceRef where;                  // the key in the condition block
  std::string description() const;  // "StringEquals s3:x-amz-acl ['bucket-owner-full-control']"
};

// The outcome of one statement (or one ACL grant).
struct StatementMatch {
  Tri applies = Tri::kFalse;
  PrincipalMatch principal = PrincipalMatch::kNone;
  std::string reason;  // why it matched or not: "action 's3:GetObject' not in Action"
  SourceRef where;     // the element that decided (Action, Resource, a condition key, ...)
  std::vector<Dependency> depends_on;
};

// What a trace's reasons are built from: a copy of the evaluated request (shared by the entries
// of one trace) and the directory the evaluation used.
struct TracedRequest;

// One step of a trace: a statement (or ACL grant) and whether it applies. Its label and reason
// are built when read, not during the evaluation (formatting them was most of a traced
// evaluation's cost, and most traces are never read): label() from the statement or grant alone,
// reason() by matching the statement against the evaluated request again, with the reason text
// this time. The entry shares a copy of the request; the IdentityDirectory of EvalOptions must
// still live when reason() is called (as the policies must). Entries of a trace that kept only
// its applying entries (Trace::keep_applying) drop the request, and their reason() is empty.
struct TraceEntry {
  PolicySlot slot = PolicySlot::kIdentity;
  int level = -1;  // SCP/RCP level index; -1 otherwise
  const PolicyDocument* policy = nullptr;
  const Statement* statement = nullptr;  // nullptr for ACL grants
  const AclGrant* grant = nullptr;       // ACL grant entries
  Effect effect = Effect::kAllow;
  Tri applies = Tri::kFalse;
  SourceRef where;  // the statement (or grant)
  SourceRef reason_where;

  // "statement 'AllowOAI'", "bucket ACL grant 2 (READ to canonical user '...')"
  std::string label() const;
  // The StatementMatch reason ("action 's3:GetObject' is not matched by Action"), or why the
  // statement was skipped; empty when the request is no longer known (see above).
  std::string reason() const;

  // How reason() rebuilds the text (set by the evaluator).
  enum class Why : std::uint8_t {
    kMatch,       // match_statement's reason, adjusted as the evaluation did (flags below)
    kNotNamed,    // a compiled policy's statement whose Principal cannot name the requester
    kScpSkipped,  // SCPs do not restrict this requester
    kRcpSkipped,  // RCPs do not restrict this request
    kAclGrant,    // an ACL grant
  };
  Why why = Why::kMatch;
  bool force_not_principal = false;  // kMatch: a Deny + NotPrincipal applied to a bounded identity
  bool allows_apply = true;          // kMatch: false when the slot's Allow statements did not count
  bool object_acl = false;           // kAclGrant: the object's ACL (else the bucket's)
  std::uint32_t grant_index = 0;     // kAclGrant: index in the ACL's grants
  std::shared_ptr<const TracedRequest> request;  // null once dropped
};

// The trace of one evaluation: one entry per statement of every policy that took part (and per
// ACL grant), in evaluation order. With compiled policies (EvalOptions::compiled) the statements
// whose Principal cannot name the requester are not evaluated: they are recorded as a range and
// their entries ("principal '...' is not named in Principal", applies kFalse) are built only when
// the whole trace is read, so that a wide policy costs per evaluation what the requester's own
// statements cost.
class Trace {
 public:
  // Every entry, in order (built on each call when statements were left out: read it once).
  std::vector<TraceEntry> entries() const;
  // The entries of the statements and grants that were evaluated, in order. Every entry that
  // entries() adds to these applies kFalse, so a search for an applying (or Depends) entry
  // needs only these.
  const std::vector<TraceEntry>& evaluated() const { return evaluated_; }
  std::size_t size() const { return evaluated_.size() + left_out_; }
  bool empty() const { return size() == 0; }

  void push_back(TraceEntry entry) { evaluated_.push_back(std::move(entry)); }
  // Keeps only the entries that apply (true or unknown), in order, in storage of their exact
  // size: what a search for the applying statement reads (first_applying and the like), for a
  // result that is kept long after its evaluation (the access layer's memoised answers). The
  // trace no longer lists every statement: entries() and size() then give the kept entries only,
  // and their reason() is empty (the copy of the request is dropped; label() is still built).
  void keep_applying();
  // Statements [first, last) of `policy` whose Principal does not name the requester of
  // `request` (kept for the entries' reasons, as TraceEntry::request).
  void add_not_named(PolicySlot slot, int level, const PolicyDocument* policy, std::size_t first,
                     std::size_t last, const std::shared_ptr<const TracedRequest>& request);

 private:
  struct Gap {
    std::size_t before = 0;  // index in evaluated_ the entries go before
    PolicySlot slot = PolicySlot::kResource;
    int level = -1;
    const PolicyDocument* policy = nullptr;
    std::size_t first = 0;
    std::size_t last = 0;
  };
  std::vector<TraceEntry> evaluated_;
  std::vector<Gap> gaps_;
  std::size_t left_out_ = 0;
  std::shared_ptr<const TracedRequest> request_;  // of the gaps' entries
};

struct Result {
  Answer answer = Answer::kDenied;
  // Allowed when answer is kAllowed; for kDepends, the decision when every unknown key is
  // absent from the request (what AWS does when the client does not send it).
  Decision decision = Decision::kImplicitlyDenied;
  std::string summary;  // one line: "cross-account request: no identity policy allows it"
  Trace trace;
  std::vector<Dependency> depends_on;  // kDepends: the unknown conditions that matter

  bool allowed() const { return answer == Answer::kAllowed; }
  bool denied() const { return answer == Answer::kDenied; }
  bool possibly_allowed() const { return answer != Answer::kDenied; }
};

namespace detail {
struct PolicyForms;  // the compiled statements (analyzer/eval/compiled.h)
}  // namespace detail

// A policy prepared once for many evaluations: its statements in a compiled form (Action
// patterns lowered, Resource patterns split into ARN segments, Principal values parsed,
// condition operators parsed and keys recognised) and, for wide policies, indexed by the
// accounts their Principal names, so that an evaluation visits only the statements that can
// apply to its requester.
struct CompiledPolicy {
  // Statements every requester is matched against (in statement order): Principal "*" or any
  // value not indexed below, NotPrincipal, no Principal, an invalid Effect.
  std::vector<std::uint32_t> always;
  // Statements whose every Principal value is an AWS account ID or an IAM/STS ARN of an
  // account, by that account (in statement order): only requesters whose account, ARN account
  // or role ARN account is the key can be named by them (principal_value_matches).
  std::map<std::string, std::vector<std::uint32_t>, std::less<>> by_account;
  // Whether evaluations use the index above (policies of kMinIndexedStatements or more
  // statements); smaller policies are scanned, statement by statement, in compiled form.
  bool indexed = false;
  std::shared_ptr<const detail::PolicyForms> forms;  // one form per statement
  static constexpr std::size_t kMinIndexedStatements = 8;
};

// Compiled policies of a run, built up front and read-only after (shared by threads). Every
// policy added is compiled; the index of statements by account is used for policies of
// CompiledPolicy::kMinIndexedStatements or more statements (scanning smaller ones is as fast).
// A compiled policy must not change while its compiled form is in use.
class CompiledPolicies {
 public:
  void add(const PolicyDocument& policy);
  // nullptr when `policy` was not added.
  const CompiledPolicy* find(const PolicyDocument& policy) const;

 private:
  std::unordered_map<const PolicyDocument*, CompiledPolicy> compiled_;
};
CompiledPolicy compile_policy(const PolicyDocument& policy);

struct EvalOptions {
  const IdentityDirectory* directory = nullptr;  // canonical ID mapping (ACLs, CanonicalUser)
  bool trace = true;                             // fill Result::trace
  const CompiledPolicies* compiled = nullptr;    // compiled policies; none: match the text
};

// The full decision (explicit deny, SCP/RCP levels, boundary, session policy, identity and
// resource policies, same- vs cross-account, trust/key policies, S3 object ownership + ACLs).
Result evaluate(const Request& request, const PolicySet& policies, const EvalOptions& options = {});

// ---------------------------------------------------------------------------------------------
// Building blocks the rules use directly.

// Does `stmt` of `policy` apply to the request (Principal, Action, Resource, Condition)? Policy
// variables are substituted only under Version 2012-10-17. `context` should come from
// effective_context(request) (computed once per request).
StatementMatch match_statement(const PolicyDocument& policy, const Statement& stmt,
                               const Request& request, const Context& context,
                               const IdentityDirectory* directory = nullptr);
// Convenience: computes the effective context itself.
Tri statement_applies(const PolicyDocument& policy, const Statement& stmt, const Request& request,
                      const IdentityDirectory* directory = nullptr);

// Principal element (Principal or NotPrincipal) against the requester. An absent element
// matches (identity policies). See PrincipalMatch for the kinds.
PrincipalMatch principal_matches(const PrincipalElement& element, const Principal& principal,
                                 const IdentityDirectory* directory = nullptr);
// NotPrincipal with Effect Allow: true when the element lists the requester or any identity
// it acts for (its account, its role), so that an Allow + NotPrincipal statement does not
// grant to it ("allows all principals except the ones named", IAM NotPrincipal page).
bool not_principal_names(const PrincipalElement& element, const Principal& principal,
                         const IdentityDirectory* directory = nullptr);
// A service-linked role (path /aws-service-role/, or a session of a role named
// AWSServiceRoleFor...): SCPs and RCPs do not restrict it.
bool is_service_linked_role(const Principal& principal);
// One principal value ({"AWS": "..."} etc.) against the requester (no NotPrincipal logic).
PrincipalMatch principal_value_matches(const PrincipalValue& value, const Principal& principal,
                                       const IdentityDirectory* directory = nullptr);
// A representative requester for a policy principal value: an account or ":root" ARN gives the
// account root, a role ARN a session of that role, an OAI ARN or OAI canonical ID the OAI, a
// service name the service. nullopt for "*" and unparseable values.
std::optional<Principal> principal_from_value(const PrincipalValue& value,
                                              const IdentityDirectory* directory = nullptr);

// IAM Action matching: case-insensitive, '*' and '?' wildcards.
bool action_matches(std::string_view pattern, std::string_view action);
// Does the Action/NotAction element cover `action`?
bool action_element_matches(const StringListElement& element, std::string_view action);
// Resource ARN matching: case-sensitive, wildcards within segments, '*' crossing '/' (and ':')
// in the resource part. No policy variables (see match_statement for those).
bool resource_matches(std::string_view pattern, std::string_view arn);

// S3: the ACL permissions that grant an action (docs/aws-semantics.md 3.3): with `object_level`
// (the object ACL) READ for s3:GetObject, READ_ACP for s3:GetObjectAcl, WRITE_ACP for
// s3:PutObjectAcl; on the bucket ACL READ for s3:ListBucket, WRITE for s3:PutObject/DeleteObject,
// ... Empty when that ACL cannot grant the action. FULL_CONTROL covers every non-empty answer.
std::vector<std::string_view> acl_permissions_for_action(std::string_view action,
                                                         bool object_level);
// Does `grant` give `principal` the permission needed for `action`?
bool acl_grant_allows(const AclGrant& grant, const Principal& principal, std::string_view action,
                      bool object_level, const IdentityDirectory* directory = nullptr);

}  // namespace bucketlint::eval
