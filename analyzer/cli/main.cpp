// The bucketlint command line. The only code that writes to stdout/stderr and picks the exit
// code: 0 clean, 1 findings at or above --fail-on, 2 incomplete
// (bad usage, unreadable or malformed input, a rule failed; 2 wins over 1).

#include <fmt/format.h>
#include <unistd.h>

#if defined(__linux__) && defined(__GLIBC__)
#include <sched.h>
#endif

#include <CLI/CLI.hpp>
#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <stdexcept>
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
#include "cli/clidoc.h"
#include "cli/heap.h"
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

// The load options of `args`, reporting each file read to `progress` (may be null).
LoadOptions load_options_with_progress(const LoadArgs& args, bucketlint::Progress* progress) {
  LoadOptions options = make_load_options(args);
  if (progress != nullptr) {
    options.on_file = [progress](std::string_view file) { progress->file(file); };
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

using Rules = std::vector<std::unique_ptr<bucketlint::Rule>>;

// The options of each subcommand, filled by CLI11.
struct CheckArgs {
  LoadArgs load;
  std::string format = "text";
  std::string fail_on = "warning";
  std::string output;
  bool quiet = false;
  bool verbose = false;
  bool list_inputs = false;
  bool color = false;
  bool no_color = false;
  std::string baseline_file;
  RunArgs run;
};
struct BaselineArgs {
  LoadArgs load;
  RunArgs run;
  std::string output = ".bucketlint-baseline.json";
};
struct RulesArgs {
  std::string format = "text";
};
struct ExplainArgs {
  std::string id;
};
struct DocsArgs {
  std::string out;
};
struct ModelArgs {
  LoadArgs load;
  std::string format = "text";
};
struct GraphArgs {
  LoadArgs load;
  RunArgs run;
  std::string format = "dot";
  std::string output;
};
struct SimulateArgs {
  std::string file;
  std::string format = "text";
  std::size_t max_file_size = LoadOptions{}.max_file_size;
};

// The whole command line: the CLI11 definition and where each subcommand's options land.
struct CommandLine {
  CLI::App app{
      "bucketlint: static analysis of AWS S3 and IAM access configuration (bucket policies, "
      "trust and identity policies, ACL and ownership dumps, CloudFront configs).\n"
      "`check` is the default subcommand: `bucketlint [check] [OPTIONS] PATH...`.",
      "bucketlint"};
  bool show_version = false;
  CheckArgs check_args;
  BaselineArgs baseline_args;
  RulesArgs rules_args;
  ExplainArgs explain_args;
  DocsArgs docs_args;
  ModelArgs model_args;
  GraphArgs graph_args;
  SimulateArgs simulate_args;
  CLI::App* check = nullptr;
  CLI::App* baseline = nullptr;
  CLI::App* rules = nullptr;
  CLI::App* explain = nullptr;
  CLI::App* docs = nullptr;
  CLI::App* model = nullptr;
  CLI::App* graph = nullptr;
  CLI::App* simulate = nullptr;
  // The positional options that operands after "--" may fill instead.
  CLI::Option* check_paths = nullptr;
  CLI::Option* model_paths = nullptr;
  CLI::Option* simulate_file = nullptr;
};

void define_check(CommandLine& cl) {
  CheckArgs& args = cl.check_args;
  CLI::App* check = cl.app.add_subcommand("check", "lint files and directories (the default)");
  cl.check = check;
  cl.check_paths = add_load_options(*check, args.load);
  add_run_options(*check, args.run);
  check->add_option("--format", args.format, "output format (default text)")
      ->check(CLI::IsMember({"text", "json", "sarif", "github", "html"}))
      ->type_name("FORMAT");
  check
      ->add_option("--fail-on", args.fail_on,
                   "exit 1 when a finding has this severity or above (default warning)")
      ->check(CLI::IsMember({"error", "warning", "note", "none"}))
      ->type_name("SEVERITY");
  check
      ->add_option("--output,-o", args.output,
                   "write the report to FILE instead of standard output")
      ->type_name("FILE");
  check->add_flag("--quiet,-q", args.quiet, "text format: print findings only, no summary line");
  check->add_flag("--verbose,-v", args.verbose,
                  "list on standard error each file read and each file skipped (with the "
                  "reason), and print the summary line also when the run is clean");
  check->add_flag("--list-inputs", args.list_inputs,
                  "print the files that would be read and those skipped (with the reason), and "
                  "exit without linting");
  CLI::Option* color_opt =
      check->add_flag("--color", args.color, "colour text output (default: on a terminal)");
  CLI::Option* no_color_opt =
      check->add_flag("--no-color", args.no_color, "never colour text output");
  color_opt->excludes(no_color_opt);
  check->add_flag("--version", cl.show_version, "print the version and exit");
  check
      ->add_option("--baseline", args.baseline_file,
                   "report only findings not recorded in FILE (written by `bucketlint baseline`; "
                   "default: `baseline:` of the config)")
      ->type_name("FILE");
}

void define_baseline(CommandLine& cl) {
  cl.baseline = cl.app.add_subcommand(
      "baseline", "record today's findings by fingerprint, for `check --baseline FILE`");
  add_load_options(*cl.baseline, cl.baseline_args.load);
  add_run_options(*cl.baseline, cl.baseline_args.run);
  cl.baseline
      ->add_option("--output,-o", cl.baseline_args.output,
                   "file to write (default .bucketlint-baseline.json in the current directory)")
      ->type_name("FILE");
}

void define_rules(CommandLine& cl) {
  cl.rules = cl.app.add_subcommand("rules", "list the rules: ID, severity, name, summary");
  cl.rules
      ->add_option("--format", cl.rules_args.format,
                   "output format (default text; json: docs/data-json.md)")
      ->check(CLI::IsMember({"text", "json"}))
      ->type_name("FORMAT");
}

void define_explain(CommandLine& cl) {
  cl.explain = cl.app.add_subcommand("explain", "print the documentation of one rule");
  cl.explain->add_option("id", cl.explain_args.id, "rule ID, e.g. IN013")
      ->required()
      ->type_name("ID");
}

void define_docs(CommandLine& cl) {
  cl.docs = cl.app.add_subcommand(
      "docs", "write docs/rules: one <ID>.md per rule and README.md, from the registry");
  cl.docs->add_option("--out", cl.docs_args.out, "output directory (e.g. docs/rules)")
      ->required()
      ->type_name("DIR");
}

void define_model(CommandLine& cl) {
  cl.model = cl.app.add_subcommand(
      "model", "print what was loaded and linked: accounts, buckets, roles, distributions, ...");
  cl.model_paths = add_load_options(*cl.model, cl.model_args.load);
  cl.model
      ->add_option("--format", cl.model_args.format,
                   "output format (default text; json: docs/data-json.md)")
      ->check(CLI::IsMember({"text", "json"}))
      ->type_name("FORMAT");
}

void define_graph(CommandLine& cl) {
  cl.graph = cl.app.add_subcommand(
      "graph",
      "draw the access graph (accounts, buckets, roles, distributions; red edges carry "
      "findings) for docs and pull-request comments");
  add_load_options(*cl.graph, cl.graph_args.load);
  add_run_options(*cl.graph, cl.graph_args.run);
  cl.graph->add_option("--format", cl.graph_args.format, "output format (default dot)")
      ->check(CLI::IsMember({"dot", "svg", "mermaid"}))
      ->type_name("FORMAT");
  cl.graph
      ->add_option("--output,-o", cl.graph_args.output,
                   "write the graph to FILE instead of standard output")
      ->type_name("FILE");
}

void define_simulate(CommandLine& cl) {
  SimulateArgs& args = cl.simulate_args;
  cl.simulate = cl.app.add_subcommand(
      "simulate", "evaluate one request against the policies in FILE and show the decision");
  cl.simulate_file =
      cl.simulate->add_option("file", args.file, "simulate input file ('-' reads standard input)")
          ->required()
          ->type_name("FILE");
  cl.simulate
      ->add_option("--max-file-size", args.max_file_size,
                   "refuse an input larger than this many bytes (default 4 MiB)")
      ->check(CLI::PositiveNumber)
      ->type_name("BYTES");
  cl.simulate->add_option("--format", args.format, "output format (default text)")
      ->check(CLI::IsMember({"text", "json"}))
      ->type_name("FORMAT");
}

// Every subcommand, in the order `--help` lists them. The name is the one its definition gives
// to add_subcommand (define_command_line checks this when it defines them all).
struct Subcommand {
  std::string_view name;
  void (*define)(CommandLine&);
};
constexpr std::array<Subcommand, 8> kSubcommands{{{"check", define_check},
                                                  {"baseline", define_baseline},
                                                  {"rules", define_rules},
                                                  {"explain", define_explain},
                                                  {"docs", define_docs},
                                                  {"model", define_model},
                                                  {"graph", define_graph},
                                                  {"simulate", define_simulate}}};

// Defines the top level and the subcommand named `only` (none when `only` names none), or every
// subcommand when `only` is empty. Defining the whole command line is about 60% of the instructions
// of a one-file check (bench/README.md "Start-up"); with at most one subcommand per run
// (require_subcommand(1, 1)), CLI11 never takes a later argument for another subcommand, so parsing
// is the same.
void define_command_line(CommandLine& cl, std::string_view only) {
  cl.app.require_subcommand(1, 1);
  cl.app.footer(bucketlint::clidoc::help_footer());
  cl.app.add_flag("--version", cl.show_version, "print the version and exit");
  for (const Subcommand& sub : kSubcommands) {
    if (only.empty() || sub.name == only) sub.define(cl);
  }
  if (only.empty()) {
    const auto defined = cl.app.get_subcommands([](const CLI::App*) { return true; });
    const bool same = defined.size() == kSubcommands.size() &&
                      std::equal(defined.begin(), defined.end(), kSubcommands.begin(),
                                 [](const CLI::App* app, const Subcommand& sub) {
                                   return app->get_name() == sub.name;
                                 });
    if (!same) throw std::logic_error("kSubcommands does not list the defined subcommands");
  }
}

// The subcommand define_command_line needs for `args` (after with_default_subcommand): the one
// they name, "--version" (none) for the top-level --version, or "" (all) when anything may print
// help (which lists every subcommand), the man page or completions.
std::string_view subcommand_to_define(const std::vector<std::string>& args) {
  if (args.empty()) return {};
  for (const std::string& arg : args) {
    if (arg == "--") break;
    if (arg == "-h" || arg.starts_with("--help") || arg.starts_with("--completion")) return {};
  }
  // `bucketlint --version` prints the version before parsing (run): no subcommand is needed.
  if (args.front() == "--version") return "--version";
  for (const Subcommand& sub : kSubcommands) {
    if (args.front() == sub.name) return sub.name;
  }
  return {};
}

// Whether `sub` was defined (define_command_line) and named on the command line.
bool parsed(const CLI::App* sub) { return sub != nullptr && sub->parsed(); }

// `bucketlint rules`
int run_rules(const RulesArgs& args, const Rules& rules) {
  return print_out(args.format == "json" ? bucketlint::rules_json(rules)
                                         : bucketlint::rules_table(rules))
             ? 0
             : kExitUsage;
}

// `bucketlint explain ID`
int run_explain(const ExplainArgs& args, const Rules& rules) {
  std::string id = args.id;
  std::transform(id.begin(), id.end(), id.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  const bucketlint::Rule* rule = bucketlint::find_rule(rules, id);
  if (rule == nullptr) {
    print_err(fmt::format("bucketlint: error: unknown rule '{}'; `bucketlint rules` lists them\n",
                          args.id));
    return kExitUsage;
  }
  return print_out(bucketlint::rule_doc_page(rule->info())) ? 0 : kExitUsage;
}

// `bucketlint docs --out DIR`
int run_docs(const DocsArgs& args, const Rules& rules) {
  const std::filesystem::path dir(args.out);
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    print_err(fmt::format("bucketlint: error: cannot create '{}': {}\n", args.out, ec.message()));
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

// `bucketlint simulate FILE`
int run_simulate_command(const SimulateArgs& args) {
  // Bounded, and only a regular file or standard input: a FIFO, a directory or /dev/zero is
  // refused with a message, never read without end (issue 10).
  bucketlint::ReadResult read = args.file == "-"
                                    ? bucketlint::read_bounded_fd(STDIN_FILENO, args.max_file_size)
                                    : bucketlint::read_bounded_file(args.file, args.max_file_size);
  const std::string shown =
      bucketlint::escape_for_terminal(args.file == "-" ? "<stdin>" : args.file);
  if (read.status == bucketlint::ReadStatus::kTooLarge) {
    print_err(
        fmt::format("{}: error: the input is over the {} byte limit (--max-file-size) "
                    "[IN005]\n",
                    shown, args.max_file_size));
    return kExitUsage;
  }
  if (read.status != bucketlint::ReadStatus::kOk) {
    print_err(fmt::format("{}: error: cannot read '{}': it {} [IN007]\n", shown, shown,
                          bucketlint::escape_for_terminal(read.why)));
    return kExitUsage;
  }
  std::string text = std::move(read.text);
  const bucketlint::SimulateOutput result = bucketlint::run_simulate(args.file, text, args.format);
  const bool written = print_out(result.out);
  print_err(result.err);
  return written ? result.exit_code : kExitUsage;
}

// An input that could not be read makes the picture incomplete (exit 2).
bool load_incomplete(const bucketlint::LoadResult& loaded) {
  return std::any_of(loaded.model.diagnostics.begin(), loaded.model.diagnostics.end(),
                     [](const bucketlint::LoadDiagnostic& d) { return d.incomplete; });
}

// `bucketlint model PATH...`
int run_model(const ModelArgs& args) {
  const bucketlint::LoadResult loaded = bucketlint::load_inputs(make_load_options(args.load));
  if (!print_out(args.format == "json" ? bucketlint::model_json(loaded.model)
                                       : bucketlint::describe_model(loaded.model))) {
    return kExitUsage;
  }
  // Same contract as `check`.
  return load_incomplete(loaded) ? kExitUsage : 0;
}

// `bucketlint graph PATH...`
int run_graph(const GraphArgs& args, const Rules& rules) {
  const std::unique_ptr<bucketlint::Progress> progress = make_progress(args.run);
  const bucketlint::LoadResult loaded =
      bucketlint::load_inputs(load_options_with_progress(args.load, progress.get()));
  const bucketlint::EngineResult result = bucketlint::run_rules(
      loaded.model, rules, loaded.settings, run_options(args.run, progress.get()));
  if (progress) progress->finish();
  const bucketlint::AccessGraph graph = bucketlint::build_access_graph(loaded.model, &result);
  const std::string text = args.format == "mermaid" ? bucketlint::graph_mermaid(graph)
                           : args.format == "svg"
                               ? bucketlint::graph_svg(graph, bucketlint::find_dot_program())
                               : bucketlint::graph_dot(graph);
  if (args.output.empty()) {
    if (!print_out(text)) return kExitUsage;
  } else if (!write_file(args.output, text)) {
    return kExitUsage;
  }
  return result.incomplete ? kExitUsage : 0;
}

// The settings of a check or baseline run: the config's, with fingerprints relative to the
// repository, however the inputs were spelled.
bucketlint::RuleSettings analysis_settings(const bucketlint::LoadResult& loaded,
                                           const LoadArgs& args) {
  bucketlint::RuleSettings settings = loaded.settings;
  settings.fingerprint_root =
      bucketlint::repository_root(args.paths.empty() ? "" : args.paths.front());
  return settings;
}

// check and baseline: every rule over the loaded model.
bucketlint::EngineResult analyse(const bucketlint::LoadResult& loaded,
                                 const bucketlint::RuleSettings& settings, const Rules& rules,
                                 const RunArgs& run, bucketlint::Progress* progress) {
  bucketlint::EngineResult result =
      bucketlint::run_rules(loaded.model, rules, settings, run_options(run, progress));
  if (progress != nullptr) progress->finish();
  result.skipped = static_cast<std::size_t>(std::count_if(
      loaded.skipped.begin(), loaded.skipped.end(), [](const bucketlint::SkippedInput& s) {
        return s.why == bucketlint::SkippedInput::Why::kContent;
      }));
  return result;
}

// `bucketlint baseline PATH...`: the same analysis as `check`, recorded instead of reported.
int run_baseline(const BaselineArgs& args, const Rules& rules) {
  const std::unique_ptr<bucketlint::Progress> progress = make_progress(args.run);
  const bucketlint::cli::FreedByExit<const bucketlint::LoadResult> loaded_owner(
      std::make_unique<const bucketlint::LoadResult>(
          bucketlint::load_inputs(load_options_with_progress(args.load, progress.get()))));
  const bucketlint::LoadResult& loaded = loaded_owner.get();
  const bucketlint::EngineResult result =
      analyse(loaded, analysis_settings(loaded, args.load), rules, args.run, progress.get());
  if (!write_file(args.output, bucketlint::write_baseline(result))) return kExitUsage;
  print_err(fmt::format("bucketlint: recorded {} finding{} in {}\n", result.findings.size(),
                        result.findings.size() == 1 ? "" : "s", args.output));
  if (result.incomplete) {
    print_err(
        "bucketlint: error: the analysis was incomplete (see `bucketlint check`); findings "
        "that left input unanalysed are never hidden by a baseline\n");
    return kExitUsage;
  }
  return 0;
}

// check --baseline FILE (or the config's `baseline:`): drops the recorded findings. A broken
// baseline must not silently report everything (or nothing): it becomes an IN010 and exit 2.
void filter_by_baseline(const CheckArgs& args, const bucketlint::LoadResult& loaded,
                        const bucketlint::RuleSettings& settings, const Rules& rules,
                        bucketlint::EngineResult& result) {
  const std::string baseline_path =
      !args.baseline_file.empty() ? args.baseline_file : loaded.baseline_file;
  if (baseline_path.empty()) return;
  std::string error;
  if (const std::optional<bucketlint::Baseline> baseline =
          bucketlint::read_baseline(baseline_path, error)) {
    bucketlint::apply_baseline(result, *baseline);
  } else if (const bucketlint::Rule* invalid = bucketlint::find_rule(rules, "IN010")) {
    const bucketlint::SourceRef where = !args.baseline_file.empty()
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

// In GitHub Actions the runner names a Markdown file for the job summary: every finding goes
// there, since annotations are capped. Appended, as other steps may write to it too. False
// (with a message) when it cannot be written.
bool append_github_summary(const bucketlint::EngineResult& result) {
  const char* step_summary = std::getenv("GITHUB_STEP_SUMMARY");
  if (step_summary == nullptr || *step_summary == '\0') return true;
  std::ofstream out(step_summary, std::ios::binary | std::ios::app);
  const std::string summary = bucketlint::write_github_summary(result);
  if (out) out.write(summary.data(), static_cast<std::streamsize>(summary.size()));
  out.close();
  if (!out) {
    print_err("bucketlint: error: cannot append the job summary to $GITHUB_STEP_SUMMARY\n");
    return false;
  }
  return true;
}

// `bucketlint [check] PATH...`
int run_check(const CheckArgs& args, const Rules& rules) {
  const std::unique_ptr<bucketlint::Progress> progress =
      args.list_inputs ? nullptr : make_progress(args.run);
  const bucketlint::cli::FreedByExit<const bucketlint::LoadResult> loaded_owner(
      std::make_unique<const bucketlint::LoadResult>(
          bucketlint::load_inputs(load_options_with_progress(args.load, progress.get()))));
  const bucketlint::LoadResult& loaded = loaded_owner.get();
  if (args.list_inputs) {
    if (!print_out(inputs_listing(loaded))) return kExitUsage;
    return load_incomplete(loaded) ? kExitUsage : 0;
  }
  if (args.verbose) {
    if (progress) progress->finish();
    print_err(inputs_listing(loaded));
  }
  const bucketlint::RuleSettings settings = analysis_settings(loaded, args.load);
  bucketlint::EngineResult result = analyse(loaded, settings, rules, args.run, progress.get());
  filter_by_baseline(args, loaded, settings, rules, result);

  bucketlint::ReportOptions report_options;
  report_options.format = *bucketlint::parse_report_format(args.format);
  report_options.quiet = args.quiet;
  report_options.verbose = args.verbose;
  report_options.color = args.color || (!args.no_color && color_default(!args.output.empty()));
  report_options.base_dir = current_dir();
  report_options.model = &loaded.model;
  report_options.output_path = args.output;
  if (report_options.format == bucketlint::ReportFormat::kHtml) {
    report_options.dot_program = bucketlint::find_dot_program();
  }
  const std::string report = bucketlint::write_report(result, rules, report_options);
  if (args.output.empty()) {
    if (!print_out(report)) return kExitUsage;
  } else if (!write_file(args.output, report)) {
    return kExitUsage;
  }
  if (report_options.format == bucketlint::ReportFormat::kGithub &&
      !append_github_summary(result)) {
    return kExitUsage;
  }
  const std::optional<bucketlint::Severity> threshold =
      args.fail_on == "none" ? std::nullopt : bucketlint::parse_severity(args.fail_on);
  return bucketlint::exit_code_for(result, threshold);
}

// Everything after the first "--" is a path, never an option: a file named "--version", "-h"
// or "-o.json" is linted (issue 10). CLI11 2.1 mis-orders arguments around "--" in
// reverse-order parsing, so the operands are taken out of `args` here and added to the paths
// after parsing (add_operands).
std::vector<std::string> take_operands(std::vector<std::string>& args, CommandLine& cl) {
  std::vector<std::string> operands;
  if (const auto dashes = std::find(args.begin(), args.end(), "--"); dashes != args.end()) {
    operands.assign(dashes + 1, args.end());
    args.erase(dashes, args.end());
  }
  if (!operands.empty()) {
    for (CLI::Option* positional : {cl.check_paths, cl.model_paths, cl.simulate_file}) {
      if (positional != nullptr) positional->required(false);
    }
  }
  return operands;
}

// False (with a message) when the parsed subcommand takes no operands.
bool add_operands(const std::vector<std::string>& operands, CommandLine& cl) {
  if (operands.empty()) return true;
  if (parsed(cl.check)) {
    cl.check_args.load.paths.insert(cl.check_args.load.paths.end(), operands.begin(),
                                    operands.end());
  } else if (parsed(cl.model)) {
    cl.model_args.load.paths.insert(cl.model_args.load.paths.end(), operands.begin(),
                                    operands.end());
  } else if (parsed(cl.simulate) && cl.simulate_args.file.empty() && operands.size() == 1) {
    cl.simulate_args.file = operands.front();
  } else {
    print_err(fmt::format("bucketlint: error: unexpected argument '{}' after '--'\n",
                          bucketlint::escape_for_terminal(operands.front())));
    return false;
  }
  return true;
}

int run(int argc, char** argv) {
  std::vector<std::string> subcommand_names;
  subcommand_names.reserve(kSubcommands.size());
  for (const Subcommand& sub : kSubcommands) subcommand_names.emplace_back(sub.name);
  std::vector<std::string> args = with_default_subcommand(argc, argv, subcommand_names);
  // Left to the operating system at exit, like the model: destroying CLI11's tree is about 10%
  // of the instructions of a one-file check.
  const bucketlint::cli::FreedByExit<CommandLine> owned(std::make_unique<CommandLine>());
  CommandLine& cl = owned.get();
  define_command_line(cl, subcommand_to_define(args));
  // Hidden: the man page and shell completions, generated from the definition above.
  if (const auto generated =
          bucketlint::clidoc::generate(cl.app, std::vector<std::string>(argv + 1, argv + argc))) {
    print_out(generated->out);
    print_err(generated->err);
    return generated->exit_code;
  }
  const std::vector<std::string> operands = take_operands(args, cl);
  if (std::find(args.begin(), args.end(), "--version") != args.end() &&
      std::find(args.begin(), args.end(), "--help") == args.end()) {
    // --version wins over missing paths (`bucketlint --version`, `bucketlint check --version`).
    return print_out(version_text()) ? 0 : kExitUsage;
  }
  try {
    std::reverse(args.begin(), args.end());  // CLI11 takes the arguments in reverse order
    cl.app.parse(args);
  } catch (const CLI::ParseError& e) {
    return cl.app.exit(e) == 0 ? 0 : kExitUsage;
  }
  if (!add_operands(operands, cl)) return kExitUsage;

  const Rules rules = bucketlint::make_builtin_rules();
  if (parsed(cl.rules)) return run_rules(cl.rules_args, rules);
  if (parsed(cl.explain)) return run_explain(cl.explain_args, rules);
  if (parsed(cl.docs)) return run_docs(cl.docs_args, rules);
  if (parsed(cl.simulate)) return run_simulate_command(cl.simulate_args);
  if (parsed(cl.model)) return run_model(cl.model_args);
  if (parsed(cl.graph)) return run_graph(cl.graph_args, rules);
  if (parsed(cl.baseline)) return run_baseline(cl.baseline_args, rules);
  return run_check(cl.check_args, rules);
}

}  // namespace

int main(int argc, char** argv) {
  bucketlint::cli::prefer_huge_pages();
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
