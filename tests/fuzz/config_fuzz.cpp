// libFuzzer target: the .bucketlint.yaml reader must survive any bytes (yaml-cpp exceptions,
// duplicate keys, aliases, several documents) and every suppression glob it yields must match
// in bounded time.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "bucketlint/engine.h"
#include "bucketlint/model.h"
#include "bucketlint/report.h"
#include "load/config_file.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::vector<bucketlint::LoadDiagnostic> diagnostics;
  const bucketlint::ConfigData config = bucketlint::parse_config("fuzz.yaml", text, diagnostics);
  std::size_t matched = 0;
  for (const bucketlint::Suppression& s : config.settings.suppressions) {
    matched += bucketlint::glob_match(s.path_glob, "policies/a/b/bucket-policy.json") ? 1u : 0u;
    // A path of the input's first bytes: paths are short, patterns come from the config.
    matched += bucketlint::glob_match(s.path_glob, text.substr(0, 256)) ? 1u : 0u;
  }
  for (const bucketlint::LoadDiagnostic& d : diagnostics) {
    // Messages quote the config: escaped, they hold no line feed.
    if (bucketlint::escape_for_terminal(d.message).find('\n') != std::string::npos)
      __builtin_trap();
  }
  return matched > 1000000 ? 1 : 0;
}
