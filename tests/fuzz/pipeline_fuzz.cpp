// libFuzzer target: the whole pipeline on one document: load (detected, and as one forced kind
// chosen by the input's hash), link, every built-in rule, every output format. Rules must not throw
// (IN901 would report it, and this target treats it as a crash), outputs must not let input text
// start a line.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bucketlint/engine.h"
#include "bucketlint/load.h"
#include "bucketlint/model.h"
#include "bucketlint/report.h"
#include "bucketlint/rule.h"

namespace {

const std::vector<std::unique_ptr<bucketlint::Rule>>& rules() {
  static const auto* all =
      new std::vector<std::unique_ptr<bucketlint::Rule>>(bucketlint::make_builtin_rules());
  return *all;
}

void run(const std::string& text, std::optional<bucketlint::DocumentKind> kind) {
  bucketlint::Model model;
  model.default_account = "111111111111";
  bucketlint::load_text(model, "fuzz/policy.json", text, kind);
  const bucketlint::EngineResult result =
      bucketlint::run_rules(model, rules(), bucketlint::RuleSettings{});
  for (const bucketlint::Finding& f : result.findings) {
    if (f.rule != nullptr && f.rule->id == "IN901") __builtin_trap();  // a rule threw
  }
  for (const bucketlint::ReportFormat format :
       {bucketlint::ReportFormat::kText, bucketlint::ReportFormat::kJson,
        bucketlint::ReportFormat::kSarif, bucketlint::ReportFormat::kGithub}) {
    bucketlint::ReportOptions options;
    options.format = format;
    options.base_dir = "/work";
    const std::string report = bucketlint::write_report(result, rules(), options);
    if (format == bucketlint::ReportFormat::kText || format == bucketlint::ReportFormat::kGithub) {
      // Every line is bucketlint's: a finding, a note, a help line or the summary; none is a
      // workflow command forged by the input.
      std::size_t start = 0;
      while (start < report.size()) {
        std::size_t end = report.find('\n', start);
        if (end == std::string::npos) end = report.size();
        const std::string_view line(report.data() + start, end - start);
        if (format == bucketlint::ReportFormat::kText && line.starts_with("::")) __builtin_trap();
        // github: workflow commands, and bucketlint's own line counting the annotations left
        // out past the per-severity cap.
        if (format == bucketlint::ReportFormat::kGithub && !line.starts_with("::") &&
            !line.starts_with("bucketlint: "))
          __builtin_trap();
        for (const char c : line) {
          const auto b = static_cast<unsigned char>(c);
          if (format == bucketlint::ReportFormat::kText && (b < 0x20 || b == 0x7f))
            __builtin_trap();
        }
        start = end + 1;
      }
    }
  }
  (void)bucketlint::describe_model(model);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  run(text, std::nullopt);
  // One forced kind per input, not all of them: with every kind, each input ran the pipeline
  // about 60 times and the target managed one input per second. The hash spreads the kinds over
  // the corpus, and a mutation of an input usually tries it as another kind.
  const std::vector<bucketlint::DocumentKind>& kinds = bucketlint::all_document_kinds();
  run(text, kinds[std::hash<std::string>{}(text) % kinds.size()]);
  return 0;
}
