#pragma once

// Small predicates shared by the rules. Free functions so unit tests can call them directly.

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>

#include "bucketlint/iam.h"
#include "bucketlint/json.h"
#include "bucketlint/model.h"
#include "bucketlint/source.h"
#include "bucketlint/text.h"

namespace bucketlint::rules {

// ASCII helpers (bucketlint/text.h).
using text::ascii_lower;
using text::is_ascii_alnum;
using text::is_ascii_digit;
using text::is_ascii_lower;
using text::is_ascii_upper;

// Twelve ASCII digits: the form of an AWS account ID (docs/aws-semantics.md 5.2, IAM-IDS).
using bucketlint::is_account_id;  // model.h

// Digits with optional dashes or spaces ("1111-2222-3333"): a value meant as an account ID.
bool looks_like_account_id_attempt(std::string_view s);

// True when `s` contains a policy variable "${...}" (IAM-VARS), e.g. "${aws:username}".
using iam::has_policy_variable;

// True when `s` contains an IAM wildcard ('*' or '?').
using text::has_wildcard;

// The six colon-separated fields of an ARN (bucketlint/iam.h).
using iam::ArnFields;
using iam::split_arn;

// Partitions AWS documents (aws, aws-cn, aws-us-gov, the ISO partitions, aws-eusc).
bool is_known_partition(std::string_view partition);

// IAM unique IDs of any kind (bucketlint/iam.h): TR005 covers the ones left in policies after a
// principal was deleted, so the grammar rules leave them all alone.
inline bool is_unique_principal_id(std::string_view s) { return iam::is_unique_id(s); }

// Identity and trust policies are IAM policies: IAM's stricter grammar applies (Sid charset,
// unique Sids). Bucket, key and other resource policies follow their service's grammar.
bool is_iam_policy(PolicyKind kind);

// The SourceRef of a raw JSON value of `doc` at `pointer` (for rules that read the raw tree).
SourceRef ref_of(const PolicyDocument& doc, const JsonValue& value, std::string pointer);
// The SourceRef of an object member's key (the opening quote of the key).
SourceRef key_ref_of(const PolicyDocument& doc, const JsonMember& member, std::string pointer);

}  // namespace bucketlint::rules
