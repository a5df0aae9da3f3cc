#pragma once

// Test helpers for the evaluator: policies from inline JSON, requests from short descriptions.

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "bucketlint/eval.h"
#include "bucketlint/json.h"
#include "bucketlint/source.h"
#include "load/policy_builder.h"

namespace bucketlint::testing_util {

// Owns the sources, trees and documents that PolicyDocument pointers refer to.
class PolicyStore {
 public:
  // `expect_clean` false: policies with diagnostics (no Effect, an unknown operator, no
  // Version) are what the test is about.
  explicit PolicyStore(bool expect_clean = true) : expect_clean_(expect_clean) {}

  const PolicyDocument* add(const std::string& json, PolicyKind kind = PolicyKind::kIdentity,
                            const std::string& path = "policy.json") {
    sources_.push_back(std::make_unique<SourceFile>(path, json));
    JsonParseResult r = parse_json(sources_.back()->text());
    EXPECT_TRUE(r.value.has_value()) << "test policy does not parse: " << json;
    if (!r.value) return nullptr;
    trees_.push_back(std::make_unique<JsonValue>(std::move(*r.value)));
    std::vector<LoadDiagnostic> diags;
    docs_.push_back(build_policy(*sources_.back(), *trees_.back(), "", kind, diags));
    if (expect_clean_) {
      EXPECT_TRUE(diags.empty()) << "test policy has diagnostics: " << json;
    }
    return docs_.back().get();
  }

 private:
  bool expect_clean_ = true;
  std::vector<std::unique_ptr<SourceFile>> sources_;
  std::vector<std::unique_ptr<JsonValue>> trees_;
  std::vector<std::unique_ptr<PolicyDocument>> docs_;
};

inline eval::Principal principal(const std::string& text) {
  std::optional<eval::Principal> p = eval::parse_principal(text);
  EXPECT_TRUE(p.has_value()) << "cannot parse principal " << text;
  return p.value_or(eval::Principal{});
}

inline eval::Request request(const std::string& who, const std::string& action,
                             const std::string& resource, const std::string& resource_account) {
  eval::Request r;
  r.principal = principal(who);
  r.action = action;
  r.resource = resource;
  r.resource_account = resource_account;
  return r;
}

// Two evaluations of one question give the same answer, decision, summary, dependencies and
// trace, field by field (the compiled and plain paths, indexed and scanned policies).
inline void expect_same_result(const eval::Result& a, const eval::Result& b,
                               const std::string& who) {
  EXPECT_EQ(a.answer, b.answer) << who;
  EXPECT_EQ(a.decision, b.decision) << who;
  EXPECT_EQ(a.summary, b.summary) << who;
  ASSERT_EQ(a.depends_on.size(), b.depends_on.size()) << who;
  for (std::size_t i = 0; i < a.depends_on.size(); ++i) {
    EXPECT_EQ(a.depends_on[i].statement, b.depends_on[i].statement) << who;
    EXPECT_EQ(a.depends_on[i].description(), b.depends_on[i].description()) << who;
    EXPECT_EQ(a.depends_on[i].where, b.depends_on[i].where) << who;
  }
  const std::vector<eval::TraceEntry> x = a.trace.entries();
  const std::vector<eval::TraceEntry> y = b.trace.entries();
  EXPECT_EQ(a.trace.size(), x.size()) << who;
  EXPECT_EQ(b.trace.size(), y.size()) << who;
  ASSERT_EQ(x.size(), y.size()) << who;
  for (std::size_t i = 0; i < x.size(); ++i) {
    EXPECT_EQ(x[i].slot, y[i].slot) << who << " entry " << i;
    EXPECT_EQ(x[i].level, y[i].level) << who << " entry " << i;
    EXPECT_EQ(x[i].policy, y[i].policy) << who << " entry " << i;
    EXPECT_EQ(x[i].statement, y[i].statement) << who << " entry " << i;
    EXPECT_EQ(x[i].grant, y[i].grant) << who << " entry " << i;
    EXPECT_EQ(x[i].effect, y[i].effect) << who << " entry " << i;
    EXPECT_EQ(x[i].applies, y[i].applies) << who << " entry " << i;
    EXPECT_EQ(x[i].label(), y[i].label()) << who << " entry " << i;
    EXPECT_EQ(x[i].reason(), y[i].reason()) << who << " entry " << i;
    EXPECT_EQ(x[i].where, y[i].where) << who << " entry " << i;
    EXPECT_EQ(x[i].reason_where, y[i].reason_where) << who << " entry " << i;
  }
}

}  // namespace bucketlint::testing_util
