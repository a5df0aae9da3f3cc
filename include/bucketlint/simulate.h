#pragma once

// `bucketlint simulate FILE`: evaluate one request against the policies given in a JSON file
// and render the decision and the statement trace as text or JSON.
//
// { "request": { "principal": "<ARN | 12-digit account | service principal | \"anonymous\">",
//                "action": "s3:PutObject", "resource": "arn:aws:s3:::bucket/key",
//                "resourcePattern": true,       (default: whether the resource has '*'/'?')
//                "resourceAccount": "111111111111",            (else taken from the ARN)
//                "context": {"s3:x-amz-acl": "bucket-owner-full-control", "k": ["a", "b"]},
//                "unknownKeys": ["aws:SourceArn"] },           (answer may become Depends)
//   "identityPolicies": [<policy>...], "resourcePolicy": <policy>,
//   "permissionBoundaries": [<policy>...], "sessionPolicy": <policy>,
//   "serviceControlPolicies": [[<policy>...], ...],             (one list per org level)
//   "resourceControlPolicies": [[<policy>...], ...],
//   "s3": { "objectOwnership": "ObjectWriter|BucketOwnerPreferred|BucketOwnerEnforced",
//           "objectOwner": "<account>", "objectAcl": <get-object-acl output>,
//           "bucketAcl": <get-bucket-acl output> },
//   "canonicalIds": {"<account>": "<canonical ID>"}, "oaiCanonicalIds": {"<OAI ID>": "<ID>"} }
// Every key but "request" is optional; unknown keys are errors.

#include <string>
#include <string_view>

namespace bucketlint {

struct SimulateOutput {
  std::string out;
  std::string err;
  int exit_code = 0;
};

// `text` is the simulate input file's content, `display_path` what diagnostics show, `format` is
// "text" or "json". Exit code: 0 Allowed, 1 denied (implicitly or explicitly), 2 bad input
// (diagnostics with file:line:col go to `err`).
SimulateOutput run_simulate(const std::string& display_path, const std::string& text,
                            std::string_view format);

}  // namespace bucketlint
