#pragma once

// The access graph: accounts (as groups), buckets, roles and users, CloudFront distributions
// and their OAI/OAC as nodes; "can write", "can read", "assumes", "origin of" and "uses" as
// edges. Who can write and read is asked of the evaluator (through the questions the OW/CF
// rules ask); edges that findings are about (objects ending up owned by another account,
// CloudFront getting 403) carry the findings' rule IDs and are drawn in red.
//
// Output: Graphviz DOT, Mermaid, and SVG (Graphviz `dot` when installed, else a built-in
// layered layout). Every label is escaped for its format: input text is untrusted.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "bucketlint/engine.h"
#include "bucketlint/model.h"

namespace bucketlint {

enum class GraphNodeKind {
  kAccount,       // an account as a principal (its root, or any of its identities)
  kAnyPrincipal,  // "Principal": "*"
  kService,       // a service principal ("ec2.amazonaws.com")
  kRole,
  kUser,
  kBucket,
  kDistribution,
  kOai,
  kOac,
};
std::string_view graph_node_kind_name(GraphNodeKind kind);  // "account", "role", "bucket", ...

struct GraphNode {
  GraphNodeKind kind = GraphNodeKind::kBucket;
  std::string key;      // what messages quote: bucket name, role ARN, distribution ID, ...
  std::string name;     // short label: bucket name, role name, distribution ID
  std::string detail;   // buckets: "ObjectWriter"; empty for others
  std::string account;  // group; empty when unknown
};

struct GraphEdge {
  std::size_t from = 0;  // node indexes
  std::size_t to = 0;
  std::string label;  // "can write", "can read", "assumes", "origin of", "uses"
  // Rule IDs of the findings about this edge (foreign-owned objects, CloudFront 403), sorted.
  std::vector<std::string> findings;
  bool red() const { return !findings.empty(); }
};

struct GraphGroup {
  std::string account;  // 12 digits; empty: principals of no known account
  std::string title;    // "account 111111111111 (account-a)"
};

struct AccessGraph {
  std::vector<GraphGroup> groups;  // in account order, the unknown group last
  std::vector<GraphNode> nodes;    // sorted by group, then kind, then key
  std::vector<GraphEdge> edges;    // sorted by from, to, label
  bool truncated = false;          // more than kMaxGraphNodes: the rest left out
};

inline constexpr std::size_t kMaxGraphNodes = 400;

// `result` may be nullptr (no red edges).
AccessGraph build_access_graph(const Model& model, const EngineResult* result);

std::string graph_dot(const AccessGraph& graph);
std::string graph_mermaid(const AccessGraph& graph);
// An <svg> element (no XML prolog), to embed in HTML or save as a file. `dot_program`: the
// Graphviz program to lay it out with; empty for the built-in layout, which is also used when
// the program cannot be run or fails.
std::string graph_svg(const AccessGraph& graph, const std::string& dot_program);
std::string graph_svg_builtin(const AccessGraph& graph);

// The `dot` program to use: $BUCKETLINT_DOT when set (empty: none, always the built-in layout),
// else `dot` when it is on PATH; empty when there is none.
std::string find_dot_program();

}  // namespace bucketlint
