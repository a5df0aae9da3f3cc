// The access-query layer (bucketlint/access.h): each question answered once per bucket however
// many rules ask it, and the candidate index giving the same writers as asking every identity.

#include "bucketlint/access.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "bucketlint/engine.h"
#include "bucketlint/load.h"
#include "bucketlint/rule.h"
#include "model_builder.h"

namespace bucketlint {
namespace {

using testing_util::kA;
using testing_util::kB;
using testing_util::kBucket;
using testing_util::kWriterRole;
using testing_util::ModelBuilder;

constexpr const char* kPartnerPut = R"({"Version":"2012-10-17","Statement":[
  {"Sid":"PartnerPut","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:role/site-uploader"},
   "Action":"s3:PutObject","Resource":"arn:aws:s3:::amzn-s3-demo-bucket/*"}]})";
constexpr const char* kPutAnything = R"({"Version":"2012-10-17","Statement":[
  {"Effect":"Allow","Action":"s3:PutObject","Resource":"*"}]})";

// What a writer answer consists of, for comparing two answers.
std::vector<std::string> describe(const std::vector<access::Writer>& writers) {
  std::vector<std::string> out;
  for (const access::Writer& w : writers) {
    const eval::TraceEntry* grant = w.bucket_grant();
    out.push_back(fmt::format("{} key={} same={} known={} acl={}{}{} grant={}", w.label(), w.key,
                              w.same_account, w.identity_known, w.must_send_acl, w.bofc_allowed,
                              w.private_allowed, grant == nullptr ? "-" : grant->label()));
  }
  return out;
}

std::vector<std::filesystem::path> sample_dirs() {
  std::vector<std::filesystem::path> dirs;
  for (const auto& e : std::filesystem::directory_iterator(
           std::filesystem::path(BUCKETLINT_SOURCE_DIR) / "samples")) {
    if (e.is_directory()) dirs.push_back(e.path());
  }
  std::sort(dirs.begin(), dirs.end());
  return dirs;
}

LoadResult load_sample(const std::filesystem::path& dir) {
  LoadOptions options;
  options.paths = {dir.generic_string()};
  options.discover_config = false;
  return load_inputs(options);
}

class Collect final : public FindingSink {
 public:
  void report(Finding finding) override { findings.push_back(std::move(finding)); }
  std::vector<Finding> findings;
};

// Every rule of the registry over every sample, through one Queries object: the writers, readers
// and assumed-writer roles of a bucket are computed at most once, the directory once per run.
TEST(AccessQueries, EachQuestionAnsweredOncePerBucket) {
  std::size_t asked_more_than_once = 0;
  for (const std::filesystem::path& dir : sample_dirs()) {
    SCOPED_TRACE(dir.filename().string());
    const LoadResult loaded = load_sample(dir);
    const access::Queries queries(loaded.model);
    const RuleContext context{loaded.model, queries};
    Collect sink;
    for (const auto& rule : make_builtin_rules()) rule->check(context, sink);
    const access::Queries::Stats& s = queries.stats();
    const std::size_t buckets = loaded.model.buckets.size();
    EXPECT_LE(s.writer_computations, buckets);
    EXPECT_LE(s.reader_computations, buckets);
    EXPECT_LE(s.assumed_writer_computations, buckets);
    EXPECT_LE(s.origin_computations, 1U);
    EXPECT_LE(s.caller_computations, 1U);
    EXPECT_EQ(s.directory_computations, 1U);
    if (s.writer_questions > s.writer_computations) ++asked_more_than_once;
  }
  // Several rules ask for the writers of the same bucket in the OW/AC samples: the memo is used.
  EXPECT_GT(asked_more_than_once, 0U);
}

// The index only skips identities the evaluator would deny: on every sample the writers are the
// same as when every role and user of the model is asked about.
TEST(AccessQueries, IndexedWritersEqualAskingEveryone) {
  for (const std::filesystem::path& dir : sample_dirs()) {
    SCOPED_TRACE(dir.filename().string());
    const LoadResult loaded = load_sample(dir);
    const access::Queries indexed(loaded.model);
    const access::Queries scan(loaded.model, /*use_index=*/false);
    for (const Bucket& bucket : loaded.model.buckets) {
      EXPECT_EQ(describe(indexed.writers(bucket, access::WriterScope::kAllAccounts)),
                describe(scan.writers(bucket, access::WriterScope::kAllAccounts)));
      EXPECT_EQ(describe(indexed.writers(bucket)), describe(scan.writers(bucket)));
    }
    EXPECT_LE(indexed.stats().writer_candidates, scan.stats().writer_candidates);
  }
}

TEST(AccessQueries, UnrelatedAccountsAreNotCandidates) {
  ModelBuilder m;
  m.bucket(kBucket, kA, kPartnerPut);
  m.role(kWriterRole, {kPutAnything});
  // Forty roles of accounts the bucket names nowhere: each could put objects on its own side.
  for (int i = 0; i < 40; ++i) {
    const std::string account = fmt::format("{}", 300000000000LL + i);
    m.role(fmt::format("arn:aws:iam::{}:role/r", account), {kPutAnything});
  }
  const Bucket& bucket = m.model.buckets.front();
  const access::Queries indexed(m.model);
  const access::Queries scan(m.model, /*use_index=*/false);
  EXPECT_THAT(
      describe(indexed.writers(bucket)),
      testing::ElementsAre(testing::StartsWith("'arn:aws:iam::222222222222:role/site-uploader'")));
  EXPECT_EQ(describe(indexed.writers(bucket)), describe(scan.writers(bucket)));
  EXPECT_EQ(indexed.stats().writer_candidates, 1U);
  EXPECT_EQ(scan.stats().writer_candidates, 41U);
}

// Same-account roles are asked only when their identity policies can cover an upload into the
// bucket (or the bucket policy may name them): a role that writes elsewhere is not a candidate.
TEST(AccessQueries, SameAccountRolesWritingElsewhereAreNotCandidates) {
  ModelBuilder m;
  m.bucket(kBucket, kA, kPartnerPut);
  m.role(kWriterRole, {kPutAnything});
  for (int i = 0; i < 30; ++i) {
    m.role(fmt::format("arn:aws:iam::{}:role/site-{}", kA, i),
           {fmt::format(R"({{"Version":"2012-10-17","Statement":[{{"Effect":"Allow",
              "Action":["s3:PutObject","s3:GetObject"],"Resource":"arn:aws:s3:::other-{}/*"}}]}})",
                        i)});
  }
  // Kept: a prefix wildcard that reaches the bucket, and NotResource.
  m.role(fmt::format("arn:aws:iam::{}:role/prefix", kA),
         {R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:Put*",
            "Resource":"arn:aws:s3:::AMZN-s3-demo-*"}]})"});
  m.role(fmt::format("arn:aws:iam::{}:role/not-resource", kA),
         {R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:PutObject",
            "NotResource":"arn:aws:s3:::other/*"}]})"});
  const Bucket& bucket = m.model.buckets.front();
  const access::Queries indexed(m.model);
  const access::Queries scan(m.model, /*use_index=*/false);
  EXPECT_EQ(describe(indexed.writers(bucket, access::WriterScope::kAllAccounts)),
            describe(scan.writers(bucket, access::WriterScope::kAllAccounts)));
  EXPECT_THAT(describe(indexed.writers(bucket, access::WriterScope::kAllAccounts)),
              testing::Contains(testing::HasSubstr("role/not-resource")));
  EXPECT_EQ(indexed.stats().writer_candidates, 3U);  // partner, prefix, not-resource
  EXPECT_EQ(scan.stats().writer_candidates, 33U);
}

TEST(AccessQueries, WildcardPrincipalKeepsEveryoneACandidate) {
  ModelBuilder m;
  m.bucket(kBucket, kA, R"({"Version":"2012-10-17","Statement":[
    {"Effect":"Allow","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::amzn-s3-demo-bucket/*",
     "Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-exampleorgid"}}}]})");
  for (int i = 0; i < 5; ++i) {
    const std::string account = fmt::format("{}", 300000000000LL + i);
    m.role(fmt::format("arn:aws:iam::{}:role/r", account), {kPutAnything});
  }
  const Bucket& bucket = m.model.buckets.front();
  const access::Queries indexed(m.model);
  const access::Queries scan(m.model, /*use_index=*/false);
  EXPECT_EQ(describe(indexed.writers(bucket)), describe(scan.writers(bucket)));
  EXPECT_EQ(indexed.stats().writer_candidates, scan.stats().writer_candidates);
}

// With the organisation known (organizations describe-organization / list-accounts), a writer of
// one of its accounts has aws:PrincipalOrgID = its ID, so an upload granted to the organisation
// is allowed, not "depends"; an account outside it keeps the key unknown.
TEST(AccessQueries, OrganizationResolvesPrincipalOrgId) {
  ModelBuilder m;
  m.bucket(kBucket, kA, R"({"Version":"2012-10-17","Statement":[
    {"Effect":"Allow","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::amzn-s3-demo-bucket/*",
     "Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}}]})");
  m.role(kWriterRole, {kPutAnything});
  m.role("arn:aws:iam::333333333333:role/r", {kPutAnything});
  auto answers = [&] {
    std::vector<std::string> out;
    const access::Queries q(m.model);
    for (const access::Writer& w : q.writers(m.model.buckets.front())) {
      if (w.role == nullptr) continue;
      out.push_back(fmt::format("{} {}", w.role->account_id,
                                w.put_no_acl.answer == eval::Answer::kAllowed   ? "allowed"
                                : w.put_no_acl.answer == eval::Answer::kDepends ? "depends"
                                                                                : "denied"));
    }
    std::sort(out.begin(), out.end());
    return out;
  };
  EXPECT_THAT(answers(), testing::ElementsAre("222222222222 depends", "333333333333 depends"));
  m.model.organization.id = "o-a1b2c3d4e5";
  m.model.organization.management_account = kA;
  m.model.organization.accounts = {kA, kB};
  EXPECT_THAT(answers(), testing::ElementsAre("222222222222 allowed", "333333333333 depends"));
}

// Writer questions are static questions (eval::static_key_absent): a statement for "*" that
// requires aws:SourceAccount lets in only service principals, since no role session carries the
// key, while one that requires a VPC endpoint leaves a role's upload open (the requester chooses
// its network path).
TEST(AccessQueries, StaticQuestionsDecideKeysByRequestKind) {
  auto writers_under = [](const std::string& condition) {
    ModelBuilder m;
    m.bucket(kBucket, kA,
             R"({"Version":"2012-10-17","Statement":[
      {"Effect":"Allow","Principal":"*","Action":"s3:PutObject",
       "Resource":"arn:aws:s3:::amzn-s3-demo-bucket/*","Condition":)" +
                 condition + "}]}");
    m.role(kWriterRole, {kPutAnything});
    std::vector<std::string> out;
    const access::Queries q(m.model);
    for (const access::Writer& w : q.writers(m.model.buckets.front())) {
      out.push_back(
          fmt::format("{} {}", w.label(),
                      w.put_no_acl.answer == eval::Answer::kDepends ? "depends" : "certain"));
    }
    return out;
  };
  EXPECT_THAT(writers_under(R"({"StringEquals":{"aws:SourceAccount":"111111111111"}})"),
              testing::IsEmpty());
  EXPECT_THAT(writers_under(R"({"StringEquals":{"aws:SourceVpce":"vpce-1a2b3c4d"}})"),
              testing::Contains(testing::HasSubstr("site-uploader' depends")));
}

TEST(AccessQueries, BucketAclGranteesAreCandidatesByCanonicalId) {
  ModelBuilder m;
  Bucket& b = m.bucket(kBucket, kA, "");
  b.acl = testing_util::acl_of(testing_util::kCanonA,
                               {testing_util::canonical_grant(testing_util::kCanonB, "WRITE", 3)});
  m.role(kWriterRole, {kPutAnything});
  for (int i = 0; i < 5; ++i) {
    const std::string account = fmt::format("{}", 300000000000LL + i);
    m.role(fmt::format("arn:aws:iam::{}:role/r", account), {kPutAnything});
  }
  const Bucket& bucket = m.model.buckets.front();
  const access::Queries indexed(m.model);
  const access::Queries scan(m.model, /*use_index=*/false);
  EXPECT_THAT(describe(indexed.writers(bucket)), testing::SizeIs(1));
  EXPECT_EQ(describe(indexed.writers(bucket)), describe(scan.writers(bucket)));
  EXPECT_EQ(indexed.stats().writer_candidates, 1U);
}

TEST(AccessQueries, WritersAreMemoised) {
  ModelBuilder m;
  m.bucket(kBucket, kA, kPartnerPut);
  m.role(kWriterRole, {kPutAnything});
  const Bucket& bucket = m.model.buckets.front();
  const access::Queries q(m.model);
  const std::vector<access::Writer>& first = q.writers(bucket);
  const std::vector<access::Writer>& again = q.writers(bucket);
  EXPECT_EQ(&first, &again);
  (void)q.writers(bucket, access::WriterScope::kAllAccounts);
  EXPECT_EQ(q.stats().writer_computations, 1U);
  EXPECT_EQ(q.stats().writer_questions, 3U);
  ASSERT_THAT(first, testing::SizeIs(1));
  EXPECT_EQ(first[0].account, kB);
  EXPECT_NE(std::string(kA), kB);
}

std::vector<std::string> describe(const std::vector<access::Reader>& readers) {
  std::vector<std::string> out;
  for (const access::Reader& r : readers) {
    const eval::TraceEntry* grant = r.grant();
    out.push_back(fmt::format("{} key={} grant={}", r.label(), r.key,
                              grant == nullptr ? "-" : grant->label()));
  }
  return out;
}

std::vector<std::string> describe(const std::vector<const Role*>& roles) {
  std::vector<std::string> out;
  for (const Role* r : roles) out.push_back(r->arn);
  return out;
}

// Queries::prepare (--jobs) answers every bucket on several threads, once each, with the same
// answers as asking one question at a time.
TEST(AccessQueries, PreparedOnThreadsEqualsAskedOneByOne) {
  for (const std::filesystem::path& dir : sample_dirs()) {
    SCOPED_TRACE(dir.filename().string());
    const LoadResult loaded = load_sample(dir);
    const access::Queries asked(loaded.model);
    const access::Queries prepared(loaded.model);
    std::size_t calls = 0;
    std::size_t last = 0;
    prepared.prepare(4, [&](std::size_t done, std::size_t total) {
      ++calls;
      EXPECT_EQ(total, loaded.model.buckets.size());
      EXPECT_EQ(done, last + 1);  // one thread at a time, in order of completion
      last = done;
    });
    EXPECT_EQ(calls, loaded.model.buckets.size());
    const std::size_t computed = prepared.stats().writer_computations;
    for (const Bucket& bucket : loaded.model.buckets) {
      EXPECT_EQ(describe(prepared.writers(bucket, access::WriterScope::kAllAccounts)),
                describe(asked.writers(bucket, access::WriterScope::kAllAccounts)));
      EXPECT_EQ(describe(prepared.writers(bucket)), describe(asked.writers(bucket)));
      EXPECT_EQ(describe(prepared.readers(bucket)), describe(asked.readers(bucket)));
      EXPECT_EQ(describe(prepared.assumed_writer_roles(bucket)),
                describe(asked.assumed_writer_roles(bucket)));
    }
    // Nothing was computed again after prepare().
    EXPECT_EQ(prepared.stats().writer_computations, computed);
    EXPECT_LE(computed, loaded.model.buckets.size());
  }
}

// The engine with four jobs reports what it reports with one, in the same order.
TEST(AccessQueries, RunRulesWithJobsGivesTheSameFindings) {
  const auto rules = make_builtin_rules();
  std::size_t findings = 0;
  for (const std::filesystem::path& dir : sample_dirs()) {
    SCOPED_TRACE(dir.filename().string());
    const LoadResult loaded = load_sample(dir);
    RunOptions four;
    four.jobs = 4;
    const EngineResult one_result = run_rules(loaded.model, rules, loaded.settings);
    const EngineResult four_result = run_rules(loaded.model, rules, loaded.settings, four);
    ASSERT_EQ(one_result.findings.size(), four_result.findings.size());
    for (std::size_t i = 0; i < one_result.findings.size(); ++i) {
      const Finding& a = one_result.findings[i];
      const Finding& b = four_result.findings[i];
      EXPECT_EQ(a.rule->id, b.rule->id);
      EXPECT_EQ(a.where, b.where);
      EXPECT_EQ(a.message, b.message);
      EXPECT_EQ(a.fingerprint, b.fingerprint);
      EXPECT_EQ(a.notes.size(), b.notes.size());
    }
    EXPECT_EQ(one_result.incomplete, four_result.incomplete);
    findings += one_result.findings.size();
  }
  EXPECT_GT(findings, 100U);  // the samples do fire rules
}

}  // namespace
}  // namespace bucketlint
