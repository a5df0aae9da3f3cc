// The access graph (include/bucketlint/graph.h): built from the model with the questions the
// OW/CF rules ask of the evaluator, written as DOT, Mermaid or SVG.

#include "bucketlint/graph.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <tuple>

#include "bucketlint/access.h"
#include "bucketlint/eval.h"
#include "model/wildcard.h"
#include "report/markup.h"

extern char** environ;

namespace bucketlint {

namespace {

// Collects nodes and edges by key, then sorts them into the AccessGraph.
class Builder {
 public:
  explicit Builder(const Model& model) : model_(model) {}

  std::size_t node(GraphNodeKind kind, const std::string& key, std::string name,
                   std::string account) {
    const auto id = std::make_pair(kind, key);
    const auto it = index_.find(id);
    if (it != index_.end()) return it->second;
    GraphNode n;
    n.kind = kind;
    n.key = key;
    n.name = std::move(name);
    n.account = std::move(account);
    nodes_.push_back(std::move(n));
    index_.emplace(id, nodes_.size() - 1);
    return nodes_.size() - 1;
  }
  GraphNode& at(std::size_t i) { return nodes_[i]; }

  void edge(std::size_t from, std::size_t to, std::string label) {
    if (from == to) return;
    if (!edge_keys_.insert(std::make_tuple(from, to, label)).second) return;
    edges_.push_back(GraphEdge{from, to, std::move(label), {}});
  }

  std::size_t account_node(const std::string& account) {
    return node(GraphNodeKind::kAccount, account, "account " + account, account);
  }

  // A principal as a node: the model's role or user when it has it, else its account.
  std::size_t principal_node(const eval::Principal& p) {
    const std::string& arn = p.role_arn.empty() ? p.arn : p.role_arn;
    if (const Role* role = model_.find_role(arn)) return role_node(*role);
    for (const User& user : model_.users) {
      if (user.arn == arn) return user_node(user);
    }
    if (p.kind == eval::PrincipalKind::kOai) {
      return node(GraphNodeKind::kOai, p.oai_id, "OAI " + p.oai_id, "");
    }
    if (p.kind == eval::PrincipalKind::kService) {
      return node(GraphNodeKind::kService, p.service, p.service, "");
    }
    if (!p.account.empty()) return account_node(p.account);
    return node(GraphNodeKind::kAnyPrincipal, p.label(), p.label(), "");
  }

  std::size_t role_node(const Role& role) {
    return node(GraphNodeKind::kRole, role.arn,
                "role " + (role.name.empty() ? role.arn : role.name), role.account_id);
  }
  std::size_t user_node(const User& user) {
    return node(GraphNodeKind::kUser, user.arn,
                "user " + (user.name.empty() ? user.arn : user.name), user.account_id);
  }

  AccessGraph finish(const EngineResult* result);

 private:
  const Model& model_;
  std::vector<GraphNode> nodes_;
  std::map<std::pair<GraphNodeKind, std::string>, std::size_t> index_;
  std::vector<GraphEdge> edges_;
  std::set<std::tuple<std::size_t, std::size_t, std::string>> edge_keys_;
};

std::string group_title(const Model& model, const std::string& account) {
  if (account.empty()) return "no account (AWS services, anyone)";
  const Account* a = model.find_account(account);
  if (a != nullptr && !a->name.empty()) return "account " + account + " (" + a->name + ")";
  return "account " + account;
}

// Does `message` name the node, the way rule messages quote values ('name', account ID)?
bool names_node(std::string_view message, const GraphNode& node) {
  if (message.find("'" + node.key + "'") != std::string_view::npos) return true;
  return node.kind == GraphNodeKind::kAccount &&
         message.find("account " + node.key) != std::string_view::npos;
}

// Rules whose findings mean objects end up owned by another account (OW) or CloudFront cannot
// read what it serves (CF): the edges they name turn red.
bool marks_edges(std::string_view rule_id) {
  return rule_id.starts_with("OW") || rule_id.starts_with("CF");
}

AccessGraph Builder::finish(const EngineResult* result) {
  if (result != nullptr) {
    for (const Finding& f : result->findings) {
      // Notes (CF003's 403 for missing keys, say) leave the edges as they are.
      if (f.rule == nullptr || !marks_edges(f.rule->id) || f.severity == Severity::kNote) continue;
      for (GraphEdge& e : edges_) {
        const bool about_objects =
            e.label == "can write" || e.label == "origin of" || e.label == "can read";
        if (!about_objects) continue;
        if (names_node(f.message, nodes_[e.from]) && names_node(f.message, nodes_[e.to])) {
          const std::string id(f.rule->id);
          if (std::find(e.findings.begin(), e.findings.end(), id) == e.findings.end()) {
            e.findings.push_back(id);
          }
        }
      }
    }
  }
  AccessGraph graph;
  // Groups: known accounts in order, then the unknown group.
  std::set<std::string> accounts;
  for (const GraphNode& n : nodes_) accounts.insert(n.account);
  for (const std::string& a : accounts) {
    if (!a.empty()) graph.groups.push_back(GraphGroup{a, group_title(model_, a)});
  }
  if (accounts.contains("")) graph.groups.push_back(GraphGroup{"", group_title(model_, "")});
  // Nodes sorted by group, kind, key; edges renumbered.
  std::vector<std::size_t> order(nodes_.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  const auto group_rank = [&](const std::string& account) {
    return account.empty() ? std::string("\x7f") : account;
  };
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const GraphNode& x = nodes_[a];
    const GraphNode& y = nodes_[b];
    return std::make_tuple(group_rank(x.account), x.kind, x.key) <
           std::make_tuple(group_rank(y.account), y.kind, y.key);
  });
  if (order.size() > kMaxGraphNodes) {
    order.resize(kMaxGraphNodes);
    graph.truncated = true;
  }
  std::vector<std::size_t> new_index(nodes_.size(), SIZE_MAX);
  for (std::size_t i = 0; i < order.size(); ++i) {
    new_index[order[i]] = i;
    graph.nodes.push_back(nodes_[order[i]]);
  }
  for (GraphEdge& e : edges_) {
    if (new_index[e.from] == SIZE_MAX || new_index[e.to] == SIZE_MAX) continue;
    e.from = new_index[e.from];
    e.to = new_index[e.to];
    std::sort(e.findings.begin(), e.findings.end());
    graph.edges.push_back(std::move(e));
  }
  std::sort(graph.edges.begin(), graph.edges.end(), [](const GraphEdge& a, const GraphEdge& b) {
    return std::tie(a.from, a.to, a.label) < std::tie(b.from, b.to, b.label);
  });
  return graph;
}

bool allows_assume_role(const Statement& s) {
  if (s.effect != Effect::kAllow || !s.action.present || s.action.is_not) return false;
  return std::any_of(s.action.values.begin(), s.action.values.end(), [](const LocatedString& a) {
    return model::wildcard_match(a.value, "sts:AssumeRole", model::kGlobIgnoreCase) ||
           model::wildcard_match(a.value, "sts:AssumeRoleWithWebIdentity",
                                 model::kGlobIgnoreCase) ||
           model::wildcard_match(a.value, "sts:AssumeRoleWithSAML", model::kGlobIgnoreCase);
  });
}

// --- escaping -----------------------------------------------------------------------------------

// Control characters are not allowed in XML 1.0 text: a space stands for each.
std::string xml_escape(std::string_view text) { return markup_escape(text, " "); }

// A DOT double-quoted string: quotes and backslashes escaped (no \N, \G escapes), control
// characters dropped; `\n` between lines.
std::string dot_string(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// Mermaid labels are quoted; quotes, angle brackets, '&' and '#' become entity codes so that
// nothing in them is read as markup.
std::string mermaid_string(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
      case '"': out += "#quot;"; break;
      case '<': out += "#lt;"; break;
      case '>': out += "#gt;"; break;
      case '&': out += "#amp;"; break;
      case '#': out += "#35;"; break;
      case '`': out += "#96;"; break;
      case '\n': out += "<br/>"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += ' ';
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

// At most `max` characters (UTF-8 aware enough: never cuts inside a multi-byte sequence).
std::string shorten(std::string_view text, std::size_t max) {
  if (text.size() <= max) return std::string(text);
  std::size_t cut = max - 1;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut)) + "\u2026";
}

std::string node_text(const GraphNode& n) {
  std::string text = n.name;
  if (!n.detail.empty()) text += "\n" + n.detail;
  return text;
}

std::string edge_text(const GraphEdge& e) {
  std::string text = e.label;
  for (const std::string& id : e.findings) text += " " + id;
  return text;
}

// DOT labels stack on lines to keep the layout narrow: the kind and the name of a
// node ("role" / "site-uploader"), the finding IDs of an edge under its label.
std::string dot_node_text(const GraphNode& n) {
  std::string text = n.name;
  const std::string kind(graph_node_kind_name(n.kind));
  if (text.starts_with(kind + " ")) text.replace(kind.size(), 1, "\n");
  if (!n.detail.empty()) text += "\n" + n.detail;
  return text;
}

std::string dot_edge_text(const GraphEdge& e) {
  std::string text = e.label;
  if (!e.findings.empty()) text += "\n";
  for (std::size_t i = 0; i < e.findings.size(); ++i) text += (i > 0 ? " " : "") + e.findings[i];
  return text;
}

constexpr std::string_view kRed = "#c62828";

std::string_view node_fill(GraphNodeKind kind) {
  switch (kind) {
    case GraphNodeKind::kBucket: return "#fff3e0";
    case GraphNodeKind::kRole:
    case GraphNodeKind::kUser: return "#e3f2fd";
    case GraphNodeKind::kDistribution: return "#ede7f6";
    case GraphNodeKind::kOai:
    case GraphNodeKind::kOac: return "#f3e5f5";
    case GraphNodeKind::kAccount:
    case GraphNodeKind::kAnyPrincipal:
    case GraphNodeKind::kService: return "#eceff1";
  }
  return "#ffffff";
}

// --- running dot ------------------------------------------------------------------------------

// Runs `program -Tsvg` on `source`; the SVG, or empty when it cannot be run or fails. Temporary
// files, no shell; the output is bounded.
std::string run_dot(const std::string& program, const std::string& source) {
  std::error_code ec;
  const std::filesystem::path dir = std::filesystem::temp_directory_path(ec);
  if (ec) return {};
  std::string in_path = (dir / "bucketlint-graph-XXXXXX").string();
  const int in_fd = mkstemp(in_path.data());
  if (in_fd < 0) return {};
  const std::string out_path = in_path + ".svg";
  const bool written =
      write(in_fd, source.data(), source.size()) == static_cast<ssize_t>(source.size());
  close(in_fd);
  std::string svg;
  if (written) {
    std::vector<std::string> args{program, "-Tsvg", "-o", out_path, in_path};
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    const int rc = posix_spawnp(&pid, program.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    int status = 0;
    if (rc == 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
        WEXITSTATUS(status) == 0) {
      constexpr std::size_t kMaxSvg = 64u << 20;
      std::ifstream in(out_path, std::ios::binary);
      if (in && std::filesystem::file_size(out_path, ec) <= kMaxSvg && !ec) {
        svg.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
      }
    }
  }
  std::filesystem::remove(in_path, ec);
  std::filesystem::remove(out_path, ec);
  // Keep the <svg> element only (no XML prolog, DOCTYPE or comments before it).
  const std::size_t start = svg.find("<svg");
  if (start == std::string::npos) return {};
  svg.erase(0, start);
  // Drop comments: they only repeat node IDs.
  for (std::size_t c = svg.find("<!--"); c != std::string::npos; c = svg.find("<!--", c)) {
    const std::size_t end = svg.find("-->", c);
    if (end == std::string::npos) return {};
    svg.erase(c, end + 3 - c);
  }
  return svg;
}

}  // namespace

std::string_view graph_node_kind_name(GraphNodeKind kind) {
  switch (kind) {
    case GraphNodeKind::kAccount: return "account";
    case GraphNodeKind::kAnyPrincipal: return "any principal";
    case GraphNodeKind::kService: return "service";
    case GraphNodeKind::kRole: return "role";
    case GraphNodeKind::kUser: return "user";
    case GraphNodeKind::kBucket: return "bucket";
    case GraphNodeKind::kDistribution: return "distribution";
    case GraphNodeKind::kOai: return "OAI";
    case GraphNodeKind::kOac: return "OAC";
  }
  return "node";
}

AccessGraph build_access_graph(const Model& model, const EngineResult* result) {
  Builder b(model);
  const access::Queries queries(model);

  for (const Bucket& bucket : model.buckets) {
    const std::string account = access::bucket_account(model, bucket);
    const std::size_t bn =
        b.node(GraphNodeKind::kBucket, bucket.name, "bucket " + bucket.name, account);
    b.at(bn).detail =
        bucket.ownership.known()
            ? "ownership: " + std::string(object_ownership_name(bucket.ownership.value))
            : "ownership: " + std::string(object_ownership_name(bucket.ownership.effective())) +
                  " (not set)";
    if (account.empty()) continue;  // who writes and reads needs the bucket owner
    for (const access::Writer& w : queries.writers(bucket, access::WriterScope::kAllAccounts)) {
      if (!w.put_any.possibly_allowed()) continue;
      std::size_t from = 0;
      if (w.role != nullptr) {
        from = b.role_node(*w.role);
      } else if (w.user != nullptr) {
        from = b.user_node(*w.user);
      } else if (w.any_principal) {
        from = b.node(GraphNodeKind::kAnyPrincipal, "*", "any principal (\"*\")", "");
      } else {
        from = b.principal_node(w.principal);
      }
      b.edge(from, bn, "can write");
    }
    for (const access::Reader& r : queries.readers(bucket)) {
      if (!r.get.possibly_allowed()) continue;
      std::size_t from = 0;
      if (r.distribution != nullptr && r.origin != nullptr && !r.origin->oai_id.empty()) {
        from = b.node(GraphNodeKind::kOai, r.origin->oai_id, "OAI " + r.origin->oai_id, "");
      } else if (r.distribution != nullptr) {
        from = b.node(GraphNodeKind::kDistribution, r.distribution->id,
                      "distribution " + r.distribution->id, r.distribution->account_id);
      } else {
        from = b.principal_node(r.principal);
      }
      b.edge(from, bn, "can read");
    }
  }

  for (const Distribution& d : model.distributions) {
    const std::size_t dn =
        b.node(GraphNodeKind::kDistribution, d.id, "distribution " + d.id, d.account_id);
    for (const Origin& o : d.origins) {
      if (!o.bucket.empty()) {
        const Bucket* bucket = model.find_bucket(o.bucket);
        const std::size_t bn =
            b.node(GraphNodeKind::kBucket, o.bucket, "bucket " + o.bucket,
                   bucket != nullptr ? access::bucket_account(model, *bucket) : std::string());
        if (bucket == nullptr) b.at(bn).detail = "not in the input";
        b.edge(bn, dn, "origin of");
      }
      if (!o.oai_id.empty()) {
        const OriginAccessIdentity* oai = model.find_oai(o.oai_id);
        const std::size_t on = b.node(GraphNodeKind::kOai, o.oai_id, "OAI " + o.oai_id, "");
        if (oai != nullptr && b.at(on).account.empty()) b.at(on).account = oai->account_id;
        b.edge(dn, on, "uses");
      }
      if (!o.oac_id.empty()) {
        const OriginAccessControl* oac = model.find_oac(o.oac_id);
        const std::size_t on = b.node(GraphNodeKind::kOac, o.oac_id, "OAC " + o.oac_id,
                                      oac != nullptr ? oac->account_id : d.account_id);
        b.edge(dn, on, "uses");
      }
    }
  }

  for (const Role& role : model.roles) {
    const std::size_t rn = b.role_node(role);
    if (role.trust_policy == nullptr) continue;
    for (const Statement& s : role.trust_policy->statements) {
      if (!allows_assume_role(s) || !s.principal.present || s.principal.is_not) continue;
      for (const PrincipalValue& v : s.principal.values) {
        std::size_t from = 0;
        if (v.type == "*" || v.value == "*") {
          from = b.node(GraphNodeKind::kAnyPrincipal, "*", "any principal (\"*\")", "");
        } else if (v.type == "Service") {
          from = b.node(GraphNodeKind::kService, v.value, v.value, "");
        } else if (v.type == "AWS") {
          const std::optional<eval::Principal> p = eval::parse_principal(v.value);
          if (!p) continue;
          from = b.principal_node(*p);
        } else {
          continue;
        }
        b.edge(from, rn, "assumes");
      }
    }
  }
  return b.finish(result);
}

std::string graph_dot(const AccessGraph& graph) {
  std::string out =
      "digraph access {\n"
      "  rankdir=TB;\n"
      "  graph [fontname=\"Helvetica\", fontsize=12, nodesep=0.25, ranksep=0.45];\n"
      "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=12];\n"
      "  edge [fontname=\"Helvetica\", fontsize=11, color=\"#546e7a\", fontcolor=\"#37474f\"];\n";
  for (std::size_t g = 0; g < graph.groups.size(); ++g) {
    out += "  subgraph cluster_" + std::to_string(g) + " {\n";
    out += "    label=" + dot_string(graph.groups[g].title) +
           "; style=\"rounded,dashed\"; color=\"#90a4ae\";\n";
    for (std::size_t i = 0; i < graph.nodes.size(); ++i) {
      const GraphNode& n = graph.nodes[i];
      if (n.account != graph.groups[g].account) continue;
      out += "    n" + std::to_string(i) + " [label=" + dot_string(dot_node_text(n)) +
             ", tooltip=" + dot_string(std::string(graph_node_kind_name(n.kind)) + " " + n.key) +
             ", fillcolor=\"" + std::string(node_fill(n.kind)) + "\"" +
             (n.kind == GraphNodeKind::kBucket ? ", shape=cylinder" : "") + "];\n";
    }
    out += "  }\n";
  }
  for (const GraphEdge& e : graph.edges) {
    out += "  n" + std::to_string(e.from) + " -> n" + std::to_string(e.to) +
           " [label=" + dot_string(dot_edge_text(e));
    if (e.red()) {
      out += ", color=\"" + std::string(kRed) + "\", fontcolor=\"" + std::string(kRed) +
             "\", penwidth=2.2";
    }
    out += "];\n";
  }
  out += "}\n";
  return out;
}

std::string graph_mermaid(const AccessGraph& graph) {
  std::string out = "flowchart LR\n";
  for (std::size_t g = 0; g < graph.groups.size(); ++g) {
    out +=
        "  subgraph g" + std::to_string(g) + " [" + mermaid_string(graph.groups[g].title) + "]\n";
    for (std::size_t i = 0; i < graph.nodes.size(); ++i) {
      const GraphNode& n = graph.nodes[i];
      if (n.account != graph.groups[g].account) continue;
      const std::string label = mermaid_string(node_text(n));
      out += "    n" + std::to_string(i) +
             (n.kind == GraphNodeKind::kBucket ? "[(" + label + ")]" : "[" + label + "]") + "\n";
    }
    out += "  end\n";
  }
  std::string styles;
  for (std::size_t i = 0; i < graph.edges.size(); ++i) {
    const GraphEdge& e = graph.edges[i];
    out += "  n" + std::to_string(e.from) + " -->|" + mermaid_string(edge_text(e)) + "| n" +
           std::to_string(e.to) + "\n";
    if (e.red()) {
      styles += "  linkStyle " + std::to_string(i) + " stroke:" + std::string(kRed) +
                ",stroke-width:3px,color:" + std::string(kRed) + "\n";
    }
  }
  return out + styles;
}

std::string graph_svg_builtin(const AccessGraph& graph) {
  // Layered layout: one band per account, one column per kind of node (principals, roles and
  // users, buckets, distributions, OAI/OAC), edges as curves with their label at the middle.
  constexpr int kNodeW = 200;
  constexpr int kNodeH = 46;
  constexpr int kColGap = 150;
  constexpr int kRowGap = 22;
  constexpr int kBandPad = 30;
  constexpr int kLeft = 20;
  constexpr int kArc = 46;  // depth of the arcs of backward edges below their nodes
  const auto column = [](GraphNodeKind kind) {
    switch (kind) {
      case GraphNodeKind::kAccount:
      case GraphNodeKind::kAnyPrincipal:
      case GraphNodeKind::kService: return 0;
      case GraphNodeKind::kRole:
      case GraphNodeKind::kUser: return 1;
      case GraphNodeKind::kBucket: return 2;
      case GraphNodeKind::kDistribution: return 3;
      case GraphNodeKind::kOai:
      case GraphNodeKind::kOac: return 4;
    }
    return 0;
  };
  // Only the columns some node uses take room.
  int used[5] = {0, 0, 0, 0, 0};
  for (const GraphNode& n : graph.nodes) used[column(n.kind)] = 1;
  int slot[5] = {0, 0, 0, 0, 0};
  for (int c = 1; c < 5; ++c) slot[c] = slot[c - 1] + used[c - 1];
  struct Box {
    int x = 0;
    int y = 0;
  };
  std::vector<Box> boxes(graph.nodes.size());
  std::string bands;
  int y = 10;
  int max_col = 0;
  for (const GraphGroup& group : graph.groups) {
    int rows[5] = {0, 0, 0, 0, 0};
    for (std::size_t i = 0; i < graph.nodes.size(); ++i) {
      const GraphNode& n = graph.nodes[i];
      if (n.account != group.account) continue;
      const int c = column(n.kind);
      max_col = std::max(max_col, c);
      boxes[i] =
          Box{kLeft + 10 + c * (kNodeW + kColGap), y + kBandPad + rows[c] * (kNodeH + kRowGap)};
      ++rows[c];
    }
    const int height = kBandPad + *std::max_element(rows, rows + 5) * (kNodeH + kRowGap) + kArc;
    bands += fmt::format(
        "<g class=\"group\"><rect x=\"{}\" y=\"{}\" width=\"{{W}}\" height=\"{}\" rx=\"8\" "
        "fill=\"#fafafa\" stroke=\"#90a4ae\" stroke-dasharray=\"5,4\"/>"
        "<text x=\"{}\" y=\"{}\" font-size=\"12\" font-weight=\"bold\" fill=\"#455a64\">{}</text>"
        "</g>\n",
        kLeft, y, height, kLeft + 10, y + 18, xml_escape(group.title));
    y += height + 14;
  }
  const int width = kLeft * 2 + 20 + (max_col + 1) * kNodeW + max_col * kColGap;
  std::string out = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"access-graph\" width=\"{0}\" "
      "height=\"{1}\" viewBox=\"0 0 {0} {1}\" font-family=\"Helvetica, Arial, sans-serif\">\n"
      "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"9\" "
      "markerUnits=\"userSpaceOnUse\" "
      "markerHeight=\"9\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" "
      "fill=\"#546e7a\"/></marker><marker id=\"arrow-red\" viewBox=\"0 0 10 10\" refX=\"10\" "
      "refY=\"5\" markerWidth=\"9\" markerUnits=\"userSpaceOnUse\" markerHeight=\"9\" "
      "orient=\"auto-start-reverse\"><path "
      "d=\"M0,0 L10,5 L0,10 z\" fill=\"{2}\"/></marker></defs>\n",
      width, y, kRed);
  const std::string band_width = std::to_string(width - 2 * kLeft);
  for (std::size_t p = bands.find("{W}"); p != std::string::npos; p = bands.find("{W}", p)) {
    bands.replace(p, 3, band_width);
  }
  out += bands;
  std::string labels;
  for (const GraphEdge& e : graph.edges) {
    const Box& a = boxes[e.from];
    const Box& b = boxes[e.to];
    const std::string color = e.red() ? std::string(kRed) : "#78909c";
    // Forward edges leave a node's right side for the next one's left side; backward edges
    // (and edges within a column) arc below both nodes so that they cross no node between.
    int x1 = 0;
    int y1 = 0;
    int x2 = 0;
    int y2 = 0;
    int mx = 0;
    int my = 0;
    std::string d;
    if (b.x > a.x) {
      x1 = a.x + kNodeW;
      y1 = a.y + kNodeH / 2;
      x2 = b.x;
      y2 = b.y + kNodeH / 2;
      const int bend = (x2 - x1) / 2;
      d = fmt::format("M{},{} C{},{} {},{} {},{}", x1, y1, x1 + bend, y1, x2 - bend, y2, x2, y2);
      mx = (x1 + x2) / 2;
      my = (y1 + y2) / 2;
    } else {
      x1 = a.x + kNodeW / 2 + 20;
      y1 = a.y + kNodeH;
      x2 = b.x + kNodeW / 2 - 20;
      y2 = b.y + kNodeH;
      const int low = std::max(y1, y2) + kArc;
      d = fmt::format("M{},{} C{},{} {},{} {},{}", x1, y1, x1, low, x2, low, x2, y2);
      mx = (x1 + x2) / 2;
      my = std::max(y1, y2) + kArc * 3 / 4 + 4;
    }
    out += fmt::format(
        "<path class=\"edge{}\" d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{}\" "
        "marker-end=\"url(#{})\"/>\n",
        e.red() ? " red" : "", d, color, e.red() ? "2.5" : "1.3", e.red() ? "arrow-red" : "arrow");
    const std::string text = xml_escape(edge_text(e));
    const int tw = static_cast<int>(edge_text(e).size()) * 6 + 8;
    labels += fmt::format(
        "<g class=\"edge-label\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"15\" rx=\"3\" "
        "fill=\"#ffffff\" fill-opacity=\"0.9\"/><text x=\"{}\" y=\"{}\" font-size=\"10\" "
        "text-anchor=\"middle\" fill=\"{}\"{}>{}</text></g>\n",
        mx - tw / 2, my - 11, tw, mx, my, color, e.red() ? " font-weight=\"bold\"" : "", text);
  }
  for (std::size_t i = 0; i < graph.nodes.size(); ++i) {
    const GraphNode& n = graph.nodes[i];
    const Box& box = boxes[i];
    out += fmt::format(
        "<g class=\"node\"><title>{} {}</title><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" "
        "rx=\"{}\" fill=\"{}\" stroke=\"#607d8b\"/>",
        xml_escape(graph_node_kind_name(n.kind)), xml_escape(n.key), box.x, box.y, kNodeW, kNodeH,
        n.kind == GraphNodeKind::kBucket ? 14 : 6, node_fill(n.kind));
    const bool two_lines = !n.detail.empty();
    out += fmt::format(
        "<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\" "
        "fill=\"#263238\">{}</text>",
        box.x + kNodeW / 2, box.y + (two_lines ? 19 : 27), xml_escape(shorten(n.name, 36)));
    if (two_lines) {
      out += fmt::format(
          "<text x=\"{}\" y=\"{}\" font-size=\"10\" text-anchor=\"middle\" fill=\"#6d4c41\" "
          "font-style=\"italic\">{}</text>",
          box.x + kNodeW / 2, box.y + 35, xml_escape(shorten(n.detail, 40)));
    }
    out += "</g>\n";
  }
  out += labels;
  out += "</svg>\n";
  return out;
}

std::string graph_svg(const AccessGraph& graph, const std::string& dot_program) {
  if (!dot_program.empty()) {
    std::string svg = run_dot(dot_program, graph_dot(graph));
    if (!svg.empty()) return svg;
  }
  return graph_svg_builtin(graph);
}

std::string find_dot_program() {
  if (const char* env = std::getenv("BUCKETLINT_DOT")) return env;
  const char* path = std::getenv("PATH");
  if (path == nullptr) return {};
  std::string_view dirs(path);
  while (!dirs.empty()) {
    const std::size_t colon = dirs.find(':');
    const std::string_view dir = dirs.substr(0, colon);
    if (!dir.empty()) {
      const std::filesystem::path candidate = std::filesystem::path(dir) / "dot";
      if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
    }
    if (colon == std::string_view::npos) break;
    dirs.remove_prefix(colon + 1);
  }
  return {};
}

}  // namespace bucketlint
