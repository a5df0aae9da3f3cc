// The bucketlint command line. The only code that writes to stdout/stderr and picks the exit
// code: 0 clean, 1 findings at or above --fail-on, 2 incomplete
// (bad usage, unreadable or malformed input, a rule failed; 2 wins over 1).

#include <fmt/format.h>
#include <unistd.h>

#if defined(__linux__) && defined(__GLIBC__)
#include <malloc.h>
#include <sched.h>
#include <sys/mman.h>
#endif

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "bucketlint/baseline.h"
#include "bucketlint/build_info.h"
#include "bucketlint/catalogue.h"
#include "bucketlint/data_json.h"
#include "bucketlint/engine.h"
#include "bucketlint/graph.h"
#include "bucketlint/load.h"
#include "bucketlint/model.h"
#include "bucketlint/progress.h"
#include "bucketlint/report.h"
#include "bucketlint/rule.h"
#include "bucketlint/simulate.h"
#include "clidoc/clidoc.h"
#include "load/read.h"

namespace {

using bucketlint::LoadOptions;

constexpr int kExitUsage = 2;

void print_err(std::string_view text) {
  std::fwrite(text.data(), 1, text.size(), stderr);
  std::fflush(stderr);
}

// Writes to standard output; false (with a message on stderr) when the text could not all be
// written: a full disk (`> /dev/full`), a closed stdout. A lost report must not look like a
// clean run, so callers exit 2.
bool print_out(std::string_view text) {
  errno = 0;
  const bool ok = std::fwrite(text.data(), 1, text.size(), stdout) == text.size() &&
                  std::fflush(stdout) == 0 && std::ferror(stdout) == 0;
  if (!ok) {
    const int error = errno;
    print_err(fmt::format("bucketlint: error: cannot write to standard output: {}\n",
                          error != 0 ? std::strerror(error) : "write failed"));
  }
  return ok;
}

std::string version_text() {
  std::string text = fmt::format("bucketlint {}\n", BUCKETLINT_VERSION);
  text += fmt::format("commit: {}\n", bucketlint::build_commit());
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

// Returns the `paths` option (required unless paths follow "--").
CLI::Option* add_load_options(CLI::App& app, LoadArgs& args) {
  CLI::Option* paths =
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
  return paths;
}

// How the rules run (check, baseline, graph): threads and the progress line. Neither changes
// what is reported.
struct RunArgs {
  unsigned jobs = 0;  // 0: one per CPU this process may run on
  bool progress = false;
  bool no_progress = false;
};

void add_run_options(CLI::App& app, RunArgs& args) {
  app.add_option("--jobs,-j", args.jobs,
                 "analyse buckets on N threads (default: one per CPU core); the report is the "
                 "same for every N")
      ->check(CLI::Range(1U, 256U))
      ->type_name("N");
  CLI::Option* progress =
      app.add_flag("--progress", args.progress,
                   "show progress on standard error (default: on a terminal, for runs longer "
                   "than a second; never in CI)");
  CLI::Option* no_progress = app.add_flag("--no-progress", args.no_progress, "never show progress");
  progress->excludes(no_progress);
}

// The CPUs this process may run on (taskset, cgroup CPU sets), at least 1.
unsigned available_cpus() {
#if defined(__linux__) && defined(__GLIBC__)
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof set, &set) == 0) {
    const int n = CPU_COUNT(&set);
    if (n > 0) return static_cast<unsigned>(n);
  }
#endif
  const unsigned n = std::thread::hardware_concurrency();
  return n > 0 ? n : 1;
}

// The progress line, when wanted, writing to standard error; finish() clears it.
std::unique_ptr<bucketlint::Progress> make_progress(const RunArgs& args) {
  const bool terminal = isatty(fileno(stderr)) != 0;
  // CI services set CI (GitHub Actions, GitLab, Travis, CircleCI, Buildkite, ...).
  const char* ci = std::getenv("CI");
  const bool in_ci = ci != nullptr && *ci != '\0' && std::string_view(ci) != "false";
  if (!bucketlint::progress_wanted(args.progress, args.no_progress, terminal, std::getenv("TERM"),
                                   in_ci)) {
    return nullptr;
  }
  bucketlint::Progress::Options options;
  options.terminal = terminal;
  if (!terminal) options.delay = {};  // asked for with --progress: from the start
  return std::make_unique<bucketlint::Progress>(print_err, options);
}

bucketlint::RunOptions run_options(const RunArgs& args, bucketlint::Progress* progress) {
  bucketlint::RunOptions options;
  options.jobs = args.jobs > 0 ? args.jobs : available_cpus();
  if (progress != nullptr) {
    options.progress = [progress](std::size_t done, std::size_t total) {
      progress->buckets(done, total);
    };
  }
  return options;
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
    // Bounded like every file (`bucketlint - < /dev/zero`); over the limit is an IN005.
    bucketlint::ReadResult read = bucketlint::read_bounded_fd(STDIN_FILENO, args.max_file_size);
    if (read.status == bucketlint::ReadStatus::kTooLarge) options.stdin_over_limit = true;
    options.stdin_text = std::move(read.text);
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
  errno = 0;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (out) out.write(text.data(), static_cast<std::streamsize>(text.size()));
  out.close();
  if (!out) {
    const int error = errno;
    print_err(fmt::format("bucketlint: error: cannot write '{}': {}\n",
                          bucketlint::escape_for_terminal(path.generic_string()),
                          error != 0 ? std::strerror(error) : "write failed"));
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
  app.footer(bucketlint::clidoc::help_footer());
  bool show_version = false;
  app.add_flag("--version", show_version, "print the version and exit");

  // check
  CLI::App* check = app.add_subcommand("check", "lint files and directories (the default)");
  LoadArgs check_args;
  CLI::Option* check_paths = add_load_options(*check, check_args);
  RunArgs check_run;
  add_run_options(*check, check_run);
  std::string format = "text";
  std::string fail_on = "warning";
  std::string output;
  bool quiet = false;
  bool color = false;
  bool no_color = false;
  check->add_option("--format", format, "output format (default text)")
      ->check(CLI::IsMember({"text", "json", "sarif", "github", "html"}))
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
  std::string baseline_file;
  check
      ->add_option("--baseline", baseline_file,
                   "report only findings not recorded in FILE (written by `bucketlint baseline`; "
                   "default: `baseline:` of the config)")
      ->type_name("FILE");

  // baseline
  CLI::App* baseline_cmd = app.add_subcommand(
      "baseline", "record today's findings by fingerprint, for `check --baseline FILE`");
  LoadArgs baseline_args;
  add_load_options(*baseline_cmd, baseline_args);
  RunArgs baseline_run;
  add_run_options(*baseline_cmd, baseline_run);
  std::string baseline_out = ".bucketlint-baseline.json";
  baseline_cmd
      ->add_option("--output,-o", baseline_out,
                   "file to write (default .bucketlint-baseline.json in the current directory)")
      ->type_name("FILE");

  // rules
  CLI::App* rules_cmd = app.add_subcommand("rules", "list the rules: ID, severity, name, summary");
  std::string rules_format = "text";
  rules_cmd
      ->add_option("--format", rules_format,
                   "output format (default text; json: docs/data-json.md)")
      ->check(CLI::IsMember({"text", "json"}))
      ->type_name("FORMAT");

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
  CLI::Option* model_paths = add_load_options(*model_cmd, model_args);
  std::string model_format = "text";
  model_cmd
      ->add_option("--format", model_format,
                   "output format (default text; json: docs/data-json.md)")
      ->check(CLI::IsMember({"text", "json"}))
      ->type_name("FORMAT");

  // graph
  CLI::App* graph_cmd = app.add_subcommand(
      "graph",
      "draw the access graph (accounts, buckets, roles, distributions; red edges carry "
      "findings) for docs and pull-request comments");
  LoadArgs graph_args;
  add_load_options(*graph_cmd, graph_args);
  RunArgs graph_run;
  add_run_options(*graph_cmd, graph_run);
  std::string graph_format = "dot";
  std::string graph_output;
  graph_cmd->add_option("--format", graph_format, "output format (default dot)")
      ->check(CLI::IsMember({"dot", "svg", "mermaid"}))
      ->type_name("FORMAT");
  graph_cmd
      ->add_option("--output,-o", graph_output,
                   "write the graph to FILE instead of standard output")
      ->type_name("FILE");

  CLI::App* simulate = app.add_subcommand(
      "simulate", "evaluate one request against the policies in FILE and show the decision");
  std::string simulate_file;
  std::string simulate_format = "text";
  CLI::Option* simulate_file_opt =
      simulate->add_option("file", simulate_file, "simulate input file ('-' reads standard input)")
          ->required()
          ->type_name("FILE");
  std::size_t simulate_max_size = LoadOptions{}.max_file_size;
  simulate
      ->add_option("--max-file-size", simulate_max_size,
                   "refuse an input larger than this many bytes (default 4 MiB)")
      ->check(CLI::PositiveNumber)
      ->type_name("BYTES");
  simulate->add_option("--format", simulate_format, "output format (default text)")
      ->check(CLI::IsMember({"text", "json"}))
      ->type_name("FORMAT");

  std::vector<std::string> subcommand_names;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    subcommand_names.push_back(sub->get_name());
  }
  // Hidden: the man page and shell completions, generated from the definition above.
  if (const auto generated =
          bucketlint::clidoc::generate(app, std::vector<std::string>(argv + 1, argv + argc))) {
    print_out(generated->out);
    print_err(generated->err);
    return generated->exit_code;
  }
  std::vector<std::string> args = with_default_subcommand(argc, argv, subcommand_names);
  // Everything after the first "--" is a path, never an option: a file named "--version",
  // "-h" or "-o.json" is linted (issue 10). CLI11 2.1 mis-orders arguments around "--" in
  // reverse-order parsing, so the operands are taken out here and added to the paths after.
  std::vector<std::string> operands;
  if (const auto dashes = std::find(args.begin(), args.end(), "--"); dashes != args.end()) {
    operands.assign(dashes + 1, args.end());
    args.erase(dashes, args.end());
  }
  if (!operands.empty()) {
    check_paths->required(false);
    model_paths->required(false);
    simulate_file_opt->required(false);
  }
  if (std::find(args.begin(), args.end(), "--version") != args.end() &&
      std::find(args.begin(), args.end(), "--help") == args.end()) {
    // --version wins over missing paths (`bucketlint --version`, `bucketlint check --version`).
    return print_out(version_text()) ? 0 : kExitUsage;
  }
  try {
    std::reverse(args.begin(), args.end());  // CLI11 takes the arguments in reverse order
    app.parse(args);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : kExitUsage;
  }
  if (!operands.empty()) {
    if (check->parsed()) {
      check_args.paths.insert(check_args.paths.end(), operands.begin(), operands.end());
    } else if (model_cmd->parsed()) {
      model_args.paths.insert(model_args.paths.end(), operands.begin(), operands.end());
    } else if (simulate->parsed() && simulate_file.empty() && operands.size() == 1) {
      simulate_file = operands.front();
    } else {
      print_err(fmt::format("bucketlint: error: unexpected argument '{}' after '--'\n",
                            bucketlint::escape_for_terminal(operands.front())));
      return kExitUsage;
    }
  }
  const std::vector<std::unique_ptr<bucketlint::Rule>> rules = bucketlint::make_builtin_rules();

  if (rules_cmd->parsed()) {
    return print_out(rules_format == "json" ? bucketlint::rules_json(rules)
                                            : bucketlint::rules_table(rules))
               ? 0
               : kExitUsage;
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
    return print_out(bucketlint::rule_doc_page(rule->info())) ? 0 : kExitUsage;
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
    // Bounded, and only a regular file or standard input: a FIFO, a directory or /dev/zero is
    // refused with a message, never read without end (issue 10).
    bucketlint::ReadResult read =
        simulate_file == "-" ? bucketlint::read_bounded_fd(STDIN_FILENO, simulate_max_size)
                             : bucketlint::read_bounded_file(simulate_file, simulate_max_size);
    const std::string shown =
        bucketlint::escape_for_terminal(simulate_file == "-" ? "<stdin>" : simulate_file);
    if (read.status == bucketlint::ReadStatus::kTooLarge) {
      print_err(
          fmt::format("{}: error: the input is over the {} byte limit (--max-file-size) "
                      "[IN005]\n",
                      shown, simulate_max_size));
      return kExitUsage;
    }
    if (read.status != bucketlint::ReadStatus::kOk) {
      print_err(fmt::format("{}: error: cannot read '{}': it {} [IN007]\n", shown, shown,
                            bucketlint::escape_for_terminal(read.why)));
      return kExitUsage;
    }
    std::string text = std::move(read.text);
    const bucketlint::SimulateOutput result =
        bucketlint::run_simulate(simulate_file, text, simulate_format);
    const bool written = print_out(result.out);
    print_err(result.err);
    return written ? result.exit_code : kExitUsage;
  }

  if (model_cmd->parsed()) {
    const bucketlint::LoadResult loaded = bucketlint::load_inputs(make_load_options(model_args));
    if (!print_out(model_format == "json" ? bucketlint::model_json(loaded.model)
                                          : bucketlint::describe_model(loaded.model))) {
      return kExitUsage;
    }
    // Same contract as `check`: an input that could not be read makes the picture incomplete.
    const bool incomplete =
        std::any_of(loaded.model.diagnostics.begin(), loaded.model.diagnostics.end(),
                    [](const bucketlint::LoadDiagnostic& d) { return d.incomplete; });
    return incomplete ? kExitUsage : 0;
  }

  if (graph_cmd->parsed()) {
    const std::unique_ptr<bucketlint::Progress> progress = make_progress(graph_run);
    LoadOptions load_options = make_load_options(graph_args);
    if (progress) load_options.on_file = [&progress](std::string_view f) { progress->file(f); };
    const bucketlint::LoadResult loaded = bucketlint::load_inputs(load_options);
    const bucketlint::EngineResult result = bucketlint::run_rules(
        loaded.model, rules, loaded.settings, run_options(graph_run, progress.get()));
    if (progress) progress->finish();
    const bucketlint::AccessGraph graph = bucketlint::build_access_graph(loaded.model, &result);
    const std::string text = graph_format == "mermaid" ? bucketlint::graph_mermaid(graph)
                             : graph_format == "svg"
                                 ? bucketlint::graph_svg(graph, bucketlint::find_dot_program())
                                 : bucketlint::graph_dot(graph);
    if (graph_output.empty()) {
      if (!print_out(text)) return kExitUsage;
    } else if (!write_file(graph_output, text)) {
      return kExitUsage;
    }
    return result.incomplete ? kExitUsage : 0;
  }

  // check (and baseline, which runs the same analysis and records instead of reporting)
  const bool recording = baseline_cmd->parsed();
  const LoadArgs& load_args = recording ? baseline_args : check_args;
  const RunArgs& run_args = recording ? baseline_run : check_run;
  const std::unique_ptr<bucketlint::Progress> progress =
      list_inputs ? nullptr : make_progress(run_args);
  LoadOptions load_options = make_load_options(load_args);
  if (progress) load_options.on_file = [&progress](std::string_view f) { progress->file(f); };
  const FreedByExit<const bucketlint::LoadResult> loaded_owner(
      std::make_unique<const bucketlint::LoadResult>(bucketlint::load_inputs(load_options)));
  const bucketlint::LoadResult& loaded = loaded_owner.get();
  if (list_inputs) {
    if (!print_out(inputs_listing(loaded))) return kExitUsage;
    const bool incomplete =
        std::any_of(loaded.model.diagnostics.begin(), loaded.model.diagnostics.end(),
                    [](const bucketlint::LoadDiagnostic& d) { return d.incomplete; });
    return incomplete ? kExitUsage : 0;
  }
  if (verbose) {
    if (progress) progress->finish();
    print_err(inputs_listing(loaded));
  }
  bucketlint::RuleSettings settings = loaded.settings;
  // Fingerprints use paths relative to the repository, however the inputs were spelled.
  settings.fingerprint_root =
      bucketlint::repository_root(load_args.paths.empty() ? "" : load_args.paths.front());
  bucketlint::EngineResult result =
      bucketlint::run_rules(loaded.model, rules, settings, run_options(run_args, progress.get()));
  if (progress) progress->finish();
  result.skipped = static_cast<std::size_t>(std::count_if(
      loaded.skipped.begin(), loaded.skipped.end(), [](const bucketlint::SkippedInput& s) {
        return s.why == bucketlint::SkippedInput::Why::kContent;
      }));

  if (recording) {
    if (!write_file(baseline_out, bucketlint::write_baseline(result))) return kExitUsage;
    print_err(fmt::format("bucketlint: recorded {} finding{} in {}\n", result.findings.size(),
                          result.findings.size() == 1 ? "" : "s", baseline_out));
    if (result.incomplete) {
      print_err(
          "bucketlint: error: the analysis was incomplete (see `bucketlint check`); findings "
          "that left input unanalysed are never hidden by a baseline\n");
      return kExitUsage;
    }
    return 0;
  }

  const std::string baseline_path = !baseline_file.empty() ? baseline_file : loaded.baseline_file;
  if (!baseline_path.empty()) {
    std::string error;
    if (const std::optional<bucketlint::Baseline> baseline =
            bucketlint::read_baseline(baseline_path, error)) {
      bucketlint::apply_baseline(result, *baseline);
    } else if (const bucketlint::Rule* invalid = bucketlint::find_rule(rules, "IN010")) {
      // A broken baseline must not silently report everything (or nothing): exit 2.
      const bucketlint::SourceRef where = !baseline_file.empty()
                                              ? bucketlint::SourceRef{baseline_path, "", 0, 0}
                                              : loaded.baseline_where;
      bucketlint::Finding f = bucketlint::make_finding(
          invalid->info(), where, fmt::format("baseline '{}': {}", baseline_path, error));
      f.severity = bucketlint::Severity::kError;
      f.incomplete = true;
      f.fingerprint_hint = f.message;
      f.fingerprint = bucketlint::finding_fingerprint(f, loaded.model, settings.fingerprint_root);
      result.findings.push_back(std::move(f));
      std::stable_sort(result.findings.begin(), result.findings.end(), bucketlint::finding_less);
      result.incomplete = true;
    } else {
      result.incomplete = true;
    }
  }

  bucketlint::ReportOptions report_options;
  report_options.format = *bucketlint::parse_report_format(format);
  report_options.quiet = quiet;
  report_options.verbose = verbose;
  report_options.color = color || (!no_color && color_default(!output.empty()));
  report_options.base_dir = current_dir();
  report_options.model = &loaded.model;
  report_options.output_path = output;
  if (report_options.format == bucketlint::ReportFormat::kHtml) {
    report_options.dot_program = bucketlint::find_dot_program();
  }
  const std::string report = bucketlint::write_report(result, rules, report_options);
  if (output.empty()) {
    if (!print_out(report)) return kExitUsage;
  } else if (!write_file(output, report)) {
    return kExitUsage;
  }
  // In GitHub Actions the runner names a Markdown file for the job summary: every finding goes
  // there, since annotations are capped. Appended, as other steps may write to it too.
  const char* step_summary = std::getenv("GITHUB_STEP_SUMMARY");
  if (report_options.format == bucketlint::ReportFormat::kGithub && step_summary != nullptr &&
      *step_summary != '\0') {
    std::ofstream out(step_summary, std::ios::binary | std::ios::app);
    const std::string summary = bucketlint::write_github_summary(result);
    if (out) out.write(summary.data(), static_cast<std::streamsize>(summary.size()));
    out.close();
    if (!out) {
      print_err("bucketlint: error: cannot append the job summary to $GITHUB_STEP_SUMMARY\n");
      return kExitUsage;
    }
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
  // No exception leaves main(): CLI11 set-up included.
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
