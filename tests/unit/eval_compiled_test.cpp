// Compiled policies (statements indexed by the accounts their Principal names): every answer and
// every trace entry is the same as when each statement is matched against the requester.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "bucketlint/eval.h"
#include "eval_test_util.h"

namespace bucketlint::eval {
namespace {

constexpr const char* kOaiArn =
    "arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E74FTE3AEXAMPLE";
const std::string kOaiCanonical(64, 'c');
const std::string kAccountBCanonical(64, 'b');

// A bucket policy of account 111111111111 with every kind of Principal the index treats apart.
const std::string kWide = R"({"Version": "2012-10-17", "Statement": [
  {"Sid": "Acct", "Effect": "Allow", "Principal": {"AWS": "222222222222"},
   "Action": "s3:PutObject", "Resource": "arn:aws:s3:::bkt/*"},
  {"Sid": "Role", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::333333333333:role/up"},
   "Action": "s3:PutObject", "Resource": "arn:aws:s3:::bkt/*",
   "Condition": {"StringEquals": {"s3:x-amz-acl": "bucket-owner-full-control"}}},
  {"Sid": "User", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444444444444:user/u"},
   "Action": "s3:*", "Resource": "arn:aws:s3:::bkt/*"},
  {"Sid": "Session", "Effect": "Allow",
   "Principal": {"AWS": "arn:aws:sts::555555555555:assumed-role/r/s1"},
   "Action": "s3:PutObject", "Resource": "arn:aws:s3:::bkt/*"},
  {"Sid": "Root", "Effect": "Deny", "Principal": {"AWS": "arn:aws:iam::666666666666:root"},
   "Action": "s3:*", "Resource": "arn:aws:s3:::bkt/*"},
  {"Sid": "Two", "Effect": "Allow",
   "Principal": {"AWS": ["arn:aws:iam::222222222222:role/other", "777777777777"]},
   "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bkt/*"},
  {"Sid": "Oai", "Effect": "Allow", "Principal": {"AWS": ")" +
                          std::string(kOaiArn) + R"("},
   "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bkt/*"},
  {"Sid": "Svc", "Effect": "Allow", "Principal": {"Service": "cloudfront.amazonaws.com"},
   "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bkt/*"},
  {"Sid": "Canon", "Effect": "Allow", "Principal": {"CanonicalUser": ")" +
                          kAccountBCanonical + R"("},
   "Action": "s3:PutObject", "Resource": "arn:aws:s3:::bkt/*"},
  {"Sid": "UniqueId", "Effect": "Allow", "Principal": {"AWS": "AROAEXAMPLEID1234567"},
   "Action": "s3:PutObject", "Resource": "arn:aws:s3:::bkt/*"},
  {"Sid": "Not", "Effect": "Deny", "NotPrincipal": {"AWS": "arn:aws:iam::333333333333:root"},
   "Action": "s3:DeleteObject", "Resource": "arn:aws:s3:::bkt/*"},
  {"Sid": "Any", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
   "Resource": "arn:aws:s3:::bkt/*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
  {"Sid": "Acct2", "Effect": "Allow", "Principal": {"AWS": ["222222222222"]},
   "Action": "s3:PutObject", "Resource": "arn:aws:s3:::bkt/private/*",
   "Condition": {"StringEquals": {"S3:X-Amz-Acl": "private"}}}
]})";

IdentityDirectory directory() {
  IdentityDirectory d;
  d.oai_canonical_ids["E74FTE3AEXAMPLE"] = kOaiCanonical;
  d.account_canonical_ids["222222222222"] = kAccountBCanonical;
  d.index();
  return d;
}

TEST(CompiledPolicy, IndexesAccountPrincipalsAndKeepsTheRestAlways) {
  testing_util::PolicyStore store;
  const PolicyDocument* wide = store.add(kWide, PolicyKind::kBucket, "bp.json");
  ASSERT_NE(wide, nullptr);
  const CompiledPolicy c = compile_policy(*wide);
  // Oai, Svc, Canon, UniqueId, Not, Any.
  EXPECT_EQ(c.always, (std::vector<std::uint32_t>{6, 7, 8, 9, 10, 11}));
  EXPECT_EQ(c.by_account.at("222222222222"), (std::vector<std::uint32_t>{0, 5, 12}));
  EXPECT_EQ(c.by_account.at("333333333333"), (std::vector<std::uint32_t>{1}));
  EXPECT_EQ(c.by_account.at("444444444444"), (std::vector<std::uint32_t>{2}));
  EXPECT_EQ(c.by_account.at("555555555555"), (std::vector<std::uint32_t>{3}));
  EXPECT_EQ(c.by_account.at("666666666666"), (std::vector<std::uint32_t>{4}));
  EXPECT_EQ(c.by_account.at("777777777777"), (std::vector<std::uint32_t>{5}));
}

TEST(CompiledPolicy, SameAnswersAndTracesAsTheFullScan) {
  testing_util::PolicyStore store;
  const PolicyDocument* wide = store.add(kWide, PolicyKind::kBucket, "bp.json");
  const PolicyDocument* identity = store.add(
      R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*",
          "Resource": "*"}]})",
      PolicyKind::kIdentity, "id.json");
  ASSERT_NE(wide, nullptr);
  ASSERT_NE(identity, nullptr);
  CompiledPolicies compiled;
  compiled.add(*wide);
  ASSERT_NE(compiled.find(*wide), nullptr);
  const IdentityDirectory dir = directory();

  const std::vector<std::string> requesters = {
      "222222222222",
      "arn:aws:iam::222222222222:role/other",
      "arn:aws:sts::222222222222:assumed-role/other/s",
      "arn:aws:iam::333333333333:role/up",
      "arn:aws:sts::333333333333:assumed-role/up/x",
      "arn:aws:iam::444444444444:user/u",
      "arn:aws:iam::444444444444:user/someone-else",
      "arn:aws:sts::555555555555:assumed-role/r/s1",
      "arn:aws:sts::555555555555:assumed-role/r/s2",
      "666666666666",
      "arn:aws:iam::777777777777:role/x",
      "arn:aws:iam::888888888888:role/stranger",
      "111111111111",
      kOaiArn,
      "cloudfront.amazonaws.com",
      kOaiCanonical,
      "anonymous",
  };
  const std::vector<std::string> actions = {"s3:PutObject", "s3:GetObject", "s3:DeleteObject"};
  for (const std::string& who : requesters) {
    for (const std::string& action : actions) {
      for (const bool unknown_acl : {false, true}) {
        for (const bool identity_given : {false, true}) {
          Request req =
              testing_util::request(who, action, "arn:aws:s3:::bkt/uploads/a", "111111111111");
          if (unknown_acl) req.context.set_unknown("s3:x-amz-acl");
          req.context.set("aws:SecureTransport", "true");
          PolicySet set;
          set.resource_policy = wide;
          if (identity_given) {
            set.identity_policies.push_back(identity);
          } else {
            set.identity_not_given = true;
          }
          EvalOptions scan;
          scan.directory = &dir;
          EvalOptions index = scan;
          index.compiled = &compiled;
          const std::string label =
              who + " " + action + (unknown_acl ? " acl?" : "") + (identity_given ? " id" : "");
          testing_util::expect_same_result(evaluate(req, set, scan), evaluate(req, set, index),
                                           label);
          // Without a trace too.
          scan.trace = false;
          index.trace = false;
          const Result a = evaluate(req, set, scan);
          const Result b = evaluate(req, set, index);
          EXPECT_EQ(a.answer, b.answer) << label;
          EXPECT_EQ(a.decision, b.decision) << label;
          EXPECT_TRUE(b.trace.empty()) << label;
        }
      }
    }
  }
}

TEST(CompiledPolicy, LeavesOutUnnamedStatementsFromTheEvaluatedEntries) {
  testing_util::PolicyStore store;
  const PolicyDocument* wide = store.add(kWide, PolicyKind::kBucket, "bp.json");
  ASSERT_NE(wide, nullptr);
  CompiledPolicies compiled;
  compiled.add(*wide);
  EvalOptions options;
  options.compiled = &compiled;
  Request req = testing_util::request("arn:aws:sts::333333333333:assumed-role/up/x", "s3:PutObject",
                                      "arn:aws:s3:::bkt/a", "111111111111");
  req.context.set("s3:x-amz-acl", "bucket-owner-full-control");
  PolicySet set;
  set.resource_policy = wide;
  set.identity_not_given = true;
  const Result r = evaluate(req, set, options);
  EXPECT_EQ(r.answer, Answer::kAllowed);
  // Role, then the six always-checked statements; the other six are built on read.
  EXPECT_EQ(r.trace.evaluated().size(), 7u);
  EXPECT_EQ(r.trace.size(), 13u);
  const std::vector<TraceEntry> all = r.trace.entries();
  ASSERT_EQ(all.size(), 13u);
  EXPECT_EQ(all[0].label(), "statement 'Acct'");
  EXPECT_EQ(all[0].reason(),
            "principal 'arn:aws:sts::333333333333:assumed-role/up/x' is not "
            "named in Principal");
  EXPECT_EQ(all[0].reason_where.pointer(), "/Statement/0/Principal");
  EXPECT_EQ(all[1].label(), "statement 'Role'");
  EXPECT_EQ(all[1].applies, Tri::kTrue);
}

}  // namespace
}  // namespace bucketlint::eval
