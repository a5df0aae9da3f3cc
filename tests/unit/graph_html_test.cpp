#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>

#include "bucketlint/engine.h"
#include "bucketlint/graph.h"
#include "bucketlint/load.h"
#include "bucketlint/report.h"

namespace bucketlint {
namespace {

struct Seed {
  LoadResult loaded;
  std::vector<std::unique_ptr<Rule>> rules = make_builtin_rules();
  EngineResult result;
};

std::unique_ptr<Seed> load_seed(const std::string& name) {
  auto seed = std::make_unique<Seed>();
  LoadOptions options;
  options.paths = {
      (std::filesystem::path(BUCKETLINT_SOURCE_DIR) / "samples" / name).generic_string()};
  options.discover_config = false;
  seed->loaded = load_inputs(options);
  seed->result = run_rules(seed->loaded.model, seed->rules, seed->loaded.settings);
  return seed;
}

const GraphEdge* find_edge(const AccessGraph& g, GraphNodeKind from, std::string_view from_key,
                           GraphNodeKind to, std::string_view to_key, std::string_view label) {
  for (const GraphEdge& e : g.edges) {
    const GraphNode& a = g.nodes[e.from];
    const GraphNode& b = g.nodes[e.to];
    if (a.kind == from && a.key == from_key && b.kind == to && b.key == to_key &&
        e.label == label) {
      return &e;
    }
  }
  return nullptr;
}

TEST(AccessGraph, SeedTwoDrawsTheStoryWithTheRedEdges) {
  const auto seed = load_seed("seed-2-bofc-still-403");
  const AccessGraph g = build_access_graph(seed->loaded.model, &seed->result);
  const std::string role = "arn:aws:iam::222222222222:role/site-uploader";
  const std::string bucket = "amzn-s3-demo-bucket";
  const GraphEdge* write =
      find_edge(g, GraphNodeKind::kRole, role, GraphNodeKind::kBucket, bucket, "can write");
  ASSERT_NE(write, nullptr);
  EXPECT_EQ(write->findings, std::vector<std::string>{"OW002"});
  const GraphEdge* origin = find_edge(g, GraphNodeKind::kBucket, bucket,
                                      GraphNodeKind::kDistribution, "EDFDVBD6EXAMPLE", "origin of");
  ASSERT_NE(origin, nullptr);
  EXPECT_TRUE(std::count(origin->findings.begin(), origin->findings.end(), "OW002") == 1);
  const GraphEdge* uses = find_edge(g, GraphNodeKind::kDistribution, "EDFDVBD6EXAMPLE",
                                    GraphNodeKind::kOai, "E74FTE3AEXAMPLE", "uses");
  ASSERT_NE(uses, nullptr);
  EXPECT_FALSE(uses->red());
  // The bucket shows its ownership setting and sits in its account's group.
  for (const GraphNode& n : g.nodes) {
    if (n.kind == GraphNodeKind::kBucket) {
      EXPECT_EQ(n.detail, "ownership: ObjectWriter");
      EXPECT_EQ(n.account, "111111111111");
    }
    if (n.kind == GraphNodeKind::kRole) {
      EXPECT_EQ(n.account, "222222222222");
    }
  }
  ASSERT_GE(g.groups.size(), 2U);
  EXPECT_EQ(g.groups[0].title, "account 111111111111 (account-a)");
  // DOT and Mermaid carry the red edge with its ID.
  EXPECT_NE(graph_dot(g).find("can write\\nOW002\", color=\"#c62828\""), std::string::npos);
  EXPECT_NE(graph_mermaid(g).find("|\"can write OW002\"|"), std::string::npos);
}

TEST(AccessGraph, FixedSeedHasNoRedEdge) {
  const auto seed = load_seed("seed-3-assume-role-fixed");
  const AccessGraph g = build_access_graph(seed->loaded.model, &seed->result);
  EXPECT_FALSE(g.edges.empty());
  for (const GraphEdge& e : g.edges) EXPECT_FALSE(e.red()) << e.label;
}

AccessGraph hostile_graph() {
  AccessGraph g;
  const std::string evil = "x\"];<script>alert(1)</script>#quot;\\N`&\n-->";
  g.groups.push_back(GraphGroup{"111111111111", "account 111111111111 (" + evil + ")"});
  g.nodes.push_back(
      GraphNode{GraphNodeKind::kBucket, evil, "bucket " + evil, evil, "111111111111"});
  g.nodes.push_back(GraphNode{GraphNodeKind::kRole, evil, "role " + evil, "", "111111111111"});
  g.edges.push_back(GraphEdge{1, 0, "can write", {"OW001"}});
  return g;
}

TEST(AccessGraph, LabelsAreEscapedInEveryFormat) {
  const AccessGraph g = hostile_graph();
  const std::string dot = graph_dot(g);
  EXPECT_EQ(dot.find("x\"]"), std::string::npos) << dot;  // the quote cannot end the label
  EXPECT_NE(dot.find("x\\\"];"), std::string::npos);
  EXPECT_NE(dot.find("\\\\N"), std::string::npos);  // a literal backslash, not Graphviz's \N
  const std::string mermaid = graph_mermaid(g);
  EXPECT_EQ(mermaid.find("<script"), std::string::npos) << mermaid;
  EXPECT_EQ(mermaid.find("x\""), std::string::npos);
  const std::string svg = graph_svg_builtin(g);
  EXPECT_EQ(svg.find("<script"), std::string::npos) << svg;
  EXPECT_NE(svg.find("&lt;script&gt;"), std::string::npos);
  const std::string dot_program = find_dot_program();
  if (dot_program.empty()) GTEST_SKIP() << "Graphviz dot is not installed (package graphviz)";
  const std::string laid_out = graph_svg(g, dot_program);
  EXPECT_TRUE(laid_out.starts_with("<svg")) << laid_out.substr(0, 200);
  EXPECT_EQ(laid_out.find("<script"), std::string::npos);
  EXPECT_EQ(laid_out.find("<!--"), std::string::npos);
}

TEST(AccessGraph, MissingDotProgramFallsBackToTheBuiltInLayout) {
  const AccessGraph g = hostile_graph();
  EXPECT_EQ(graph_svg(g, "/nonexistent/dot"), graph_svg_builtin(g));
}

TEST(HtmlReport, SelfContainedEscapedAndLinkedRelativeToTheReport) {
  static constexpr RuleInfo kRule{.id = "OW901",
                                  .name = "test-rule",
                                  .default_severity = Severity::kError,
                                  .summary = "summary <b>",
                                  .remediation = "fix <i>it</i>",
                                  .doc = "doc"};
  EngineResult result;
  Finding f = make_finding(kRule, SourceRef("in/a\"b<c>.json", "", 3, 4),
                           "message <script>alert(1)</script> 'x'");
  f.notes.emplace_back(SourceRef("in/other.json", "", 7, 1), "note <img src=x onerror=1>");
  result.findings.push_back(std::move(f));
  result.files = 2;
  ReportOptions options;
  options.format = ReportFormat::kHtml;
  options.base_dir = "/work/repo";
  options.output_path = "out/report.html";
  const std::string page = write_html(result, {}, options);
  EXPECT_EQ(page.find("<script>alert"), std::string::npos);
  EXPECT_EQ(page.find("<img"), std::string::npos);
  EXPECT_NE(page.find("message &lt;script&gt;alert(1)&lt;/script&gt; &#39;x&#39;"),
            std::string::npos);
  EXPECT_NE(page.find("Content-Security-Policy\" content=\"default-src 'none'"), std::string::npos);
  // Nothing is loaded from anywhere: no src= attribute, no stylesheet link.
  EXPECT_EQ(page.find(" src=\""), std::string::npos);
  EXPECT_EQ(page.find("<link"), std::string::npos);
  // Links are relative to out/ and percent-encoded.
  EXPECT_NE(page.find("href=\"../in/a%22b%3Cc%3E.json#L3\""), std::string::npos) << page;
  EXPECT_NE(page.find("href=\"../in/other.json#L7\""), std::string::npos);
  EXPECT_NE(page.find("data-rule=\"OW901\""), std::string::npos);
  EXPECT_NE(page.find("<b>Fix:</b> fix &lt;i&gt;it&lt;/i&gt;"), std::string::npos);
}

}  // namespace
}  // namespace bucketlint
