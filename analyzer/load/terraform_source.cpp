// Terraform .tf source (HCL2) into TerraformResources: a static evaluation of what can be known
// without a plan (literals, templates, jsonencode, locals, variable defaults, module inputs,
// references between resources of the configuration, data "aws_iam_policy_document"); all
// else is unknown, with the reason kept for the message.

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <map>
#include <set>

#include "load/hcl.h"
#include "load/link.h"
#include "load/terraform.h"

namespace bucketlint {

namespace fs = std::filesystem;

namespace {

constexpr int kMaxModuleDepth = 8;
constexpr std::size_t kMaxInstances = 100;      // count / for_each instances read per resource
constexpr std::size_t kEvalBudget = 2'000'000;  // evaluation steps per module tree

struct TfMember;  // one key of an object value (defined after TfVal)

struct TfVal {
  enum class K : std::uint8_t { kNull, kBool, kNumber, kString, kList, kObject, kUnknown };
  K k = K::kNull;
  std::string text;                    // string, number, "true"/"false"; kUnknown: the reason
  std::vector<std::uint32_t> offsets;  // kString: file offset per byte (+1 for the end)
  std::uint32_t offset = 0;            // where the value starts in the file
  std::vector<TfVal> items;            // kList
  std::vector<TfMember> members;       // kObject
  std::vector<std::uint32_t> key_offsets;
  bool json = false;  // a document encoded by jsonencode() or a policy document's json

  // Defined after the struct: clang 14 with libstdc++ cannot instantiate the members' vector of
  // pairs while TfVal is incomplete.
  static TfVal unknown(std::string why, std::uint32_t at);
  static TfVal string(std::string s, std::uint32_t at);
  bool is_unknown() const { return k == K::kUnknown; }
  const TfVal* member(std::string_view key) const;
  // Every offset of a scalar moved to `at` (a value used where a reference stands).
  void relocate(std::uint32_t at) {
    if (k == K::kList || k == K::kObject) return;  // keep where the structure is written
    offset = at;
    std::fill(offsets.begin(), offsets.end(), at);
  }
};

// A named struct rather than std::pair: clang 14 with libstdc++ rejects a pair of a type that
// is incomplete where the pair is first named.
struct TfMember {
  TfMember(std::string key, TfVal value) : first(std::move(key)), second(std::move(value)) {}
  std::string first;
  TfVal second;
};

TfVal TfVal::unknown(std::string why, std::uint32_t at) {
  TfVal v;
  v.k = K::kUnknown;
  v.text = std::move(why);
  v.offset = at;
  return v;
}

TfVal TfVal::string(std::string s, std::uint32_t at) {
  TfVal v;
  v.k = K::kString;
  v.offsets.assign(s.size() + 1, at);
  v.text = std::move(s);
  v.offset = at;
  return v;
}

const TfVal* TfVal::member(std::string_view key) const {
  for (const auto& [name, value] : members) {
    if (name == key) return &value;
  }
  return nullptr;
}

struct SourceBlock {
  const hcl::Block* block = nullptr;
  const SourceFile* source = nullptr;
};

struct ModuleCtx {
  std::string dir;                  // display path of the module's folder
  fs::path path;                    // on disk
  std::string prefix;               // "module.site." or ""
  std::vector<SourceBlock> blocks;  // every top-level block of every file
  std::map<std::string, SourceBlock> resources, data, modules, outputs;
  std::map<std::string, std::pair<const hcl::Expr*, const SourceFile*>> locals;
  std::map<std::string, TfVal> variables;
  std::map<std::string, std::string> provider_accounts;  // "" default, else alias
  std::string account;
  std::map<std::string, std::unique_ptr<ModuleCtx>> children;
  int depth = 0;
};

// What an instance of a resource sees: count.index, each.key, each.value.
struct Instance {
  std::optional<TfVal> count_index, each_key, each_value;
};

bool is_policy_attribute(std::string_view name) {
  return name.find("policy") != std::string_view::npos || name == "access_policies";
}

class SourceReader {
 public:
  SourceReader(Model& model, const TerraformSourceOptions& options)
      : m_(model), options_(options) {}

  void read_root(const std::string& dir, const fs::path& path) {
    ModuleCtx root;
    root.dir = dir;
    root.path = path;
    root.account = options_.binding.account.empty() ? m_.default_account : options_.binding.account;
    if (!load_module(root)) return;
    if (!options_.binding.account.empty() && root.account != options_.binding.account) {
      m_.diagnostics.push_back(
          {"IN010",
           options_.binding.where,
           fmt::format("the config binds '{}' to account '{}', but its aws provider says '{}'; "
                       "'{}' is used",
                       dir, options_.binding.account, root.account, root.account),
           false,
           {}});
    }
    emit_module(root, {});
    build_terraform_model(m_, resources_, options_.max_depth);
  }

  // One file as a whole module (tests, fuzzing): no folder, no module sources.
  void read_text(const std::string& display, std::string text) {
    ModuleCtx root;
    root.dir = ".";
    root.account = m_.default_account;
    parse_file(root, display, std::move(text));
    index_module(root);
    emit_module(root, {});
    build_terraform_model(m_, resources_, options_.max_depth);
  }

 private:
  // ---- files and modules ----------------------------------------------------------------------

  bool load_module(ModuleCtx& ctx) {
    std::vector<std::pair<std::string, fs::path>> files;
    std::error_code ec;
    for (fs::directory_iterator it(ctx.path, ec); !ec && it != fs::directory_iterator();
         it.increment(ec)) {
      std::error_code fec;
      if (it->is_regular_file(fec) && it->path().extension() == ".tf") {
        files.emplace_back(it->path().filename().string(), it->path());
      }
    }
    std::sort(files.begin(), files.end());
    bool any = false;
    for (const auto& [name, path] : files) {
      const std::string display = ctx.dir.empty() || ctx.dir == "." ? name : ctx.dir + "/" + name;
      std::optional<std::string> text = options_.read(display, path);
      if (!text) continue;
      any = true;
      parse_file(ctx, display, std::move(*text));
    }
    if (!any) return false;
    index_module(ctx);
    return true;
  }

  void parse_file(ModuleCtx& ctx, const std::string& display, std::string text) {
    m_.sources.push_back(std::make_unique<SourceFile>(display, std::move(text)));
    const SourceFile& src = *m_.sources.back();
    if (const std::size_t bad = first_invalid_utf8(src.text(), src.content_start());
        bad != std::string_view::npos) {
      m_.diagnostics.push_back(
          {"IN003",
           src.ref(bad, ""),
           fmt::format("byte 0x{:02X} is not valid UTF-8 (save the file as UTF-8)",
                       static_cast<unsigned char>(src.text()[bad])),
           true,
           {}});
      return;
    }
    hcl::ParseOptions po;
    po.max_depth = options_.max_depth;
    po.start = src.content_start();
    parsed_.push_back(std::make_unique<hcl::ParseResult>(hcl::parse(src.text(), po)));
    const hcl::ParseResult& r = *parsed_.back();
    for (const hcl::Error& e : r.errors) {
      const bool deep = e.message.starts_with("nesting deeper");
      m_.diagnostics.push_back({deep ? "IN006" : "IN001",
                                src.ref(e.offset, ""),
                                fmt::format("Terraform syntax: {}", e.message),
                                true,
                                {}});
    }
    for (const hcl::Block& b : r.body.blocks) ctx.blocks.push_back({&b, &src});
    if (options_.suppressions != nullptr && !r.comments.empty()) {
      std::vector<Suppression> found = terraform_suppressions(src, r, m_.diagnostics);
      options_.suppressions->insert(options_.suppressions->end(),
                                    std::make_move_iterator(found.begin()),
                                    std::make_move_iterator(found.end()));
    }
  }

  void index_module(ModuleCtx& ctx) {
    for (const SourceBlock& sb : ctx.blocks) {
      const hcl::Block& b = *sb.block;
      const auto& labels = b.labels;
      if (b.type == "resource" && labels.size() == 2) {
        ctx.resources.try_emplace(labels[0] + "." + labels[1], sb);
      } else if (b.type == "data" && labels.size() == 2) {
        ctx.data.try_emplace(labels[0] + "." + labels[1], sb);
      } else if (b.type == "module" && labels.size() == 1) {
        ctx.modules.try_emplace(labels[0], sb);
      } else if (b.type == "output" && labels.size() == 1) {
        ctx.outputs.try_emplace(labels[0], sb);
      } else if (b.type == "locals") {
        for (const hcl::Attribute& a : b.body.attributes) {
          ctx.locals.try_emplace(a.name, a.value.get(), sb.source);
        }
      } else if (b.type == "variable" && labels.size() == 1) {
        if (ctx.variables.contains(labels[0])) continue;  // an input of the module call
        const hcl::Attribute* d = b.body.attribute("default");
        ctx.variables[labels[0]] =
            d != nullptr
                ? eval(*d->value, ctx, *sb.source, nullptr, {})
                : TfVal::unknown(fmt::format("variable '{}' has no default", labels[0]), b.offset);
      }
    }
    // Providers: allowed_account_ids or assume_role.role_arn say the account.
    for (const SourceBlock& sb : ctx.blocks) {
      const hcl::Block& b = *sb.block;
      if (b.type != "provider" || b.labels.size() != 1 || b.labels[0] != "aws") continue;
      std::string alias;
      if (const hcl::Attribute* a = b.body.attribute("alias")) {
        alias = eval(*a->value, ctx, *sb.source, nullptr, {}).text;
      }
      std::string account;
      if (const hcl::Attribute* ids = b.body.attribute("allowed_account_ids")) {
        const TfVal v = eval(*ids->value, ctx, *sb.source, nullptr, {});
        if (v.k == TfVal::K::kList && v.items.size() == 1 && is_account_id(v.items[0].text)) {
          account = v.items[0].text;
        }
      }
      for (const hcl::Block& ar : b.body.blocks) {
        if (ar.type != "assume_role" || !account.empty()) continue;
        if (const hcl::Attribute* arn = ar.body.attribute("role_arn")) {
          account = principal_account(eval(*arn->value, ctx, *sb.source, nullptr, {}).text);
        }
      }
      if (!account.empty()) ctx.provider_accounts[alias] = account;
    }
    if (auto it = ctx.provider_accounts.find(""); it != ctx.provider_accounts.end()) {
      ctx.account = it->second;
    }
  }

  ModuleCtx* child(ModuleCtx& ctx, const std::string& name) {
    if (auto it = ctx.children.find(name); it != ctx.children.end()) return it->second.get();
    auto found = ctx.modules.find(name);
    if (found == ctx.modules.end()) return nullptr;
    ctx.children[name] = nullptr;  // a cycle finds this and stops
    const hcl::Block& b = *found->second.block;
    const SourceFile& src = *found->second.source;
    const hcl::Attribute* source = b.body.attribute("source");
    if (source == nullptr || ctx.depth >= kMaxModuleDepth) return nullptr;
    const TfVal s = eval(*source->value, ctx, src, nullptr, {});
    if (!s.text.starts_with("./") && !s.text.starts_with("../")) return nullptr;  // registry
    if (options_.root.empty()) return nullptr;  // a single text: no folder to read from
    const fs::path target = (ctx.path / s.text).lexically_normal();
    // Stay inside the tree that was given: never follow a module source out of it.
    const std::string rel = target.lexically_relative(options_.root).generic_string();
    if (rel.empty() || rel.starts_with("..")) {
      m_.diagnostics.push_back(
          {"IN012",
           src.ref(source->value->offset, ""),
           fmt::format("module '{}' has its source '{}' outside the folder given; its resources "
                       "were not read",
                       name, s.text),
           false,
           {}});
      return nullptr;
    }
    auto c = std::make_unique<ModuleCtx>();
    c->path = target;
    c->dir = (fs::path(ctx.dir) / s.text).lexically_normal().generic_string();
    c->prefix = ctx.prefix + "module." + name + ".";
    c->depth = ctx.depth + 1;
    c->account = ctx.account;
    c->provider_accounts = ctx.provider_accounts;
    for (const hcl::Attribute& a : b.body.attributes) {
      static const std::set<std::string_view> kMeta = {"source",   "version",   "count",
                                                       "for_each", "providers", "depends_on"};
      if (kMeta.contains(a.name)) continue;
      c->variables[a.name] = eval(*a.value, ctx, src, nullptr, {});
    }
    if (!load_module(*c)) return nullptr;
    ModuleCtx* out = c.get();
    ctx.children[name] = std::move(c);
    return out;
  }

  // ---- evaluation -------------------------------------------------------------------------------

  bool spend() {
    if (++steps_ <= kEvalBudget) return true;
    if (!budget_reported_) {
      budget_reported_ = true;
      m_.diagnostics.push_back({"IN012",
                                SourceRef{options_.root.generic_string(), "", 0, 0},
                                "the Terraform configuration needs more evaluation steps than "
                                "bucketlint allows; the rest is treated as unknown",
                                false,
                                {}});
    }
    return false;
  }

  using Refs = std::vector<std::string>;

  TfVal eval(const hcl::Expr& e, ModuleCtx& ctx, const SourceFile& src, Refs* refs,
             const Instance& inst, int depth = 0) {
    if (!spend() || depth > options_.max_depth) {
      return TfVal::unknown("expression too complex", e.offset);
    }
    using K = hcl::Expr::Kind;
    switch (e.kind) {
      case K::kNull: {
        TfVal v;
        v.offset = e.offset;
        return v;
      }
      case K::kBool: {
        TfVal v;
        v.k = TfVal::K::kBool;
        v.text = e.boolean ? "true" : "false";
        v.offset = e.offset;
        return v;
      }
      case K::kNumber: {
        TfVal v;
        v.k = TfVal::K::kNumber;
        v.text = e.text;
        v.offset = e.offset;
        return v;
      }
      case K::kString: return eval_template(e, ctx, src, refs, inst, depth);
      case K::kTuple: {
        TfVal v;
        v.k = TfVal::K::kList;
        v.offset = e.offset;
        for (const auto& item : e.items) {
          v.items.push_back(eval(*item, ctx, src, refs, inst, depth + 1));
        }
        return v;
      }
      case K::kObject: {
        TfVal v;
        v.k = TfVal::K::kObject;
        v.offset = e.offset;
        for (const hcl::ObjectItem& item : e.members) {
          TfVal key = eval(*item.key, ctx, src, refs, inst, depth + 1);
          if (key.k != TfVal::K::kString) {
            return TfVal::unknown("an object key is computed", item.key->offset);
          }
          v.members.emplace_back(key.text, eval(*item.value, ctx, src, refs, inst, depth + 1));
          v.key_offsets.push_back(item.key->offset);
        }
        return v;
      }
      case K::kVariable: return eval_reference(e, ctx, src, refs, inst, depth);
      case K::kCall: return eval_call(e, ctx, src, refs, inst, depth);
      case K::kOther: {
        // Operators, conditionals, for expressions: references still count for linking.
        for (const auto& item : e.items) (void)eval(*item, ctx, src, refs, inst, depth + 1);
        return TfVal::unknown("an expression Terraform evaluates at plan time", e.offset);
      }
    }
    return TfVal::unknown("unsupported expression", e.offset);
  }

  TfVal eval_template(const hcl::Expr& e, ModuleCtx& ctx, const SourceFile& src, Refs* refs,
                      const Instance& inst, int depth) {
    // A single interpolation "${x}" is x itself (a list stays a list).
    if (e.parts.size() == 1 && e.parts[0].expr && !e.heredoc) {
      return eval(*e.parts[0].expr, ctx, src, refs, inst, depth + 1);
    }
    TfVal out;
    out.k = TfVal::K::kString;
    out.offset = e.offset;
    std::optional<TfVal> unknown;
    for (const hcl::TemplatePart& p : e.parts) {
      if (!p.expr) {
        out.text += p.text;
        out.offsets.insert(out.offsets.end(), p.offsets.begin(), p.offsets.end() - 1);
        continue;
      }
      TfVal v = eval(*p.expr, ctx, src, refs, inst, depth + 1);
      if (v.is_unknown()) {
        if (!unknown) unknown = std::move(v);
        continue;
      }
      if (v.json ||
          (v.k != TfVal::K::kString && v.k != TfVal::K::kNumber && v.k != TfVal::K::kBool)) {
        if (!unknown) unknown = TfVal::unknown("a structured value inside a string", p.offsets[0]);
        continue;
      }
      out.text += v.text;
      out.offsets.insert(out.offsets.end(), v.text.size(), p.offsets[0]);
    }
    if (unknown) {
      unknown->offset = e.offset;
      return std::move(*unknown);
    }
    out.offsets.push_back(e.end);
    return out;
  }

  static TfVal apply_steps(TfVal v, const std::vector<hcl::TraversalStep>& steps, std::size_t from,
                           ModuleCtx* /*unused*/) {
    for (std::size_t i = from; i < steps.size(); ++i) {
      if (v.is_unknown()) return v;
      const hcl::TraversalStep& s = steps[i];
      if (!s.is_index) {
        const TfVal* m = v.k == TfVal::K::kObject ? v.member(s.name) : nullptr;
        if (m == nullptr) return TfVal::unknown(fmt::format("no attribute '{}'", s.name), s.offset);
        TfVal next = *m;
        v = std::move(next);
        continue;
      }
      if (!s.index || s.index->kind != hcl::Expr::Kind::kNumber || v.k != TfVal::K::kList) {
        if (s.index && s.index->kind == hcl::Expr::Kind::kString && v.k == TfVal::K::kObject &&
            s.index->parts.size() == 1 && !s.index->parts[0].expr) {
          const TfVal* m = v.member(s.index->parts[0].text);
          if (m == nullptr) return TfVal::unknown("no such key", s.offset);
          TfVal next = *m;
          v = std::move(next);
          continue;
        }
        return TfVal::unknown("an index Terraform evaluates", s.offset);
      }
      const std::size_t n =
          static_cast<std::size_t>(std::strtoull(s.index->text.c_str(), nullptr, 10));
      if (n >= v.items.size()) return TfVal::unknown("index out of range", s.offset);
      TfVal next = v.items[n];
      v = std::move(next);
    }
    return v;
  }

  TfVal eval_reference(const hcl::Expr& e, ModuleCtx& ctx, const SourceFile& /*src*/, Refs* refs,
                       const Instance& inst, int depth) {
    const std::string& root = e.text;
    const auto& steps = e.steps;
    auto name_at = [&](std::size_t i) -> std::string {
      return i < steps.size() && !steps[i].is_index ? steps[i].name : std::string();
    };
    auto finish = [&](TfVal v, std::size_t from) {
      v = apply_steps(std::move(v), steps, from, &ctx);
      v.relocate(e.offset);
      return v;
    };
    if (root == "var") {
      auto it = ctx.variables.find(name_at(0));
      if (it == ctx.variables.end()) {
        return TfVal::unknown(fmt::format("variable '{}' is not declared", name_at(0)), e.offset);
      }
      return finish(it->second, 1);
    }
    if (root == "local") {
      const std::string name = name_at(0);
      auto it = ctx.locals.find(name);
      if (it == ctx.locals.end()) {
        return TfVal::unknown(fmt::format("local '{}' is not defined", name), e.offset);
      }
      const std::string key = ctx.prefix + "local." + name;
      if (!evaluating_.insert(key).second) {
        return TfVal::unknown(fmt::format("local '{}' refers to itself", name), e.offset);
      }
      TfVal v = eval(*it->second.first, ctx, *it->second.second, refs, {}, depth + 1);
      evaluating_.erase(key);
      return finish(std::move(v), 1);
    }
    if (root == "count" && name_at(0) == "index" && inst.count_index) {
      return finish(*inst.count_index, 1);
    }
    if (root == "each" && name_at(0) == "key" && inst.each_key) return finish(*inst.each_key, 1);
    if (root == "each" && name_at(0) == "value" && inst.each_value) {
      return finish(*inst.each_value, 1);
    }
    if (root == "count" || root == "each" || root == "self" || root == "path" ||
        root == "terraform") {
      return TfVal::unknown(fmt::format("'{}.{}' is known only at plan time", root, name_at(0)),
                            e.offset);
    }
    if (root == "module") {
      ModuleCtx* c = child(ctx, name_at(0));
      if (c == nullptr) {
        return TfVal::unknown(fmt::format("module '{}' could not be read", name_at(0)), e.offset);
      }
      auto out = c->outputs.find(name_at(1));
      if (out == c->outputs.end()) {
        return TfVal::unknown(fmt::format("module '{}' has no output '{}'", name_at(0), name_at(1)),
                              e.offset);
      }
      const hcl::Attribute* value = out->second.block->body.attribute("value");
      if (value == nullptr) return TfVal::unknown("output without value", e.offset);
      const std::string key = c->prefix + "output." + name_at(1);
      if (!evaluating_.insert(key).second) return TfVal::unknown("a cycle", e.offset);
      TfVal v = eval(*value->value, *c, *out->second.source, refs, {}, depth + 1);
      evaluating_.erase(key);
      return finish(std::move(v), 2);
    }
    if (root == "data") {
      const std::string address = name_at(0) + "." + name_at(1);
      if (refs != nullptr) refs->push_back(ctx.prefix + "data." + address);
      std::size_t attr = 2;
      while (attr < steps.size() && steps[attr].is_index) ++attr;  // data.x.y[0].json
      if (name_at(0) == "aws_caller_identity" && name_at(attr) == "account_id") {
        if (is_account_id(ctx.account))
          return finish(TfVal::string(ctx.account, e.offset), attr + 1);
        return TfVal::unknown(
            "the account of the provider is not known (set "
            "allowed_account_ids on the provider or pass --account)",
            e.offset);
      }
      if (name_at(0) == "aws_iam_policy_document" &&
          (name_at(attr) == "json" || name_at(attr) == "minified_json")) {
        auto it = ctx.data.find(address);
        if (it == ctx.data.end()) {
          return TfVal::unknown(fmt::format("data.{} is not defined", address), e.offset);
        }
        const std::string key = ctx.prefix + "data." + address;
        if (!evaluating_.insert(key).second) return TfVal::unknown("a cycle", e.offset);
        TfVal v = policy_document(*it->second.block, ctx, *it->second.source, refs, depth + 1);
        evaluating_.erase(key);
        return v;
      }
      return TfVal::unknown(fmt::format("data.{} is read at plan time", address), e.offset);
    }
    // A resource: type.name[.index].attribute
    const std::string address = root + "." + name_at(0);
    if (refs != nullptr) refs->push_back(ctx.prefix + address);
    auto it = ctx.resources.find(address);
    if (it == ctx.resources.end()) {
      return TfVal::unknown(fmt::format("'{}' is not a resource of this module", address),
                            e.offset);
    }
    std::size_t attr = 1;
    while (attr < steps.size() && steps[attr].is_index) ++attr;
    const std::string attribute = name_at(attr);
    if (attribute.empty()) return TfVal::unknown("a whole resource", e.offset);
    const std::string key = ctx.prefix + address + "." + attribute;
    if (!evaluating_.insert(key).second) return TfVal::unknown("a cycle", e.offset);
    TfVal v = resource_attribute(root, ctx.prefix + address, *it->second.block, attribute, ctx,
                                 *it->second.source, depth + 1);
    evaluating_.erase(key);
    return finish(std::move(v), attr + 1);
  }

  // An attribute of a resource of the configuration: an argument as written, or what the
  // provider computes from arguments (ARNs, names); IDs assigned at apply are named by the
  // resource's address, so that references between resources link (see terraform.h).
  TfVal resource_attribute(const std::string& type, const std::string& address, const hcl::Block& b,
                           const std::string& attribute, ModuleCtx& ctx, const SourceFile& src,
                           int depth) {
    auto arg = [&](std::string_view name) -> std::optional<TfVal> {
      const hcl::Attribute* a = b.body.attribute(name);
      if (a == nullptr) return std::nullopt;
      return eval(*a->value, ctx, src, nullptr, {}, depth + 1);
    };
    const std::uint32_t at = b.offset;
    auto known = [](const std::optional<TfVal>& v) {
      return v && v->k == TfVal::K::kString && !v->text.empty();
    };
    if (type == "aws_s3_bucket") {
      std::optional<TfVal> bucket = arg("bucket");
      if (attribute == "id" || attribute == "bucket") {
        return known(bucket) ? *bucket : TfVal::unknown("the bucket name is chosen at apply", at);
      }
      if (attribute == "arn" && known(bucket)) {
        return TfVal::string("arn:aws:s3:::" + bucket->text, at);
      }
      if (attribute == "bucket_domain_name" && known(bucket)) {
        return TfVal::string(bucket->text + ".s3.amazonaws.com", at);
      }
    }
    if (type == "aws_iam_role" || type == "aws_iam_policy" || type == "aws_iam_user") {
      std::optional<TfVal> name = arg("name");
      std::optional<TfVal> path = arg("path");
      const std::string kind = type.substr(8);  // role, policy, user
      if ((attribute == "name" || (attribute == "id" && type != "aws_iam_policy")) && known(name)) {
        return *name;
      }
      if ((attribute == "arn" || (attribute == "id" && type == "aws_iam_policy")) && known(name)) {
        if (!is_account_id(ctx.account)) {
          return TfVal::unknown(
              "the account of the provider is not known (set "
              "allowed_account_ids on the provider or pass --account)",
              at);
        }
        const std::string p = known(path) ? path->text : "/";
        return TfVal::string(
            fmt::format("arn:aws:iam::{}:{}{}{}", ctx.account, kind, p, name->text), at);
      }
    }
    if (type == "aws_cloudfront_origin_access_identity") {
      if (attribute == "id") return TfVal::string(address, at);
      if (attribute == "iam_arn") {
        return TfVal::string(
            "arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity " + address, at);
      }
      if (attribute == "cloudfront_access_identity_path") {
        return TfVal::string("origin-access-identity/cloudfront/" + address, at);
      }
    }
    if (type == "aws_s3_access_point" && attribute == "arn") {
      // The Region stays a placeholder, as the model's access point ARN does
      // (terraform_model.cpp), so that the policy's Resource and the access point match.
      std::optional<TfVal> name = arg("name");
      std::optional<TfVal> account = arg("account_id");
      const std::string owner = known(account) ? account->text : ctx.account;
      if (known(name) && is_account_id(owner)) {
        return TfVal::string(
            fmt::format("arn:aws:s3:{{{{AWS::Region}}}}:{}:accesspoint/{}", owner, name->text), at);
      }
    }
    if (type == "aws_cloudfront_origin_access_control" && attribute == "id") {
      return TfVal::string(address, at);
    }
    if (type == "aws_cloudfront_distribution") {
      if (attribute == "id") return TfVal::string(address, at);
      if (attribute == "arn" && is_account_id(ctx.account)) {
        return TfVal::string(
            fmt::format("arn:aws:cloudfront::{}:distribution/{}", ctx.account, address), at);
      }
    }
    if (std::optional<TfVal> v = arg(attribute)) return *v;
    return TfVal::unknown(fmt::format("{}.{} is known only after apply", address, attribute), at);
  }

  TfVal eval_call(const hcl::Expr& e, ModuleCtx& ctx, const SourceFile& src, Refs* refs,
                  const Instance& inst, int depth) {
    std::vector<TfVal> args;
    for (const auto& a : e.items) args.push_back(eval(*a, ctx, src, refs, inst, depth + 1));
    for (const TfVal& a : args) {
      if (a.is_unknown()) return a;
    }
    const std::string& f = e.text;
    if (f == "jsonencode" && args.size() == 1) {
      TfVal v = std::move(args[0]);
      v.json = true;
      return v;
    }
    if ((f == "tostring" || f == "tolist" || f == "toset" || f == "tomap") && args.size() == 1) {
      return std::move(args[0]);
    }
    if (f == "concat") {
      TfVal v;
      v.k = TfVal::K::kList;
      v.offset = e.offset;
      for (TfVal& a : args) {
        if (a.k != TfVal::K::kList) return TfVal::unknown("concat of a non-list", e.offset);
        for (TfVal& item : a.items) v.items.push_back(std::move(item));
      }
      return v;
    }
    if (f == "merge") {
      TfVal v;
      v.k = TfVal::K::kObject;
      v.offset = e.offset;
      for (TfVal& a : args) {
        if (a.k != TfVal::K::kObject) return TfVal::unknown("merge of a non-object", e.offset);
        for (std::size_t i = 0; i < a.members.size(); ++i) {
          auto same = std::find_if(v.members.begin(), v.members.end(),
                                   [&](const auto& m) { return m.first == a.members[i].first; });
          if (same != v.members.end()) {
            same->second = std::move(a.members[i].second);
          } else {
            v.members.push_back(std::move(a.members[i]));
            v.key_offsets.push_back(a.key_offsets[i]);
          }
        }
      }
      return v;
    }
    if (f == "join" && args.size() == 2 && args[0].k == TfVal::K::kString &&
        args[1].k == TfVal::K::kList) {
      std::string out;
      for (std::size_t i = 0; i < args[1].items.size(); ++i) {
        if (args[1].items[i].k != TfVal::K::kString) return TfVal::unknown("join", e.offset);
        if (i > 0) out += args[0].text;
        out += args[1].items[i].text;
      }
      return TfVal::string(std::move(out), e.offset);
    }
    if (f == "format" && !args.empty() && args[0].k == TfVal::K::kString) {
      std::string out;
      std::size_t next = 1;
      const std::string& fmt_text = args[0].text;
      for (std::size_t i = 0; i < fmt_text.size(); ++i) {
        if (fmt_text[i] != '%') {
          out.push_back(fmt_text[i]);
        } else if (i + 1 < fmt_text.size() && fmt_text[i + 1] == '%') {
          out.push_back('%');
          ++i;
        } else if (i + 1 < fmt_text.size() && (fmt_text[i + 1] == 's' || fmt_text[i + 1] == 'd') &&
                   next < args.size() && args[next].k != TfVal::K::kList &&
                   args[next].k != TfVal::K::kObject) {
          out += args[next++].text;
          ++i;
        } else {
          return TfVal::unknown("a format verb bucketlint does not evaluate", e.offset);
        }
      }
      return TfVal::string(std::move(out), e.offset);
    }
    if ((f == "lower" || f == "upper") && args.size() == 1 && args[0].k == TfVal::K::kString) {
      std::string s = args[0].text;
      for (char& c : s) {
        if (f == "lower" && c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (f == "upper" && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      }
      return TfVal::string(std::move(s), e.offset);
    }
    return TfVal::unknown(fmt::format("function '{}' is not evaluated by bucketlint", f), e.offset);
  }

  // ---- data "aws_iam_policy_document"
  // --------------------------------------------------------------

  // The policy the provider produces (a single value is written as a string, a list as an
  // array; Sid only when set; Version 2012-10-17 unless `version` is set).
  TfVal policy_document(const hcl::Block& b, ModuleCtx& ctx, const SourceFile& src, Refs* refs,
                        int depth) {
    for (const char* unsupported :
         {"source_policy_documents", "override_policy_documents", "source_json", "override_json"}) {
      if (const hcl::Attribute* a = b.body.attribute(unsupported)) {
        return TfVal::unknown(
            fmt::format("'{}' merges documents bucketlint does not combine", unsupported),
            a->offset);
      }
    }
    TfVal doc;
    doc.k = TfVal::K::kObject;
    doc.offset = b.offset;
    doc.json = true;
    auto put = [](TfVal& obj, std::string key, TfVal v, std::uint32_t at) {
      obj.members.emplace_back(std::move(key), std::move(v));
      obj.key_offsets.push_back(at);
    };
    auto attr = [&](const hcl::Body& body, std::string_view name) -> std::optional<TfVal> {
      const hcl::Attribute* a = body.attribute(name);
      if (a == nullptr) return std::nullopt;
      return eval(*a->value, ctx, src, refs, {}, depth + 1);
    };
    auto single_or_list = [](TfVal v) {
      if (v.k == TfVal::K::kList && v.items.size() == 1) {
        TfVal one = std::move(v.items[0]);
        return one;
      }
      return v;
    };
    std::optional<TfVal> version = attr(b.body, "version");
    put(doc, "Version", version ? *version : TfVal::string("2012-10-17", b.offset), b.offset);
    if (std::optional<TfVal> id = attr(b.body, "policy_id")) put(doc, "Id", *id, b.offset);
    TfVal statements;
    statements.k = TfVal::K::kList;
    statements.offset = b.offset;
    for (const hcl::Block& st : b.body.blocks) {
      if (st.type != "statement") continue;
      TfVal s;
      s.k = TfVal::K::kObject;
      s.offset = st.offset;
      auto field = [&](std::string_view name, std::string key) {
        const hcl::Attribute* a = st.body.attribute(name);
        if (a == nullptr) return;
        TfVal v = eval(*a->value, ctx, src, refs, {}, depth + 1);
        if (v.is_unknown()) {
          put(s, std::move(key), std::move(v), a->offset);
          return;
        }
        put(s, std::move(key), single_or_list(std::move(v)), a->offset);
      };
      if (const hcl::Attribute* sid = st.body.attribute("sid")) {
        TfVal v = eval(*sid->value, ctx, src, refs, {}, depth + 1);
        if (!(v.k == TfVal::K::kString && v.text.empty())) put(s, "Sid", std::move(v), sid->offset);
      }
      if (const hcl::Attribute* effect = st.body.attribute("effect")) {
        put(s, "Effect", eval(*effect->value, ctx, src, refs, {}, depth + 1), effect->offset);
      } else {
        put(s, "Effect", TfVal::string("Allow", st.offset), st.offset);
      }
      for (const char* kind : {"principals", "not_principals"}) {
        TfVal principal;
        principal.k = TfVal::K::kObject;
        bool any = false;
        bool star = false;
        std::uint32_t first = 0;
        for (const hcl::Block& p : st.body.blocks) {
          if (p.type != kind) continue;
          std::optional<TfVal> type = attr(p.body, "type");
          std::optional<TfVal> ids = attr(p.body, "identifiers");
          if (!any) first = p.offset;
          any = true;
          if (!type || !ids || type->is_unknown()) {
            principal = TfVal::unknown("a principal Terraform evaluates", p.offset);
            break;
          }
          if (type->text == "*") {
            star = true;
            continue;
          }
          TfVal v = single_or_list(std::move(*ids));
          {
            // Several blocks of one type merge into one list.
            bool merged = false;
            for (auto& [k, m] : principal.members) {
              if (k != type->text) continue;
              if (m.k != TfVal::K::kList) {
                TfVal list;
                list.k = TfVal::K::kList;
                list.offset = m.offset;
                list.items.push_back(std::move(m));
                m = std::move(list);
              }
              if (v.k == TfVal::K::kList) {
                for (TfVal& item : v.items) m.items.push_back(std::move(item));
              } else {
                m.items.push_back(std::move(v));
              }
              merged = true;
              break;
            }
            if (!merged) put(principal, type->text, std::move(v), p.offset);
          }
        }
        if (!any) continue;
        principal.offset = first;
        const std::string key =
            std::string_view(kind) == "principals" ? "Principal" : "NotPrincipal";
        if (star && principal.members.empty() && !principal.is_unknown()) {
          put(s, key, TfVal::string("*", first), first);
        } else {
          put(s, key, std::move(principal), first);
        }
      }
      field("actions", "Action");
      field("not_actions", "NotAction");
      field("resources", "Resource");
      field("not_resources", "NotResource");
      TfVal condition;
      condition.k = TfVal::K::kObject;
      bool has_condition = false;
      for (const hcl::Block& c : st.body.blocks) {
        if (c.type != "condition") continue;
        std::optional<TfVal> test = attr(c.body, "test");
        std::optional<TfVal> variable = attr(c.body, "variable");
        std::optional<TfVal> values = attr(c.body, "values");
        if (!has_condition) condition.offset = c.offset;
        has_condition = true;
        if (!test || !variable || !values || test->is_unknown() || variable->is_unknown()) {
          condition = TfVal::unknown("a condition Terraform evaluates", c.offset);
          break;
        }
        TfVal* op = nullptr;
        for (auto& [k, m] : condition.members) {
          if (k == test->text) op = &m;
        }
        if (op == nullptr) {
          TfVal o;
          o.k = TfVal::K::kObject;
          o.offset = c.offset;
          put(condition, test->text, std::move(o), c.offset);
          op = &condition.members.back().second;
        }
        put(*op, variable->text, single_or_list(std::move(*values)), c.offset);
      }
      if (has_condition) put(s, "Condition", std::move(condition), condition.offset);
      statements.items.push_back(std::move(s));
    }
    put(doc, "Statement", std::move(statements), b.offset);
    return doc;
  }

  // ---- resources into TerraformResource
  // ------------------------------------------------------------

  void emit_module(ModuleCtx& ctx, const Instance& /*unused*/) {
    for (const auto& [name, sb] : ctx.modules) child(ctx, name);
    for (const SourceBlock& sb : ctx.blocks) {
      const hcl::Block& b = *sb.block;
      if (b.type == "data" && b.labels.size() == 2 && b.end > b.offset) {
        // A data source (aws_iam_policy_document) is evaluated where it is referred to; findings
        // in its lines name it.
        IacResource r;
        r.file = sb.source->path();
        r.first_line = sb.source->position(b.offset).line;
        r.last_line = sb.source->position(b.end - 1).line;
        r.address = ctx.prefix + "data." + b.labels[0] + "." + b.labels[1];
        m_.iac_resources.push_back(std::move(r));
      }
      if (b.type != "resource" || b.labels.size() != 2) continue;
      emit_resource(ctx, sb);
    }
    for (auto& [name, c] : ctx.children) {
      if (c) emit_module(*c, {});
    }
  }

  void emit_resource(ModuleCtx& ctx, const SourceBlock& sb) {
    const hcl::Block& b = *sb.block;
    const SourceFile& src = *sb.source;
    const std::string base = ctx.prefix + b.labels[0] + "." + b.labels[1];
    std::vector<std::pair<std::string, Instance>> instances;
    if (const hcl::Attribute* count = b.body.attribute("count")) {
      const TfVal n = eval(*count->value, ctx, src, nullptr, {});
      if (n.k == TfVal::K::kNumber) {
        const std::size_t c = static_cast<std::size_t>(std::strtoull(n.text.c_str(), nullptr, 10));
        for (std::size_t i = 0; i < c && i < kMaxInstances; ++i) {
          Instance inst;
          TfVal index;
          index.k = TfVal::K::kNumber;
          index.text = std::to_string(i);
          index.offset = count->value->offset;
          inst.count_index = index;
          instances.emplace_back(fmt::format("{}[{}]", base, i), std::move(inst));
        }
      } else {
        instances.emplace_back(base + "[0]", Instance{});  // count known at plan time
      }
    } else if (const hcl::Attribute* each = b.body.attribute("for_each")) {
      const TfVal v = eval(*each->value, ctx, src, nullptr, {});
      if (v.k == TfVal::K::kObject || v.k == TfVal::K::kList) {
        const std::size_t n = v.k == TfVal::K::kObject ? v.members.size() : v.items.size();
        for (std::size_t i = 0; i < n && i < kMaxInstances; ++i) {
          Instance inst;
          if (v.k == TfVal::K::kObject) {
            inst.each_key = TfVal::string(v.members[i].first, each->value->offset);
            inst.each_value = v.members[i].second;
          } else {
            inst.each_key = v.items[i];
            inst.each_value = v.items[i];
          }
          if (inst.each_key->k != TfVal::K::kString) continue;
          instances.emplace_back(fmt::format("{}[\"{}\"]", base, inst.each_key->text),
                                 std::move(inst));
        }
      } else {
        instances.emplace_back(base + "[\"?\"]", Instance{});
      }
    } else {
      instances.emplace_back(base, Instance{});
    }
    for (auto& [address, inst] : instances) {
      TerraformResource r;
      r.address = address;
      r.module = ctx.prefix.empty() ? "" : ctx.prefix.substr(0, ctx.prefix.size() - 1);
      r.type = b.labels[0];
      r.name = b.labels[1];
      r.created = true;  // .tf source: the configuration creates what it declares
      r.predates_2023 = options_.binding.created_before_april_2023;
      r.source = &src;
      r.where = src.ref(b.offset, "");
      r.offset = b.offset;
      r.end = b.end;
      r.account = account_for(ctx, b, src);
      r.has_configuration = false;
      TfVal values = body_value(b.body, ctx, src, inst, "", r, 0);
      std::string text, unknown;
      std::vector<std::uint32_t> map;
      serialize(values, "", text, map, unknown, 0);
      map.push_back(b.offset);
      JsonParseOptions po;
      po.max_depth = options_.max_depth + 8;
      po.offset_map = &map;
      JsonParseResult parsed = parse_json(text, po);
      JsonParseResult parsed_unknown =
          parse_json(unknown, JsonParseOptions{po.max_depth, nullptr, 0});
      if (!parsed.value || !parsed_unknown.value) continue;  // bounded above; not expected
      m_.trees.push_back(std::make_unique<JsonValue>(std::move(*parsed.value)));
      r.values = m_.trees.back().get();
      m_.trees.push_back(std::make_unique<JsonValue>(std::move(*parsed_unknown.value)));
      r.unknown = m_.trees.back().get();
      resources_.push_back(std::move(r));
    }
  }

  std::string account_for(ModuleCtx& ctx, const hcl::Block& b, const SourceFile& src) {
    if (const hcl::Attribute* p = b.body.attribute("provider")) {
      if (p->value->kind == hcl::Expr::Kind::kVariable && p->value->text == "aws" &&
          p->value->steps.size() == 1) {
        if (auto it = ctx.provider_accounts.find(p->value->steps[0].name);
            it != ctx.provider_accounts.end()) {
          return it->second;
        }
      }
    }
    (void)src;
    return ctx.account;
  }

  static const TfVal* first_unknown(const TfVal& v, int depth) {
    if (v.is_unknown()) return &v;
    if (depth > 256) return nullptr;
    for (const TfVal& item : v.items) {
      if (const TfVal* u = first_unknown(item, depth + 1)) return u;
    }
    for (const auto& [name, value] : v.members) {
      if (const TfVal* u = first_unknown(value, depth + 1)) return u;
    }
    return nullptr;
  }

  TfVal body_value(const hcl::Body& body, ModuleCtx& ctx, const SourceFile& src,
                   const Instance& inst, const std::string& path, TerraformResource& r, int depth) {
    static const std::set<std::string_view> kMeta = {
        "count", "for_each", "provider", "depends_on", "lifecycle", "provisioner", "connection"};
    TfVal obj;
    obj.k = TfVal::K::kObject;
    for (const hcl::Attribute& a : body.attributes) {
      if (depth == 0 && kMeta.contains(a.name)) continue;
      const std::string p = path.empty() ? a.name : path + "." + a.name;
      Refs refs;
      TfVal v = eval(*a.value, ctx, src, &refs, inst);
      if (!refs.empty()) {
        std::vector<std::string>& list = r.references[p];
        for (std::string& ref : refs) {
          if (std::find(list.begin(), list.end(), ref) == list.end())
            list.push_back(std::move(ref));
        }
      }
      if (is_policy_attribute(a.name)) {
        // A policy with any unknown part is unknown as a whole: never a policy with holes.
        if (const TfVal* hole = first_unknown(v, 0)) {
          r.unknown_reasons[p] = hole->text;
          v = TfVal::unknown(hole->text, v.offset);
        }
      }
      if (v.is_unknown()) r.unknown_reasons.try_emplace(p, v.text);
      if (depth == 0) r.configured.insert(a.name);
      obj.members.emplace_back(a.name, std::move(v));
      obj.key_offsets.push_back(a.offset);
    }
    // Nested blocks: a list per block type, in order.
    for (const hcl::Block& nb : body.blocks) {
      if (depth == 0 && kMeta.contains(nb.type)) continue;
      if (nb.type == "dynamic" || depth > 8) continue;
      const std::string p = path.empty() ? nb.type : path + "." + nb.type;
      TfVal item = body_value(nb.body, ctx, src, inst, p, r, depth + 1);
      item.offset = nb.offset;
      TfVal* list = nullptr;
      for (auto& [k, v] : obj.members) {
        if (k == nb.type && v.k == TfVal::K::kList) list = &v;
      }
      if (list == nullptr) {
        TfVal l;
        l.k = TfVal::K::kList;
        l.offset = nb.offset;
        obj.members.emplace_back(nb.type, std::move(l));
        obj.key_offsets.push_back(nb.offset);
        list = &obj.members.back().second;
      }
      list->items.push_back(std::move(item));
    }
    return obj;
  }

  // JSON text of a value, with the file offset of every byte, and the parallel unknown tree.
  void serialize(const TfVal& v, std::string_view key, std::string& out,
                 std::vector<std::uint32_t>& map, std::string& unknown, int depth) {
    auto emit = [&](std::string_view s, std::uint32_t at) {
      out.append(s);
      map.insert(map.end(), s.size(), at);
    };
    switch (v.k) {
      case TfVal::K::kUnknown:
        emit("null", v.offset);
        unknown += "true";
        return;
      case TfVal::K::kNull:
        emit("null", v.offset);
        unknown += "false";
        return;
      case TfVal::K::kBool:
        emit(v.text, v.offset);
        unknown += "false";
        return;
      case TfVal::K::kNumber: {
        const bool json_number = !v.text.empty() &&
                                 v.text.find_first_not_of("0123456789.eE+-") == std::string::npos &&
                                 parse_json(v.text).value.has_value();
        if (json_number) {
          emit(v.text, v.offset);
        } else {
          serialize(TfVal::string(v.text, v.offset), key, out, map, unknown, depth);
          return;
        }
        unknown += "false";
        return;
      }
      case TfVal::K::kString: {
        unknown += "false";
        if (is_policy_attribute(key)) {
          // A policy written as a JSON string (heredoc): spliced in as JSON when it is JSON,
          // so that positions point into the heredoc.
          const std::size_t first = v.text.find_first_not_of(" \t\r\n");
          if (first != std::string::npos && v.text[first] == '{') {
            JsonParseOptions po;
            po.max_depth = options_.max_depth;
            po.offset_map = &v.offsets;
            if (parse_json(v.text, po).value.has_value() &&
                first_invalid_utf8(v.text) == std::string_view::npos) {
              out.append(v.text);
              map.insert(map.end(), v.offsets.begin(), v.offsets.end() - 1);
              return;
            }
          }
        }
        out.push_back('"');
        map.push_back(v.offset);
        for (std::size_t i = 0; i < v.text.size(); ++i) {
          const char c = v.text[i];
          const std::uint32_t at = i < v.offsets.size() ? v.offsets[i] : v.offset;
          if (c == '"' || c == '\\') {
            emit(std::string{'\\', c}, at);
          } else if (static_cast<unsigned char>(c) < 0x20) {
            emit(fmt::format("\\u{:04x}", static_cast<unsigned char>(c)), at);
          } else {
            out.push_back(c);
            map.push_back(at);
          }
        }
        out.push_back('"');
        map.push_back(v.offsets.empty() ? v.offset : v.offsets.back());
        return;
      }
      case TfVal::K::kList:
        emit("[", v.offset);
        unknown += '[';
        for (std::size_t i = 0; i < v.items.size(); ++i) {
          if (i > 0) {
            emit(",", v.items[i].offset);
            unknown += ',';
          }
          serialize(v.items[i], key, out, map, unknown, depth + 1);
        }
        emit("]", v.offset);
        unknown += ']';
        return;
      case TfVal::K::kObject: {
        emit("{", v.offset);
        unknown += '{';
        std::set<std::string_view> seen;
        bool first = true;
        for (std::size_t i = 0; i < v.members.size(); ++i) {
          const auto& [name, value] = v.members[i];
          if (!seen.insert(name).second) continue;  // HCL rejects duplicates; keep the first
          if (!first) {
            emit(",", v.key_offsets[i]);
            unknown += ',';
          }
          first = false;
          serialize(TfVal::string(name, v.key_offsets[i]), "", out, map, unknown, depth + 1);
          unknown.resize(unknown.size() - 5);  // the key is not a value of the unknown tree
          unknown += fmt::format("{}:", quote(name));
          emit(":", v.key_offsets[i]);
          serialize(value, name, out, map, unknown, depth + 1);
        }
        emit("}", v.offset);
        unknown += '}';
        return;
      }
    }
  }

  static std::string quote(std::string_view s) {
    std::string out = "\"";
    for (const char c : s) {
      if (c == '"' || c == '\\') {
        out.push_back('\\');
        out.push_back(c);
      } else if (static_cast<unsigned char>(c) < 0x20) {
        out += fmt::format("\\u{:04x}", static_cast<unsigned char>(c));
      } else {
        out.push_back(c);
      }
    }
    out.push_back('"');
    return out;
  }

  Model& m_;
  const TerraformSourceOptions& options_;
  std::vector<std::unique_ptr<hcl::ParseResult>> parsed_;
  std::vector<TerraformResource> resources_;
  std::set<std::string> evaluating_;
  std::size_t steps_ = 0;
  bool budget_reported_ = false;
};

}  // namespace

void read_terraform_source(Model& model, const std::string& dir, const fs::path& path,
                           const TerraformSourceOptions& options) {
  SourceReader(model, options).read_root(dir, path);
}

namespace {

struct Target {
  int first = 0;
  int last = 0;
};

void collect_targets(const SourceFile& src, const hcl::Body& body, std::map<int, Target>& out,
                     int depth) {
  if (depth > 64) return;
  for (const hcl::Attribute& a : body.attributes) {
    const int first = src.position(a.offset).line;
    out.try_emplace(first,
                    Target{first, src.position(a.end > a.offset ? a.end - 1 : a.offset).line});
  }
  for (const hcl::Block& b : body.blocks) {
    const int first = src.position(b.offset).line;
    out.try_emplace(first,
                    Target{first, src.position(b.end > b.offset ? b.end - 1 : b.offset).line});
    collect_targets(src, b.body, out, depth + 1);
  }
}

bool is_rule_id(std::string_view id) {
  return id.size() == 5 && id[0] >= 'A' && id[0] <= 'Z' && id[1] >= 'A' && id[1] <= 'Z' &&
         std::all_of(id.begin() + 2, id.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::vector<Suppression> terraform_suppressions(const SourceFile& source,
                                                const hcl::ParseResult& parsed,
                                                std::vector<LoadDiagnostic>& diagnostics) {
  constexpr std::string_view kMarker = "bucketlint:ignore";
  std::vector<Suppression> out;
  std::map<int, Target> targets;  // by first line; the outermost target of a line is kept
  bool collected = false;
  for (const hcl::Comment& c : parsed.comments) {
    std::string_view text = c.text;
    const std::size_t at = text.find_first_not_of(" \t");
    if (at == std::string_view::npos || !text.substr(at).starts_with(kMarker)) continue;
    if (!collected) {
      collect_targets(source, parsed.body, targets, 0);
      collected = true;
    }
    const SourceRef where = source.ref(c.offset, "");
    auto bad = [&](std::string message) {
      diagnostics.push_back({"IN010", where, std::move(message), false, {}});
    };
    text = text.substr(at + kMarker.size());
    const std::size_t dashes = text.find("--");
    std::string_view ids = text.substr(0, dashes);
    std::string reason;
    if (dashes != std::string_view::npos) {
      std::string_view r = text.substr(dashes + 2);
      const std::size_t b = r.find_first_not_of(" \t\r");
      const std::size_t e = r.find_last_not_of(" \t\r");
      if (b != std::string_view::npos) reason = std::string(r.substr(b, e - b + 1));
    }
    if (reason.empty()) {
      bad("a bucketlint:ignore comment needs a reason: '# bucketlint:ignore OW001 -- why'");
      continue;
    }
    std::vector<std::string> rules;
    for (std::size_t i = 0; i < ids.size();) {
      const std::size_t start = ids.find_first_not_of(" \t,", i);
      if (start == std::string_view::npos) break;
      const std::size_t end = std::min(ids.find_first_of(" \t,", start), ids.size());
      rules.emplace_back(ids.substr(start, end - start));
      i = end;
    }
    if (rules.empty() || !std::all_of(rules.begin(), rules.end(),
                                      [](const std::string& id) { return is_rule_id(id); })) {
      bad("a bucketlint:ignore comment names rule IDs such as 'OW001' before '--'");
      continue;
    }
    // The comment's line (a trailing comment), else the first line after the comment that
    // is not a comment or blank.
    const int line = source.position(c.offset).line;
    std::optional<Target> target;
    const std::string_view line_text = source.line_text(line);
    const std::size_t first_code = line_text.find_first_not_of(" \t");
    const bool trailing = first_code != std::string_view::npos && line_text[first_code] != '#' &&
                          line_text.substr(first_code, 2) != "//" &&
                          line_text.substr(first_code, 2) != "/*";
    if (trailing) {
      if (auto it = targets.find(line); it != targets.end()) target = it->second;
    } else {
      int next = line + 1;
      for (int guard = 0; guard < 1000; ++guard, ++next) {
        const std::string_view t = source.line_text(next);
        const std::size_t f = t.find_first_not_of(" \t\r");
        if (f != std::string_view::npos && t[f] != '#' && t.substr(f, 2) != "//") break;
        if (next > line + 1000) break;
      }
      if (auto it = targets.find(next); it != targets.end()) target = it->second;
    }
    if (!target) {
      bad("a bucketlint:ignore comment must be on or just above a block or an argument");
      continue;
    }
    for (const std::string& rule : rules) {
      Suppression s;
      s.rule_id = rule;
      s.path_glob = source.path();
      s.reason = reason;
      s.where = where;
      s.first_line = target->first;
      s.last_line = target->last;
      out.push_back(std::move(s));
    }
  }
  return out;
}

void read_terraform_text(Model& model, const std::string& display, std::string text,
                         int max_depth) {
  TerraformSourceOptions options;
  options.max_depth = max_depth;
  SourceReader(model, options).read_text(display, std::move(text));
}

}  // namespace bucketlint
