#include "cli/clidoc.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <array>
#include <cctype>
#include <memory>

#include "bucketlint/report.h"
#include "bucketlint/rule.h"

namespace bucketlint::clidoc {

namespace {

// `bucketlint PATH...` means `bucketlint check PATH...` (main.cpp inserts the subcommand).
constexpr std::string_view kDefaultCommand = "check";
// The subcommand whose positional argument is a rule ID (completed from the registry).
constexpr std::string_view kRuleIdCommand = "explain";

constexpr std::array kExitCodes{
    Entry{"0", "everything analysed; no finding at or above --fail-on"},
    Entry{"1", "findings at or above --fail-on"},
    Entry{"2",
          "incomplete: bad usage, unreadable or malformed input, or a rule failed (wins over 1)"},
};

constexpr std::array kEnvironment{
    Entry{"NO_COLOR",
          "when set (to anything), text output is never coloured (https://no-color.org/)"},
    Entry{"TERM", "when 'dumb', text output is not coloured and no progress is shown"},
    Entry{"CI", "when set (and not 'false'), no progress is shown unless --progress asks for it"},
    Entry{"BUCKETLINT_DOT",
          "the Graphviz program that lays out access graphs (--format html, graph --format svg); "
          "set but empty: always the built-in layout; unset: 'dot' from PATH when installed"},
    Entry{"PATH", "searched for Graphviz 'dot' when BUCKETLINT_DOT is not set"},
    Entry{"GITHUB_STEP_SUMMARY",
          "with --format github: a Markdown summary of every finding is appended to this file"},
};

// Every key .bucketlint.yaml accepts; <...> stands for a name chosen by the user.
constexpr std::array kConfigKeys{
    Entry{"accounts", "list of known accounts"},
    Entry{"accounts[].id", "12-digit account ID (quote it)"},
    Entry{"accounts[].name", "display name"},
    Entry{"accounts[].canonical_id", "canonical user ID (64 hex digits)"},
    Entry{"trusted_accounts", "account IDs of your organisation: the zone of trust"},
    Entry{"buckets.<bucket>.account", "owner account"},
    Entry{"buckets.<bucket>.ownership",
          "Object Ownership when no ownership-controls document says (BucketOwnerEnforced, "
          "BucketOwnerPreferred, ObjectWriter)"},
    Entry{"buckets.<bucket>.policy", "bucket policy file (a file or a list of files)"},
    Entry{"buckets.<bucket>.acl", "bucket ACL file"},
    Entry{"buckets.<bucket>.ownership_controls", "ownership-controls file"},
    Entry{"buckets.<bucket>.public_access_block", "public-access-block file"},
    Entry{"buckets.<bucket>.encryption", "default-encryption file"},
    Entry{"buckets.<bucket>.listing", "object listing file"},
    Entry{"buckets.<bucket>.object_acls.<key>", "object ACL file of object <key>"},
    Entry{"roles.<role ARN>.trust_policy", "trust policy file"},
    Entry{"roles.<role ARN>.permission_policies", "permission policy files"},
    Entry{"users.<user ARN>.policies", "identity policy files"},
    Entry{"distributions.<id>.account", "owner account of the CloudFront distribution"},
    Entry{"distributions.<id>.file", "distribution config file (also: files, a list)"},
    Entry{"origin_access_identities", "OAI and OAC dump files"},
    Entry{"kms_keys.<key ARN>.account", "owner account of the KMS key"},
    Entry{"kms_keys.<key ARN>.policy", "key policy file"},
    Entry{"rules.disabled", "rule IDs that do not run"},
    Entry{"rules.severity.<ID>", "severity of a rule: error, warning or note"},
    Entry{"suppressions[].rule", "rule ID the suppression applies to (required)"},
    Entry{"suppressions[].path", "glob over report paths ('*', '**', '?'); default: every file"},
    Entry{"suppressions[].sid", "only findings inside the statement with this Sid"},
    Entry{"suppressions[].pointer", "only findings at or below this JSON Pointer"},
    Entry{"suppressions[].reason", "why (required)"},
    Entry{"exclude", "globs of files and folders directory walks skip"},
    Entry{"baseline", "baseline file: findings recorded there are not reported"},
    Entry{"catalogue.extra_services", "service prefixes newer than the built-in catalogue"},
    Entry{"catalogue.extra_actions", "actions newer than the built-in catalogue"},
    Entry{"templates.<file or folder>.account", "account a CloudFormation template is bound to"},
    Entry{"templates.<file or folder>.created_before_april_2023",
          "the stack's buckets were created before April 2023 (no ownership controls means "
          "ObjectWriter)"},
};

// --- the command line as data -----------------------------------------------------------------

enum class ValueKind { kNone, kWord, kFile, kDirectory, kChoice, kRuleId };

struct Opt {
  std::vector<std::string> names;  // "-o", "--output"; empty for a positional
  std::string positional;          // the positional's name ("paths")
  std::string type;                // "FILE"; empty for a flag
  std::vector<std::string> choices;
  std::string description;
  bool required = false;
  bool repeated = false;
  ValueKind value = ValueKind::kNone;
};

struct Cmd {
  std::string name;
  std::string description;
  std::vector<Opt> options;  // named options, help first
  std::vector<Opt> positionals;
};

struct Cli {
  std::string description;
  std::vector<Opt> options;
  std::vector<Cmd> commands;
  std::vector<std::string> rule_ids;
};

// "{text,json,sarif}" -> the words; empty when `text` is not such a set.
std::vector<std::string> parse_set(std::string_view text) {
  std::vector<std::string> words;
  if (!text.starts_with('{') || !text.ends_with('}')) return words;
  text = text.substr(1, text.size() - 2);
  while (!text.empty()) {
    const std::size_t comma = text.find(',');
    words.emplace_back(text.substr(0, comma));
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return words;
}

Opt describe_option(const CLI::Option& option, std::string_view command) {
  Opt out;
  for (const std::string& s : option.get_snames()) out.names.push_back("-" + s);
  for (const std::string& l : option.get_lnames()) out.names.push_back("--" + l);
  if (option.get_positional()) out.positional = option.get_name(true, false);
  out.description = option.get_description();
  out.required = option.get_required();
  if (option.get_expected_max() == 0) return out;  // a flag
  out.repeated = option.get_expected_max() > 1;
  // CLI11 appends validator descriptions to the type name: "FORMAT:{text,json}".
  const std::string full = option.get_type_name();
  const std::size_t colon = full.find(':');
  out.type = full.substr(0, colon);
  if (colon != std::string::npos) out.choices = parse_set(std::string_view(full).substr(colon + 1));
  if (!out.choices.empty()) {
    out.value = ValueKind::kChoice;
  } else if (command == kRuleIdCommand && option.get_positional()) {
    out.value = ValueKind::kRuleId;
  } else if (out.type == "FILE" || out.type == "PATH") {
    out.value = ValueKind::kFile;
  } else if (out.type == "DIR") {
    out.value = ValueKind::kDirectory;
  } else {
    out.value = ValueKind::kWord;
  }
  return out;
}

// Visible options of `app` (CLI11 hides an option by giving it an empty group).
void describe_options(const CLI::App& app, std::string_view command, std::vector<Opt>& named,
                      std::vector<Opt>* positionals) {
  for (const CLI::Option* option : app.get_options()) {
    if (option->get_group().empty()) continue;
    Opt opt = describe_option(*option, command);
    if (option->get_positional()) {
      if (positionals != nullptr) positionals->push_back(std::move(opt));
    } else {
      named.push_back(std::move(opt));
    }
  }
}

Cli describe(const CLI::App& app) {
  Cli cli;
  cli.description = app.get_description();
  describe_options(app, "", cli.options, nullptr);
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    if (sub->get_group().empty()) continue;  // hidden subcommand
    Cmd cmd;
    cmd.name = sub->get_name();
    cmd.description = sub->get_description();
    describe_options(*sub, cmd.name, cmd.options, &cmd.positionals);
    cli.commands.push_back(std::move(cmd));
  }
  for (const auto& rule : make_builtin_rules()) cli.rule_ids.emplace_back(rule->info().id);
  return cli;
}

const Cmd* find_command(const Cli& cli, std::string_view name) {
  for (const Cmd& cmd : cli.commands) {
    if (cmd.name == name) return &cmd;
  }
  return nullptr;
}

std::string join(const std::vector<std::string>& words, std::string_view sep) {
  std::string out;
  for (const std::string& w : words) {
    if (!out.empty()) out += sep;
    out += w;
  }
  return out;
}

// --- man page -----------------------------------------------------------------------------------

// Text for roff: backslashes escaped, and no line may start with a control character.
std::string roff(std::string_view text) {
  std::string out;
  bool line_start = true;
  for (const char c : text) {
    if (line_start && (c == '.' || c == '\'')) out += "\\&";
    line_start = c == '\n';
    if (c == '\\') {
      out += "\\e";
    } else if (c == '-') {
      out += "\\-";
    } else {
      out += c;
    }
  }
  return out;
}

// "-o, --output FILE" in roff: names bold, the value italic.
std::string man_option_head(const Opt& opt) {
  std::string out;
  for (const std::string& name : opt.names) {
    if (!out.empty()) out += ", ";
    out += "\\fB" + roff(name) + "\\fR";
  }
  if (!opt.type.empty()) out += " \\fI" + roff(opt.type) + "\\fR";
  return out;
}

std::string man_positional(const Opt& opt) {
  std::string out = "\\fI" + roff(opt.type.empty() ? opt.positional : opt.type) + "\\fR";
  if (opt.repeated) out += "...";
  return opt.required ? out : "[" + out + "]";
}

void man_options(std::string& out, const std::vector<Opt>& options) {
  for (const Opt& opt : options) {
    out += ".TP\n" + man_option_head(opt) + "\n" + roff(opt.description);
    if (!opt.choices.empty()) out += "; one of: " + roff(join(opt.choices, ", "));
    out += "\n";
  }
}

void man_entries(std::string& out, std::span<const Entry> entries, std::string_view font) {
  for (const Entry& e : entries) {
    out += fmt::format(".TP\n\\f{}{}\\fR\n{}\n", font, roff(e.name), roff(e.meaning));
  }
}

}  // namespace

std::span<const Entry> exit_codes() { return kExitCodes; }
std::span<const Entry> environment() { return kEnvironment; }
std::span<const Entry> config_keys() { return kConfigKeys; }

std::string help_footer() {
  std::string out =
      fmt::format("Run `bucketlint {} --help` for the lint options.\nExit codes:", kDefaultCommand);
  for (const Entry& e : kExitCodes) out += fmt::format("\n  {}  {}", e.name, e.meaning);
  out += "\nEnvironment:";
  for (const Entry& e : kEnvironment) out += fmt::format("\n  {}  {}", e.name, e.meaning);
  out += "\nSee also: man bucketlint, `bucketlint explain ID`.";
  return out;
}

std::string man_page(const CLI::App& app) {
  const Cli cli = describe(app);
  std::string out =
      ".\\\" Generated by `bucketlint --help-man` from the command-line definition; do not "
      "edit.\n";
  out += fmt::format(".TH BUCKETLINT 1 \"\" \"bucketlint {}\" \"User Commands\"\n",
                     BUCKETLINT_VERSION);
  out += ".nh\n.ad l\n";
  out += ".SH NAME\nbucketlint \\- static analysis of AWS S3 and IAM access configuration\n";
  out += ".SH SYNOPSIS\n";
  for (const Cmd& cmd : cli.commands) {
    out += ".B bucketlint\n";
    out += cmd.name == kDefaultCommand ? "[\\fB" + roff(cmd.name) + "\\fR]"
                                       : "\\fB" + roff(cmd.name) + "\\fR";
    if (cmd.options.size() > 1) out += " [\\fIOPTIONS\\fR]";
    for (const Opt& p : cmd.positionals) out += " " + man_positional(p);
    out += "\n.br\n";
  }
  out += ".B bucketlint\n";
  std::vector<std::string> top;
  for (const Opt& opt : cli.options) top.push_back("\\fB" + roff(opt.names.back()) + "\\fR");
  out += join(top, " | ") + "\n";
  out += ".SH DESCRIPTION\n" + roff(cli.description) + "\n";
  out += ".SH OPTIONS\n";
  man_options(out, cli.options);
  out += ".SH COMMANDS\n";
  for (const Cmd& cmd : cli.commands) {
    std::string usage = "bucketlint " + roff(cmd.name);
    for (const Opt& p : cmd.positionals) usage += " " + man_positional(p);
    out += ".SS \"" + usage + "\"\n" + roff(cmd.description) + "\n";
    for (const Opt& p : cmd.positionals) {
      out += ".TP\n" + man_positional(p) + "\n" + roff(p.description) + "\n";
    }
    man_options(out, cmd.options);
  }
  out += ".SH EXIT STATUS\n";
  man_entries(out, kExitCodes, "B");
  out += ".SH ENVIRONMENT\n";
  man_entries(out, kEnvironment, "B");
  out +=
      ".SH FILES\n.TP\n\\fI.bucketlint.yaml\\fR\nConfiguration, read from the current directory "
      "unless \\fB\\-\\-config\\fR names a file. It binds documents anywhere in a repository to "
      "entities (file paths are relative to the config file's directory) and holds rule "
      "settings. Every key is optional; unknown keys are reported (IN010). The keys:\n";
  out += ".RS\n";
  man_entries(out, kConfigKeys, "B");
  out += ".RE\n";
  out +=
      ".SH RULES\nEach finding names a stable rule ID; \\fBbucketlint explain\\fR \\fIID\\fR "
      "prints its documentation, \\fBbucketlint rules\\fR lists them all: ";
  out += join(cli.rule_ids, ", ") + ".\n";
  out +=
      ".SH SEE ALSO\nThe rule pages and README in /usr/share/doc/bucketlint/ (or the "
      "installation prefix's share/doc/bucketlint/), and " +
      std::string(kProjectUrl) + "\n";
  return out;
}

namespace {

// --- completions ------------------------------------------------------------------------------

// A word list for a shell's single-quoted string (IDs, option names and choices never hold
// quotes, but a description might).
std::string single_quoted(std::string_view text, std::string_view quote_escape) {
  std::string out = "'";
  for (const char c : text) {
    if (c == '\'') {
      out += quote_escape;
    } else if (c == '\n') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out + "'";
}

// Option names of `options` (then of `more`), each once, in order.
std::vector<std::string> all_names(const std::vector<Opt>& options,
                                   const std::vector<Opt>& more = {}) {
  std::vector<std::string> names;
  for (const std::vector<Opt>* list : {&options, &more}) {
    for (const Opt& opt : *list) {
      for (const std::string& name : opt.names) {
        if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
      }
    }
  }
  return names;
}

std::vector<std::string> command_names(const Cli& cli) {
  std::vector<std::string> names;
  for (const Cmd& cmd : cli.commands) names.push_back(cmd.name);
  return names;
}

// bash: the words a value of `opt` completes to.
std::string bash_value(const Opt& opt, const Cli& cli) {
  switch (opt.value) {
    case ValueKind::kChoice:
      return fmt::format("COMPREPLY=($(compgen -W {} -- \"$cur\"))",
                         single_quoted(join(opt.choices, " "), "'\\''"));
    case ValueKind::kRuleId:
      return fmt::format("COMPREPLY=($(compgen -W {} -- \"${{cur^^}}\"))",
                         single_quoted(join(cli.rule_ids, " "), "'\\''"));
    case ValueKind::kFile: return "_bucketlint_files";
    case ValueKind::kDirectory: return "_bucketlint_files -d";
    case ValueKind::kNone:
    case ValueKind::kWord: return "COMPREPLY=()";
  }
  return "COMPREPLY=()";
}

std::string bash_script(const Cli& cli) {
  const Cmd* fallback = find_command(cli, kDefaultCommand);
  std::string out =
      "# bash completion for bucketlint\n"
      "# Generated by `bucketlint --completion bash` from the command-line definition.\n"
      "_bucketlint_files() {\n"
      "  if declare -F _filedir >/dev/null; then _filedir \"$@\"; return; fi\n"
      "  compopt -o filenames 2>/dev/null\n"
      "  if [[ $1 == -d ]]; then COMPREPLY=($(compgen -d -- \"$cur\"))\n"
      "  else COMPREPLY=($(compgen -f -- \"$cur\")); fi\n"
      "}\n"
      "_bucketlint() {\n"
      "  local cur prev words cword\n"
      "  if declare -F _init_completion >/dev/null; then\n"
      "    _init_completion || return\n"
      "  else\n"
      "    words=(\"${COMP_WORDS[@]}\"); cword=$COMP_CWORD\n"
      "    cur=${COMP_WORDS[COMP_CWORD]}; prev=${COMP_WORDS[COMP_CWORD-1]}\n"
      "  fi\n"
      "  local cmd='' i\n"
      "  for ((i = 1; i < cword; i++)); do\n"
      "    case ${words[i]} in\n";
  out += fmt::format("      {}) cmd=${{words[i]}}; break ;;\n", join(command_names(cli), "|"));
  out += "      -*) ;;\n";
  if (fallback != nullptr) out += fmt::format("      *) cmd={}; break ;;\n", kDefaultCommand);
  out += "    esac\n  done\n";
  // Values of the option before the cursor.
  out += "  case \"${cmd:-" + std::string(kDefaultCommand) + "}:$prev\" in\n";
  for (const Cmd& cmd : cli.commands) {
    for (const Opt& opt : cmd.options) {
      if (opt.type.empty()) continue;
      std::vector<std::string> patterns;
      for (const std::string& name : opt.names) patterns.push_back(cmd.name + ":" + name);
      out += fmt::format("    {}) {}; return ;;\n", join(patterns, "|"), bash_value(opt, cli));
    }
  }
  out += "  esac\n";
  out += "  case $cmd in\n";
  out += fmt::format(
      "    '')\n      if [[ $cur == -* ]]; then\n        COMPREPLY=($(compgen -W {} -- "
      "\"$cur\"))\n",
      single_quoted(
          join(all_names(cli.options, fallback != nullptr ? fallback->options : std::vector<Opt>{}),
               " "),
          "'\\''"));
  out += "      else\n";
  if (fallback != nullptr) out += "        _bucketlint_files\n";
  out += fmt::format("        COMPREPLY+=($(compgen -W {} -- \"$cur\"))\n      fi ;;\n",
                     single_quoted(join(command_names(cli), " "), "'\\''"));
  for (const Cmd& cmd : cli.commands) {
    out += fmt::format(
        "    {})\n      if [[ $cur == -* ]]; then\n        COMPREPLY=($(compgen -W {} -- "
        "\"$cur\"))\n",
        cmd.name, single_quoted(join(all_names(cmd.options), " "), "'\\''"));
    out += "      else\n        ";
    out += cmd.positionals.empty() ? "COMPREPLY=()" : bash_value(cmd.positionals.front(), cli);
    out += "\n      fi ;;\n";
  }
  out += "  esac\n}\ncomplete -F _bucketlint bucketlint\n";
  return out;
}

// zsh: _arguments specs. Descriptions sit in [...]: brackets and colons are escaped.
std::string zsh_description(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '[' || c == ']' || c == ':' || c == '\\') out += '\\';
    if (c == '\n') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

std::string zsh_action(const Opt& opt, const Cli& cli) {
  switch (opt.value) {
    case ValueKind::kChoice: return "(" + join(opt.choices, " ") + ")";
    case ValueKind::kRuleId: return "(" + join(cli.rule_ids, " ") + ")";
    case ValueKind::kFile: return "_files";
    case ValueKind::kDirectory: return "_files -/";
    case ValueKind::kNone:
    case ValueKind::kWord: return " ";
  }
  return " ";
}

std::string zsh_specs(const std::vector<Opt>& options, const std::vector<Opt>& positionals,
                      const Cli& cli, std::string_view indent) {
  std::string out;
  for (const Opt& opt : options) {
    const std::string exclusive = opt.names.size() > 1
                                      ? single_quoted("(" + join(opt.names, " ") + ")", "'\\''")
                                      : std::string();
    const std::string names =
        opt.names.size() > 1 ? "{" + join(opt.names, ",") + "}" : opt.names.front();
    std::string spec = "[" + zsh_description(opt.description) + "]";
    if (!opt.type.empty()) spec += ":" + zsh_description(opt.type) + ":" + zsh_action(opt, cli);
    out += fmt::format("{}{}{}{} \\\n", indent, exclusive, names, single_quoted(spec, "'\\''"));
  }
  for (const Opt& p : positionals) {
    const std::string spec = std::string(p.repeated ? "*" : "1") + ":" +
                             zsh_description(p.type.empty() ? p.positional : p.type) + ":" +
                             zsh_action(p, cli);
    out += fmt::format("{}{} \\\n", indent, single_quoted(spec, "'\\''"));
  }
  return out;
}

std::string zsh_script(const Cli& cli) {
  const Cmd* fallback = find_command(cli, kDefaultCommand);
  std::string out =
      "#compdef bucketlint\n"
      "# zsh completion for bucketlint\n"
      "# Generated by `bucketlint --completion zsh` from the command-line definition.\n"
      "_bucketlint() {\n"
      "  local curcontext=$curcontext state line ret=1\n"
      "  local -a commands\n"
      "  commands=(\n";
  for (const Cmd& cmd : cli.commands) {
    out += "    " + single_quoted(cmd.name + ":" + cmd.description, "'\\''") + "\n";
  }
  out += "  )\n  _arguments -C \\\n";
  out += zsh_specs(cli.options, {}, cli, "    ");
  out += "    '1: :->command' '*:: :->args' && ret=0\n";
  out +=
      "  case $state in\n    command)\n      _describe -t commands 'bucketlint command' commands "
      "&& ret=0\n";
  if (fallback != nullptr)
    out += "      _files && ret=0 ;;\n";
  else
    out += "      ;;\n";
  out += "    args)\n      case $line[1] in\n";
  for (const Cmd& cmd : cli.commands) {
    out += "        " + cmd.name + ")\n          _arguments \\\n";
    out += zsh_specs(cmd.options, cmd.positionals, cli, "            ");
    out += "            && ret=0 ;;\n";
  }
  if (fallback != nullptr) {
    out += "        *)\n          _arguments \\\n";
    out += zsh_specs(fallback->options, fallback->positionals, cli, "            ");
    out += "            && ret=0 ;;\n";
  }
  out += "      esac ;;\n  esac\n  return ret\n}\n_bucketlint \"$@\"\n";
  return out;
}

// fish: one `complete` line per option, active once its subcommand was typed (the default
// subcommand's also before any subcommand).
void fish_option(std::string& out, const Opt& opt, const std::string& condition, const Cli& cli) {
  out += "complete -c bucketlint -n " + single_quoted(condition, "\\'");
  for (const std::string& name : opt.names) {
    out += name.starts_with("--") ? " -l " + name.substr(2) : " -s " + name.substr(1);
  }
  if (!opt.type.empty()) {
    switch (opt.value) {
      case ValueKind::kChoice:
        out += " -x -a " + single_quoted(join(opt.choices, " "), "\\'");
        break;
      case ValueKind::kRuleId:
        out += " -x -a " + single_quoted(join(cli.rule_ids, " "), "\\'");
        break;
      case ValueKind::kFile:
      case ValueKind::kDirectory: out += " -r -F"; break;
      case ValueKind::kNone:
      case ValueKind::kWord: out += " -x"; break;
    }
  }
  out += " -d " + single_quoted(opt.description, "\\'") + "\n";
}

std::string fish_script(const Cli& cli) {
  const std::string commands = join(command_names(cli), " ");
  const std::string none = "not __fish_seen_subcommand_from " + commands;
  std::string out =
      "# fish completion for bucketlint\n"
      "# Generated by `bucketlint --completion fish` from the command-line definition.\n"
      "complete -c bucketlint -f\n";
  for (const Opt& opt : cli.options) fish_option(out, opt, none, cli);
  for (const Cmd& cmd : cli.commands) {
    out += "complete -c bucketlint -n " + single_quoted(none, "\\'") + " -a " + cmd.name + " -d " +
           single_quoted(cmd.description, "\\'") + "\n";
  }
  for (const Cmd& cmd : cli.commands) {
    std::string condition = "__fish_seen_subcommand_from " + cmd.name;
    if (cmd.name == kDefaultCommand) condition = none + "; or " + condition;
    for (const Opt& opt : cmd.options) fish_option(out, opt, condition, cli);
    if (cmd.positionals.empty()) continue;
    const Opt& p = cmd.positionals.front();
    out += "complete -c bucketlint -n " + single_quoted(condition, "\\'");
    if (p.value == ValueKind::kRuleId) {
      out += " -x -a " + single_quoted(join(cli.rule_ids, " "), "\\'");
    } else if (p.value == ValueKind::kFile || p.value == ValueKind::kDirectory) {
      out += " -F";
    }
    out += "\n";
  }
  return out;
}

}  // namespace

std::optional<std::string> completion_script(const CLI::App& app, std::string_view shell) {
  if (shell == "bash") return bash_script(describe(app));
  if (shell == "zsh") return zsh_script(describe(app));
  if (shell == "fish") return fish_script(describe(app));
  return std::nullopt;
}

std::optional<Generated> generate(const CLI::App& app, const std::vector<std::string>& args) {
  if (args.empty()) return std::nullopt;
  if (args.front() == "--help-man" && args.size() == 1) return Generated{man_page(app), {}, 0};
  if (args.front() != "--completion") return std::nullopt;
  if (args.size() == 2) {
    if (std::optional<std::string> script = completion_script(app, args[1])) {
      return Generated{std::move(*script), {}, 0};
    }
  }
  return Generated{{}, "bucketlint: error: --completion takes one of: bash, zsh, fish\n", 2};
}

}  // namespace bucketlint::clidoc
