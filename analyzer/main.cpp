// The bucketlint command line. The only code that writes to stdout/stderr and picks the exit
// code (STYLE.md sections 1 and 5): 0 clean, 1 findings at or above --fail-on, 2 incomplete
// (bad usage, unreadable or malformed input, a rule failed; 2 wins over 1).

#include <fmt/format.h>
#include <unistd.h>

#if defined(__linux__) && defined(__GLIBC__)
#include <malloc.h>
#include <sys/mman.h>
#endif

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "bucketlint/catalogue.h"
#include "bucketlint/engine.h"
#include "bucketlint/load.h"
#include "bucketlint/model.h"
#include "bucketlint/report.h"
#include "bucketlint/rule.h"
#include "bucketlint/simulate.h"

namespace {

using bucketlint::LoadOptions;

constexpr int kExitUsage = 2;

void print_err(std::string_view text) {
  std::fwrite(text.data(), 1, text.size(), stderr);
  std::fflush(stderr);
}

void print_out(std::string_view text) {
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fflush(stdout);
}

std::string version_text() {
  std::string text = fmt::format("bucketlint {}\n", BUCKETLINT_VERSION);
  text += fmt::format("action catalogue: {}\n", bucketlint::catalogue_date());
  return text;
}

// Options shared by every subcommand that loads inputs (check, model).
struct LoadArgs {
  std::vector<std::string> paths;
  std::string config;
  std::string account;
  std::string kind;
  std::size_t max_file_size = LoadOptions{}.max_file_size;
  std::vector<std::string> excludes;
  bool skip_unrecognised = false;
};

std::vector<std::string> kind_names() {
  std::vector<std::string> names;
  for (const bucketlint::DocumentKind kind : bucketlint::all_document_kinds()) {
    names.emplace_back(bucketlint::document_kind_name(kind));
  }
  return names;
}

void add_load_options(CLI::App& app, LoadArgs& args) {
  app.add_option("paths", args.paths,
                 "files and directories to lint ('-' reads standard input); directories are "
                 "walked for the documents bucketlint reads (other files are skipped), and a "
                 "directory holding accounts/ is a snapshot")
      ->required()
      ->type_name("PATH");
  app.add_option("--config", args.config,
                 "config file (default: .bucketlint.yaml or .bucketlint.yml in the folder of "
                 "the first path or a parent, up to the repository root)")
      ->check(CLI::Validator(CLI::ExistingFile).description(""))
      ->type_name("FILE");
  app.add_option("--account", args.account,
                 "12-digit ID of the account owning documents given without context")
      ->check(CLI::Validator(
          [](const std::string& value) {
            const bool ok =
                value.size() == 12 && std::all_of(value.begin(), value.end(), [](char c) {
                  return std::isdigit(static_cast<unsigned char>(c)) != 0;
                });
            return ok ? std::string() : fmt::format("'{}' is not a 12-digit account ID", value);
          },
          ""))
      ->type_name("ID");
  app.add_option("--kind", args.kind, "treat every input as this document kind")
      ->check(CLI::IsMember(kind_names()))
      ->type_name("KIND");
  app.add_option("--max-file-size", args.max_file_size,
                 "skip (and report) files larger than this many bytes (default 4 MiB)")
      ->check(CLI::PositiveNumber)
      ->type_name("BYTES");
  app.add_option("--exclude", args.excludes,
                 "skip files and folders matching GLOB in directory walks (repeatable; '*', "
                 "'**', '?', '[...]'; without '/' it matches any file or folder name, with '/' "
                 "a path relative to the current directory)")
      ->type_name("GLOB")
      ->allow_extra_args(false);
  app.add_flag("--skip-unrecognised", args.skip_unrecognised,
               "select files named on the command line as in a directory walk: skip those that "
               "are not documents bucketlint reads or are excluded, instead of reporting them "
               "(IN008); for tools that pass every changed file, such as pre-commit");
}

// A file name as one printable line: control bytes (newline, ESC, ...) and backslashes become
// \xHH, so a name can neither start an output line nor reach the terminal raw.
std::string printable_name(std::string_view name) {
  std::string out;
  for (const char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f || c == '\\') {
      out += fmt::format("\\x{:02x}", u);
    } else {
      out.push_back(c);
    }
  }
  return out;
}

// --list-inputs / --verbose: "read PATH" per file read, "skip PATH: reason" per file skipped,
// "config PATH" for the config file applied.
std::string inputs_listing(const bucketlint::LoadResult& loaded) {
  std::string out;
  if (!loaded.config_file.empty()) {
    out += fmt::format("config {}\n", printable_name(loaded.config_file));
  }
  for (const auto& source : loaded.model.sources) {
    out += fmt::format("read {}\n", printable_name(source->path()));
  }
  for (const bucketlint::SkippedInput& s : loaded.skipped) {
    out += fmt::format("skip {}: {}\n", printable_name(s.path), printable_name(s.reason));
  }
  return out;
}

// Reads all of standard input (binary-safe).
std::string read_stdin() {
  std::string text;
  char buffer[1 << 16];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, stdin)) > 0) text.append(buffer, n);
  return text;
}

// Reads a whole file (binary-safe); false when it cannot be opened or read.
bool read_file(const std::string& path, std::string& text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !in.bad();
}

LoadOptions make_load_options(const LoadArgs& args) {
  LoadOptions options;
  options.paths = args.paths;
  if (!args.config.empty()) options.config_path = args.config;
  options.account = args.account;
  if (!args.kind.empty()) options.forced_kind = bucketlint::parse_document_kind(args.kind);
  options.max_file_size = args.max_file_size;
  options.excludes = args.excludes;
  options.select_named_files = args.skip_unrecognised;
  if (std::find(args.paths.begin(), args.paths.end(), "-") != args.paths.end()) {
    options.stdin_text = read_stdin();
  }
  return options;
}

bool color_default(bool writing_to_file) {
  if (writing_to_file) return false;
  if (std::getenv("NO_COLOR") != nullptr) return false;  // https://no-color.org/
  const char* term = std::getenv("TERM");
  if (term != nullptr && std::string_view(term) == "dumb") return false;
  return isatty(fileno(stdout)) != 0;
}

// Writes `text` to `path`; false (with a message on stderr) when it cannot.
bool write_file(const std::filesystem::path& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (out) out.write(text.data(), static_cast<std::streamsize>(text.size()));
  out.close();
  if (!out) {
    print_err(fmt::format("bucketlint: error: cannot write '{}'\n", path.generic_string()));
    return false;
  }
  return true;
}

std::string current_dir() {
  std::error_code ec;
  const std::filesystem::path cwd = std::filesystem::current_path(ec);
  return ec ? std::string() : cwd.generic_string();
}

// `check` is the default subcommand: `bucketlint --format sarif policies/` means
// `bucketlint check --format sarif policies/`. Inserted unless the first argument names a
// subcommand or asks for the top-level help or version.
std::vector<std::string> with_default_subcommand(int argc, char** argv,
                                                 const std::vector<std::string>& subcommands) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) return args;
  const std::string& first = args.front();
  const bool top_level =
      first == "-h" || first == "--help" || first == "--version" ||
      std::find(subcommands.begin(), subcommands.end(), first) != subcommands.end();
  if (!top_level) args.insert(args.begin(), "check");
  return args;
}

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kFreeAtExit = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kFreeAtExit = true;
#else
constexpr bool kFreeAtExit = false;
#endif
#else
constexpr bool kFreeAtExit = false;
#endif

// Owns what the process needs until it exits, and leaves it to the operating system:
// destroying the loaded model (every JSON node, string and source file) is ~7% of a corpus
// run. Sanitizer builds free it as usual so that LeakSanitizer has nothing to report.
template <typename T>
class FreedByExit {
 public:
  explicit FreedByExit(std::unique_ptr<T> owned) : owned_(std::move(owned)) {}
  FreedByExit(const FreedByExit&) = delete;
  FreedByExit& operator=(const FreedByExit&) = delete;
  ~FreedByExit() {
    if constexpr (!kFreeAtExit) static_cast<void>(owned_.release());
  }
  T& get() const { return *owned_; }

 private:
  std::unique_ptr<T> owned_;
};

int run(int argc, char** argv) {
  CLI::App app{
      "bucketlint: static analysis of AWS S3 and IAM access configuration (bucket policies, "
      "trust and identity policies, ACL and ownership dumps, CloudFront configs).\n"
      "`check` is the default subcommand: `bucketlint [check] [OPTIONS] PATH...`.",
      "bucketlint"};
  app.require_subcommand(1, 1);
  app.footer(
      "Run `bucketlint check --help` for the lint options. Exit codes: 0 clean, 1 findings at "
      "or above --fail-on, 2 incomplete (bad usage, unreadable input, a rule failed).");
  bool show_version = false;
  app.add_flag("--version", show_version, "print the version and exit");

  // check
  CLI::App* check = app.add_subcommand("check", "lint files and directories (the default)");
  LoadArgs check_args;
  add_load_options(*check, check_args);
  std::string format = "text";
  std::string fail_on = "warning";
  std::string output;
  bool quiet = false;
  bool color = false;
  bool no_color = false;
  check->add_option("--format", format, "output format (default text)")
      ->check(CLI::IsMember({"text", "json", "sarif", "github"}))
      ->type_name("FORMAT");
  check
      ->add_option("--fail-on", fail_on,
                   "exit 1 when a finding has this severity or above (default warning)")
      ->check(CLI::IsMember({"error", "warning", "note", "none"}))
      ->type_name("SEVERITY");
  check->add_option("--output,-o", output, "write the report to FILE instead of standard output")
      ->type_name("FILE");
  check->add_flag("--quiet,-q", quiet, "text format: print findings only, no summary line");
  bool verbose = false;
  bool list_inputs = false;
  check->add_flag("--verbose,-v", verbose,
                  "list on standard error each file read and each file skipped (with the "
                  "reason), and print the summary line also when the run is clean");
  check->add_flag("--list-inputs", list_inputs,
                  "print the files that would be read and those skipped (with the reason), and "
                  "exit without linting");
  CLI::Option* color_opt =
      check->add_flag("--color", color, "colour text output (default: on a terminal)");
  CLI::Option* no_color_opt = check->add_flag("--no-color", no_color, "never colour text output");
  color_opt->excludes(no_color_opt);
  check->add_flag("--version", show_version, "print the version and exit");

  // rules
  CLI::App* rules_cmd = app.add_subcommand("rules", "list the rules: ID, severity, name, summary");

  // explain
  CLI::App* explain = app.add_subcommand("explain", "print the documentation of one rule");
  std::string explain_id;
  explain->add_option("id", explain_id, "rule ID, e.g. IN013")->required()->type_name("ID");

  // docs
  CLI::App* docs = app.add_subcommand(
      "docs", "write docs/rules: one <ID>.md per rule and README.md, from the registry");
  std::string docs_out;
  docs->add_option("--out", docs_out, "output directory (e.g. docs/rules)")
      ->required()
      ->type_name("DIR");

  // model
  CLI::App* model_cmd = app.add_subcommand(
      "model", "print what was loaded and linked: accounts, buckets, roles, distributions, ...");
  LoadArgs model_args;
  add_load_options(*model_cmd, model_args);

  CLI::App* simulate = app.add_subcommand(
      "simulate", "evaluate one request against the policies in FILE and show the decision");
  std::string simulate_file;
  std::string simulate_format = "text";
  simulate->add_option("file", simulate_file, "simulate input file ('-' reads standard input)")
      ->required()
      ->type_name("FILE");
  simulate->add_option("--format", simulate_format, "output format (default text)")
      ->check(CLI::IsMember({"text", "json"}))
      ->type_name("FORMAT");

  std::vector<std::string> subcommand_names;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    subcommand_names.push_back(sub->get_name());
  }
  std::vector<std::string> args = with_default_subcommand(argc, argv, subcommand_names);
  // Arguments after "--" are file names (a committed file may be named "--version").
  const auto options_end = std::find(args.begin(), args.end(), "--");
  if (std::find(args.begin(), options_end, "--version") != options_end &&
      std::find(args.begin(), options_end, "--help") == options_end) {
    // --version wins over missing paths (`bucketlint --version`, `bucketlint check --version`).
    print_out(version_text());
    return 0;
  }
  try {
    std::reverse(args.begin(), args.end());  // CLI11 takes the arguments in reverse order
    app.parse(args);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : kExitUsage;
  }
  const std::vector<std::unique_ptr<bucketlint::Rule>> rules = bucketlint::make_builtin_rules();

  if (rules_cmd->parsed()) {
    print_out(bucketlint::rules_table(rules));
    return 0;
  }

  if (explain->parsed()) {
    std::string id = explain_id;
    std::transform(id.begin(), id.end(), id.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    const bucketlint::Rule* rule = bucketlint::find_rule(rules, id);
    if (rule == nullptr) {
      print_err(fmt::format("bucketlint: error: unknown rule '{}'; `bucketlint rules` lists them\n",
                            explain_id));
      return kExitUsage;
    }
    print_out(bucketlint::rule_doc_page(rule->info()));
    return 0;
  }

  if (docs->parsed()) {
    const std::filesystem::path dir(docs_out);
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) {
      print_err(fmt::format("bucketlint: error: cannot create '{}': {}\n", docs_out, ec.message()));
      return kExitUsage;
    }
    for (const auto& rule : rules) {
      const bucketlint::RuleInfo& info = rule->info();
      if (!write_file(dir / fmt::format("{}.md", info.id), bucketlint::rule_doc_page(info))) {
        return kExitUsage;
      }
    }
    if (!write_file(dir / "README.md", bucketlint::rules_index_page(rules))) return kExitUsage;
    return 0;
  }

  if (simulate->parsed()) {
    std::string text;
    if (simulate_file == "-") {
      text = read_stdin();
    } else if (!read_file(simulate_file, text)) {
      print_err(fmt::format("bucketlint: error: cannot read '{}'\n", simulate_file));
      return kExitUsage;
    }
    const bucketlint::SimulateOutput result =
        bucketlint::run_simulate(simulate_file, text, simulate_format);
    print_out(result.out);
    print_err(result.err);
    return result.exit_code;
  }

  if (model_cmd->parsed()) {
    const bucketlint::LoadResult loaded = bucketlint::load_inputs(make_load_options(model_args));
    print_out(bucketlint::describe_model(loaded.model));
    // Same contract as `check`: an input that could not be read makes the picture incomplete.
    const bool incomplete =
        std::any_of(loaded.model.diagnostics.begin(), loaded.model.diagnostics.end(),
                    [](const bucketlint::LoadDiagnostic& d) { return d.incomplete; });
    return incomplete ? kExitUsage : 0;
  }

  // check
  const LoadOptions load_options = make_load_options(check_args);
  const FreedByExit<const bucketlint::LoadResult> loaded_owner(
      std::make_unique<const bucketlint::LoadResult>(bucketlint::load_inputs(load_options)));
  const bucketlint::LoadResult& loaded = loaded_owner.get();
  if (list_inputs) {
    print_out(inputs_listing(loaded));
    const bool incomplete =
        std::any_of(loaded.model.diagnostics.begin(), loaded.model.diagnostics.end(),
                    [](const bucketlint::LoadDiagnostic& d) { return d.incomplete; });
    return incomplete ? kExitUsage : 0;
  }
  if (verbose) print_err(inputs_listing(loaded));
  bucketlint::EngineResult result = bucketlint::run_rules(loaded.model, rules, loaded.settings);
  result.skipped = static_cast<std::size_t>(std::count_if(
      loaded.skipped.begin(), loaded.skipped.end(), [](const bucketlint::SkippedInput& s) {
        return s.why == bucketlint::SkippedInput::Why::kContent;
      }));

  bucketlint::ReportOptions report_options;
  report_options.format = *bucketlint::parse_report_format(format);
  report_options.quiet = quiet;
  report_options.verbose = verbose;
  report_options.color = color || (!no_color && color_default(!output.empty()));
  report_options.base_dir = current_dir();
  const std::string report = bucketlint::write_report(result, rules, report_options);
  if (output.empty()) {
    print_out(report);
  } else if (!write_file(output, report)) {
    return kExitUsage;
  }
  const std::optional<bucketlint::Severity> threshold =
      fail_on == "none" ? std::nullopt : bucketlint::parse_severity(fail_on);
  return bucketlint::exit_code_for(result, threshold);
}

// The model of a large input (about 40 MB for the 1,644 AWS managed policies) is allocated in
// many small pieces and never freed before exit. With 4 KiB pages, every page first touched is
// a page fault: about a fifth of the run time on that corpus. Growing the heap in large steps
// and asking the kernel for transparent huge pages there (honoured when THP is "always" or
// "madvise") cuts the faults about fivefold. This is what glibc's glibc.malloc.hugetlb=1
// tunable does, which can only be set from the environment. The heap is also never trimmed:
// memory is given back at exit. Elsewhere, or under the sanitizers' allocator, it is harmless.
void prefer_huge_pages() {
#if defined(__linux__) && defined(__GLIBC__)
  constexpr int kStep = 32 << 20;  // also glibc's largest mmap threshold on 64-bit
  constexpr std::uintptr_t kHugePage = std::uintptr_t{2} << 20;
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  mallopt(M_MMAP_THRESHOLD, kStep);  // big blocks stay on the heap (and its huge pages)
  mallopt(M_TOP_PAD, kStep);
  void* probe = std::malloc(std::size_t{1} << 20);  // grows the heap by the step now
  if (probe == nullptr) return;
  const auto start = (reinterpret_cast<std::uintptr_t>(probe) + kHugePage - 1) & ~(kHugePage - 1);
  void* const top = sbrk(0);
  std::free(probe);
  if (top == reinterpret_cast<void*>(-1)) return;  // the heap is not a brk heap here
  const auto end = reinterpret_cast<std::uintptr_t>(top) & ~(kHugePage - 1);
  if (end > start) {
    // Advice only: on failure (no THP support) the heap keeps its normal pages.
    static_cast<void>(madvise(reinterpret_cast<void*>(start), end - start, MADV_HUGEPAGE));
  }
#endif
}

}  // namespace

int main(int argc, char** argv) {
  prefer_huge_pages();
  // No exception leaves main() (STYLE.md section 5): CLI11 set-up included.
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bucketlint: internal error: %s\n", e.what());
    return 2;
  } catch (...) {
    std::fputs("bucketlint: internal error: unknown exception\n", stderr);
    return 2;
  }
}
