// Compiled statements (lowered Action patterns, Resource patterns split into ARN segments, parsed
// Principal values, parsed condition operators and recognised keys) give exactly the Result of
// matching the policy text: answer, decision, summary, dependencies and every trace entry, for
// many requests against hand-written policies (wildcards, NotAction, NotResource, NotPrincipal,
// policy variables, case variants) and against every policy of every sample.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "bucketlint/eval.h"
#include "bucketlint/load.h"
#include "eval_test_util.h"

namespace bucketlint::eval {
namespace {

const std::string kOaiArn =
    "arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E74FTE3AEXAMPLE";
const std::string kOaiCanonical(64, 'c');
const std::string kAccountBCanonical(64, 'b');

const std::vector<std::string> kPolicies = {
    // Wildcards of every kind in Action and Resource; case variants of actions.
    R"({"Version": "2012-10-17", "Statement": [
  {"Sid": "Lit", "Effect": "Allow", "Principal": {"AWS": "222222222222"},
   "Action": ["S3:PUTOBJECT", "s3:getObject"], "Resource": "arn:aws:s3:::bkt/uploads/a"},
  {"Sid": "Prefix", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::222222222222:root"},
   "Action": "s3:Get*", "Resource": "arn:aws:s3:::bkt/uploads/*"},
  {"Sid": "Glob", "Effect": "Allow", "Principal": "*",
   "Action": ["s3:*Object?cl", "s3:?etObject", "*"],
   "Resource": ["arn:aws:s3:::b?t/*/a", "arn:aws:s3:::*/uploads/*", "arn:aws:s3:*:*:bkt*"]},
  {"Sid": "Text", "Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "s3:Delete*",
   "Resource": ["arn:aws:s3:*", "*bkt/private*", "arn:*"]},
  {"Sid": "Case", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::333333333333:role/up"},
   "Action": "S3:Put*", "Resource": ["ARN:AWS:S3:::BKT/*", "arn:aws:s3:::bkt/Uploads/*"]}
]})",
    // NotAction, NotResource, NotPrincipal, conditions on engine-filled keys in every case.
    R"({"Version": "2012-10-17", "Statement": [
  {"Sid": "NotAct", "Effect": "Allow", "Principal": {"AWS": ["222222222222", "333333333333"]},
   "NotAction": ["s3:Delete*", "S3:PUTOBJECTACL"], "Resource": "arn:aws:s3:::bkt/*"},
  {"Sid": "NotRes", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
   "NotResource": ["arn:aws:s3:::bkt/uploads/*", "arn:aws:s3:::bkt"],
   "Condition": {"StringNotEquals": {"AWS:PrincipalAccount": ["111111111111", "222222222222"]}}},
  {"Sid": "NotPrin", "Effect": "Deny",
   "NotPrincipal": {"AWS": ["arn:aws:iam::333333333333:role/up",
                            "arn:aws:sts::333333333333:assumed-role/up/x", "333333333333"]},
   "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bkt/secret/*"},
  {"Sid": "NotPrinAllow", "Effect": "Allow", "NotPrincipal": {"AWS": "444444444444"},
   "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::bkt"},
  {"Sid": "Keys", "Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "s3:PutObject",
   "Resource": "arn:aws:s3:::bkt/*",
   "Condition": {"StringLike": {"aws:principalarn": "arn:aws:iam::*:role/up",
                                "AWS:PRINCIPALTYPE": "AssumedRole"},
                 "StringEquals": {"s3:x-amz-acl": "bucket-owner-full-control",
                                  "aws:ResourceAccount": "111111111111"},
                 "Bool": {"aws:PrincipalIsAWSService": "false", "aws:SecureTransport": "true"},
                 "Null": {"aws:userid": "false"}}},
  {"Sid": "Odd", "Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "s3:GetObject",
   "Resource": "arn:aws:s3:::bkt/*",
   "Condition": {"NoSuchOperator": {"aws:username": "x"},
                 "ForAnyValue:StringEquals": {"aws:TagKeys": ["a", "b"]},
                 "StringEqualsIfExists": {"aws:sourceVpce": "vpce-1"}}}
]})",
    // Principals of every kind the compiled form tells apart.
    R"({"Version": "2012-10-17", "Statement": [
  {"Sid": "User", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444444444444:user/u"},
   "Action": "s3:*", "Resource": "arn:aws:s3:::bkt/*"},
  {"Sid": "Session", "Effect": "Allow",
   "Principal": {"AWS": "arn:aws:sts::555555555555:assumed-role/r/s1"},
   "Action": "s3:PutObject", "Resource": "arn:aws:s3:::bkt/*"},
  {"Sid": "Fed", "Effect": "Allow",
   "Principal": {"AWS": "arn:aws:sts::555555555555:federated-user/f"},
   "Action": "s3:PutObject", "Resource": "arn:aws:s3:::bkt/*"},
  {"Sid": "PathRole", "Effect": "Allow",
   "Principal": {"AWS": "arn:aws:iam::333333333333:role/team/up"},
   "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bkt/*"},
  {"Sid": "Oai", "Effect": "Allow", "Principal": {"AWS": ")" +
        kOaiArn + R"("}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bkt/*"},
  {"Sid": "Svc", "Effect": "Allow", "Principal": {"Service": "CloudFront.amazonaws.com"},
   "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bkt/*",
   "Condition": {"ArnLike": {"aws:SourceArn": "arn:aws:cloudfront::111111111111:*"}}},
  {"Sid": "Canon", "Effect": "Allow", "Principal": {"CanonicalUser": [")" +
        kAccountBCanonical + R"(", ")" + kOaiCanonical + R"("]},
   "Action": "s3:PutObject", "Resource": "arn:aws:s3:::bkt/*"},
  {"Sid": "Federated", "Effect": "Allow", "Principal": {"Federated": "accounts.google.com"},
   "Action": "sts:AssumeRoleWithWebIdentity", "Resource": "*"},
  {"Sid": "UniqueId", "Effect": "Allow", "Principal": {"AWS": "AROAEXAMPLEID1234567"},
   "Action": "s3:PutObject", "Resource": "arn:aws:s3:::bkt/*"},
  {"Sid": "Junk", "Effect": "Allow",
   "Principal": {"AWS": ["not-an-arn", "arn:aws:iam::222222222222:group/g",
                         "arn:aws:s3:::bkt", "arn:aws:iam::cloudfront:root"]},
   "Action": "s3:PutObject", "Resource": "arn:aws:s3:::bkt/*"},
  {"Sid": "NoEffect", "Principal": "*", "Action": "s3:*", "Resource": "*"}
]})",
    // Policy variables (Version 2012-10-17): the plain path.
    R"({"Version": "2012-10-17", "Statement": [
  {"Sid": "Home", "Effect": "Allow", "Action": "s3:*",
   "Resource": ["arn:aws:s3:::bkt/home/${aws:username}/*", "arn:aws:s3:::bkt/${aws:userid}",
                "arn:aws:s3:::bkt/${s3:prefix, 'def'}/*"],
   "Condition": {"StringLike": {"s3:prefix": ["home/${aws:username}/*", "${aws:PrincipalAccount}"]}}},
  {"Sid": "Acct", "Effect": "Deny", "Action": "s3:DeleteObject",
   "Resource": "arn:aws:s3:::bkt/${aws:PrincipalAccount}/*"}
]})",
    // Without Version: "${...}" is literal text.
    R"({"Statement": [
  {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bkt/${aws:username}/*"},
  {"Effect": "Allow", "Action": "s3:GetObject*", "Resource": "arn:aws:s3:::bkt/*/a"}
]})",
};

IdentityDirectory directory() {
  IdentityDirectory d;
  d.oai_canonical_ids["E74FTE3AEXAMPLE"] = kOaiCanonical;
  d.account_canonical_ids["222222222222"] = kAccountBCanonical;
  d.index();
  return d;
}

// `policy` in the slot its kind takes.
PolicySet set_for(const PolicyDocument* policy, bool as_scp) {
  PolicySet set;
  if (as_scp) {
    set.scp_levels = {{policy}};
    set.identity_not_given = true;
  } else if (policy->kind == PolicyKind::kIdentity) {
    set.identity_policies.push_back(policy);
  } else {
    set.resource_policy = policy;
    set.identity_not_given = true;
  }
  return set;
}

// A concrete text for a pattern: wildcards replaced.
std::string instance(std::string_view pattern, char star) {
  std::string out;
  for (const char c : pattern)
    out += c == '*' ? std::string(1, star) : c == '?' ? "q" : std::string(1, c);
  return out;
}

std::string flip_case(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') {
      c = static_cast<char>(c - 'a' + 'A');
    } else if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return out;
}

template <typename T>
void add_unique(std::vector<T>& list, T value, std::size_t limit) {
  if (list.size() < limit && std::find(list.begin(), list.end(), value) == list.end()) {
    list.push_back(std::move(value));
  }
}

// Every request of the grid against `policy`, plain and compiled; returns the count.
std::size_t compare_all(const PolicyDocument& policy, const IdentityDirectory& dir,
                        const std::string& name, std::size_t limit) {
  std::vector<Principal> principals;
  for (const std::string& who :
       {std::string("222222222222"), std::string("arn:aws:sts::333333333333:assumed-role/up/x"),
        std::string("arn:aws:iam::333333333333:role/team/up"),
        std::string("arn:aws:iam::444444444444:user/u"),
        std::string("arn:aws:sts::555555555555:federated-user/f"), kOaiArn, kOaiCanonical,
        std::string("cloudfront.amazonaws.com"), std::string("anonymous")}) {
    principals.push_back(testing_util::principal(who));
  }
  std::vector<std::string> actions = {"s3:PutObject", "s3:getobjectacl", "s3:ListBucket"};
  std::vector<std::string> resources = {"arn:aws:s3:::bkt/uploads/a", "arn:aws:s3:::bkt",
                                        "arn:aws:s3:::BKT/secret/k"};
  for (const Statement& stmt : policy.statements) {
    for (const PrincipalValue& v : stmt.principal.values) {
      if (std::optional<Principal> p = principal_from_value(v, &dir)) {
        if (principals.size() < limit + 9) principals.push_back(std::move(*p));
      }
    }
    for (const LocatedString& v : stmt.action.values) {
      add_unique(actions, instance(v.value, 'x'), limit + 3);
      add_unique(actions, flip_case(instance(v.value, 'Q')), limit + 3);
    }
    for (const LocatedString& v : stmt.resource.values) {
      add_unique(resources, instance(v.value, '/'), limit + 3);
      add_unique(resources, instance(v.value, ':'), limit + 3);
    }
  }
  CompiledPolicies compiled;
  compiled.add(policy);
  std::size_t count = 0;
  for (const Principal& p : principals) {
    for (const std::string& action : actions) {
      for (const std::string& resource : resources) {
        for (int variant = 0; variant < 4; ++variant) {
          Request req;
          req.principal = p;
          req.action = action;
          req.resource = resource;
          req.resource_account = "111111111111";
          if (variant == 0) {
            req.context.set("aws:SecureTransport", "true");
            req.context.set("s3:x-amz-acl", "bucket-owner-full-control");
            req.context.set("aws:username", "u");
          }
          if (variant == 1) req.static_question = true;
          if (variant == 2) {
            req.context.set_unknown("S3:X-Amz-Acl");
            req.context.set("AWS:PrincipalAccount", "999999999999");
          }
          if (variant == 3) {
            req.resource = instance(resource, '*');
            req.resource_is_pattern = true;
          }
          const PolicySet set = set_for(&policy, variant == 2 && action == "s3:ListBucket");
          EvalOptions plain;
          plain.directory = &dir;
          EvalOptions fast = plain;
          fast.compiled = &compiled;
          const std::string label = name + ": " + p.label() + " " + action + " " + req.resource +
                                    " variant " + std::to_string(variant);
          testing_util::expect_same_result(evaluate(req, set, plain), evaluate(req, set, fast),
                                           label);
          plain.trace = false;
          fast.trace = false;
          const Result a = evaluate(req, set, plain);
          const Result b = evaluate(req, set, fast);
          EXPECT_EQ(a.answer, b.answer) << label;
          EXPECT_EQ(a.decision, b.decision) << label;
          EXPECT_EQ(a.summary, b.summary) << label;
          ++count;
        }
      }
    }
  }
  return count;
}

TEST(CompiledForms, SameResultsAsThePolicyTextForHandWrittenPolicies) {
  testing_util::PolicyStore store(/*expect_clean=*/false);
  const IdentityDirectory dir = directory();
  std::size_t count = 0;
  for (std::size_t i = 0; i < kPolicies.size(); ++i) {
    for (const PolicyKind kind : {PolicyKind::kBucket, PolicyKind::kIdentity}) {
      const PolicyDocument* policy = store.add(kPolicies[i], kind);
      ASSERT_NE(policy, nullptr);
      count += compare_all(*policy, dir, "policy " + std::to_string(i), 8);
    }
  }
  EXPECT_GT(count, 5000U);
}

TEST(CompiledForms, SameResultsAsThePolicyTextForEverySamplePolicy) {
  const IdentityDirectory dir = directory();
  std::size_t policies = 0;
  std::vector<std::filesystem::path> dirs;
  for (const auto& e : std::filesystem::directory_iterator(
           std::filesystem::path(BUCKETLINT_SOURCE_DIR) / "samples")) {
    if (e.is_directory()) dirs.push_back(e.path());
  }
  std::sort(dirs.begin(), dirs.end());
  for (const std::filesystem::path& sample : dirs) {
    LoadOptions options;
    options.paths = {sample.generic_string()};
    options.discover_config = false;
    const LoadResult loaded = load_inputs(options);
    for (const std::unique_ptr<PolicyDocument>& p : loaded.model.policies) {
      compare_all(*p, dir, sample.filename().string(), 2);
      ++policies;
    }
  }
  EXPECT_GT(policies, 100U);
}

TEST(CompiledForms, SmallPoliciesAreCompiledButNotIndexed) {
  testing_util::PolicyStore store(/*expect_clean=*/false);
  const PolicyDocument* policy = store.add(kPolicies[0], PolicyKind::kBucket);
  ASSERT_NE(policy, nullptr);
  CompiledPolicies compiled;
  compiled.add(*policy);
  const CompiledPolicy* c = compiled.find(*policy);
  ASSERT_NE(c, nullptr);
  EXPECT_FALSE(c->indexed);
  EXPECT_NE(c->forms, nullptr);
}

}  // namespace
}  // namespace bucketlint::eval
