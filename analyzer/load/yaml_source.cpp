// YAML templates into TemplateNode trees, through yaml-cpp's event parser: the events carry
// the byte position of every node (YAML::Mark::pos), tags as written, and aliases as events
// (never expanded by yaml-cpp), so this reader decides how much an alias may copy.

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <array>
#include <map>
#include <sstream>
#include <unordered_set>

#include "load/template_node.h"

namespace bucketlint {

const TemplateNode* TemplateNode::find(std::string_view name) const {
  if (kind != Kind::kMap) return nullptr;
  for (const TemplateNode& m : children) {
    if (m.key == name) return &m;
  }
  return nullptr;
}

std::vector<std::uint32_t> TemplateNode::text_offsets(const SourceFile& source) const {
  std::vector<std::uint32_t> out(text.size(), offset);
  switch (layout) {
    case Layout::kAtStart: break;
    case Layout::kVerbatim:
      for (std::size_t i = 0; i < text.size(); ++i) {
        out[i] = content_offset + static_cast<std::uint32_t>(i);
      }
      break;
    case Layout::kMapped:
      if (byte_offsets.size() >= text.size()) {
        std::copy(byte_offsets.begin(), byte_offsets.begin() + static_cast<long>(text.size()),
                  out.begin());
      }
      break;
    case Layout::kJsonLiteral: {
      std::string decoded;
      std::vector<std::uint32_t> map;
      if (decode_string_literal(source.text(), content_offset, decoded, map) &&
          decoded.size() == text.size() && map.size() >= text.size()) {
        std::copy(map.begin(), map.begin() + static_cast<long>(text.size()), out.begin());
      }
      break;
    }
  }
  return out;
}

namespace {

// CloudFormation's short-form tags and the long form each one stands for.
std::string long_form(std::string_view tag) {
  static constexpr std::array<std::string_view, 17> kFunctions = {
      "Base64", "Cidr",   "FindInMap", "GetAtt",    "GetAZs", "ImportValue",
      "Join",   "Select", "Split",     "Sub",       "Equals", "If",
      "Not",    "And",    "Or",        "Transform", "Length"};
  if (tag == "Ref" || tag == "Condition") return std::string(tag);
  if (std::find(kFunctions.begin(), kFunctions.end(), tag) != kFunctions.end()) {
    return "Fn::" + std::string(tag);
  }
  return {};
}

struct Abort {
  std::string_view rule;
  std::uint32_t offset;
  std::string message;
};

class TreeBuilder : public YAML::EventHandler {
 public:
  TreeBuilder(const SourceFile& source, const YamlLimits& limits, TemplateParse& out)
      : src_(source), text_(source.text()), limits_(limits), out_(out) {}

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    count(1, pos(mark));
    TemplateNode n;
    n.offset = pos(mark);
    finish(std::move(n), anchor, {}, 1);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    auto it = anchors_.find(anchor);
    if (it == anchors_.end()) {
      count(1, pos(mark));
      TemplateNode n;
      n.offset = pos(mark);
      finish(std::move(n), 0, {}, 1);
      return;
    }
    count(it->second.second, pos(mark));
    TemplateNode copy = it->second.first;
    copy.offset = pos(mark);
    finish(std::move(copy), 0, {}, it->second.second);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    count(1, pos(mark));
    TemplateNode n;
    n.offset = pos(mark);
    n.kind = TemplateNode::Kind::kString;
    n.text = value;
    if (tag == "?") {  // plain: the YAML 1.1 core scalars CloudFormation reads as such
      if (value.empty() || value == "~" || value == "null" || value == "Null" || value == "NULL") {
        n.kind = TemplateNode::Kind::kNull;
        n.text.clear();
      } else if (value == "true" || value == "True" || value == "TRUE" || value == "false" ||
                 value == "False" || value == "FALSE") {
        n.kind = TemplateNode::Kind::kBool;
        n.boolean = value[0] == 't' || value[0] == 'T';
      }
    }
    locate_scalar(n, tag);
    finish(std::move(n), anchor, tag, 1);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(mark, tag, anchor, TemplateNode::Kind::kSeq);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(mark, tag, anchor, TemplateNode::Kind::kMap);
  }
  void OnMapEnd() override { close(); }

  bool done() const { return done_; }

 private:
  struct Frame {
    TemplateNode node;
    std::string tag;
    YAML::anchor_t anchor = 0;
    std::size_t nodes_at_start = 0;
    bool have_key = false;
    TemplateNode key;
    std::unordered_set<std::string> keys;
  };

  std::uint32_t pos(const YAML::Mark& mark) const {
    const std::size_t p = src_.content_start() + static_cast<std::size_t>(std::max(0, mark.pos));
    return static_cast<std::uint32_t>(std::min(p, text_.size()));
  }

  void count(std::size_t n, std::uint32_t at) {
    nodes_ += n;
    if (nodes_ > limits_.max_nodes) {
      throw Abort{"IN006", at,
                  fmt::format("the YAML aliases of this template expand to more than {} values "
                              "(an alias bomb?); the template is not read",
                              limits_.max_nodes)};
    }
  }

  void open(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
            TemplateNode::Kind kind) {
    count(1, pos(mark));
    if (static_cast<int>(stack_.size()) >= limits_.max_depth) {
      throw Abort{"IN006", pos(mark),
                  fmt::format("nesting deeper than {} levels; the template is not read",
                              limits_.max_depth)};
    }
    Frame f;
    f.node.kind = kind;
    f.node.offset = pos(mark);
    f.tag = tag;
    f.anchor = anchor;
    f.nodes_at_start = nodes_;
    stack_.push_back(std::move(f));
  }

  void close() {
    Frame f = std::move(stack_.back());
    stack_.pop_back();
    const std::size_t size = nodes_ - f.nodes_at_start + 1;
    finish(std::move(f.node), f.anchor, f.tag, size);
  }

  // Where the characters of a scalar are: verbatim after its tag or quote when the text is
  // there as is, else line by line for multi-line scalars, else at its start.
  void locate_scalar(TemplateNode& n, const std::string& tag) {
    std::size_t p = n.offset;
    if (tag.size() > 1 && p < text_.size() && text_[p] == '!') {
      const std::size_t end = text_.find_first_of(" \t\r\n", p);
      p = end == std::string_view::npos ? text_.size() : end;
      while (p < text_.size() && (text_[p] == ' ' || text_[p] == '\t')) ++p;
    }
    if (p < text_.size() && (text_[p] == '"' || text_[p] == '\'')) ++p;
    const std::string_view rest = text_.substr(std::min(p, text_.size()));
    if (rest.substr(0, n.text.size()) == n.text) {
      n.layout = TemplateNode::Layout::kVerbatim;
      n.content_offset = static_cast<std::uint32_t>(p);
      return;
    }
    if (n.text.find('\n') == std::string::npos) return;
    // Block and multi-line scalars: each line of the value is found in order in the file,
    // within a bounded window after the previous one (indentation, indicators, escapes).
    std::vector<std::uint32_t> map(n.text.size() + 1, n.offset);
    std::size_t cursor = p;
    std::size_t i = 0;
    while (i < n.text.size()) {
      const std::size_t nl = std::min(n.text.find('\n', i), n.text.size());
      const std::string_view line = std::string_view(n.text).substr(i, nl - i);
      if (!line.empty()) {
        const std::string_view window =
            text_.substr(std::min(cursor, text_.size()), line.size() + 512);
        const std::size_t at = window.find(line);
        if (at == std::string_view::npos) return;  // stays kAtStart
        cursor += at;
        for (std::size_t k = 0; k < line.size(); ++k) {
          map[i + k] = static_cast<std::uint32_t>(cursor + k);
        }
        cursor += line.size();
      }
      if (nl < n.text.size()) map[nl] = static_cast<std::uint32_t>(std::min(cursor, text_.size()));
      i = nl + 1;
    }
    map[n.text.size()] = static_cast<std::uint32_t>(std::min(cursor, text_.size()));
    n.byte_offsets = std::move(map);
    n.layout = TemplateNode::Layout::kMapped;
  }

  // Short-form tags become the long form: a one-member map at the tag.
  static TemplateNode apply_tag(TemplateNode n, const std::string& tag) {
    if (tag.size() < 2 || tag[0] != '!' || tag[1] == '!') return n;
    const std::string name = long_form(std::string_view(tag).substr(1));
    if (name.empty()) return n;
    if (name == "Fn::GetAtt" && n.kind == TemplateNode::Kind::kString) {
      // !GetAtt Resource.Attribute (the attribute may itself hold dots)
      const std::size_t dot = n.text.find('.');
      TemplateNode seq;
      seq.kind = TemplateNode::Kind::kSeq;
      seq.offset = n.offset;
      TemplateNode a = n;
      a.text = n.text.substr(0, dot);
      seq.children.push_back(a);
      if (dot != std::string::npos) {
        TemplateNode b = n;
        b.text = n.text.substr(dot + 1);
        if (b.layout == TemplateNode::Layout::kVerbatim) {
          b.content_offset += static_cast<std::uint32_t>(dot + 1);
        } else if (b.layout == TemplateNode::Layout::kMapped) {
          b.byte_offsets.erase(b.byte_offsets.begin(),
                               b.byte_offsets.begin() + static_cast<long>(dot + 1));
        }
        seq.children.push_back(std::move(b));
      }
      n = std::move(seq);
    }
    TemplateNode wrapper;
    wrapper.kind = TemplateNode::Kind::kMap;
    wrapper.offset = n.offset;
    n.key = name;
    n.key_offset = n.offset;
    wrapper.children.push_back(std::move(n));
    return wrapper;
  }

  // A complete node: tagged, remembered under its anchor, placed in its parent. `size` is the
  // number of nodes it holds (what an alias of it costs).
  void finish(TemplateNode n, YAML::anchor_t anchor, const std::string& tag, std::size_t size) {
    n = apply_tag(std::move(n), tag);
    if (anchor != 0) anchors_[anchor] = {n, size};
    if (stack_.empty()) {
      if (!done_) out_.root = std::move(n);
      done_ = true;
      return;
    }
    Frame& f = stack_.back();
    if (f.node.kind == TemplateNode::Kind::kSeq) {
      f.node.children.push_back(std::move(n));
      return;
    }
    if (!f.have_key) {
      f.key = std::move(n);
      f.have_key = true;
      return;
    }
    f.have_key = false;
    n.key = f.key.kind == TemplateNode::Kind::kString || f.key.kind == TemplateNode::Kind::kBool
                ? f.key.text
                : std::string();
    if (f.key.kind == TemplateNode::Kind::kBool) n.key = f.key.boolean ? "true" : "false";
    n.key_offset = f.key.offset;
    if (!f.keys.insert(n.key).second) {
      out_.diagnostics.push_back(
          {"IN002",
           src_.ref(n.key_offset, ""),
           fmt::format("duplicate key '{}': which of the values CloudFormation uses is undefined",
                       n.key),
           false,
           {}});
    }
    f.node.children.push_back(std::move(n));
  }

  const SourceFile& src_;
  std::string_view text_;
  const YamlLimits& limits_;
  TemplateParse& out_;
  std::vector<Frame> stack_;
  std::map<YAML::anchor_t, std::pair<TemplateNode, std::size_t>> anchors_;
  std::size_t nodes_ = 0;
  bool done_ = false;
};

// A tab at the start of a line, before any other character: YAML forbids tabs in indentation.
std::optional<std::size_t> indentation_tab(std::string_view text) {
  bool at_line_start = true;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      at_line_start = true;
    } else if (at_line_start && c == '\t') {
      return i;
    } else if (c != ' ') {
      at_line_start = false;
    }
  }
  return std::nullopt;
}

}  // namespace

TemplateParse parse_yaml_template(const SourceFile& source, const YamlLimits& limits) {
  TemplateParse out;
  const std::string_view body = std::string_view(source.text()).substr(source.content_start());
  std::istringstream in{std::string(body)};
  TreeBuilder builder(source, limits, out);
  try {
    YAML::Parser parser(in);
    parser.HandleNextDocument(builder);
    out.ok = builder.done();
  } catch (const Abort& a) {
    out.diagnostics.push_back({a.rule, source.ref(a.offset, ""), a.message, true, {}});
  } catch (const YAML::Exception& e) {
    std::size_t at = source.content_start() + static_cast<std::size_t>(std::max(0, e.mark.pos));
    at = std::min(at, source.text().size());
    std::string message = fmt::format("YAML syntax error: {}", e.msg);
    if (const auto tab = indentation_tab(source.text()); tab && *tab <= at + 1) {
      at = *tab;
      message = "a tab in indentation (YAML allows only spaces there)";
    }
    out.diagnostics.push_back({"IN001", source.ref(at, ""), message, true, {}});
  } catch (const std::exception& e) {
    out.diagnostics.push_back({"IN001",
                               source.ref(source.content_start(), ""),
                               fmt::format("the YAML reader failed: {}", e.what()),
                               true,
                               {}});
  }
  if (!out.ok) out.root = TemplateNode{};
  return out;
}

namespace {

TemplateNode from_json(const JsonValue& v) {
  TemplateNode n;
  n.offset = v.offset;
  switch (v.type) {
    case JsonType::kNull: break;
    case JsonType::kBool:
      n.kind = TemplateNode::Kind::kBool;
      n.boolean = v.boolean;
      break;
    case JsonType::kNumber:
      n.kind = TemplateNode::Kind::kString;
      n.text = std::string(v.text);
      n.layout = TemplateNode::Layout::kVerbatim;
      n.content_offset = v.offset;
      break;
    case JsonType::kString:
      n.kind = TemplateNode::Kind::kString;
      n.text = std::string(v.text);
      n.layout = TemplateNode::Layout::kJsonLiteral;
      n.content_offset = v.offset;
      break;
    case JsonType::kArray:
      n.kind = TemplateNode::Kind::kSeq;
      n.children.reserve(v.items.size());
      for (const JsonValue& item : v.items) n.children.push_back(from_json(item));
      break;
    case JsonType::kObject:
      n.kind = TemplateNode::Kind::kMap;
      n.children.reserve(v.members.size());
      for (const JsonMember& m : v.members) {
        TemplateNode c = from_json(m.value);
        c.key = std::string(m.key);
        c.key_offset = m.key_offset;
        n.children.push_back(std::move(c));
      }
      break;
  }
  return n;
}

}  // namespace

TemplateNode template_from_json(const JsonValue& root) { return from_json(root); }

}  // namespace bucketlint
