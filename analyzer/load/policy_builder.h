#pragma once

// Turns a parsed policy document (a JsonValue object) into a PolicyDocument, recording the
// SourceRef and JSON Pointer of every element. Elements of the wrong JSON type are reported as
// IN009 diagnostics and left out; the rest of the policy is still built.

#include <memory>
#include <string>
#include <vector>

#include "bucketlint/json.h"
#include "bucketlint/model.h"
#include "bucketlint/source.h"

namespace bucketlint {

std::unique_ptr<PolicyDocument> build_policy(const SourceFile& source, const JsonValue& root,
                                             const std::string& pointer_base, PolicyKind kind,
                                             std::vector<LoadDiagnostic>& diagnostics);

// Length of the value serialised without insignificant whitespace (how IAM counts policy size).
std::size_t minified_size(const JsonValue& value);

// How a raw policy document reads: which kind its shape says it is (docs/aws-semantics.md 10.1):
// no Principal anywhere -> identity; Principal and only sts:AssumeRole*-family actions and no
// Resource -> trust; Principal and kms: actions -> key; Principal and S3 resources, S3 actions
// or s3: condition keys -> bucket; other Principal -> resource.
PolicyKind classify_policy_shape(const JsonValue& root);

// True when the value looks like an IAM policy document (an object with a Statement member).
bool looks_like_policy(const JsonValue& root);

}  // namespace bucketlint
