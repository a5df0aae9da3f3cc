// libFuzzer target: `bucketlint simulate` must survive any input file, in both output formats:
// a decision or diagnostics, never a crash, a hang or an escaped exception; text output never
// carries a raw control character from the input.

#include <cstddef>
#include <cstdint>
#include <string>

#include "bucketlint/simulate.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  for (const char* format : {"text", "json"}) {
    const bucketlint::SimulateOutput out = bucketlint::run_simulate("fuzz.json", text, format);
    if (out.exit_code < 0 || out.exit_code > 2) __builtin_trap();
    if (std::string(format) == "text") {
      for (const char c : out.out + out.err) {
        const auto b = static_cast<unsigned char>(c);
        if ((b < 0x20 && c != '\n') || b == 0x7f) __builtin_trap();
      }
    }
  }
  return 0;
}
