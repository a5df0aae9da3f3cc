// Build-time generator: data/iam-catalogue.json + data/iam-global-condition-keys.json ->
// C++ tables (analyzer/catalogue/catalogue_data.h layout), so that bucketlint parses no JSON
// at start-up. Run by CMake (add_custom_command) whenever either JSON file changes:
//
//   bucketlint_gen_catalogue <iam-catalogue.json> <iam-global-condition-keys.json> <out.cpp>
//
// A host tool: it prints to stderr and returns non-zero on bad input, which fails the build.

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

// The table hash, shared with the lookups (no include path needed for this one header).
#include "../../analyzer/catalogue/catalogue_hash.h"

namespace {

using bucketlint::catalogue::data::action_hash;
using bucketlint::catalogue::data::folded_hash;

using nlohmann::json;

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// A C++ string literal for `s` (the catalogue is ASCII; escape anything else anyway).
std::string lit(const std::string& s) {
  std::string out = "\"";
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20 || u >= 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\%03o", u);
      out += buf;
    } else if (c == '?') {
      out += "\\?";  // no trigraphs
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// A string_view with its length spelled out: clang's constexpr evaluator would otherwise count
// every literal's characters and hit its step limit on 22,000 actions.
// Every string of the tables lives once in one blob and the tables hold {offset, size} into it:
// no pointer in any record, so the loader has nothing to relocate at start-up (a string_view
// per field was about 117,000 relative relocations in a PIE).
class Blob {
 public:
  // "{offset, size}" of `s` in the blob (equal strings share their bytes).
  std::string ref(const std::string& s) {
    auto [it, added] = offsets_.try_emplace(s, static_cast<std::uint32_t>(text_.size()));
    if (added) text_ += s;
    return "{" + std::to_string(it->second) + "u, " + std::to_string(s.size()) + "u}";
  }
  // The blob as a definition, in literals of at most 4 KB (adjacent literals concatenate).
  std::string definition() const {
    std::string out = "extern const char kBlob[] =\n";
    constexpr std::size_t kChunk = 4096;
    for (std::size_t i = 0; i < text_.size() || i == 0; i += kChunk) {
      out += "    " + lit(text_.substr(i, kChunk)) + "\n";
      if (text_.empty()) break;
    }
    out += "    ;\n\n";
    return out;
  }
  std::size_t size() const { return text_.size(); }

 private:
  std::string text_;
  std::map<std::string, std::uint32_t> offsets_;
};

Blob blob;

std::string sv(const std::string& s) { return blob.ref(s); }

// KeyType order of include/bucketlint/catalogue.h.
int type_code(const std::string& name, bool& ok) {
  static const std::map<std::string, int> kTypes{{"String", 0},    {"ARN", 1},     {"Bool", 2},
                                                 {"Boolean", 2},   {"Numeric", 3}, {"Date", 4},
                                                 {"IPAddress", 5}, {"Binary", 6}};
  std::string base = name;
  int multi = 0;
  if (base.rfind("ArrayOf", 0) == 0) {
    base = base.substr(7);
    multi = 0x10;
  }
  const auto it = kTypes.find(base);
  if (it == kTypes.end()) {
    ok = false;
    return 0;
  }
  return it->second | multi;
}

// Some catalogue tag templates leave the placeholder implicit: a trailing '/' or a trailing
// '/tag-key' segment ('sagemaker:ResourceTag/', 'secretsmanager:ResourceTag/tag-key').
std::string explicit_pattern(const std::string& key) {
  if (!key.empty() && key.back() == '/') return key + "${TagKey}";
  const std::string tag_key = "/tag-key";
  if (key.size() > tag_key.size() &&
      key.compare(key.size() - tag_key.size(), tag_key.size(), tag_key) == 0) {
    return key.substr(0, key.size() - tag_key.size()) + "/${TagKey}";
  }
  return key;
}

bool is_template(const std::string& key) {
  return key.find("${") != std::string::npos || key.find('<') != std::string::npos;
}

struct Key {
  std::string name;
  int type = 0;
  int also = 0xff;
  bool global = false;
  bool cross_service = false;
};

// Open-addressing slots (see catalogue_hash.h) for records 0..n-1 with the given hashes,
// inserted in index order so that a probe meets the lowest index of equal names first.
std::vector<std::uint32_t> hash_slots(const std::vector<std::uint32_t>& hashes) {
  std::size_t size = 2;
  while (size < 2 * hashes.size()) size *= 2;  // at most half full: short probes
  std::vector<std::uint32_t> slots(size, 0);
  for (std::size_t i = 0; i < hashes.size(); ++i) {
    std::size_t pos = hashes[i] & (size - 1);
    while (slots[pos] != 0) pos = (pos + 1) & (size - 1);
    slots[pos] = static_cast<std::uint32_t>(i + 1);
  }
  return slots;
}

void write_slots(std::ostringstream& out, const char* name,
                 const std::vector<std::uint32_t>& slots) {
  out << "constexpr std::uint32_t " << name << "[] = {\n   ";
  for (std::size_t i = 0; i < slots.size(); ++i) {
    out << slots[i] << "u,";
    if ((i + 1) % 16 == 0) out << "\n   ";
  }
  out << "\n};\n\n";
}

bool read_json(const char* path, json& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "gen_catalogue: cannot read " << path << "\n";
    return false;
  }
  try {
    out = json::parse(in);
  } catch (const json::exception& e) {
    std::cerr << "gen_catalogue: " << path << ": " << e.what() << "\n";
    return false;
  }
  return true;
}

int run(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: gen_catalogue <iam-catalogue.json> <global-keys.json> <out.cpp>\n";
    return 2;
  }
  json cat;
  json glob;
  if (!read_json(argv[1], cat) || !read_json(argv[2], glob)) return 1;

  bool ok = true;
  // Condition keys: one record per lower-case name. The same key may be listed by several
  // services (aws:RequestTag/${TagKey}); where types disagree the multivalued one wins, so a
  // set operator on it is not reported.
  std::map<std::string, Key> keys;
  auto add_key = [&](const std::string& name, const std::string& type, bool global) {
    bool type_ok = true;
    const int code = type_code(type, type_ok);
    if (!type_ok) {
      std::cerr << "gen_catalogue: unknown type '" << type << "' of key '" << name << "'\n";
      ok = false;
      return;
    }
    auto [it, inserted] = keys.try_emplace(lower(name), Key{name, code, 0xff, global, false});
    if (!inserted) {
      if ((code & 0x10) != 0) it->second.type = code;
      it->second.global = it->second.global || global;
    }
  };

  struct Svc {
    std::string prefix, name;
    const json* j;
  };
  std::vector<Svc> services;
  for (const json& s : cat.at("services")) {
    services.push_back(
        {lower(s.at("prefix").get<std::string>()), s.at("name").get<std::string>(), &s});
    for (const json& c : s.at("conditions")) add_key(c.at(0), c.at(1), false);
  }
  for (const json& g : glob.at("keys")) {
    add_key(g.at("key"), g.at("type"), true);
    if (g.contains("also")) {
      bool type_ok = true;
      keys[lower(g.at("key").get<std::string>())].also = type_code(g.at("also"), type_ok);
      ok = ok && type_ok;
    }
  }
  for (const json& c : glob.at("cross_service")) {
    const auto it = keys.find(lower(c.get<std::string>()));
    if (it == keys.end()) {
      std::cerr << "gen_catalogue: cross-service key '" << c << "' not in the catalogue\n";
      ok = false;
      continue;
    }
    it->second.cross_service = true;
  }
  if (!ok) return 1;
  std::sort(services.begin(), services.end(),
            [](const Svc& a, const Svc& b) { return a.prefix < b.prefix; });
  std::map<std::string, std::uint32_t> key_index;
  {
    std::uint32_t i = 0;
    for (const auto& [k, v] : keys) key_index[k] = i++;
  }

  std::ostringstream out;
  out << "// Generated by tools/catalogue/gen_catalogue.cpp from data/iam-catalogue.json and\n"
         "// data/iam-global-condition-keys.json. Do not edit.\n\n"
         "#include \"catalogue/catalogue_data.h\"\n\n"
         "namespace bucketlint::catalogue::data {\n\n";

  std::ostringstream svc_out, act_out, rt_out, ak_out;
  std::uint32_t n_actions = 0, n_rts = 0, n_action_keys = 0;
  std::vector<std::uint32_t> service_hashes, action_hashes, key_hashes;
  for (std::uint32_t si = 0; si < services.size(); ++si) {
    const Svc& s = services[si];
    service_hashes.push_back(folded_hash(s.prefix));
    const json& sj = *s.j;
    std::map<std::string, std::string> arns;
    for (const json& r : sj.at("resources")) arns[r.at(0)] = r.at(1);
    // Actions sorted by lower-case name within the service (binary search).
    std::vector<const json*> acts;
    for (const json& a : sj.at("actions")) acts.push_back(&a);
    std::sort(acts.begin(), acts.end(),
              [](const json* a, const json* b) { return lower(a->at(0)) < lower(b->at(0)); });
    svc_out << "    {" << sv(s.prefix) << ", " << sv(s.name) << ", " << n_actions << "u, "
            << acts.size() << "u},\n";
    for (const json* a : acts) {
      const std::string name = a->at(0);
      const std::uint32_t first_rt = n_rts;
      for (const json& rt : a->at(2)) {
        const std::string rt_name = rt.at(0);
        const auto it = arns.find(rt_name);
        rt_out << "    {" << sv(rt_name) << ", " << sv(it == arns.end() ? "" : it->second) << ", "
               << (rt.at(1).get<bool>() ? "true" : "false") << "},\n";
        ++n_rts;
      }
      const std::uint32_t first_key = n_action_keys;
      for (const json& k : a->at(3)) {
        const auto it = key_index.find(lower(k.get<std::string>()));
        if (it == key_index.end()) {
          // Listed for an action but not among the service's keys: still a valid key name;
          // keep it out of the table rather than invent a type.
          std::cerr << "gen_catalogue: note: key '" << k << "' of " << s.prefix << ":" << name
                    << " has no type; skipped\n";
          continue;
        }
        ak_out << it->second << "u,";
        if (++n_action_keys % 16 == 0) ak_out << "\n   ";
      }
      act_out << "    {" << sv(name) << ", " << sv(lower(name)) << ", "
              << sv(a->at(1).get<std::string>()) << ", " << si << "u, " << first_rt << "u, "
              << (n_rts - first_rt) << "u, " << first_key << "u, " << (n_action_keys - first_key)
              << "u},\n";
      action_hashes.push_back(action_hash(si, lower(name)));
      ++n_actions;
    }
  }

  std::ostringstream tables;
  tables << "constexpr ServiceRec kServices[] = {\n" << svc_out.str() << "};\n\n";
  tables << "constexpr ActionRec kActions[] = {\n" << act_out.str() << "};\n\n";
  tables << "constexpr ActionResourceTypeRec kActionResourceTypes[] = {\n"
         << (n_rts == 0 ? "    {" + sv("") + ", " + sv("") + ", false},\n" : rt_out.str())
         << "};\n\n";
  tables << "constexpr std::uint32_t kActionKeys[] = {\n   " << (n_action_keys == 0 ? "0u" : "")
         << ak_out.str() << "\n};\n\n";
  for (const auto& [k, v] : keys) key_hashes.push_back(folded_hash(k));
  write_slots(tables, "kServiceSlots", hash_slots(service_hashes));
  write_slots(tables, "kActionSlots", hash_slots(action_hashes));
  write_slots(tables, "kKeySlots", hash_slots(key_hashes));
  tables << "constexpr KeyRec kKeys[] = {\n";
  std::vector<std::uint32_t> templates;
  for (const auto& [k, v] : keys) {
    const std::string pattern = explicit_pattern(v.name);
    if (is_template(pattern)) templates.push_back(key_index[k]);
    tables << "    {" << sv(v.name) << ", " << sv(k) << ", " << sv(pattern) << ", " << v.type
           << "u, " << v.also << "u, " << (v.global ? "true" : "false") << ", "
           << (v.cross_service ? "true" : "false") << ", "
           << (is_template(pattern) ? "true" : "false") << ", "
           << std::min({pattern.find("${"), pattern.find('<'), pattern.size()}) << "u},\n";
  }
  tables << "};\n\nconstexpr std::uint32_t kTemplateKeys[] = {\n   ";
  for (std::size_t i = 0; i < templates.size(); ++i) {
    tables << templates[i] << "u,";
    if ((i + 1) % 16 == 0) tables << "\n   ";
  }
  tables << "\n};\n\n}  // namespace\n\n";
  // The blob is complete once every table is written; it goes first (the tables name it).
  out << "// One string of " << blob.size()
      << " bytes: the literals are each under 4 KB, the whole is longer than the 65,536\n"
         "// characters C++ compilers must support in one literal (GCC and Clang take it).\n"
         "#pragma GCC diagnostic push\n"
         "#pragma GCC diagnostic ignored \"-Woverlength-strings\"\n"
      << blob.definition() << "#pragma GCC diagnostic pop\n\nnamespace {\n\n"
      << tables.str();
  out << "std::string_view date() { return " << lit(cat.at("date")) << "; }\n";
  out << "std::string_view source() { return " << lit(cat.at("source")) << "; }\n";
  out << "std::span<const ServiceRec> services() { return kServices; }\n"
         "std::span<const ActionRec> actions() { return kActions; }\n"
         "std::span<const ActionResourceTypeRec> action_resource_types() {\n"
         "  return std::span<const ActionResourceTypeRec>(kActionResourceTypes, "
      << n_rts
      << "u);\n}\n"
         "std::span<const std::uint32_t> action_keys() {\n"
         "  return std::span<const std::uint32_t>(kActionKeys, "
      << n_action_keys
      << "u);\n}\n"
         "std::span<const KeyRec> keys() { return kKeys; }\n"
         "std::span<const std::uint32_t> template_keys() { return kTemplateKeys; }\n"
         "std::span<const std::uint32_t> service_slots() { return kServiceSlots; }\n"
         "std::span<const std::uint32_t> action_slots() { return kActionSlots; }\n"
         "std::span<const std::uint32_t> key_slots() { return kKeySlots; }\n\n"
         "}  // namespace bucketlint::catalogue::data\n";

  const std::string text = out.str();
  std::ofstream file(argv[3], std::ios::binary | std::ios::trunc);
  file << text;
  if (!file) {
    std::cerr << "gen_catalogue: cannot write " << argv[3] << "\n";
    return 1;
  }
  std::cerr << "gen_catalogue: " << services.size() << " services, " << n_actions << " actions, "
            << keys.size() << " condition keys\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "gen_catalogue: " << e.what() << "\n";
    return 1;
  }
}
