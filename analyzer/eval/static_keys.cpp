// Which condition keys a static question leaves out of the request (Request::static_question).
//
// A static question ("can this role put objects into the bucket?") names a kind of request, not
// one request: its principal kind, its action and its resource. A condition key the question does
// not state is then either absent, because no request of that kind carries it, or unknown,
// because the requester controls it (aws:SourceIp, the ACL headers of an upload) or it depends on
// facts the model does not hold (tags, the time). Only what the AWS documentation says a kind of
// request never carries is absent; every doubt stays unknown, so a condition on it makes the
// answer "Depends" rather than a guess.
//
// Sources:
// - global keys, the "Availability" line of each key:
//   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
// - service keys, the condition keys each action supports (the service authorization reference,
//   built into the catalogue from data/iam-catalogue.json):
//   https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html; the
//   S3 condition keys page says which request headers become which keys (s3:x-amz-acl is the
//   x-amz-acl header of an upload or an ACL request):
//   https://docs.aws.amazon.com/AmazonS3/latest/userguide/amazon-s3-condition-keys.html and
//   https://docs.aws.amazon.com/AmazonS3/latest/userguide/amazon-s3-policy-keys.html
// - access-point keys:
//   https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-policies.html

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "bucketlint/catalogue.h"
#include "bucketlint/eval.h"
#include "bucketlint/text.h"

namespace bucketlint::eval {

namespace {

// The principal kinds a key may be present for, as a bit set over PrincipalKind.
using Kinds = std::uint16_t;

constexpr Kinds bit(PrincipalKind k) { return static_cast<Kinds>(1U << static_cast<unsigned>(k)); }

constexpr Kinds kUserBit = bit(PrincipalKind::kUser);
constexpr Kinds kRoleBit = bit(PrincipalKind::kRoleSession);
constexpr Kinds kFederatedBit = bit(PrincipalKind::kFederatedUser);
constexpr Kinds kServiceBit = bit(PrincipalKind::kService);
constexpr Kinds kAnonymousBit = bit(PrincipalKind::kAnonymous);
// A canonical user ID stands for some identity of an account (its root or one of its users), so
// it may carry what either may; an OAI and a web-identity caller are not IAM users or roles.
constexpr Kinds kCanonicalBit = bit(PrincipalKind::kCanonicalUser);
constexpr Kinds kAll = 0xFFFF;
constexpr Kinds kSigned = kAll & ~kAnonymousBit;        // every signed request
constexpr Kinds kIamIdentity = kSigned & ~kServiceBit;  // signed, not by a service
constexpr Kinds kTaggable = kUserBit | kRoleBit | kFederatedBit | kCanonicalBit;

struct KeyScope {
  std::string_view key;  // lower case; a trailing '/' makes it a prefix (aws:principaltag/)
  Kinds present_for;     // the principal kinds whose requests may carry the key
};

// Global keys present only for some principal kinds (each line from the key's "Availability" on
// the IAM global condition keys page). Keys the engine fills (aws:PrincipalArn, aws:userid, ...)
// are decided here only when the engine cannot fill them (a role session of unknown session).
constexpr std::array<KeyScope, 21> kPrincipalKeys = {{
    // "always included in the request context for IAM users. Anonymous requests and requests
    // that are made using the AWS account root user or IAM roles don't include this key"
    {"aws:username", kUserBit | kCanonicalBit},
    // "included ... for all signed requests. Anonymous requests do not include this key"
    {"aws:principalarn", kSigned},
    {"aws:principalaccount", kSigned},
    {"aws:principaltype", kSigned},
    {"aws:userid", kSigned},
    // only when an AWS service principal makes the call
    {"aws:principalservicename", kServiceBit},
    {"aws:principalservicenameslist", kServiceBit},
    // "only if accessing a resource triggers an AWS service to call another service on behalf of
    // the resource owner": requests made by a service principal
    {"aws:sourcearn", kServiceBit},
    {"aws:sourceaccount", kServiceBit},
    {"aws:sourceorgid", kServiceBit},
    {"aws:sourceorgpaths", kServiceBit},
    // "only if the principal is a member of an organization": never anonymous or a service
    {"aws:principalorgid", kIamIdentity},
    {"aws:principalorgpaths", kIamIdentity},
    // an IAM user or role with tags, or session tags
    {"aws:principaltag/", kTaggable},
    // only requests signed with temporary credentials: never anonymous or a service principal
    {"aws:multifactorauthpresent", kIamIdentity},
    {"aws:multifactorauthage", kIamIdentity},
    {"aws:tokenissuetime", kIamIdentity},
    // role sessions only: a role assumed through a web identity / OIDC provider, a source
    // identity set when the role was assumed, EC2 instance role credentials
    {"aws:federatedprovider", kRoleBit},
    {"aws:sourceidentity", kRoleBit},
    {"aws:ec2instancesourcevpc", kRoleBit},
    {"aws:ec2instancesourceprivateipv4", kRoleBit},
}};

// S3 keys that only a request made through an access point carries.
constexpr std::array<std::string_view, 3> kAccessPointKeys = {
    "s3:dataaccesspointarn",
    "s3:dataaccesspointaccount",
    "s3:accesspointnetworkorigin",
};

bool absent_for_principal(const PrincipalKind kind, std::string_view key) {
  for (const KeyScope& scope : kPrincipalKeys) {
    const bool match = scope.key.ends_with('/') ? key.starts_with(scope.key) : key == scope.key;
    if (match) return (scope.present_for & bit(kind)) == 0;
  }
  return false;
}

// "arn:aws:s3:us-east-1:111122223333:accesspoint/name[/object/key]"
bool is_access_point_arn(std::string_view resource) {
  return resource.starts_with("arn:") && resource.find(":accesspoint/") != std::string_view::npos;
}

// A key of the action's own service that the catalogue does not list for the action, and tag
// keys of requests that carry no tags ("aws:RequestTag" and "aws:TagKeys" are listed for the
// actions that take tags). Unknown actions decide nothing.
bool absent_for_action(std::string_view action, std::string_view key) {
  const std::size_t colon = action.find(':');
  if (colon == std::string_view::npos) return false;
  const std::string_view service = action.substr(0, colon);
  const bool own_service_key = key.size() > service.size() && key[service.size()] == ':' &&
                               text::iequals(key.substr(0, service.size()), service);
  const bool tag_key = key.starts_with("aws:requesttag/") || key == "aws:tagkeys";
  if (!own_service_key && !tag_key) return false;
  const std::optional<catalogue::ActionInfo> info = catalogue::find_action(action);
  if (!info) return false;
  return !catalogue::action_supports_key(*info, key);
}

}  // namespace

bool static_key_absent(const Request& request, std::string_view key) {
  const std::string lower = text::ascii_lower(key);
  if (absent_for_principal(request.principal.kind, lower)) return true;
  for (std::string_view k : kAccessPointKeys) {
    if (lower == k) return !is_access_point_arn(request.resource);
  }
  return absent_for_action(request.action, lower);
}

}  // namespace bucketlint::eval
