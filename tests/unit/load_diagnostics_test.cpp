// Input diagnostics (IN001-IN012) and the IN rules that report them; the whole corpus loads.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "bucketlint/engine.h"
#include "bucketlint/load.h"
#include "lint_helpers.h"
#include "load_test_util.h"

namespace bucketlint {
namespace {

using testing::ElementsAre;
using testing::HasSubstr;
using testing::IsEmpty;
using testing_util::diagnostic_ids;
using testing_util::fixture_path;
using testing_util::lint;
using testing_util::read_text;
using testing_util::rule_ids;
using testing_util::TempDir;

constexpr const char* kGood =
    R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]})";

Model load_one(const std::string& text, const std::string& account = "") {
  Model m;
  m.default_account = account;
  load_text(m, "p.json", text);
  return m;
}

TEST(LoadDiagnostics, MalformedJsonSaysWhatWasExpected) {
  Model m = load_one("{\n  \"Version\": \"2012-10-17\"\n  \"Statement\": []\n}");
  EXPECT_THAT(diagnostic_ids(m), ElementsAre("IN001"));
  EXPECT_EQ(m.diagnostics[0].where.line(), 3);
  EXPECT_EQ(m.diagnostics[0].where.column(), 3);
  EXPECT_THAT(m.diagnostics[0].message, HasSubstr("expected ',' or '}'"));
  EXPECT_TRUE(m.diagnostics[0].incomplete);
  EXPECT_THAT(diagnostic_ids(load_one(kGood)), IsEmpty());
}

TEST(LoadDiagnostics, DuplicateKeyKeepsAnalysing) {
  Model m = load_one(R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Effect": "Deny",
      "Action": "*", "Resource": "*"}})");
  EXPECT_THAT(diagnostic_ids(m), ElementsAre("IN002"));
  EXPECT_FALSE(m.diagnostics[0].incomplete);
  ASSERT_EQ(m.policies.size(), 1u);
}

TEST(LoadDiagnostics, InvalidUtf8AndDisallowedCharacters) {
  Model bad = load_one(std::string("{\"Sid\": \"a\xFF\"}"));
  EXPECT_THAT(diagnostic_ids(bad), ElementsAre("IN003"));
  EXPECT_TRUE(bad.diagnostics[0].incomplete);
  EXPECT_EQ(bad.diagnostics[0].where.column(), 11);

  Model chars = load_one(
      R"({"Version": "2012-10-17", "Statement": {"Sid": "x\u0001", "Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {"aws:userid": "caf)"
      "\xC3\xA9"
      R"(", "aws:username": "\u2603"}}}})");
  EXPECT_THAT(diagnostic_ids(chars), ElementsAre("IN003", "IN003"));  // é (U+00E9) is allowed
  EXPECT_FALSE(chars.diagnostics[0].incomplete);
  EXPECT_THAT(chars.diagnostics[0].message, HasSubstr("U+0001"));
  EXPECT_THAT(chars.diagnostics[1].message, HasSubstr("U+2603"));
  EXPECT_EQ(chars.policies.size(), 1u);
}

// The parser validates the UTF-8 it reads; a file whose parse stops earlier (or that has bytes
// outside strings) is still reported as not UTF-8, at its first invalid byte, and only so.
TEST(LoadDiagnostics, InvalidUtf8AnywhereWinsOverSyntaxErrors) {
  // The syntax error comes first; of the two bytes that are not UTF-8, the first is named.
  Model after_error = load_one(std::string("{\"a\": 1,, \"b\": \"\xC3\x28\", \"c\": \"\xFE\"}"));
  EXPECT_THAT(diagnostic_ids(after_error), ElementsAre("IN003"));
  EXPECT_THAT(after_error.diagnostics[0].message, HasSubstr("byte 0xC3 is not valid UTF-8"));

  Model outside_strings = load_one(std::string(kGood) + " \xFF");
  EXPECT_THAT(diagnostic_ids(outside_strings), ElementsAre("IN003"));
  EXPECT_THAT(outside_strings.diagnostics[0].message, HasSubstr("0xFF"));

  Model bom_then_bad = load_one(std::string("\xEF\xBB\xBF{\"a\": \"\xE2\x80\"}"));
  EXPECT_THAT(diagnostic_ids(bom_then_bad), ElementsAre("IN003"));

  Model syntax_only = load_one("{\"a\": \"\xC3\xA9\",, }");
  EXPECT_THAT(diagnostic_ids(syntax_only), ElementsAre("IN001"));
}

TEST(LoadDiagnostics, EmptyAndBomOnlyFiles) {
  EXPECT_THAT(diagnostic_ids(load_one("")), ElementsAre("IN004"));
  EXPECT_THAT(diagnostic_ids(load_one(" \r\n\t")), ElementsAre("IN004"));
  EXPECT_THAT(diagnostic_ids(load_one("\xEF\xBB\xBF")), ElementsAre("IN004"));
  EXPECT_THAT(diagnostic_ids(load_one(std::string("\xEF\xBB\xBF") + kGood)), IsEmpty());
}

TEST(LoadDiagnostics, SizeLimitAndUnreadableFilesAndOthersStillLoad) {
  TempDir t;
  const std::string big = t.write("big.json", std::string(2000, ' ') + kGood);
  const std::string good = t.write("good.json", kGood);
  LoadOptions options;
  options.discover_config = false;
  options.max_file_size = 1000;
  options.paths = {big, t.path() + "/missing.json", good};
  LoadResult r = load_inputs(options);
  EXPECT_THAT(diagnostic_ids(r.model), ElementsAre("IN005", "IN007"));
  EXPECT_THAT(r.model.diagnostics[0].message, HasSubstr("over the 1000 byte limit"));
  EXPECT_EQ(r.model.policies.size(), 1u);
}

TEST(LoadDiagnostics, NestingDepth) {
  Model m;
  load_text(m, "d.json", std::string(100, '[') + std::string(100, ']'));
  EXPECT_THAT(diagnostic_ids(m), ElementsAre("IN006"));
  Model ok;
  load_text(ok, "d.json", std::string(10, '[') + std::string(10, ']'));
  EXPECT_THAT(diagnostic_ids(ok), ElementsAre("IN008"));  // valid JSON, not a document kind
}

TEST(LoadDiagnostics, WrongElementTypesFromTheBuilderAndTheDumps) {
  EXPECT_THAT(
      diagnostic_ids(load_one(
          R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": 5, "Resource": "*"}})")),
      ElementsAre("IN009"));
  EXPECT_THAT(
      diagnostic_ids(load_one(R"({"Owner": {"ID": 7}, "Grants": [{"Permission": "READ"}, 3]})")),
      ElementsAre("IN009", "IN009"));
}

TEST(LoadDiagnostics, StdinIsLoaded) {
  LoadOptions options;
  options.discover_config = false;
  options.paths = {"-"};
  options.stdin_text = kGood;
  LoadResult r = load_inputs(options);
  EXPECT_TRUE(r.model.diagnostics.empty());
  ASSERT_EQ(r.model.policies.size(), 1u);
  EXPECT_EQ(r.model.policies[0]->where.file(), "<stdin>");
}

// Loads files (name -> text) from a temporary directory as one run.
LoadResult load_files(const std::vector<std::pair<std::string, std::string>>& files,
                      const std::string& account = "") {
  TempDir t;
  for (const auto& [name, text] : files) t.write(name, text);
  LoadOptions options;
  options.discover_config = false;
  options.account = account;
  options.paths = {t.path()};
  return load_inputs(options);
}

TEST(LoadDiagnostics, MissingContextOnlyWhenAnotherAccountIsLetIn) {
  const std::string cross = read_text(
      fixture_path("domain-samples/13-bucket-policy-walkthrough3-cross-account-put.json"));
  const std::string ownership =
      read_text(fixture_path("domain-samples/24-get-bucket-ownership-controls.json"));
  LoadResult no_owner = load_files({{"bp.json", cross}});
  EXPECT_THAT(diagnostic_ids(no_owner.model), ElementsAre("IN012"));
  EXPECT_THAT(no_owner.model.diagnostics[0].message, HasSubstr("owner account of bucket"));
  EXPECT_FALSE(no_owner.model.diagnostics[0].incomplete);
  EXPECT_EQ(no_owner.model.diagnostics[0].where.line(), 8);  // the partner's principal

  // The owner is known but not the Object Ownership setting: OW005's finding, not IN012's (one
  // problem, one finding).
  LoadResult owner_no_ownership = load_files({{"bp.json", cross}}, "111111111111");
  EXPECT_THAT(diagnostic_ids(owner_no_ownership.model), IsEmpty());

  // Only CloudFront reads: no other account, no note.
  EXPECT_THAT(
      diagnostic_ids(
          load_files({{"bp.json",
                       read_text(fixture_path("domain-samples/01-bucket-policy-oai-read.json"))}})
              .model),
      IsEmpty());
  // Owner and ownership known: nothing missing.
  EXPECT_THAT(
      diagnostic_ids(
          load_files({{"s/bp.json", cross}, {"s/oc.json", ownership}}, "111111111111").model),
      IsEmpty());
  // load_text never adds the run-level note.
  EXPECT_THAT(diagnostic_ids(load_one(cross)), IsEmpty());
}

TEST(LoadDiagnostics, MissingContextIsOneNoteWithTheOtherReasonsAsNotes) {
  TempDir t;
  const std::string cross = read_text(
      fixture_path("domain-samples/13-bucket-policy-walkthrough3-cross-account-put.json"));
  t.write("a/bp.json", cross);
  t.write("b/bp.json", cross);
  t.write("c/oc.json",
          read_text(fixture_path("domain-samples/24-get-bucket-ownership-controls.json")));
  LoadOptions options;
  options.discover_config = false;
  options.paths = {t.path()};
  LoadResult r = load_inputs(options);
  EXPECT_THAT(diagnostic_ids(r.model), ElementsAre("IN012"));
  EXPECT_EQ(r.model.diagnostics[0].notes.size(), 2u);
  EXPECT_THAT(r.model.diagnostics[0].message, HasSubstr("names no bucket"));
}

TEST(InputRules, ReportDiagnosticsAsFindingsWithSeverities) {
  auto run = lint(
      {{"a.json", "{"},
       {"b.json", R"({"a": 1, "a": 2})"},
       {"c.json",
        R"({"Version": "2012-10-17", "Statement": {"Sid": "\u2603", "Effect": "Allow", "Action": "*", "Resource": "*"}})"},
       {"d.json", ""}});
  // Only the IN rules: c.json also draws policy-language findings (PL112 on "Action": "*").
  std::vector<std::string> in_ids = rule_ids(run);
  std::erase_if(in_ids, [](const std::string& id) { return !id.starts_with("IN"); });
  EXPECT_THAT(in_ids, ElementsAre("IN001", "IN008", "IN002", "IN003", "IN004"));
  for (const Finding& f : run->result.findings) {
    const std::string_view id = f.rule->id;
    if (!id.starts_with("IN")) continue;
    if (id == "IN003" || id == "IN002") {
      EXPECT_FALSE(f.incomplete) << id;
    } else {
      EXPECT_TRUE(f.incomplete) << id;
    }
    EXPECT_EQ(f.severity, id == "IN003" ? Severity::kWarning : Severity::kError) << id;
  }
  EXPECT_TRUE(run->result.incomplete);
}

TEST(InputRules, MissingContextIsANote) {
  LoadResult r = load_files(
      {{"bp.json", read_text(fixture_path(
                       "domain-samples/13-bucket-policy-walkthrough3-cross-account-put.json"))}});
  const auto rules = make_builtin_rules();
  const EngineResult result = run_rules(r.model, rules);
  ASSERT_EQ(result.findings.size(), 1u);
  EXPECT_EQ(result.findings[0].rule->id, "IN012");
  EXPECT_EQ(result.findings[0].severity, Severity::kNote);
  EXPECT_FALSE(result.incomplete);
}

TEST(InputRules, RegistryHasAllInputRulesInOrderWithDocs) {
  const auto rules = make_builtin_rules();
  std::vector<std::string> ids;
  for (const auto& r : rules) {
    if (r->info().id.starts_with("IN0")) ids.emplace_back(r->info().id);
    EXPECT_THAT(std::string(r->info().doc), HasSubstr("### Known gaps"));
  }
  EXPECT_THAT(ids, ElementsAre("IN001", "IN002", "IN003", "IN004", "IN005", "IN006", "IN007",
                               "IN008", "IN009", "IN010", "IN011", "IN012",
                               "IN013",  // IN013 unused-suppression: emitted by the engine
                               "IN014"));
}

// Every corpus file loads without crashing; valid folders give no IN001, malformed/ always does.
TEST(LoadCorpus, EveryFileLoads) {
  const auto corpus = testing_util::external_data_dir("corpus");
  if (!corpus) GTEST_SKIP() << testing_util::kNoCorpus;
  const std::filesystem::path root = *corpus;
  std::size_t files = 0;
  for (const auto& dir : std::filesystem::directory_iterator(root)) {
    if (!dir.is_directory()) continue;
    const std::string name = dir.path().filename().string();
    LoadOptions options;
    options.discover_config = false;
    options.paths = {dir.path().string()};
    options.max_file_size = 16u * 1024u * 1024u;
    LoadResult r = load_inputs(options);
    files += r.model.sources.size();
    std::size_t in001 = 0;
    for (const LoadDiagnostic& d : r.model.diagnostics) {
      if (d.rule_id == "IN001") {
        ++in001;
        if (name != "malformed" && name != "cloudfront-signed-url-policies") {
          ADD_FAILURE() << d.where.file() << ":" << d.where.line() << ": " << d.message;
        }
      }
    }
    if (name == "malformed") {
      EXPECT_EQ(in001, r.model.sources.size());
    }
    (void)describe_model(r.model);
  }
  EXPECT_GT(files, 2000u);
}

}  // namespace
}  // namespace bucketlint

namespace bucketlint {
namespace {

// Each samples/inNNN-* scenario triggers its rule (the goldens pin the exact output).
TEST(InputSamples, EachTriggersItsRule) {
  const std::filesystem::path samples = testing_util::source_path("samples");
  std::size_t checked = 0;
  for (const auto& entry : std::filesystem::directory_iterator(samples)) {
    const std::string name = entry.path().filename().string();
    if (!name.starts_with("in0")) continue;
    // Samples that need command-line flags (args other than file names) or whose rule the
    // engine emits (IN013) are pinned by their goldens only. Files named in args are read as
    // given (a walk skips what is not clearly a document, e.g. a bare nested array).
    if (name.starts_with("in013")) continue;
    std::vector<std::string> paths = {entry.path().string()};
    if (std::filesystem::exists(entry.path() / "args")) {
      std::ifstream args(entry.path() / "args");
      paths.clear();
      bool only_files = true;
      for (std::string line; std::getline(args, line);) {
        if (line.empty()) continue;
        only_files = only_files && std::filesystem::is_regular_file(entry.path() / line);
        paths.push_back((entry.path() / line).string());
      }
      if (!only_files || paths.empty()) continue;
    }
    if (name.ends_with("-fixed")) continue;  // fixed variants must not trigger it
    LoadOptions options;
    options.discover_config = false;
    options.paths = paths;
    if (std::filesystem::exists(entry.path() / ".bucketlint.yaml")) {
      options.config_path = (entry.path() / ".bucketlint.yaml").string();
    }
    const LoadResult r = load_inputs(options);
    std::string id = "IN" + name.substr(2, 3);
    EXPECT_NE(testing_util::find_diagnostic(r.model, id), nullptr) << name;
    ++checked;
  }
  EXPECT_GE(checked, 10u);
}

}  // namespace
}  // namespace bucketlint
