#pragma once

// ARN parsing and matching (arn:partition:service:region:account:resource).
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "bucketlint/model.h"

namespace bucketlint::model {

struct Arn {
  std::string_view partition;  // "aws", "aws-cn", "aws-us-gov"
  std::string_view service;    // "s3", "iam", "sts"
  std::string_view region;
  std::string_view account;
  std::string_view resource;  // everything after the fifth ':' (may contain ':' and '/')
};

// Views into `text`; nullopt unless it starts with "arn:" and has at least five ':' after it
// (iam::split_arn: a ':' inside a policy variable separates no fields).
std::optional<Arn> parse_arn(std::string_view text);

using bucketlint::is_account_id;  // exactly 12 ASCII digits (model.h)

// ArnLike / ArnEquals and Resource matching (docs/aws-semantics.md 5.4, 5.5): the pattern and the
// ARN are compared segment by segment (case-sensitive); within the first five segments wildcards do
// not cross ':', in the resource part '*' matches anything ('/' and ':' included). A pattern that
// is not a six-part ARN ("*", "arn:aws:s3:*") is matched against the whole text when
// `whole_text_fallback` (Resource element); ArnLike requires both to be ARNs.
// `flags` are GlobFlags (kGlobEscapes for patterns produced by policy-variable substitution).
bool arn_matches(std::string_view pattern, std::string_view arn, std::uint8_t flags,
                 bool whole_text_fallback);

// The six segments arn_matches compares: `text` split at its first five ':' (every ':' counts);
// false when it has fewer.
bool split_arn_segments(std::string_view text, std::array<std::string_view, 6>& parts);

// S3 helpers: "arn:aws:s3:::bucket" -> bucket; "arn:aws:s3:::bucket/key" -> bucket, key.
struct S3Target {
  std::string_view bucket;
  std::string_view key;  // empty for bucket ARNs
  bool is_object = false;
};
std::optional<S3Target> parse_s3_arn(std::string_view arn);

}  // namespace bucketlint::model
