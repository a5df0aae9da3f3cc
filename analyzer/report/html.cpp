// The HTML report (`--format html -o report.html`): one self-contained page. A Content Security
// Policy forbids every network request; the style and the filter script are inline. Every piece
// of text from the input (messages quote it) is HTML-escaped; links to the inputs are relative
// to the report's directory.

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <string_view>

#include "bucketlint/graph.h"
#include "bucketlint/report.h"
#include "report/markup.h"

namespace bucketlint {

namespace {

// U+FFFD stands for each control character.
std::string html(std::string_view text) { return markup_escape(text, "\xEF\xBF\xBD"); }

// RFC 3986 unreserved characters and '/' stay; every other byte is percent-encoded (so no
// input path can end the attribute or become a javascript: URL).
std::string url_path(std::string_view path) {
  std::string out;
  for (const char ch : path) {
    const auto u = static_cast<unsigned char>(ch);
    const bool keep = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') ||
                      ch == '-' || ch == '.' || ch == '_' || ch == '~' || ch == '/';
    out += keep ? std::string(1, ch) : fmt::format("%{:02X}", u);
  }
  return out;
}

// The link to `file` from the report: relative to the report's directory.
class Linker {
 public:
  explicit Linker(const ReportOptions& options) {
    std::error_code ec;
    base_ = options.base_dir.empty() ? std::filesystem::current_path(ec)
                                     : std::filesystem::path(options.base_dir);
    report_dir_ = base_;
    if (!options.output_path.empty()) {
      const std::filesystem::path out(options.output_path);
      report_dir_ = (out.is_absolute() ? out : base_ / out).lexically_normal().parent_path();
    }
  }
  std::string href(std::string_view file) const {
    if (file.empty() || file == "-" || file.starts_with("<")) return {};
    const std::filesystem::path p(file);
    const std::filesystem::path target = (p.is_absolute() ? p : base_ / p).lexically_normal();
    const std::filesystem::path rel = target.lexically_relative(report_dir_);
    return url_path((rel.empty() ? target : rel).generic_string());
  }

 private:
  std::filesystem::path base_;
  std::filesystem::path report_dir_;
};

std::string location_link(const SourceRef& where, const Linker& linker) {
  if (where.file().empty()) return "";
  const std::string text = html(fmt::format("{}", where));
  const std::string href = linker.href(where.file());
  if (href.empty()) return "<span class=\"loc\">" + text + "</span>";
  const std::string fragment = where.line() > 0 ? fmt::format("#L{}", where.line()) : "";
  return fmt::format("<a class=\"loc\" href=\"{}{}\">{}</a>", href, fragment, text);
}

constexpr std::string_view kStyle = R"css(
:root { --error: #c62828; --warning: #ef6c00; --note: #1565c0; --muted: #607d8b; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif;
  color: #263238; background: #f5f7f8; }
header { background: #263238; color: #eceff1; padding: 14px 24px; }
header h1 { margin: 0; font-size: 20px; }
header p { margin: 2px 0 0; color: #b0bec5; }
main { padding: 8px 24px 40px; max-width: 1400px; }
h2 { font-size: 17px; margin: 22px 0 8px; }
h3 { font-size: 15px; margin: 16px 0 6px; }
.graph { background: #fff; border: 1px solid #cfd8dc; border-radius: 6px; padding: 8px; overflow: auto; }
.graph svg { max-width: 100%; height: auto; }
.legend { color: var(--muted); margin: 4px 0 8px; }
.legend .red { color: var(--error); font-weight: bold; }
.filters { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; background: #fff;
  border: 1px solid #cfd8dc; border-radius: 6px; padding: 8px 12px; position: sticky; top: 0; z-index: 1; }
.filters label { color: var(--muted); }
.filters select, .filters input { font: inherit; margin-left: 4px; }
#count { margin-left: auto; color: var(--muted); }
details.rule { background: #fff; border: 1px solid #cfd8dc; border-radius: 6px; margin: 8px 0; }
details.rule > summary { cursor: pointer; padding: 8px 12px; }
details.rule > summary .id { font-weight: bold; }
details.rule > summary .name { color: var(--muted); }
.badge { display: inline-block; border-radius: 3px; padding: 0 6px; color: #fff; font-size: 12px; }
.badge.error { background: var(--error); } .badge.warning { background: var(--warning); }
.badge.note { background: var(--note); }
article.finding { border-top: 1px solid #eceff1; padding: 8px 14px 10px 14px; }
article.finding .msg { margin: 2px 0; white-space: pre-wrap; overflow-wrap: anywhere; }
a.loc, span.loc { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; overflow-wrap: anywhere; }
ol.chain { margin: 4px 0; padding-left: 22px; color: #455a64; }
ol.chain li { margin: 2px 0; overflow-wrap: anywhere; }
.fix { margin: 6px 0 0; padding: 6px 10px; background: #e8f5e9; border-left: 3px solid #2e7d32;
  white-space: pre-wrap; overflow-wrap: anywhere; }
.none { color: var(--muted); }
footer { color: var(--muted); padding: 0 24px 24px; }
)css";

// Shows the findings that match every filter; hides rule groups and severity sections left
// empty; counts what is shown.
constexpr std::string_view kScript = R"js(
(function () {
  'use strict';
  var sev = document.getElementById('f-severity');
  var rule = document.getElementById('f-rule');
  var file = document.getElementById('f-file');
  var text = document.getElementById('f-text');
  var count = document.getElementById('count');
  function apply() {
    var q = text.value.toLowerCase();
    var shown = 0;
    document.querySelectorAll('article.finding').forEach(function (a) {
      var ok = (!sev.value || a.dataset.severity === sev.value) &&
               (!rule.value || a.dataset.rule === rule.value) &&
               (!file.value || a.dataset.file === file.value) &&
               (!q || a.textContent.toLowerCase().indexOf(q) >= 0);
      a.hidden = !ok;
      if (ok) shown++;
    });
    document.querySelectorAll('details.rule, section.severity').forEach(function (g) {
      g.hidden = g.querySelector('article.finding:not([hidden])') === null;
    });
    count.textContent = shown + ' of ' + document.querySelectorAll('article.finding').length +
      ' findings shown';
  }
  [sev, rule, file].forEach(function (e) { e.addEventListener('change', apply); });
  text.addEventListener('input', apply);
  apply();
})();
)js";

std::string options_html(const std::set<std::string>& values) {
  std::string out = "<option value=\"\">all</option>";
  for (const std::string& v : values) {
    out += fmt::format("<option value=\"{0}\">{0}</option>", html(v));
  }
  return out;
}

std::string_view severity_heading(Severity s) {
  switch (s) {
    case Severity::kError: return "Errors";
    case Severity::kWarning: return "Warnings";
    case Severity::kNote: return "Notes";
  }
  return "Findings";
}

}  // namespace

std::string write_html(const EngineResult& result, const std::vector<std::unique_ptr<Rule>>& rules,
                       const ReportOptions& options) {
  static_cast<void>(rules);
  const Linker linker(options);
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"generator\" content=\"bucketlint " +
      html(options.tool_version) + "\">\n<title>bucketlint report</title>\n<style>";
  out += kStyle;
  out += "</style>\n</head>\n<body>\n<header><h1>bucketlint report</h1><p>";
  out += html(summary_line(result));
  if (result.incomplete) out += " &middot; incomplete: part of the input could not be analysed";
  out += "</p></header>\n<main>\n";

  if (options.model != nullptr) {
    const AccessGraph graph = build_access_graph(*options.model, &result);
    out +=
        "<section id=\"access-graph\"><h2>Access graph</h2>\n<p class=\"legend\">Accounts are "
        "the dashed groups; buckets show their Object Ownership setting. Edges: <i>can write</i>, "
        "<i>can read</i>, <i>assumes</i>, <i>origin of</i> (bucket to CloudFront distribution), "
        "<i>uses</i> (distribution to its OAI or OAC). <span class=\"red\">Red edges</span> "
        "carry the ID of an error or warning: objects written there end up owned by another "
        "account, or CloudFront gets 403.</p>\n";
    if (graph.nodes.empty()) {
      out +=
          "<p class=\"none\">Nothing to draw: the input holds no buckets, roles, users or "
          "distributions.</p>\n";
    } else {
      out += "<div class=\"graph\">\n" + graph_svg(graph, options.dot_program) + "</div>\n";
      if (graph.truncated) {
        out += fmt::format("<p class=\"legend\">Only the first {} nodes are drawn.</p>\n",
                           kMaxGraphNodes);
      }
    }
    out += "</section>\n";
  }

  std::set<std::string> rule_ids;
  std::set<std::string> files;
  for (const Finding& f : result.findings) {
    if (f.rule != nullptr) rule_ids.emplace(f.rule->id);
    files.insert(f.where.file());
  }
  out += "<section id=\"findings\"><h2>Findings</h2>\n";
  if (result.findings.empty()) {
    out += "<p class=\"none\">No findings.</p>\n";
  }
  out += "<form class=\"filters\" onsubmit=\"return false\">";
  out += "<label>Severity<select id=\"f-severity\">" + options_html({"error", "warning", "note"}) +
         "</select></label>";
  out += "<label>Rule<select id=\"f-rule\">" + options_html(rule_ids) + "</select></label>";
  out += "<label>File<select id=\"f-file\">" + options_html(files) + "</select></label>";
  out += "<label>Text<input id=\"f-text\" type=\"search\" placeholder=\"filter\"></label>";
  out += "<span id=\"count\"></span></form>\n";

  for (const Severity severity : {Severity::kError, Severity::kWarning, Severity::kNote}) {
    // Rule ID -> findings of this severity, in report order.
    std::map<std::string, std::vector<const Finding*>> by_rule;
    for (const Finding& f : result.findings) {
      if (f.severity == severity) {
        by_rule[f.rule != nullptr ? std::string(f.rule->id) : std::string()].push_back(&f);
      }
    }
    if (by_rule.empty()) continue;
    std::size_t total = 0;
    for (const auto& [id, list] : by_rule) total += list.size();
    const std::string_view sev = severity_name(severity);
    out += fmt::format("<section class=\"severity {}\"><h3>{} ({})</h3>\n", sev,
                       severity_heading(severity), total);
    for (const auto& [id, list] : by_rule) {
      const RuleInfo* info = list.front()->rule;
      out += fmt::format(
          "<details class=\"rule\" open data-rule=\"{}\"><summary><span class=\"badge {}\">{}"
          "</span> <span class=\"id\">{}</span> <span class=\"name\">{}</span> &mdash; {} "
          "({})",
          html(id), sev, sev, html(id), info != nullptr ? html(info->name) : "",
          info != nullptr ? html(info->summary) : "", list.size());
      if (info != nullptr) {
        out += fmt::format(" &middot; <a href=\"{}\">rule documentation</a>",
                           html(rule_doc_url(info->id)));
      }
      out += "</summary>\n";
      for (const Finding* f : list) {
        out += fmt::format(
            "<article class=\"finding\" data-severity=\"{}\" data-rule=\"{}\" data-file=\"{}\">",
            sev, html(id), html(f->where.file()));
        out += "<div>" + location_link(f->where, linker) + "</div>";
        out += "<p class=\"msg\">" + html(f->message) + "</p>";
        if (!f->notes.empty()) {
          out += "<ol class=\"chain\">";
          for (const Note& n : f->notes) {
            out += "<li>" + location_link(n.where, linker) + " " + html(n.text) + "</li>";
          }
          out += "</ol>";
        }
        const std::string_view fix = finding_remediation(*f);
        if (!fix.empty()) out += "<p class=\"fix\"><b>Fix:</b> " + html(fix) + "</p>";
        out += "</article>\n";
      }
      out += "</details>\n";
    }
    out += "</section>\n";
  }
  out += "</section>\n</main>\n<footer>Generated by bucketlint " + html(options.tool_version) +
         ". Links to the inputs are relative to this file.</footer>\n<script>";
  out += kScript;
  out += "</script>\n</body>\n</html>\n";
  return out;
}

}  // namespace bucketlint
