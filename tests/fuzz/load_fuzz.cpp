// libFuzzer target: the loader must survive any bytes, under every forced document kind,
// without crashing, hanging or throwing.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bucketlint/load.h"
#include "bucketlint/model.h"
#include "load/config_file.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  bucketlint::Model model;
  model.default_account = "111111111111";
  bucketlint::load_text(model, "fuzz.json", text, std::nullopt);
  for (const bucketlint::DocumentKind kind : bucketlint::all_document_kinds()) {
    bucketlint::load_text(model, "fuzz.json", text, kind, 16);
  }
  // The same bytes as a .bucketlint.yaml: yaml-cpp's exceptions must all be caught.
  std::vector<bucketlint::LoadDiagnostic> diagnostics;
  (void)bucketlint::parse_config("fuzz.yaml", text, diagnostics);
  const std::string dump = bucketlint::describe_model(model);
  return dump.empty() ? 1 : 0;
}
