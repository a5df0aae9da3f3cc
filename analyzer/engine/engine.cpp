#include "bucketlint/engine.h"

#include <fmt/format.h>

#include <algorithm>
#include <exception>
#include <tuple>

namespace bucketlint {

namespace {

class CollectingSink final : public FindingSink {
 public:
  explicit CollectingSink(std::vector<Finding>& out) : out_(out) {}
  void report(Finding finding) override { out_.push_back(std::move(finding)); }

 private:
  std::vector<Finding>& out_;
};

}  // namespace

const Rule* find_rule(const std::vector<std::unique_ptr<Rule>>& rules, std::string_view id) {
  for (const auto& rule : rules) {
    if (rule->info().id == id) return rule.get();
  }
  return nullptr;
}

EngineResult run_rules(const Model& model, const std::vector<std::unique_ptr<Rule>>& rules,
                       const RuleSettings& settings) {
  EngineResult result;
  std::vector<Finding> raw;
  CollectingSink sink(raw);
  const Rule* in901 = find_rule(rules, "IN901");
  for (const auto& rule : rules) {
    const RuleInfo& info = rule->info();
    if (info.stability == Stability::kRemoved) continue;
    if (settings.disabled.contains(std::string(info.id))) continue;
    try {
      rule->check(model, sink);
    } catch (const std::exception& e) {
      result.incomplete = true;
      if (in901 != nullptr) {
        Finding f = make_finding(in901->info(), SourceRef{},
                                 fmt::format("rule {} failed: {}", info.id, e.what()));
        f.incomplete = true;
        raw.push_back(std::move(f));
      }
    }
  }
  for (Finding& f : raw) {
    if (f.incomplete) result.incomplete = true;
    const auto it = settings.severities.find(std::string(f.rule->id));
    if (it != settings.severities.end()) f.severity = it->second;
    result.findings.push_back(std::move(f));
  }
  std::stable_sort(
      result.findings.begin(), result.findings.end(), [](const Finding& a, const Finding& b) {
        return std::tie(a.where.file, a.where.line, a.where.column, a.rule->id, a.message) <
               std::tie(b.where.file, b.where.line, b.where.column, b.rule->id, b.message);
      });
  return result;
}

}  // namespace bucketlint
