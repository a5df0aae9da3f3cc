#pragma once

// `bucketlint simulate FILE`: evaluate one request against the policies given in a JSON file
// (format in issue 3) and render the decision and the statement trace as text or JSON.

#include <string>
#include <string_view>

namespace bucketlint {

struct SimulateOutput {
  std::string out;
  std::string err;
  int exit_code = 0;
};

// `text` is the simulate input file's content, `display_path` what diagnostics show, `format` is
// "text" or "json". Exit code: 0 Allowed, 1 denied (implicitly or explicitly), 2 bad input
// (diagnostics with file:line:col go to `err`).
SimulateOutput run_simulate(const std::string& display_path, const std::string& text,
                            std::string_view format);

}  // namespace bucketlint
