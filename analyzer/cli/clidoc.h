#pragma once

// Reference documentation generated from the command-line definition itself (the CLI11 app
// built in main.cpp), so that `--help`, the man page and the shell completions cannot drift:
// a new subcommand or option appears in all of them without touching this code.
//
// Hidden top-level arguments (not listed anywhere, used by the build to generate the files it
// installs):
//   bucketlint --help-man                 bucketlint(1) in roff
//   bucketlint --completion bash|zsh|fish the completion script for that shell
//
// What CLI11 does not describe (exit codes, environment variables, config keys) lives in the
// tables below, which `--help` (footer) and the man page both print.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace CLI {
class App;
}

namespace bucketlint::clidoc {

struct Entry {
  std::string_view name;
  std::string_view meaning;
};

std::span<const Entry> exit_codes();   // "0", "1", "2"
std::span<const Entry> environment();  // NO_COLOR, TERM, ...
std::span<const Entry> config_keys();  // ".bucketlint.yaml" keys, "buckets.<name>.policy" style

// The footer of the top-level `--help`: exit codes and environment, from the tables above.
std::string help_footer();

// bucketlint(1) in roff (man(7) macros).
std::string man_page(const CLI::App& app);

// The completion script for `shell` ("bash", "zsh", "fish"); nullopt for another shell.
std::optional<std::string> completion_script(const CLI::App& app, std::string_view shell);

struct Generated {
  std::string out;  // standard output
  std::string err;  // standard error
  int exit_code = 0;
};
// Answers the hidden arguments above when `args` (argv without the program name) asks for one
// of them; nullopt otherwise.
std::optional<Generated> generate(const CLI::App& app, const std::vector<std::string>& args);

}  // namespace bucketlint::clidoc
