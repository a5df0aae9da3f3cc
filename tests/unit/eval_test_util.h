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
  const PolicyDocument* add(const std::string& json, PolicyKind kind = PolicyKind::kIdentity,
                            const std::string& path = "policy.json") {
    sources_.push_back(std::make_unique<SourceFile>(path, json));
    JsonParseResult r = parse_json(sources_.back()->text());
    EXPECT_TRUE(r.value.has_value()) << "test policy does not parse: " << json;
    if (!r.value) return nullptr;
    trees_.push_back(std::make_unique<JsonValue>(std::move(*r.value)));
    std::vector<LoadDiagnostic> diags;
    docs_.push_back(build_policy(*sources_.back(), *trees_.back(), "", kind, diags));
    EXPECT_TRUE(diags.empty()) << "test policy has diagnostics: " << json;
    return docs_.back().get();
  }

 private:
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

}  // namespace bucketlint::testing_util
