// Evaluations per second for a realistic bucket policy: the docs/aws-semantics.md section 13 setup
// (partner upload requiring bucket-owner-full-control, OAI and OAC reads, TLS-only deny); one
// evaluation against a wide bucket policy (one statement per partner account), with and without
// the compiled policy; and the whole check (load, every rule) of a snapshot holding one bucket
// with a wide policy (bench/gen_wide_policy's layout). Issue 12's targets: >= 1M cross-account
// PutObject evaluations/s without trace on one core; a 20 KB wide policy checked in < 10 ms.
//   cmake -B build -DBUCKETLINT_BUILD_BENCHMARKS=ON && build/bench/bucketlint_bench_eval

#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "bucketlint/engine.h"
#include "bucketlint/eval.h"
#include "bucketlint/json.h"
#include "bucketlint/load.h"
#include "bucketlint/rule.h"
#include "bucketlint/source.h"
#include "load/policy_builder.h"
#include "model/wildcard.h"

namespace {

using namespace bucketlint;

constexpr const char* kBucketPolicy = R"({
  "Version": "2012-10-17",
  "Id": "media-assets",
  "Statement": [
    {"Sid": "PartnerUpload", "Effect": "Allow",
     "Principal": {"AWS": ["arn:aws:iam::222222222222:role/site-uploader", "333333333333"]},
     "Action": ["s3:PutObject", "s3:PutObjectAcl"],
     "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/uploads/*",
     "Condition": {"StringEquals": {"s3:x-amz-acl": "bucket-owner-full-control"}}},
    {"Sid": "OaiRead", "Effect": "Allow",
     "Principal": {"AWS": "arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E74FTE3AEXAMPLE"},
     "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"},
    {"Sid": "OacRead", "Effect": "Allow",
     "Principal": {"Service": "cloudfront.amazonaws.com"},
     "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
     "Condition": {"StringEquals": {"AWS:SourceArn": "arn:aws:cloudfront::111111111111:distribution/EDFDVBD6EXAMPLE"}}},
    {"Sid": "TlsOnly", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
     "Resource": ["arn:aws:s3:::amzn-s3-demo-bucket", "arn:aws:s3:::amzn-s3-demo-bucket/*"],
     "Condition": {"Bool": {"aws:SecureTransport": "false"}}}
  ]
})";

constexpr const char* kWriterPolicy = R"({"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": ["s3:PutObject", "s3:PutObjectAcl"],
   "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/uploads/*"}]})";

struct Fixture {
  Fixture() {
    bucket = load(kBucketPolicy, PolicyKind::kBucket);
    writer = load(kWriterPolicy, PolicyKind::kIdentity);
  }
  const PolicyDocument* load(const char* text, PolicyKind kind) {
    sources.push_back(std::make_unique<SourceFile>("bench.json", text));
    JsonParseResult r = parse_json(sources.back()->text());
    trees.push_back(std::make_unique<JsonValue>(std::move(*r.value)));
    std::vector<LoadDiagnostic> diags;
    docs.push_back(build_policy(*sources.back(), *trees.back(), "", kind, diags));
    return docs.back().get();
  }
  std::vector<std::unique_ptr<SourceFile>> sources;
  std::vector<std::unique_ptr<JsonValue>> trees;
  std::vector<std::unique_ptr<PolicyDocument>> docs;
  const PolicyDocument* bucket = nullptr;
  const PolicyDocument* writer = nullptr;
};

const Fixture& fixture() {
  static const Fixture f;
  return f;
}

eval::Request partner_put() {
  eval::Request r;
  r.principal = *eval::parse_principal("arn:aws:sts::222222222222:assumed-role/site-uploader/s1");
  r.action = "s3:PutObject";
  r.resource = "arn:aws:s3:::amzn-s3-demo-bucket/uploads/2024/06/video-0001.mp4";
  r.resource_account = "111111111111";
  r.context.set("s3:x-amz-acl", "bucket-owner-full-control");
  r.context.set("aws:SecureTransport", "true");
  return r;
}

// `compiled`: the policies compiled once, as the access layer does (issue 12: every policy; before
// it, only policies of 8 or more statements, so these two were matched as text).
void run(benchmark::State& state, const eval::Request& req, bool trace, bool compiled = false) {
  const Fixture& f = fixture();
  eval::PolicySet set;
  set.identity_policies.push_back(f.writer);
  set.resource_policy = f.bucket;
  eval::CompiledPolicies policies;
  policies.add(*f.writer);
  policies.add(*f.bucket);
  eval::EvalOptions options;
  options.trace = trace;
  options.compiled = compiled ? &policies : nullptr;
  for (auto _ : state) {
    eval::Result r = eval::evaluate(req, set, options);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_CrossAccountPut(benchmark::State& state) { run(state, partner_put(), true); }
void BM_CrossAccountPutNoTrace(benchmark::State& state) { run(state, partner_put(), false); }
void BM_CrossAccountPutCompiled(benchmark::State& state) { run(state, partner_put(), true, true); }
void BM_CrossAccountPutCompiledNoTrace(benchmark::State& state) {
  run(state, partner_put(), false, true);
}

void BM_CrossAccountPutUnknownAcl(benchmark::State& state) {
  eval::Request r = partner_put();
  r.context.set_unknown("s3:x-amz-acl");  // Depends: evaluates twice
  run(state, r, false);
}

eval::Request oai_get() {
  eval::Request r;
  r.principal = *eval::parse_principal(
      "arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E74FTE3AEXAMPLE");
  r.action = "s3:GetObject";
  r.resource = "arn:aws:s3:::amzn-s3-demo-bucket/index.html";
  r.resource_account = "111111111111";
  r.context.set("aws:SecureTransport", "true");
  return r;
}

void BM_OaiGet(benchmark::State& state) { run(state, oai_get(), false); }
void BM_OaiGetCompiled(benchmark::State& state) { run(state, oai_get(), false, true); }

void BM_HostileWildcard(benchmark::State& state) {
  const std::string text(static_cast<std::size_t>(state.range(0)), 'a');
  for (auto _ : state) {
    benchmark::DoNotOptimize(model::wildcard_match("a*a*a*a*a*a*a*a*b", text));
  }
  state.SetBytesProcessed(state.iterations() * state.range(0));
}

// The middle segments are searched across the whole text before the match fails at the end.
void BM_HostileWildcardScan(benchmark::State& state) {
  const std::string text = std::string(static_cast<std::size_t>(state.range(0)), 'a') + "b";
  for (auto _ : state) {
    benchmark::DoNotOptimize(model::wildcard_match("*ab*ab*b", text));
  }
  state.SetBytesProcessed(state.iterations() * state.range(0));
}

// A bucket policy of `count` statements, statement k letting the 'uploader' role of account
// 200000000000 + k put objects under 'partner-k/' (bench/gen_wide_policy writes the same).
std::string wide_policy(int count) {
  std::string out = "{\"Version\": \"2012-10-17\", \"Statement\": [\n";
  for (int k = 0; k < count; ++k) {
    out += fmt::format(R"(  {{"Sid": "Partner{0}", "Effect": "Allow", "Principal": {{"AWS": )"
                       R"("arn:aws:iam::{1}:role/uploader"}}, "Action": "s3:PutObject", )"
                       R"("Resource": "arn:aws:s3:::wide-bucket/partner-{0}/*"}}{2})",
                       k, 200000000000LL + k, k + 1 < count ? ",\n" : "\n");
  }
  return out + "]}\n";
}

// `r` evaluated against the bucket policy `text` alone (no identity policy given), compiled once
// or matched as text, in the benchmark loop.
void evaluate_against(benchmark::State& state, const std::string& text, const eval::Request& r,
                      bool compiled, bool trace) {
  const SourceFile source("bucket-policy.json", text);
  JsonParseResult parsed = parse_json(source.text());
  std::vector<LoadDiagnostic> diags;
  const std::unique_ptr<PolicyDocument> policy =
      build_policy(source, *parsed.value, "", PolicyKind::kBucket, diags);
  eval::CompiledPolicies policies;
  policies.add(*policy);
  eval::PolicySet set;
  set.resource_policy = policy.get();
  set.identity_not_given = true;
  eval::EvalOptions options;
  options.trace = trace;
  options.compiled = compiled ? &policies : nullptr;
  for (auto _ : state) {
    eval::Result result = eval::evaluate(r, set, options);
    benchmark::DoNotOptimize(result);
  }
  state.SetItemsProcessed(state.iterations());
}

// One cross-account PutObject of partner k/2 (the middle statement) against a wide policy.
void wide_put(benchmark::State& state, bool compiled, bool trace) {
  const int count = static_cast<int>(state.range(0));
  eval::Request r;
  r.principal = *eval::parse_principal(
      fmt::format("arn:aws:sts::{}:assumed-role/uploader/s1", 200000000000LL + count / 2));
  r.action = "s3:PutObject";
  r.resource = fmt::format("arn:aws:s3:::wide-bucket/partner-{}/x", count / 2);
  r.resource_account = "111122223333";
  evaluate_against(state, wide_policy(count), r, compiled, trace);
}

// A policy whose statements all name every requester ("Principal": "*") and list many wildcard
// Action and Resource patterns (a data-lake bucket policy: one statement per team prefix, each
// with the team's actions and key patterns), so that an evaluation matches every pattern.
std::string wildcard_policy(int count) {
  std::string out = "{\"Version\": \"2012-10-17\", \"Statement\": [\n";
  for (int k = 0; k < count; ++k) {
    out += fmt::format(
        R"(  {{"Sid": "Team{0}", "Effect": "Allow", "Principal": "*", )"
        R"("Action": ["s3:Get*", "s3:List*", "S3:PutObjectTagging", "s3:*Object?cl", "S3:PUTOBJECT"], )"
        R"("Resource": ["arn:aws:s3:::lake/team-{0}/*", "arn:aws:s3:::lake/shared/*/team-{0}-*", )"
        R"("arn:aws:s3:::lake-?{0}/*"], "Condition": {{"StringEquals": )"
        R"({{"aws:PrincipalAccount": "2000000{0:05}"}}}}}}{1})",
        k, k + 1 < count ? ",\n" : "\n");
  }
  return out + "]}\n";
}

// A cross-account PutObject matched against every statement of wildcard_policy (none applies).
void wildcard_put(benchmark::State& state, bool compiled) {
  eval::Request r;
  r.principal = *eval::parse_principal("arn:aws:sts::222222222222:assumed-role/uploader/s1");
  r.action = "s3:PutObject";
  r.resource = "arn:aws:s3:::lake/shared/2024/team-7-report.csv";
  r.resource_account = "111122223333";
  evaluate_against(state, wildcard_policy(static_cast<int>(state.range(0))), r, compiled, false);
}

void BM_WildcardPolicyPut(benchmark::State& state) { wildcard_put(state, false); }
void BM_WildcardPolicyPutCompiled(benchmark::State& state) { wildcard_put(state, true); }

void BM_WidePut(benchmark::State& state) { wide_put(state, false, true); }
void BM_WidePutCompiled(benchmark::State& state) { wide_put(state, true, true); }
void BM_WidePutCompiledNoTrace(benchmark::State& state) { wide_put(state, true, false); }

// `bucketlint check` of one bucket with a wide policy, in the process: load the folder, run every
// rule (as --jobs 1 does). Files are written once to a temporary folder.
void BM_WideBucketCheck(benchmark::State& state) {
  const int count = static_cast<int>(state.range(0));
  const std::filesystem::path root =
      std::filesystem::temp_directory_path() /
      fmt::format("bucketlint-bench-wide-{}-{}", count, static_cast<long>(getpid()));
  const std::filesystem::path bucket =
      root / "accounts" / "111122223333" / "buckets" / "wide-bucket";
  std::filesystem::create_directories(bucket);
  const std::string text = wide_policy(count);
  std::ofstream(bucket / "bucket-policy.json") << text;
  std::ofstream(bucket / "ownership-controls.json")
      << R"({"OwnershipControls": {"Rules": [{"ObjectOwnership": "ObjectWriter"}]}})";
  const std::vector<std::unique_ptr<Rule>> rules = make_builtin_rules();
  LoadOptions load;
  load.paths = {root.string()};
  load.discover_config = false;
  std::size_t findings = 0;
  for (auto _ : state) {
    LoadResult loaded = load_inputs(load);
    const EngineResult result = run_rules(loaded.model, rules, loaded.settings);
    findings = result.findings.size();
    benchmark::DoNotOptimize(findings);
  }
  std::filesystem::remove_all(root);
  state.counters["policy_bytes"] = static_cast<double>(text.size());
  state.counters["findings"] = static_cast<double>(findings);
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK(BM_CrossAccountPut);
BENCHMARK(BM_CrossAccountPutNoTrace);
BENCHMARK(BM_CrossAccountPutCompiled);
BENCHMARK(BM_CrossAccountPutCompiledNoTrace);
BENCHMARK(BM_CrossAccountPutUnknownAcl);
BENCHMARK(BM_OaiGet);
BENCHMARK(BM_OaiGetCompiled);
BENCHMARK(BM_WildcardPolicyPut)->Arg(20);
BENCHMARK(BM_WildcardPolicyPutCompiled)->Arg(20);
BENCHMARK(BM_WidePut)->Arg(120)->Arg(1600);
BENCHMARK(BM_WidePutCompiled)->Arg(120)->Arg(1600);
BENCHMARK(BM_WidePutCompiledNoTrace)->Arg(120)->Arg(1600);
BENCHMARK(BM_WideBucketCheck)->Arg(110)->Arg(1600)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_HostileWildcard)->Arg(1 << 10)->Arg(1 << 16)->Arg(1 << 20);
BENCHMARK(BM_HostileWildcardScan)->Arg(1 << 10)->Arg(1 << 16)->Arg(1 << 20);

}  // namespace

BENCHMARK_MAIN();
