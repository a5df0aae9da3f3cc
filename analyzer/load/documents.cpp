#include "load/documents.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <iterator>
#include <unordered_map>

#include "bucketlint/text.h"
#include "load/policy_builder.h"

namespace bucketlint {

namespace {

constexpr std::size_t kMaxCharDiagnostics = 10;  // IN003 warnings per policy

bool has(const JsonValue& v, std::string_view key) { return v.find(key) != nullptr; }

const JsonValue* object_member(const JsonValue& v, std::string_view key) {
  const JsonValue* m = v.find(key);
  return m != nullptr && m->is_object() ? m : nullptr;
}

bool is_error_body(const JsonValue& root, std::string_view code) {
  // Shapes a dump tool writes for an API error: {"Error": {"Code": ...}}, {"Code": ...},
  // {"Error": "...(Code)..."} (the CLI's stderr line kept as a string).
  auto matches = [&](const JsonValue* v) {
    return v != nullptr && v->is_string() && v->text.find(code) != std::string::npos;
  };
  if (matches(root.find_ci("Code")) || matches(root.find_ci("Error"))) return true;
  if (const JsonValue* e = root.find_ci("Error"); e != nullptr && e->is_object()) {
    return matches(e->find_ci("Code"));
  }
  return false;
}

// Decodes one UTF-8 code point at s[i]; returns its length (1 for bytes that are not UTF-8:
// the parser already reported those).
std::size_t next_code_point(std::string_view s, std::size_t i, std::uint32_t& cp) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  std::size_t len = 1;
  cp = b0;
  if (b0 >= 0xF0) {
    len = 4;
    cp = b0 & 0x07u;
  } else if (b0 >= 0xE0) {
    len = 3;
    cp = b0 & 0x0Fu;
  } else if (b0 >= 0xC0) {
    len = 2;
    cp = b0 & 0x1Fu;
  }
  if (len == 1 || i + len > s.size()) {
    cp = b0;
    return 1;
  }
  for (std::size_t k = 1; k < len; ++k)
    cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
  return len;
}

bool allowed_code_point(std::uint32_t cp) {
  return cp == 0x09 || cp == 0x0A || cp == 0x0D || (cp >= 0x20 && cp <= 0xFF);
}

// True when `s` holds a character check_policy_characters reports. ASCII bytes are judged
// directly; only non-ASCII text is decoded.
bool has_disallowed_character(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      if (b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D) return true;
      ++i;
      continue;
    }
    std::uint32_t cp = 0;
    i += next_code_point(s, i, cp);
    if (!allowed_code_point(cp)) return true;
  }
  return false;
}

// Fast pre-scan of a whole tree (no JSON pointers built): almost every policy is clean, and
// the full walk below builds a pointer string per value.
bool tree_has_disallowed_character(const JsonValue& v) {
  if (v.plain_ascii) return false;  // the parser saw only U+0020-U+007F in this subtree
  switch (v.type) {
    case JsonType::kString: return has_disallowed_character(v.text);
    case JsonType::kArray:
      for (const JsonValue& item : v.items) {
        if (tree_has_disallowed_character(item)) return true;
      }
      return false;
    case JsonType::kObject:
      for (const JsonMember& m : v.members) {
        if (has_disallowed_character(m.key) || tree_has_disallowed_character(m.value)) return true;
      }
      return false;
    default: return false;
  }
}

// IAM allows only U+0009, U+000A, U+000D and U+0020-U+00FF in policy documents
// (docs/aws-semantics.md 10.1, IAM-QUOTAS). Reports the first such character of each string.
void check_policy_characters(const SourceFile& src, const JsonValue& v, const std::string& pointer,
                             std::vector<LoadDiagnostic>& out, std::size_t& count) {
  auto check = [&](std::string_view s, std::uint32_t offset, const std::string& ptr) {
    if (count >= kMaxCharDiagnostics) return;
    for (std::size_t i = 0; i < s.size();) {
      std::uint32_t cp = 0;
      i += next_code_point(s, i, cp);
      const bool allowed = cp == 0x09 || cp == 0x0A || cp == 0x0D || (cp >= 0x20 && cp <= 0xFF);
      if (allowed) continue;
      ++count;
      out.push_back({"IN003",
                     src.ref(offset, ptr),
                     fmt::format("character U+{:04X} is not allowed in a policy document (IAM "
                                 "accepts only U+0009, U+000A, U+000D and U+0020-U+00FF)",
                                 cp),
                     false,
                     {}});
      return;
    }
  };
  switch (v.type) {
    case JsonType::kString: check(v.text, v.offset, pointer); break;
    case JsonType::kArray:
      for (std::size_t i = 0; i < v.items.size(); ++i) {
        check_policy_characters(src, v.items[i], pointer_append(pointer, i), out, count);
      }
      break;
    case JsonType::kObject:
      for (const JsonMember& m : v.members) {
        const std::string p = pointer_append(pointer, m.key);
        check(m.key, m.key_offset, p);
        check_policy_characters(src, m.value, p, out, count);
      }
      break;
    default: break;
  }
}

PolicyKind policy_kind_of(DocumentKind kind, PolicyKind shape) {
  switch (kind) {
    case DocumentKind::kBucketPolicy: return PolicyKind::kBucket;
    case DocumentKind::kResourcePolicy: return PolicyKind::kResource;
    case DocumentKind::kTrustPolicy: return PolicyKind::kTrust;
    case DocumentKind::kIdentityPolicy: return PolicyKind::kIdentity;
    case DocumentKind::kKeyPolicy: return PolicyKind::kKey;
    case DocumentKind::kAccessPointPolicy: return PolicyKind::kAccessPoint;
    default: return shape;
  }
}

DocumentKind document_kind_of(PolicyKind kind) {
  switch (kind) {
    case PolicyKind::kBucket: return DocumentKind::kBucketPolicy;
    case PolicyKind::kResource: return DocumentKind::kResourcePolicy;
    case PolicyKind::kTrust: return DocumentKind::kTrustPolicy;
    case PolicyKind::kIdentity: return DocumentKind::kIdentityPolicy;
    case PolicyKind::kKey: return DocumentKind::kKeyPolicy;
    case PolicyKind::kAccessPoint: return DocumentKind::kAccessPointPolicy;
  }
  return DocumentKind::kUnknown;
}

// ---- Scanning the outer structure of a large export, without building a tree --------------

bool is_json_ws(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

std::size_t skip_json_ws(std::string_view t, std::size_t i) {
  while (i < t.size() && is_json_ws(t[i])) ++i;
  return i;
}

// Just past the string literal whose opening quote is at t[i]; npos when it does not end.
std::size_t skip_json_string(std::string_view t, std::size_t i) {
  for (++i; i < t.size(); ++i) {
    if (t[i] == '\\') {
      ++i;
    } else if (t[i] == '"') {
      return i + 1;
    }
  }
  return std::string_view::npos;
}

// Just past the JSON value that starts at t[i], found by its brackets and string quotes only
// (the value is validated when it is parsed); npos when they do not balance. Linear, with a
// stack of the brackets open (bounded by the text).
std::size_t skip_json_value(std::string_view t, std::size_t i) {
  if (i >= t.size()) return std::string_view::npos;
  if (t[i] == '"') return skip_json_string(t, i);
  if (t[i] != '{' && t[i] != '[') {
    while (i < t.size() && !is_json_ws(t[i]) && t[i] != ',' && t[i] != '}' && t[i] != ']') ++i;
    return i;
  }
  std::string open;  // the closing bracket each open one needs
  while (i < t.size()) {
    const char c = t[i];
    if (c == '"') {
      i = skip_json_string(t, i);
      if (i == std::string_view::npos) return i;
      continue;
    }
    if (c == '{' || c == '[') {
      open.push_back(c == '{' ? '}' : ']');
    } else if (c == '}' || c == ']') {
      if (open.empty() || open.back() != c) return std::string_view::npos;
      open.pop_back();
      if (open.empty()) return i + 1;
    }
    ++i;
  }
  return std::string_view::npos;
}

// One member of a top-level object, as scanned.
struct ScannedMember {
  std::string_view key;  // as written (only keys without escapes are scanned)
  std::size_t key_offset = 0;
  std::size_t key_end = 0;
  std::size_t value_offset = 0;
  std::size_t value_end = 0;
};

// The members of the top-level object of `t` (from `start`), or nullopt when the text is not one
// object with plain keys and balanced values (the caller then parses it whole).
std::optional<std::vector<ScannedMember>> scan_top_level(std::string_view t, std::size_t start) {
  std::size_t i = skip_json_ws(t, start);
  if (i >= t.size() || t[i] != '{') return std::nullopt;
  i = skip_json_ws(t, i + 1);
  std::vector<ScannedMember> members;
  while (i < t.size() && t[i] == '"') {
    ScannedMember m;
    m.key_offset = i;
    m.key_end = skip_json_string(t, i);
    if (m.key_end == std::string_view::npos) return std::nullopt;
    m.key = t.substr(i + 1, m.key_end - i - 2);
    if (m.key.find('\\') != std::string_view::npos) return std::nullopt;
    i = skip_json_ws(t, m.key_end);
    if (i >= t.size() || t[i] != ':') return std::nullopt;
    m.value_offset = skip_json_ws(t, i + 1);
    m.value_end = skip_json_value(t, m.value_offset);
    if (m.value_end == std::string_view::npos || m.value_end == m.value_offset) return std::nullopt;
    members.push_back(m);
    i = skip_json_ws(t, m.value_end);
    if (i < t.size() && t[i] == ',') {
      i = skip_json_ws(t, i + 1);
      continue;
    }
    if (i < t.size() && t[i] == '}') {
      if (skip_json_ws(t, i + 1) != t.size()) return std::nullopt;
      return members;
    }
    return std::nullopt;
  }
  return std::nullopt;
}

// Text decoded from a JSON string (or URL-encoded) and the file offset of each of its bytes.
struct DecodedText {
  std::string text;
  std::vector<std::uint32_t> map;  // text.size() + 1 entries
};

class DocumentReader {
 public:
  DocumentReader(Model& model, const SourceFile& src, int max_depth)
      : model_(model), src_(src), max_depth_(max_depth) {}

  LoadedDocument read_stream(const std::vector<ScannedMember>& members, const ScannedMember& stream,
                             std::size_t root_offset) {
    LoadedDocument doc;
    doc.kind = DocumentKind::kConfigItems;
    doc.source = &src_;
    doc.where = src_.ref(root_offset, "");
    stream_config_items(members, stream, doc);
    return doc;
  }

  LoadedDocument read(const JsonValue& root, std::optional<DocumentKind> forced) {
    LoadedDocument doc;
    doc.source = &src_;
    doc.root = &root;
    doc.where = src_.ref(root.offset, "");
    doc.kind = forced.value_or(classify_document(root));
    if (doc.kind == DocumentKind::kUnknown) {
      // bucketlint's own baseline (docs/baseline.md) often sits in the linted tree: it is not
      // an AWS document and not a problem.
      if (!forced && root.is_object() && root.find("bucketlint_baseline") != nullptr) return doc;
      unknown_kind(root);
      return doc;
    }
    if (!root.is_object()) {
      diag("IN008", root, "",
           fmt::format("a '{}' document must be a JSON object, found {}",
                       document_kind_name(doc.kind), json_type_name(root.type)),
           true);
      doc.kind = DocumentKind::kUnknown;
      return doc;
    }
    switch (doc.kind) {
      case DocumentKind::kBucketPolicy:
      case DocumentKind::kResourcePolicy:
      case DocumentKind::kTrustPolicy:
      case DocumentKind::kIdentityPolicy:
      case DocumentKind::kKeyPolicy:
      case DocumentKind::kAccessPointPolicy:
        read_policy_document(root, doc, forced.has_value());
        break;
      case DocumentKind::kBucketReplication: read_replication(root, doc); break;
      case DocumentKind::kBucketLogging: read_logging(root, doc); break;
      case DocumentKind::kBucketWebsite: read_website(root, doc); break;
      case DocumentKind::kBucketPolicyStatus: read_policy_status(root, doc); break;
      case DocumentKind::kBucketLocation: read_location(root, doc); break;
      case DocumentKind::kAccessPoint: read_access_point(root, doc); break;
      case DocumentKind::kPolicyNames: read_policy_names(root, doc); break;
      case DocumentKind::kBucketAcl:
      case DocumentKind::kObjectAcl: read_acl_document(root, doc); break;
      case DocumentKind::kOwnershipControls: read_ownership(root, doc); break;
      case DocumentKind::kPublicAccessBlock: read_public_access_block(root, doc); break;
      case DocumentKind::kBucketEncryption: read_encryption(root, doc); break;
      case DocumentKind::kObjectListing: read_listing(root, doc); break;
      case DocumentKind::kRole: read_role(root, doc); break;
      case DocumentKind::kRolePolicy: read_role_policy(root, doc); break;
      case DocumentKind::kPolicyVersion: read_policy_version(root, doc); break;
      case DocumentKind::kAttachedPolicies: read_attached(root, doc); break;
      case DocumentKind::kDistributionConfig:
      case DocumentKind::kDistribution: read_distribution(root, doc); break;
      case DocumentKind::kOriginAccessIdentity: read_oai(root, doc); break;
      case DocumentKind::kOriginAccessControl: read_oac(root, doc); break;
      case DocumentKind::kConfigBucketItem: read_config_bucket(root, doc); break;
      case DocumentKind::kAccountAuthorizationDetails: read_authorization_details(root, doc); break;
      case DocumentKind::kConfigItems: read_config_items(root, doc); break;
      case DocumentKind::kRoleList: read_role_list(root, doc); break;
      case DocumentKind::kManagedPolicy: read_managed_policy(root, doc); break;
      case DocumentKind::kBucketList: read_bucket_list(root, doc); break;
      case DocumentKind::kDistributionList: read_distribution_list(root, doc); break;
      case DocumentKind::kOriginAccessIdentityList: read_oai_list(root, doc); break;
      case DocumentKind::kOriginAccessControlList: read_oac_list(root, doc); break;
      case DocumentKind::kOrganization: read_organization(root, doc); break;
      case DocumentKind::kOrganizationAccounts: read_organization_accounts(root, doc); break;
      case DocumentKind::kFlowLogs: read_flow_logs(root, doc); break;
      case DocumentKind::kTrails: read_trails(root, doc); break;
      case DocumentKind::kLoadBalancers: read_load_balancers(root, doc); break;
      case DocumentKind::kLoadBalancerAttributes: read_load_balancer_attributes(root, doc); break;
      case DocumentKind::kUnknown: break;
    }
    return doc;
  }

 private:
  void diag(std::string_view rule, const JsonValue& at, std::string pointer, std::string message,
            bool incomplete) {
    model_.diagnostics.push_back(
        {rule, src_.ref(at.offset, std::move(pointer)), std::move(message), incomplete, {}});
  }

  void unknown_kind(const JsonValue& root) {
    std::string kinds;
    for (const DocumentKind k : all_document_kinds()) {
      if (!kinds.empty()) kinds += ", ";
      kinds += document_kind_name(k);
    }
    diag("IN008", root, "",
         fmt::format("cannot tell what kind of document this is (known kinds: {}); use '--kind "
                     "<kind>' to force one",
                     kinds),
         true);
  }

  // The document lacks the member that makes it `doc.kind` (only possible when forced):
  // reported, and the document is not used.
  void missing(const JsonValue& at, std::string_view kind_member, LoadedDocument& doc) {
    diag("IN008", at, "",
         fmt::format("the document has no '{}' member, so it is not a '{}' document", kind_member,
                     document_kind_name(doc.kind)),
         true);
    doc.kind = DocumentKind::kUnknown;
  }

  void wrong_type(const JsonValue& v, const std::string& pointer, std::string_view element,
                  std::string_view expected) {
    diag("IN009", v, pointer,
         fmt::format("'{}' must be {}, found {}", element, expected, json_type_name(v.type)),
         false);
  }

  // A string member; absent or null gives nullptr, another type an IN009.
  const JsonValue* string_member(const JsonValue& obj, std::string_view key,
                                 const std::string& pointer) {
    const JsonValue* v = obj.find(key);
    if (v == nullptr || v->is_null()) return nullptr;
    if (!v->is_string()) {
      wrong_type(*v, pointer_append(pointer, key), key, "a string");
      return nullptr;
    }
    return v;
  }

  std::string string_of(const JsonValue& obj, std::string_view key, const std::string& pointer,
                        SourceRef* where = nullptr) {
    const JsonValue* v = string_member(obj, key, pointer);
    if (v == nullptr) return {};
    if (where != nullptr) *where = src_.ref(v->offset, pointer_append(pointer, key));
    return std::string(v->text);
  }

  const JsonValue* typed_member(const JsonValue& obj, std::string_view key,
                                const std::string& pointer, JsonType type,
                                std::string_view expected) {
    const JsonValue* v = obj.find(key);
    if (v == nullptr || v->is_null()) return nullptr;
    if (v->type != type) {
      wrong_type(*v, pointer_append(pointer, key), key, expected);
      return nullptr;
    }
    return v;
  }

  const JsonValue* object_of(const JsonValue& obj, std::string_view key,
                             const std::string& pointer) {
    return typed_member(obj, key, pointer, JsonType::kObject, "an object");
  }

  const JsonValue* array_of(const JsonValue& obj, std::string_view key,
                            const std::string& pointer) {
    return typed_member(obj, key, pointer, JsonType::kArray, "an array");
  }

  // Calls fn(item, pointer) for each item of the array `list` (at `list_pointer`), in order; an
  // item that is not an object is reported ("'<label> item' must be an object") and skipped.
  template <class Fn>
  void each_object(const JsonValue& list, const std::string& list_pointer, std::string_view label,
                   Fn&& fn) {
    for (std::size_t i = 0; i < list.items.size(); ++i) {
      const JsonValue& item = list.items[i];
      const std::string p = pointer_append(list_pointer, i);
      if (!item.is_object()) {
        wrong_type(item, p, fmt::format("{} item", label), "an object");
        continue;
      }
      fn(item, p);
    }
  }

  // The same over the array member `key` of `obj` (at `pointer`); false when the member is
  // absent, null or not an array (typed_member reports a wrong type).
  template <class Fn>
  bool for_each_object(const JsonValue& obj, std::string_view key, const std::string& pointer,
                       Fn&& fn) {
    const JsonValue* list = array_of(obj, key, pointer);
    if (list == nullptr) return false;
    each_object(*list, pointer_append(pointer, key), key, std::forward<Fn>(fn));
    return true;
  }

  // The top-level object member that makes the document what it is (`doc.kind`): absent, it is
  // IN008 (see missing()); not an object, IN009; nullptr in both cases.
  const JsonValue* required_object(const JsonValue& root, std::string_view key,
                                   LoadedDocument& doc) {
    const JsonValue* v = object_of(root, key, "");
    if (v == nullptr && !has(root, key)) missing(root, key, doc);
    return v;
  }

  // The same for a top-level list, walked as for_each_object.
  template <class Fn>
  void for_each_required(const JsonValue& root, std::string_view key, LoadedDocument& doc,
                         Fn&& fn) {
    if (!for_each_object(root, key, "", std::forward<Fn>(fn)) && !has(root, key)) {
      missing(root, key, doc);
    }
  }

  bool bool_of(const JsonValue& obj, std::string_view key, const std::string& pointer) {
    const JsonValue* v = typed_member(obj, key, pointer, JsonType::kBool, "a boolean");
    return v != nullptr && v->boolean;
  }

  // Builds a policy from a parsed value and checks its characters.
  PolicyDocument* build(const JsonValue& value, const std::string& pointer, PolicyKind kind) {
    model_.policies.push_back(build_policy(src_, value, pointer, kind, model_.diagnostics));
    PolicyDocument* policy = model_.policies.back().get();
    std::size_t count = 0;
    if (tree_has_disallowed_character(value)) {
      check_policy_characters(src_, value, pointer, model_.diagnostics, count);
    }
    return policy;
  }

  // Re-parses a document held in a JSON string (plain or URL-encoded), mapping positions back
  // into the file. `value` must be a string of this file's own tree when `in_file`. A string of
  // the Results item being read (item_text_) is decoded from that item's text through its offset
  // map, so its positions are exact too; strings nested deeper are parsed from their decoded
  // text, all positions at the string's start. `keep` (optional) receives the decoded text and
  // its offset map.
  const JsonValue* parse_embedded(const JsonValue& value, const std::string& pointer,
                                  std::string_view what, bool in_file,
                                  DecodedText* keep = nullptr) {
    std::string decoded;
    std::vector<std::uint32_t> map;
    std::size_t local = 0;
    if (in_file) {
      if (!decode_string_literal(src_.text(), value.offset, decoded, map)) return nullptr;
    } else if (in_item(value.offset, local)) {
      if (!decode_string_literal(item_.text, local, decoded, map, &item_.map)) return nullptr;
    } else {
      decoded = value.text;
      map.assign(decoded.size() + 1, value.offset);
    }
    std::string text = std::move(decoded);
    std::vector<std::uint32_t> text_map = std::move(map);
    if (looks_url_encoded_json(text)) {
      std::string url_decoded;
      std::vector<std::uint32_t> url_map;
      if (!url_decode(text, text_map, url_decoded, url_map)) {
        diag("IN001", value, pointer,
             fmt::format("{} is URL-encoded but has a malformed '%' escape", what), true);
        return nullptr;
      }
      text = std::move(url_decoded);
      text_map = std::move(url_map);
    } else {
      const std::size_t first = text.find_first_not_of(" \t\r\n");
      if (first == std::string::npos || (text[first] != '{' && text[first] != '[')) {
        diag("IN009", value, pointer,
             fmt::format("{} must be a JSON object, a JSON string or a URL-encoded JSON string; "
                         "this string is neither",
                         what),
             true);
        return nullptr;
      }
    }
    JsonParseOptions options;
    options.max_depth = max_depth_;
    options.offset_map = &text_map;
    JsonParseResult parsed = parse_json(text, options);
    for (const JsonError& e : parsed.errors) {
      model_.diagnostics.push_back({json_error_rule(e.kind),
                                    src_.ref(e.offset, pointer),
                                    fmt::format("in {}: {}", what, e.message),
                                    e.fatal,
                                    {}});
    }
    if (!parsed.value) return nullptr;
    if (keep != nullptr) {
      keep->text = std::move(text);
      keep->map = std::move(text_map);
    }
    model_.trees.push_back(std::make_unique<JsonValue>(std::move(*parsed.value)));
    return model_.trees.back().get();
  }

  // True when the string literal whose (mapped) file offset is `offset` lies in the decoded text
  // of the Results item being read; `local` is then its opening quote there. The map is
  // non-decreasing, and an escaped '"' is the only byte mapped to its escape's offset.
  bool in_item(std::uint32_t offset, std::size_t& local) const {
    if (item_.map.empty()) return false;
    const auto it = std::lower_bound(item_.map.begin(), item_.map.end(), offset);
    if (it == item_.map.end() || *it != offset) return false;
    local = static_cast<std::size_t>(it - item_.map.begin());
    return local < item_.text.size() && item_.text[local] == '"';
  }

  // A policy given as an object, a JSON string or a URL-encoded string (docs/aws-semantics.md 7.2).
  PolicyDocument* embedded_policy(const JsonValue& value, const std::string& pointer,
                                  std::string_view what, std::optional<PolicyKind> kind,
                                  bool in_file = true) {
    const JsonValue* tree = &value;
    if (value.is_string()) {
      tree = parse_embedded(value, pointer, what, in_file);
      if (tree == nullptr) return nullptr;
    } else if (!value.is_object()) {
      wrong_type(value, pointer, what, "a policy object or a JSON string");
      return nullptr;
    } else {
      views_into_item_ = true;  // the policy's values are views into the tree holding `value`
    }
    return build(*tree, pointer, kind.value_or(classify_policy_shape(*tree)));
  }

  void read_policy_document(const JsonValue& root, LoadedDocument& doc, bool forced) {
    // `aws s3api get-bucket-policy` (and s3control get-access-point-policy) wrap the policy as
    // a JSON string: {"Policy": "<json>"} (docs/aws-semantics.md 7.1).
    if (const JsonValue* p = root.find("Policy");
        p != nullptr && p->is_string() && !has(root, "Statement")) {
      const PolicyKind kind =
          forced ? policy_kind_of(doc.kind, PolicyKind::kBucket) : PolicyKind::kBucket;
      doc.policy = embedded_policy(*p, "/Policy", "the embedded policy", kind);
      if (doc.policy != nullptr) {
        // Both commands print the same shape: the ARNs in Resource tell them apart, never the
        // file name or order (arn:aws:s3:<region>:<account>:accesspoint/<name>).
        if (!forced) mark_access_point_policy(doc);
        doc.kind = document_kind_of(doc.policy->kind);
      }
      return;
    }
    // A policy forced with --kind but without Statement is still built: PL005 says what is
    // missing, more precisely than an unknown-kind diagnostic would.
    const PolicyKind kind = policy_kind_of(doc.kind, PolicyKind::kIdentity);
    doc.policy = build(root, "", kind);
    if (doc.policy->kind == PolicyKind::kAccessPoint) mark_access_point_policy(doc);
  }

  void mark_access_point_policy(LoadedDocument& doc) {
    bool access_points = false;
    for (const Statement& st : doc.policy->statements) {
      for (const LocatedString& r : st.resource.values) {
        AccessPointArn parsed;
        if (r.value.find(":s3:::") != std::string_view::npos) return;  // a bucket policy
        if (parse_access_point_arn(r.value, parsed)) access_points = true;
      }
    }
    if (!access_points) return;
    doc.policy->kind = PolicyKind::kAccessPoint;
    // Several access points named: the policy is bound to none (IN011 says so).
    const std::optional<AccessPointArn> ap = access_point_named_by_policy(*doc.policy);
    if (!ap) return;
    doc.policy->name = ap->arn;
    doc.policy->account_id = ap->account;
    AccessPoint point;
    point.name = ap->name;
    point.arn = ap->arn;
    point.region = ap->region;
    point.account_id = ap->account;
    point.where = doc.policy->where;
    doc.access_point = std::move(point);
  }

  // `s3api get-bucket-replication`: {"ReplicationConfiguration": {"Role", "Rules": [...]}}.
  void read_replication(const JsonValue& root, LoadedDocument& doc) {
    const JsonValue* c = required_object(root, "ReplicationConfiguration", doc);
    if (c == nullptr) return;
    const std::string base = "/ReplicationConfiguration";
    ReplicationConfiguration config;
    config.where = src_.ref(c->offset, base);
    config.role_arn = string_of(*c, "Role", base);
    for_each_object(*c, "Rules", base, [&](const JsonValue& item, const std::string& p) {
      ReplicationRule rule;
      rule.where = src_.ref(item.offset, p);
      rule.id = string_of(item, "ID", p);
      rule.enabled = string_of(item, "Status", p) != "Disabled";
      if (const JsonValue* d = object_of(item, "Destination", p)) {
        const std::string dp = pointer_append(p, "Destination");
        rule.destination_arn = string_of(*d, "Bucket", dp, &rule.destination_where);
        if (rule.destination_arn.empty()) rule.destination_where = src_.ref(d->offset, dp);
        rule.destination_bucket = bucket_of_arn(rule.destination_arn);
        rule.destination_account = string_of(*d, "Account", dp);
        if (const JsonValue* t = object_of(*d, "AccessControlTranslation", dp)) {
          const std::string tp = pointer_append(dp, "AccessControlTranslation");
          rule.owner_where = src_.ref(t->offset, tp);
          rule.owner_override = string_of(*t, "Owner", tp) == "Destination";
        }
      }
      config.rules.push_back(std::move(rule));
    });
    doc.replication = std::move(config);
  }

  // "arn:aws:s3:::bucket" -> "bucket"; a bare name stays as it is.
  static std::string bucket_of_arn(std::string_view arn) {
    const std::size_t s3 = arn.find(":s3:::");
    if (arn.starts_with("arn:") && s3 != std::string_view::npos) arn = arn.substr(s3 + 6);
    return std::string(arn.substr(0, arn.find('/')));
  }

  // `s3api get-bucket-logging`: {"LoggingEnabled": {"TargetBucket", "TargetPrefix", ...}}. A
  // bucket without logging prints nothing at all, so there is no document for that case.
  void read_logging(const JsonValue& root, LoadedDocument& doc) {
    const JsonValue* c = required_object(root, "LoggingEnabled", doc);
    if (c == nullptr) return;
    const std::string base = "/LoggingEnabled";
    LoggingConfiguration logging;
    logging.where = src_.ref(c->offset, base);
    logging.target_bucket = string_of(*c, "TargetBucket", base, &logging.target_where);
    logging.target_prefix = string_of(*c, "TargetPrefix", base);
    if (const JsonValue* g = array_of(*c, "TargetGrants", base)) {
      logging.has_target_grants = !g->items.empty();
    }
    if (logging.target_bucket.empty()) logging.target_where = logging.where;
    doc.logging = std::move(logging);
  }

  // `s3api get-bucket-website`: IndexDocument, ErrorDocument, RedirectAllRequestsTo,
  // RoutingRules at the top level.
  void read_website(const JsonValue& root, LoadedDocument& doc) {
    WebsiteConfiguration site;
    site.where = doc.where;
    if (const JsonValue* i = object_of(root, "IndexDocument", "")) {
      site.index_document = string_of(*i, "Suffix", "/IndexDocument");
    }
    if (const JsonValue* e = object_of(root, "ErrorDocument", "")) {
      site.error_document = string_of(*e, "Key", "/ErrorDocument");
    }
    if (const JsonValue* r = object_of(root, "RedirectAllRequestsTo", "")) {
      site.redirect_all_to = string_of(*r, "HostName", "/RedirectAllRequestsTo");
    }
    if (const JsonValue* rr = array_of(root, "RoutingRules", "")) {
      site.routing_rules = rr->items.size();
    }
    doc.website = std::move(site);
  }

  // `s3api get-bucket-policy-status`: {"PolicyStatus": {"IsPublic": false}}.
  void read_policy_status(const JsonValue& root, LoadedDocument& doc) {
    const JsonValue* c = required_object(root, "PolicyStatus", doc);
    if (c == nullptr) return;
    PolicyStatus status;
    status.where = src_.ref(c->offset, "/PolicyStatus");
    status.is_public = bool_of(*c, "IsPublic", "/PolicyStatus");
    if (const JsonValue* v = c->find("IsPublic"); v != nullptr) {
      status.where = src_.ref(v->offset, "/PolicyStatus/IsPublic");
    }
    doc.policy_status = status;
  }

  // `s3api get-bucket-location`: {"LocationConstraint": "eu-west-1"}; null (or absent, or "")
  // means us-east-1, and the legacy value "EU" means eu-west-1:
  // https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketLocation.html
  void read_location(const JsonValue& root, LoadedDocument& doc) {
    const JsonValue* v = root.find("LocationConstraint");
    doc.region_where =
        src_.ref(v != nullptr ? v->offset : root.offset, v != nullptr ? "/LocationConstraint" : "");
    std::string region = string_of(root, "LocationConstraint", "");
    if (region.empty()) region = "us-east-1";
    if (region == "EU") region = "eu-west-1";
    doc.region = std::move(region);
  }

  // `s3control get-access-point`: Name, Bucket, NetworkOrigin, VpcConfiguration,
  // PublicAccessBlockConfiguration, AccessPointArn, BucketAccountId (newer CLI versions).
  void read_access_point(const JsonValue& root, LoadedDocument& doc) {
    AccessPoint ap;
    ap.where = doc.where;
    ap.name = string_of(root, "Name", "");
    ap.bucket = string_of(root, "Bucket", "");
    ap.network_origin = string_of(root, "NetworkOrigin", "");
    ap.bucket_account = string_of(root, "BucketAccountId", "");
    ap.arn = string_of(root, "AccessPointArn", "");
    AccessPointArn parsed;
    if (parse_access_point_arn(ap.arn, parsed)) {
      ap.arn = parsed.arn;
      ap.region = parsed.region;
      ap.account_id = parsed.account;
    }
    if (const JsonValue* c = object_of(root, "PublicAccessBlockConfiguration", "")) {
      const std::string p = "/PublicAccessBlockConfiguration";
      PublicAccessBlock pab;
      pab.where = src_.ref(c->offset, p);
      pab.block_public_acls = bool_of(*c, "BlockPublicAcls", p);
      pab.ignore_public_acls = bool_of(*c, "IgnorePublicAcls", p);
      pab.block_public_policy = bool_of(*c, "BlockPublicPolicy", p);
      pab.restrict_public_buckets = bool_of(*c, "RestrictPublicBuckets", p);
      ap.public_access_block = pab;
    }
    doc.access_point = std::move(ap);
  }

  // `iam list-role-policies` / `iam list-user-policies`: {"PolicyNames": ["a", "b"]}.
  void read_policy_names(const JsonValue& root, LoadedDocument& doc) {
    const JsonValue* list = array_of(root, "PolicyNames", "");
    if (list == nullptr) {
      if (!has(root, "PolicyNames")) missing(root, "PolicyNames", doc);
      return;
    }
    for (std::size_t i = 0; i < list->items.size(); ++i) {
      const JsonValue& item = list->items[i];
      const std::string p = pointer_append("/PolicyNames", i);
      if (!item.is_string()) {
        wrong_type(item, p, "PolicyNames item", "a string");
        continue;
      }
      doc.policy_names.push_back({item.text, src_.ref(item.offset, p)});
    }
  }

  // An S3 destination ARN "arn:aws:s3:::bucket/prefix/" -> bucket and prefix (no slashes at
  // either end).
  static void split_s3_destination(std::string_view arn, std::string& bucket, std::string& prefix) {
    if (const std::size_t at = arn.find(":s3:::"); at != std::string_view::npos) {
      arn.remove_prefix(at + 6);
    }
    const std::size_t slash = arn.find('/');
    bucket = std::string(arn.substr(0, slash));
    prefix = slash == std::string_view::npos ? std::string() : std::string(arn.substr(slash + 1));
    while (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
  }

  // Region and account of an ARN (fields 4 and 5); empty when absent.
  static void arn_region_account(std::string_view arn, std::string& region, std::string& account) {
    std::vector<std::string_view> f;
    for (std::size_t k = 0; k < 5; ++k) {
      const std::size_t colon = arn.find(':');
      if (colon == std::string_view::npos) return;
      f.push_back(arn.substr(0, colon));
      arn.remove_prefix(colon + 1);
    }
    region = std::string(f[3]);
    account = is_account_id(f[4]) ? std::string(f[4]) : std::string();
  }

  // `ec2 describe-flow-logs`: {"FlowLogs": [{"FlowLogId", "LogDestinationType": "s3",
  // "LogDestination": "arn:aws:s3:::bucket/prefix/", ...}]}; flow logs to CloudWatch Logs or
  // Firehose are not S3 deliveries.
  // https://docs.aws.amazon.com/cli/latest/reference/ec2/describe-flow-logs.html
  void read_flow_logs(const JsonValue& root, LoadedDocument& doc) {
    for_each_required(root, "FlowLogs", doc, [&](const JsonValue& f, const std::string& p) {
      if (string_of(f, "LogDestinationType", p) != "s3") return;
      LogDelivery d;
      d.kind = LogDelivery::Kind::kFlowLog;
      d.where = src_.ref(f.offset, p);
      d.name = string_of(f, "FlowLogId", p);
      const std::string destination = string_of(f, "LogDestination", p, &d.bucket_where);
      split_s3_destination(destination, d.bucket, d.prefix);
      if (!d.bucket.empty()) doc.log_deliveries.push_back(std::move(d));
    });
  }

  // `cloudtrail describe-trails`: {"trailList": [{"Name", "S3BucketName", "S3KeyPrefix",
  // "TrailARN", "HomeRegion", ...}]}.
  // https://docs.aws.amazon.com/cli/latest/reference/cloudtrail/describe-trails.html
  void read_trails(const JsonValue& root, LoadedDocument& doc) {
    for_each_required(root, "trailList", doc, [&](const JsonValue& t, const std::string& p) {
      // An organization trail writes under AWSLogs/<organization ID>/<account>/: not judged.
      if (bool_of(t, "IsOrganizationTrail", p)) return;
      LogDelivery d;
      d.kind = LogDelivery::Kind::kCloudTrail;
      d.where = src_.ref(t.offset, p);
      d.name = string_of(t, "Name", p);
      d.bucket = string_of(t, "S3BucketName", p, &d.bucket_where);
      d.prefix = string_of(t, "S3KeyPrefix", p);
      while (!d.prefix.empty() && d.prefix.back() == '/') d.prefix.pop_back();
      d.arn = string_of(t, "TrailARN", p);
      arn_region_account(d.arn, d.region, d.account_id);
      if (const std::string home = string_of(t, "HomeRegion", p); !home.empty()) d.region = home;
      if (!d.bucket.empty()) doc.log_deliveries.push_back(std::move(d));
    });
  }

  // `elbv2 describe-load-balancers`: {"LoadBalancers": [{"LoadBalancerArn", "LoadBalancerName",
  // "Type": "application" | "network" | "gateway", ...}]}: what the attributes of a load
  // balancer saved beside it do not say (its type, ARN and Region).
  // https://docs.aws.amazon.com/cli/latest/reference/elbv2/describe-load-balancers.html
  void read_load_balancers(const JsonValue& root, LoadedDocument& doc) {
    for_each_object(root, "LoadBalancers", "", [&](const JsonValue& lb, const std::string& p) {
      LogDelivery d;
      d.where = src_.ref(lb.offset, p);
      d.name = string_of(lb, "LoadBalancerName", p);
      d.arn = string_of(lb, "LoadBalancerArn", p);
      const std::string type = string_of(lb, "Type", p);
      d.kind = type == "application" ? LogDelivery::Kind::kApplicationLoadBalancer
               : type == "network"   ? LogDelivery::Kind::kNetworkLoadBalancer
                                     : LogDelivery::Kind::kLoadBalancer;
      arn_region_account(d.arn, d.region, d.account_id);
      doc.load_balancers.push_back(std::move(d));
    });
  }

  // `elbv2 describe-load-balancer-attributes`: {"Attributes": [{"Key": "access_logs.s3.enabled",
  // "Value": "true"}, {"Key": "access_logs.s3.bucket", ...}, {"Key": "access_logs.s3.prefix",
  // ...}, ...]}. It names no load balancer: the folder (load-balancers/<name>/) and a
  // describe-load-balancers output beside it do.
  // https://docs.aws.amazon.com/cli/latest/reference/elbv2/describe-load-balancer-attributes.html
  void read_load_balancer_attributes(const JsonValue& root, LoadedDocument& doc) {
    const JsonValue* list = array_of(root, "Attributes", "");
    if (list == nullptr) return;
    LogDelivery d;
    d.kind = LogDelivery::Kind::kLoadBalancer;
    d.where = src_.ref(root.offset, "");
    bool enabled = false;
    each_object(*list, "/Attributes", "Attributes", [&](const JsonValue& a, const std::string& p) {
      const std::string key = string_of(a, "Key", p);
      SourceRef where;
      const std::string value = string_of(a, "Value", p, &where);
      if (key == "access_logs.s3.enabled") {
        enabled = value == "true";
      } else if (key == "access_logs.s3.bucket") {
        d.bucket = value;
        d.bucket_where = where;
      } else if (key == "access_logs.s3.prefix") {
        d.prefix = value;
        while (!d.prefix.empty() && d.prefix.back() == '/') d.prefix.pop_back();
      }
    });
    if (enabled && !d.bucket.empty()) doc.log_deliveries.push_back(std::move(d));
  }

  Acl read_acl(const JsonValue& root, const std::string& base) {
    Acl acl;
    acl.where = src_.ref(root.offset, base);
    if (const JsonValue* owner = object_of(root, "Owner", base)) {
      acl.owner_id = string_of(*owner, "ID", pointer_append(base, "Owner"), &acl.owner_where);
      if (acl.owner_id.empty())
        acl.owner_where = src_.ref(owner->offset, pointer_append(base, "Owner"));
    }
    const std::string gp = pointer_append(base, "Grants");
    const JsonValue* grants = array_of(root, "Grants", base);
    if (grants == nullptr) return acl;
    each_object(*grants, gp, "Grants", [&](const JsonValue& g, const std::string& p) {
      AclGrant grant;
      grant.where = src_.ref(g.offset, p);
      grant.permission = string_of(g, "Permission", p);
      if (const JsonValue* grantee = object_of(g, "Grantee", p)) {
        const std::string ep = pointer_append(p, "Grantee");
        const std::string type = string_of(*grantee, "Type", ep);
        grant.id = string_of(*grantee, "ID", ep);
        grant.uri = string_of(*grantee, "URI", ep);
        grant.email = string_of(*grantee, "EmailAddress", ep);
        grant.display_name = string_of(*grantee, "DisplayName", ep);
        // `Type` is required in the S3 model but the CLI examples omit it
        // (docs/aws-semantics.md 7.1).
        if (type == "CanonicalUser" || (type.empty() && !grant.id.empty())) {
          grant.type = GranteeType::kCanonicalUser;
        } else if (type == "Group" || (type.empty() && !grant.uri.empty())) {
          grant.type = GranteeType::kGroup;
        } else if (type == "AmazonCustomerByEmail" || (type.empty() && !grant.email.empty())) {
          grant.type = GranteeType::kEmail;
        }
      }
      acl.grants.push_back(std::move(grant));
    });
    return acl;
  }

  void read_acl_document(const JsonValue& root, LoadedDocument& doc) {
    if (!has(root, "Grants") && !has(root, "Owner")) {
      missing(root, "Grants", doc);
      return;
    }
    doc.acl = read_acl(root, "");
  }

  static ObjectOwnership ownership_value(std::string_view s) {
    if (s == "ObjectWriter") return ObjectOwnership::kObjectWriter;
    if (s == "BucketOwnerPreferred") return ObjectOwnership::kBucketOwnerPreferred;
    if (s == "BucketOwnerEnforced") return ObjectOwnership::kBucketOwnerEnforced;
    return ObjectOwnership::kUnknown;
  }

  void read_ownership(const JsonValue& root, LoadedDocument& doc) {
    if (is_error_body(root, "OwnershipControlsNotFoundError")) {
      // No ownership controls at all: S3 behaves as ObjectWriter (docs/aws-semantics.md 2.2).
      doc.ownership = {ObjectOwnership::kObjectWriter, OwnershipSetting::Source::kNotFoundError,
                       doc.where};
      return;
    }
    const JsonValue* controls = required_object(root, "OwnershipControls", doc);
    if (controls == nullptr) return;
    for_each_object(
        *controls, "Rules", "/OwnershipControls", [&](const JsonValue& rule, const std::string& p) {
          SourceRef where;
          const std::string value = string_of(rule, "ObjectOwnership", p, &where);
          if (value.empty()) return;
          const ObjectOwnership o = ownership_value(value);
          if (o == ObjectOwnership::kUnknown) {
            diag("IN009", *rule.find("ObjectOwnership"), pointer_append(p, "ObjectOwnership"),
                 fmt::format("'ObjectOwnership' must be 'BucketOwnerEnforced', "
                             "'BucketOwnerPreferred' or 'ObjectWriter', found '{}'",
                             value),
                 false);
            return;
          }
          // One rule per bucket (docs/aws-semantics.md 2.1); the first valid one wins.
          if (!doc.ownership.known()) {
            doc.ownership = {o, OwnershipSetting::Source::kDocument, where};
          }
        });
  }

  void read_public_access_block(const JsonValue& root, LoadedDocument& doc) {
    // The error body of get-public-access-block when nothing is configured: every setting off.
    if (is_error_body(root, "NoSuchPublicAccessBlockConfiguration")) {
      PublicAccessBlock none;
      none.where = src_.ref(root.offset, "");
      doc.public_access_block = none;
      return;
    }
    const JsonValue* c = required_object(root, "PublicAccessBlockConfiguration", doc);
    if (c == nullptr) return;
    const std::string p = "/PublicAccessBlockConfiguration";
    PublicAccessBlock pab;
    pab.where = src_.ref(c->offset, p);
    pab.block_public_acls = bool_of(*c, "BlockPublicAcls", p);
    pab.ignore_public_acls = bool_of(*c, "IgnorePublicAcls", p);
    pab.block_public_policy = bool_of(*c, "BlockPublicPolicy", p);
    pab.restrict_public_buckets = bool_of(*c, "RestrictPublicBuckets", p);
    doc.public_access_block = pab;
  }

  void read_encryption(const JsonValue& root, LoadedDocument& doc) {
    const JsonValue* c = required_object(root, "ServerSideEncryptionConfiguration", doc);
    if (c == nullptr) return;
    const std::string base = "/ServerSideEncryptionConfiguration";
    BucketEncryption enc;
    enc.where = src_.ref(c->offset, base);
    if (const JsonValue* rules = array_of(*c, "Rules", base)) {
      for (std::size_t i = 0; i < rules->items.size(); ++i) {
        const JsonValue& rule = rules->items[i];
        const std::string p = pointer_append(pointer_append(base, "Rules"), i);
        if (!rule.is_object()) {
          wrong_type(rule, p, "Rules item", "an object");
          continue;
        }
        if (const JsonValue* d = object_of(rule, "ApplyServerSideEncryptionByDefault", p)) {
          const std::string dp = pointer_append(p, "ApplyServerSideEncryptionByDefault");
          enc.where = src_.ref(d->offset, dp);
          enc.algorithm = string_of(*d, "SSEAlgorithm", dp);
          enc.kms_key_id = string_of(*d, "KMSMasterKeyID", dp);
        }
        enc.bucket_key_enabled = bool_of(rule, "BucketKeyEnabled", p);
        break;  // S3 keeps one rule: the first object, and what precedes it is reported
      }
    }
    doc.encryption = enc;
  }

  void read_listing(const JsonValue& root, LoadedDocument& doc) {
    doc.listing_where = doc.where;
    doc.bucket_name = string_of(root, "Name", "", &doc.bucket_where);
    const JsonValue* contents = array_of(root, "Contents", "");
    if (contents == nullptr) return;
    doc.objects.reserve(contents->items.size());
    each_object(*contents, "/Contents", "Contents", [&](const JsonValue& o, const std::string& p) {
      ObjectEntry entry;
      entry.where = src_.ref(o.offset, p);
      entry.key = string_of(o, "Key", p);
      if (const JsonValue* owner = object_of(o, "Owner", p)) {
        entry.owner_id = string_of(*owner, "ID", pointer_append(p, "Owner"));
      }
      doc.objects.push_back(std::move(entry));
    });
  }

  void read_role(const JsonValue& root, LoadedDocument& doc) {
    const JsonValue* r = required_object(root, "Role", doc);
    if (r == nullptr) return;
    Role role;
    role.where = src_.ref(r->offset, "/Role");
    role.name = string_of(*r, "RoleName", "/Role");
    role.role_id = string_of(*r, "RoleId", "/Role");
    role.arn = string_of(*r, "Arn", "/Role");
    role.account_id = account_of_arn(role.arn);
    if (const JsonValue* trust = r->find("AssumeRolePolicyDocument");
        trust != nullptr && !trust->is_null()) {
      doc.policy = embedded_policy(*trust, "/Role/AssumeRolePolicyDocument",
                                   "'AssumeRolePolicyDocument'", PolicyKind::kTrust);
    }
    doc.role = std::move(role);
  }

  void read_role_policy(const JsonValue& root, LoadedDocument& doc) {
    doc.policy_name = string_of(root, "PolicyName", "");
    doc.owner_name = string_of(root, "RoleName", "");
    if (doc.owner_name.empty()) {
      doc.owner_name = string_of(root, "UserName", "");
      doc.owner_is_user = !doc.owner_name.empty();
    }
    const JsonValue* d = root.find("PolicyDocument");
    if (d == nullptr || d->is_null()) {
      missing(root, "PolicyDocument", doc);
      return;
    }
    doc.policy = embedded_policy(*d, "/PolicyDocument", "'PolicyDocument'", PolicyKind::kIdentity);
    if (doc.policy != nullptr) doc.policy->name = doc.policy_name;
  }

  void read_policy_version(const JsonValue& root, LoadedDocument& doc) {
    const JsonValue* v = object_of(root, "PolicyVersion", "");
    const JsonValue* d = v == nullptr ? nullptr : v->find("Document");
    if (d == nullptr || d->is_null()) {
      missing(root, v == nullptr ? "PolicyVersion" : "PolicyVersion.Document", doc);
      return;
    }
    doc.version_id = string_of(*v, "VersionId", "/PolicyVersion");
    if (const JsonValue* is_default =
            typed_member(*v, "IsDefaultVersion", "/PolicyVersion", JsonType::kBool, "a boolean")) {
      doc.is_default_version = is_default->boolean;
    }
    doc.policy =
        embedded_policy(*d, "/PolicyVersion/Document", "'Document'", PolicyKind::kIdentity);
  }

  // `iam get-policy`: {"Policy": {"PolicyName", "Arn", "DefaultVersionId", ...}}. Metadata
  // only: the document is in the get-policy-version output of the default version.
  void read_managed_policy(const JsonValue& root, LoadedDocument& doc) {
    const JsonValue* p = object_of(root, "Policy", "");
    if (p == nullptr) {
      missing(root, "Policy", doc);
      return;
    }
    doc.policy_name = string_of(*p, "PolicyName", "/Policy");
    doc.policy_arn = string_of(*p, "Arn", "/Policy", &doc.policy_arn_where);
    if (doc.policy_arn.empty()) doc.policy_arn_where = src_.ref(p->offset, "/Policy");
    doc.default_version_id = string_of(*p, "DefaultVersionId", "/Policy");
    doc.account_id = account_of_arn(doc.policy_arn);
  }

  // `iam list-roles`: {"Roles": [{"RoleName", "RoleId", "Arn", "AssumeRolePolicyDocument"}]}.
  // The trust policy is an object (AWS CLI v2) or a URL-encoded string (the raw API). list-roles
  // gives no permission policies; they come from get-role-policy, list-attached-role-policies
  // and the managed policies' get-policy-version.
  void read_role_list(const JsonValue& root, LoadedDocument& doc) {
    for_each_required(root, "Roles", doc, [&](const JsonValue& e, const std::string& p) {
      DumpedPrincipal d;
      d.where = src_.ref(e.offset, p);
      d.name = string_of(e, "RoleName", p);
      d.unique_id = string_of(e, "RoleId", p);
      d.arn = string_of(e, "Arn", p);
      d.account_id = account_of_arn(d.arn);
      if (const JsonValue* t = e.find("AssumeRolePolicyDocument"); t != nullptr && !t->is_null()) {
        d.trust_policy = embedded_policy(*t, pointer_append(p, "AssumeRolePolicyDocument"),
                                         "'AssumeRolePolicyDocument'", PolicyKind::kTrust);
      }
      if (!d.arn.empty() && !d.name.empty()) doc.principals.push_back(std::move(d));
    });
  }

  // `s3api list-buckets`: {"Buckets": [{"Name", "CreationDate"}], "Owner": {"DisplayName",
  // "ID"}}. Owner.ID is the canonical user ID of the account that owns every bucket listed.
  void read_bucket_list(const JsonValue& root, LoadedDocument& doc) {
    if (const JsonValue* owner = object_of(root, "Owner", "")) {
      doc.canonical_id = string_of(*owner, "ID", "/Owner", &doc.canonical_where);
    }
    for_each_required(root, "Buckets", doc, [&](const JsonValue& b, const std::string& p) {
      SourceRef where;
      std::string name = string_of(b, "Name", p, &where);
      if (!name.empty()) doc.listed_buckets.emplace_back(std::move(name), std::move(where));
    });
  }

  // The Items array of a CloudFront list ({"<ListKey>": {"Items": [...], "Quantity": n}}); an
  // empty list has no Items. Calls `f(item, pointer)` for each object item.
  template <typename F>
  void cloudfront_items(const JsonValue& root, std::string_view list_key, LoadedDocument& doc,
                        F&& f) {
    const JsonValue* list = required_object(root, list_key, doc);
    if (list == nullptr) return;
    const std::string lp = pointer_append("", list_key);
    for_each_object(*list, "Items", lp, std::forward<F>(f));
  }

  // `cloudfront list-distributions`: DistributionList.Items[] are DistributionSummary objects,
  // which carry Id, ARN and Origins directly (no DistributionConfig).
  void read_distribution_list(const JsonValue& root, LoadedDocument& doc) {
    cloudfront_items(root, "DistributionList", doc,
                     [&](const JsonValue& item, const std::string& p) {
                       Distribution dist;
                       dist.where = src_.ref(item.offset, p);
                       dist.id = string_of(item, "Id", p);
                       dist.arn = string_of(item, "ARN", p);
                       dist.account_id = account_of_arn(dist.arn);
                       read_origins(item, p, dist);
                       doc.distributions.push_back(std::move(dist));
                     });
  }

  // `cloudfront list-cloud-front-origin-access-identities`: Items[] {Id, S3CanonicalUserId}.
  void read_oai_list(const JsonValue& root, LoadedDocument& doc) {
    cloudfront_items(root, "CloudFrontOriginAccessIdentityList", doc,
                     [&](const JsonValue& item, const std::string& p) {
                       OriginAccessIdentity oai;
                       oai.where = src_.ref(item.offset, p);
                       oai.id = string_of(item, "Id", p);
                       oai.canonical_user_id = string_of(item, "S3CanonicalUserId", p);
                       if (!oai.id.empty()) doc.oais.push_back(std::move(oai));
                     });
  }

  // `cloudfront list-origin-access-controls`: Items[] are OriginAccessControlSummary objects.
  void read_oac_list(const JsonValue& root, LoadedDocument& doc) {
    cloudfront_items(root, "OriginAccessControlList", doc,
                     [&](const JsonValue& item, const std::string& p) {
                       OriginAccessControl oac;
                       oac.where = src_.ref(item.offset, p);
                       oac.id = string_of(item, "Id", p);
                       oac.name = string_of(item, "Name", p);
                       oac.signing_behavior = string_of(item, "SigningBehavior", p);
                       oac.signing_protocol = string_of(item, "SigningProtocol", p);
                       oac.origin_type = string_of(item, "OriginAccessControlOriginType", p);
                       if (!oac.id.empty()) doc.oacs.push_back(std::move(oac));
                     });
  }

  // `organizations describe-organization`: {"Organization": {"Id", "MasterAccountId", ...}}.
  void read_organization(const JsonValue& root, LoadedDocument& doc) {
    const JsonValue* o = required_object(root, "Organization", doc);
    if (o == nullptr) return;
    SourceRef where;
    doc.organization_id = string_of(*o, "Id", "/Organization", &where);
    doc.management_account = string_of(*o, "MasterAccountId", "/Organization");
    if (!doc.management_account.empty() && !is_account_id(doc.management_account)) {
      diag("IN009", *o->find("MasterAccountId"), "/Organization/MasterAccountId",
           fmt::format("'MasterAccountId' must be a 12-digit account ID, found '{}'",
                       doc.management_account),
           false);
      doc.management_account.clear();
    }
  }

  // `organizations list-accounts`: {"Accounts": [{"Id", "Arn", "Name", "Email", "Status"}]}.
  void read_organization_accounts(const JsonValue& root, LoadedDocument& doc) {
    for_each_required(root, "Accounts", doc, [&](const JsonValue& a, const std::string& p) {
      Account account;
      account.id = string_of(a, "Id", p, &account.where);
      if (!is_account_id(account.id)) {
        if (!account.id.empty()) {
          diag("IN009", *a.find("Id"), pointer_append(p, "Id"),
               fmt::format("'Id' must be a 12-digit account ID, found '{}'", account.id), false);
        }
        return;
      }
      account.name = string_of(a, "Name", p);
      doc.organization_accounts.push_back(std::move(account));
    });
  }

  // ---- iam get-account-authorization-details ---------------------------------------------------
  // {"UserDetailList": [...], "GroupDetailList": [...], "RoleDetailList": [...], "Policies": [...]}
  // Policy documents are objects (AWS CLI v2) or URL-encoded strings (the raw API, older dumps).
  // Only the default version of a managed policy is in force; it is built once and shared by
  // every role and user it is attached to.

  // One entry of a *PolicyList ({"PolicyName", "PolicyDocument"}): the built policy or null.
  PolicyDocument* inline_policy(const JsonValue& item, const std::string& p) {
    if (!item.is_object()) {
      wrong_type(item, p, "inline policy", "an object");
      return nullptr;
    }
    const JsonValue* d = item.find("PolicyDocument");
    if (d == nullptr || d->is_null()) return nullptr;
    PolicyDocument* policy = embedded_policy(*d, pointer_append(p, "PolicyDocument"),
                                             "'PolicyDocument'", PolicyKind::kIdentity);
    if (policy != nullptr) policy->name = string_of(item, "PolicyName", p);
    return policy;
  }

  void inline_policies(const JsonValue& entity, std::string_view key, const std::string& p,
                       std::vector<PolicyDocument*>& out) {
    const JsonValue* list = array_of(entity, key, p);
    if (list == nullptr) return;
    const std::string lp = pointer_append(p, key);
    for (std::size_t i = 0; i < list->items.size(); ++i) {
      if (PolicyDocument* policy = inline_policy(list->items[i], pointer_append(lp, i))) {
        out.push_back(policy);
      }
    }
  }

  // AttachedManagedPolicies: [{"PolicyName", "PolicyArn"}]; resolved against the dump's Policies.
  void attached_policies(const JsonValue& entity, const std::string& p,
                         const std::unordered_map<std::string_view, PolicyDocument*>& managed,
                         DumpedPrincipal& out, std::vector<PolicyDocument*>& policies) {
    const JsonValue* value = entity.find("AttachedManagedPolicies");
    if (value == nullptr || value->is_null()) return;
    // The AWS CLI reference's example prints a lone attachment as an object; real output is an
    // array. Both read the same.
    const bool lone = value->is_object();
    const JsonValue* list = lone ? value : array_of(entity, "AttachedManagedPolicies", p);
    if (list == nullptr) return;
    const std::string lp = pointer_append(p, "AttachedManagedPolicies");
    const std::size_t count = lone ? 1 : list->items.size();
    for (std::size_t i = 0; i < count; ++i) {
      const JsonValue& item = lone ? *list : list->items[i];
      const std::string ip = lone ? lp : pointer_append(lp, i);
      if (!item.is_object()) {
        wrong_type(item, ip, "AttachedManagedPolicies item", "an object");
        continue;
      }
      const JsonValue* arn = string_member(item, "PolicyArn", ip);
      if (arn == nullptr || arn->text.empty()) continue;
      out.attached_policy_arns.push_back(
          {arn->text, src_.ref(arn->offset, pointer_append(ip, "PolicyArn"))});
      if (auto it = managed.find(arn->text); it != managed.end() && it->second != nullptr) {
        policies.push_back(it->second);
      }
    }
  }

  // The default version of each managed policy, by ARN.
  std::unordered_map<std::string_view, PolicyDocument*> managed_policies(const JsonValue& root) {
    std::unordered_map<std::string_view, PolicyDocument*> out;
    const JsonValue* list = array_of(root, "Policies", "");
    if (list == nullptr) return out;
    each_object(*list, "/Policies", "Policies", [&](const JsonValue& item, const std::string& p) {
      const JsonValue* arn = string_member(item, "Arn", p);
      if (arn == nullptr || arn->text.empty()) return;
      const std::string default_version = string_of(item, "DefaultVersionId", p);
      const JsonValue* versions = array_of(item, "PolicyVersionList", p);
      PolicyDocument* built = nullptr;
      if (versions != nullptr) {
        const std::string vp = pointer_append(p, "PolicyVersionList");
        for (std::size_t v = 0; v < versions->items.size(); ++v) {
          const JsonValue& version = versions->items[v];
          if (!version.is_object()) continue;
          const JsonValue* is_default = version.find("IsDefaultVersion");
          const JsonValue* id = version.find("VersionId");
          const bool in_force =
              (is_default != nullptr && is_default->is_bool() && is_default->boolean) ||
              (id != nullptr && id->is_string() && !default_version.empty() &&
               id->text == default_version);
          const JsonValue* d = version.find("Document");
          if (!in_force || d == nullptr || d->is_null()) continue;
          built = embedded_policy(*d, pointer_append(pointer_append(vp, v), "Document"),
                                  "'Document'", PolicyKind::kIdentity);
          if (built != nullptr) built->name = std::string(arn->text);
          break;
        }
      }
      out.emplace(arn->text, built);
    });
    return out;
  }

  // Boundary: {"PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": "..."}.
  PolicyDocument* boundary_of(
      const JsonValue& entity, const std::string& p,
      const std::unordered_map<std::string_view, PolicyDocument*>& managed) {
    const JsonValue* b = object_of(entity, "PermissionsBoundary", p);
    if (b == nullptr) return nullptr;
    const JsonValue* arn =
        string_member(*b, "PermissionsBoundaryArn", pointer_append(p, "PermissionsBoundary"));
    if (arn == nullptr) return nullptr;
    auto it = managed.find(arn->text);
    return it == managed.end() ? nullptr : it->second;
  }

  void read_authorization_details(const JsonValue& root, LoadedDocument& doc) {
    const auto managed = managed_policies(root);
    // Groups: the policies their members get.
    std::unordered_map<std::string_view, std::vector<PolicyDocument*>> groups;
    for_each_object(root, "GroupDetailList", "", [&](const JsonValue& g, const std::string& p) {
      const JsonValue* name = string_member(g, "GroupName", p);
      if (name == nullptr) return;
      std::vector<PolicyDocument*>& policies = groups[name->text];
      inline_policies(g, "GroupPolicyList", p, policies);
      DumpedPrincipal ignored;
      attached_policies(g, p, managed, ignored, policies);
    });
    auto principal = [&](const JsonValue& e, const std::string& p, bool is_user) {
      DumpedPrincipal d;
      d.is_user = is_user;
      d.where = src_.ref(e.offset, p);
      d.name = string_of(e, is_user ? "UserName" : "RoleName", p);
      d.unique_id = string_of(e, is_user ? "UserId" : "RoleId", p);
      d.arn = string_of(e, "Arn", p);
      d.account_id = account_of_arn(d.arn);
      if (!is_user) {
        if (const JsonValue* t = e.find("AssumeRolePolicyDocument");
            t != nullptr && !t->is_null()) {
          d.trust_policy = embedded_policy(*t, pointer_append(p, "AssumeRolePolicyDocument"),
                                           "'AssumeRolePolicyDocument'", PolicyKind::kTrust);
        }
      }
      inline_policies(e, is_user ? "UserPolicyList" : "RolePolicyList", p, d.policies);
      attached_policies(e, p, managed, d, d.policies);
      d.permissions_boundary = boundary_of(e, p, managed);
      if (is_user) {
        if (const JsonValue* list = array_of(e, "GroupList", p)) {
          for (const JsonValue& g : list->items) {
            if (!g.is_string()) continue;
            if (auto it = groups.find(g.text); it != groups.end()) {
              d.policies.insert(d.policies.end(), it->second.begin(), it->second.end());
            }
          }
        }
      }
      if (!d.arn.empty() && !d.name.empty()) doc.principals.push_back(std::move(d));
    };
    // Not a structured binding: clang 14 cannot capture one in a lambda.
    for (const auto& list :
         {std::pair<std::string_view, bool>{"RoleDetailList", false}, {"UserDetailList", true}}) {
      const bool is_user = list.second;
      for_each_object(root, list.first, "",
                      [&](const JsonValue& e, const std::string& p) { principal(e, p, is_user); });
    }
  }

  void read_attached(const JsonValue& root, LoadedDocument& doc) {
    for_each_required(root, "AttachedPolicies", doc, [&](const JsonValue& a, const std::string& p) {
      // A view of the tree's string: LocatedString does not own its text.
      const JsonValue* arn = string_member(a, "PolicyArn", p);
      if (arn != nullptr && !arn->text.empty()) {
        doc.attached_policy_arns.push_back(
            {arn->text, src_.ref(arn->offset, pointer_append(p, "PolicyArn"))});
      }
    });
  }

  // The member names of a distribution's configuration: get-distribution(-config) and
  // list-distributions print them in PascalCase, AWS Config items in camelCase.
  struct DistributionFields {
    std::string_view origins, items, id, domain_name, s3_origin_config, origin_access_identity,
        origin_access_control_id, logging, bucket, enabled;
  };
  static constexpr DistributionFields kCliDistribution{"Origins",
                                                       "Items",
                                                       "Id",
                                                       "DomainName",
                                                       "S3OriginConfig",
                                                       "OriginAccessIdentity",
                                                       "OriginAccessControlId",
                                                       "Logging",
                                                       "Bucket",
                                                       "Enabled"};
  static constexpr DistributionFields kConfigDistribution{"origins",
                                                          "items",
                                                          "id",
                                                          "domainName",
                                                          "s3OriginConfig",
                                                          "originAccessIdentity",
                                                          "originAccessControlId",
                                                          "logging",
                                                          "bucket",
                                                          "enabled"};

  void read_origins(const JsonValue& config, const std::string& base, Distribution& dist,
                    const DistributionFields& f = kCliDistribution) {
    const JsonValue* origins = object_of(config, f.origins, base);
    if (origins == nullptr) return;
    const std::string op = pointer_append(base, f.origins);
    const JsonValue* items = array_of(*origins, f.items, op);
    if (items == nullptr) return;
    const std::string ip = pointer_append(op, f.items);
    const std::string label = fmt::format("{}.{}", f.origins, f.items);
    each_object(*items, ip, label, [&](const JsonValue& item, const std::string& p) {
      Origin origin;
      origin.where = src_.ref(item.offset, p);
      origin.id = string_of(item, f.id, p);
      origin.domain_name = string_of(item, f.domain_name, p);
      bool website = false;
      std::string bucket;
      if (parse_s3_domain(origin.domain_name, bucket, website)) {
        origin.bucket = bucket;
        origin.is_website_endpoint = website;
        origin.is_s3 = !website;
      }
      if (const JsonValue* s3 = object_of(item, f.s3_origin_config, p)) {
        origin.is_s3 = true;
        const std::string sp = pointer_append(p, f.s3_origin_config);
        SourceRef where;
        const std::string oai = string_of(*s3, f.origin_access_identity, sp, &where);
        constexpr std::string_view kPrefix = "origin-access-identity/cloudfront/";
        if (!oai.empty()) {
          origin.oai_id = oai.starts_with(kPrefix) ? oai.substr(kPrefix.size()) : oai;
          origin.oai_where = where;
        }
      }
      SourceRef oac_where;
      origin.oac_id = string_of(item, f.origin_access_control_id, p, &oac_where);
      if (!origin.oac_id.empty()) origin.oac_where = oac_where;
      dist.origins.push_back(std::move(origin));
    });
  }

  // Standard logging (legacy): {"Logging": {"Enabled": true, "Bucket": "b.s3.amazonaws.com"}}.
  void read_distribution_logging(const JsonValue& config, const std::string& base,
                                 Distribution& dist,
                                 const DistributionFields& f = kCliDistribution) {
    const JsonValue* l = object_of(config, f.logging, base);
    if (l == nullptr) return;
    const std::string lp = pointer_append(base, f.logging);
    SourceRef where;
    const std::string target = string_of(*l, f.bucket, lp, &where);
    const JsonValue* enabled = l->find(f.enabled);
    const bool on = enabled == nullptr || !enabled->is_bool() || enabled->boolean;
    std::string bucket;
    bool website = false;
    if (on && !target.empty()) {
      dist.logging_bucket = parse_s3_domain(target, bucket, website) ? bucket : target;
      dist.logging_where = where;
    }
  }

  void read_distribution(const JsonValue& root, LoadedDocument& doc) {
    Distribution dist;
    dist.where = doc.where;
    const JsonValue* config = nullptr;
    std::string base;
    if (const JsonValue* d = object_of(root, "Distribution", "")) {
      dist.where = src_.ref(d->offset, "/Distribution");
      dist.id = string_of(*d, "Id", "/Distribution");
      dist.arn = string_of(*d, "ARN", "/Distribution");
      dist.account_id = account_of_arn(dist.arn);
      config = object_of(*d, "DistributionConfig", "/Distribution");
      base = "/Distribution/DistributionConfig";
    } else if (const JsonValue* c = object_of(root, "DistributionConfig", "")) {
      config = c;
      base = "/DistributionConfig";
    } else if (has(root, "Origins")) {
      config = &root;  // a bare DistributionConfig (create-distribution input)
    }
    if (config == nullptr) {
      missing(root, "DistributionConfig", doc);
      return;
    }
    read_origins(*config, base, dist);
    read_distribution_logging(*config, base, dist);
    doc.distribution = std::move(dist);
  }

  void read_oai(const JsonValue& root, LoadedDocument& doc) {
    const JsonValue* o = required_object(root, "CloudFrontOriginAccessIdentity", doc);
    if (o == nullptr) return;
    const std::string p = "/CloudFrontOriginAccessIdentity";
    OriginAccessIdentity oai;
    oai.where = src_.ref(o->offset, p);
    oai.id = string_of(*o, "Id", p);
    oai.canonical_user_id = string_of(*o, "S3CanonicalUserId", p);
    doc.oai = std::move(oai);
  }

  void read_oac(const JsonValue& root, LoadedDocument& doc) {
    const JsonValue* o = required_object(root, "OriginAccessControl", doc);
    if (o == nullptr) return;
    const std::string p = "/OriginAccessControl";
    OriginAccessControl oac;
    oac.where = src_.ref(o->offset, p);
    oac.id = string_of(*o, "Id", p);
    if (const JsonValue* c = object_of(*o, "OriginAccessControlConfig", p)) {
      const std::string cp = pointer_append(p, "OriginAccessControlConfig");
      oac.name = string_of(*c, "Name", cp);
      oac.signing_behavior = string_of(*c, "SigningBehavior", cp);
      oac.signing_protocol = string_of(*c, "SigningProtocol", cp);
      oac.origin_type = string_of(*c, "OriginAccessControlOriginType", cp);
    }
    doc.oac = std::move(oac);
  }

  // AWS Config configuration item for AWS::S3::Bucket (docs/aws-semantics.md 8): ACL and policy are
  // JSON strings; ACL permissions use Config spellings; group grantees are bare names.
  // ---- AWS Config -------------------------------------------------------------------------------
  // Several items: {"configurationItems": [...]} (get-resource-config-history, a configuration
  // snapshot file delivered to S3), {"Results": ["<item as JSON>", ...]} (select-resource-config,
  // select-aggregate-resource-config), or one item of a type other than AWS::S3::Bucket. Buckets
  // and IAM roles are read; items of other types say nothing about S3 access and are skipped.
  void read_config_items(const JsonValue& root, LoadedDocument& doc) {
    if (const JsonValue* items = root.find("configurationItems"); items != nullptr) {
      if (!items->is_array()) {
        wrong_type(*items, "/configurationItems", "configurationItems", "an array");
        return;
      }
      for (std::size_t i = 0; i < items->items.size(); ++i) {
        config_item(items->items[i], pointer_append("/configurationItems", i), true, doc);
      }
      return;
    }
    if (const JsonValue* results = root.find("Results"); results != nullptr) {
      if (!results->is_array()) {
        wrong_type(*results, "/Results", "Results", "an array");
        return;
      }
      for (std::size_t i = 0; i < results->items.size(); ++i) {
        const JsonValue& r = results->items[i];
        const std::string p = pointer_append("/Results", i);
        if (!r.is_string() && !r.is_object()) {
          wrong_type(r, p, "Results item", "a JSON string or an object");
          continue;
        }
        if (r.is_object()) {
          config_item(r, p, true, doc);
        } else {
          results_string_item(r, p, doc);
        }
      }
      return;
    }
    config_item(root, "", true, doc);
  }

  // A Results item held as a JSON string (what the AWS CLI prints): parsed from its decoded text
  // (kept in item_ while it is read, for exact positions of the strings inside it), read, and
  // released at once when nothing points into it: an organisation's export holds tens of
  // thousands of items (bench/README.md).
  // Returns false when nothing could be read (a problem of the decoded item is reported; a
  // string literal that does not decode is not: the caller's parse said so, or must).
  bool results_string_item(const JsonValue& r, const std::string& p, LoadedDocument& doc) {
    item_ = {};
    DecodedText decoded;
    const JsonValue* tree = parse_embedded(r, p, "a 'Results' item", true, &decoded);
    if (tree == nullptr) return false;
    item_ = std::move(decoded);
    config_item(*tree, p, false, doc);
    item_ = {};
    release_item(tree, doc);
    return true;
  }

  // Releases the tree of an item just read (the last of model.trees' few newest) unless the
  // model keeps views into it.
  void release_item(const JsonValue* tree, LoadedDocument& doc) {
    if (views_into_item_) return;
    if (!doc.items.empty() && doc.items.back().root == tree) doc.items.back().root = nullptr;
    release_tree(tree);
  }

  // Reads a Config export item by item (read_config_export()). `members` is the scan of the
  // top-level object, `stream` the member whose array holds the items.
  void stream_config_items(const std::vector<ScannedMember>& members, const ScannedMember& stream,
                           LoadedDocument& doc) {
    const std::string_view text = src_.text();
    // The other members (QueryInfo, fileVersion, ...) are parsed alone: their problems are
    // reported as a whole-file parse would, and nothing of them is kept.
    for (const ScannedMember& m : members) {
      report_parse(parse_json(text.substr(0, m.key_end), {.start = m.key_offset}));
      if (&m == &stream) continue;
      report_parse(parse_json(text.substr(0, m.value_end), options_at(m.value_offset, 1)));
    }
    const bool results = stream.key == "Results";
    const std::string base = results ? "/Results" : "/configurationItems";
    std::size_t i = skip_json_ws(text, stream.value_offset + 1);
    if (i < stream.value_end && text[i] == ']') return;
    for (std::size_t index = 0;; ++index) {
      const std::size_t end = skip_json_value(text, i);
      if (end == std::string_view::npos || end > stream.value_end) return;  // cannot happen
      const std::string p = pointer_append(base, index);
      if (results && text[i] == '"') {
        JsonValue literal;  // the string's position is all parse_embedded() needs of it
        literal.type = JsonType::kString;
        literal.offset = static_cast<std::uint32_t>(i);
        const std::size_t reported = model_.diagnostics.size();
        if (!results_string_item(literal, p, doc) && model_.diagnostics.size() == reported) {
          // The literal itself is malformed (a raw control character, invalid UTF-8): parsed
          // alone, it says where and why.
          report_parse(parse_json(text.substr(0, end), options_at(i, 2)));
        }
      } else {
        JsonParseResult parsed = parse_json(text.substr(0, end), options_at(i, 2));
        const bool ok = parsed.value.has_value();
        report_parse(parsed);
        if (ok) {
          model_.trees.push_back(std::make_unique<JsonValue>(std::move(*parsed.value)));
          const JsonValue* tree = model_.trees.back().get();
          if (results && !tree->is_object()) {
            wrong_type(*tree, p, "Results item", "a JSON string or an object");
            views_into_item_ = false;
          } else {
            config_item(*tree, p, true, doc);
          }
          release_item(tree, doc);
        }
      }
      i = skip_json_ws(text, end);
      if (i < text.size() && text[i] == ',') {
        i = skip_json_ws(text, i + 1);
        continue;
      }
      if (i < text.size() && text[i] == ']') return;
      model_.diagnostics.push_back({"IN001",
                                    src_.ref(i, ""),
                                    fmt::format("expected ',' or ']' after an array element, "
                                                "found {}",
                                                i < text.size() ? fmt::format("'{}'", text[i])
                                                                : std::string("end of input")),
                                    true,
                                    {}});
      return;
    }
  }

  // Parse options for a value `depth` levels below the top of the file: the depth limit counts
  // from the file's top, as in a whole-file parse.
  JsonParseOptions options_at(std::size_t offset, int depth) const {
    JsonParseOptions options;
    options.start = offset;
    options.max_depth = std::max(1, max_depth_ - depth);
    return options;
  }

  void report_parse(const JsonParseResult& parsed) {
    for (const JsonError& e : parsed.errors) {
      model_.diagnostics.push_back(
          {json_error_rule(e.kind), src_.ref(e.offset, ""), e.message, e.fatal, {}});
    }
  }

  // `in_file`: the item's strings are this file's own (not decoded from a JSON string).
  void config_item(const JsonValue& item, const std::string& p, bool in_file, LoadedDocument& doc) {
    if (!item.is_object()) {
      wrong_type(item, p, "configuration item", "an object");
      return;
    }
    const JsonValue* type = item.find("resourceType");
    // Whether the model keeps views into `item` (a policy built from an object in it): then its
    // tree must live as long as the model. Names, ARNs and settings are copied.
    views_into_item_ = false;
    if (type == nullptr || !type->is_string()) return;
    if (type->text == "AWS::S3::Bucket") {
      const JsonValue* supp = item.find("supplementaryConfiguration");
      const JsonValue* bp =
          supp != nullptr && supp->is_object() ? supp->find("BucketPolicy") : nullptr;
      const JsonValue* text = bp != nullptr && bp->is_object() ? bp->find("policyText") : nullptr;
      views_into_item_ = text != nullptr && text->is_object();
      LoadedDocument bucket;
      bucket.kind = DocumentKind::kConfigBucketItem;
      bucket.source = &src_;
      bucket.root = &item;
      bucket.where = src_.ref(item.offset, p);
      read_config_bucket(item, bucket, p, in_file);
      doc.items.push_back(std::move(bucket));
    } else if (type->text == "AWS::IAM::Role") {
      config_principal(item, p, in_file, false, doc);
    } else if (type->text == "AWS::IAM::User") {
      config_principal(item, p, in_file, true, doc);
    } else if (type->text == "AWS::IAM::Policy") {
      config_managed_policy(item, p, in_file, doc);
    } else if (type->text == "AWS::S3::AccountPublicAccessBlock") {
      config_account_public_access_block(item, p, in_file, doc);
    } else if (type->text == "AWS::CloudFront::Distribution") {
      config_distribution(item, p, in_file, doc);
    } else if (type->text == "AWS::KMS::Key") {
      config_kms_key(item, p, in_file, doc);
    }
  }

  // A member of a Config item that Config writes either as an object or as a JSON string holding
  // one ("double serialized": `configuration`, most `supplementaryConfiguration` values). `tree`
  // is the object, or nullptr (absent, null, "null", unreadable: a problem is reported); a tree
  // parsed from a string is released when this goes out of scope (readers copy what they keep).
  class ConfigValue {
   public:
    ConfigValue(DocumentReader& reader, const JsonValue& parent, std::string_view key,
                const std::string& parent_pointer, bool in_file)
        : reader_(reader), pointer_(pointer_append(parent_pointer, key)), in_file_(in_file) {
      const JsonValue* v = parent.find(key);
      if (v == nullptr || v->is_null()) return;
      if (v->is_object()) {
        tree_ = v;
        return;
      }
      if (!v->is_string()) {
        reader.wrong_type(*v, pointer_, key, "an object or a JSON string");
        return;
      }
      if (v->text == "null" || v->text.empty()) return;
      tree_ = reader.parse_embedded(*v, pointer_, fmt::format("'{}'", key), in_file);
      parsed_ = tree_;
      in_file_ = false;  // strings of a tree parsed from a string are not the file's own
      if (tree_ != nullptr && !tree_->is_object()) {
        reader.wrong_type(*tree_, pointer_, key, "an object");
        tree_ = nullptr;
      }
    }
    ~ConfigValue() {
      if (parsed_ != nullptr) reader_.release_tree(parsed_);
    }
    ConfigValue(const ConfigValue&) = delete;
    ConfigValue& operator=(const ConfigValue&) = delete;

    const JsonValue* tree() const { return tree_; }
    const std::string& pointer() const { return pointer_; }
    // The model keeps views into the tree: it stays in model.trees.
    void keep() { parsed_ = nullptr; }
    bool in_file() const { return in_file_; }

   private:
    DocumentReader& reader_;
    std::string pointer_;
    const JsonValue* tree_ = nullptr;
    const JsonValue* parsed_ = nullptr;  // the tree parsed from a string, released at the end
    bool in_file_;
  };

  // AWS::S3::AccountPublicAccessBlock: configuration {blockPublicAcls, ignorePublicAcls,
  // blockPublicPolicy, restrictPublicBuckets} of the item's account, the settings `s3control
  // get-public-access-block` prints (AWS Config resource schema,
  // https://github.com/awslabs/aws-config-resource-schema/blob/master/config/properties/resource-types/AWS::S3::AccountPublicAccessBlock.properties.json).
  void config_account_public_access_block(const JsonValue& item, const std::string& p, bool in_file,
                                          LoadedDocument& doc) {
    const std::string account = string_of(item, "accountId", p);
    const ConfigValue c(*this, item, "configuration", p, in_file);
    if (c.tree() == nullptr || !is_account_id(account)) return;
    PublicAccessBlock pab;
    pab.where = src_.ref(c.tree()->offset, c.pointer());
    pab.block_public_acls = bool_of(*c.tree(), "blockPublicAcls", c.pointer());
    pab.ignore_public_acls = bool_of(*c.tree(), "ignorePublicAcls", c.pointer());
    pab.block_public_policy = bool_of(*c.tree(), "blockPublicPolicy", c.pointer());
    pab.restrict_public_buckets = bool_of(*c.tree(), "restrictPublicBuckets", c.pointer());
    doc.account_public_access_blocks.emplace_back(account, pab);
  }

  // AWS::CloudFront::Distribution: configuration {id, arn, distributionConfig {origins {items
  // [{id, domainName, s3OriginConfig {originAccessIdentity}, originAccessControlId}]}, logging
  // {enabled, bucket}}}, the camelCase mirror of get-distribution (AWS Config resource schema,
  // https://github.com/awslabs/aws-config-resource-schema/blob/master/config/properties/resource-types/AWS::CloudFront::Distribution.properties.json).
  void config_distribution(const JsonValue& item, const std::string& p, bool in_file,
                           LoadedDocument& doc) {
    const ConfigValue c(*this, item, "configuration", p, in_file);
    if (c.tree() == nullptr) return;
    const std::string& cp = c.pointer();
    Distribution dist;
    dist.where = src_.ref(item.offset, p);
    dist.id = string_of(*c.tree(), "id", cp);
    if (dist.id.empty()) dist.id = string_of(item, "resourceId", p);
    dist.arn = string_of(*c.tree(), "arn", cp);
    if (dist.arn.empty()) dist.arn = string_of(item, "arn", p);
    dist.account_id = account_of_arn(dist.arn);
    if (dist.account_id.empty()) dist.account_id = string_of(item, "accountId", p);
    if (dist.id.empty()) return;
    const JsonValue* config = object_of(*c.tree(), "distributionConfig", cp);
    if (config == nullptr) {
      doc.distributions.push_back(std::move(dist));
      return;
    }
    const std::string base = pointer_append(cp, "distributionConfig");
    read_origins(*config, base, dist, kConfigDistribution);
    read_distribution_logging(*config, base, dist, kConfigDistribution);
    doc.distributions.push_back(std::move(dist));
  }

  // AWS::KMS::Key: configuration is DescribeKey's KeyMetadata in camelCase {keyId, arn,
  // awsaccountId, keyManager, ...} (AWS Config resource schema,
  // https://github.com/awslabs/aws-config-resource-schema/blob/master/config/properties/resource-types/AWS::KMS::Key.properties.json).
  // The schema's queryable fields do not include the key policy, but Config evaluates
  // KMS_KEY_POLICY_NO_PUBLIC_ACCESS on configuration changes of this type
  // (https://docs.aws.amazon.com/config/latest/developerguide/kms-key-policy-no-public-access.html),
  // so the item carries it; the member's name is unconfirmed: `supplementaryConfiguration.Policy`
  // or `KeyPolicy` (any case) is read, as an object, a JSON string or URL-encoded.
  void config_kms_key(const JsonValue& item, const std::string& p, bool in_file,
                      LoadedDocument& doc) {
    KmsKey key;
    key.where = src_.ref(item.offset, p);
    std::string arn;
    {
      // The key ID, as a snapshot's kms-keys/<key-id>/ folder names the key.
      const ConfigValue c(*this, item, "configuration", p, in_file);
      if (c.tree() != nullptr) {
        key.id = string_of(*c.tree(), "keyId", c.pointer());
        arn = string_of(*c.tree(), "arn", c.pointer());
      }
    }
    if (arn.empty()) arn = string_of(item, "arn", p);
    if (key.id.empty()) key.id = string_of(item, "resourceId", p);
    if (key.id.empty()) key.id = arn;
    key.account_id = account_of_arn(arn);
    if (key.account_id.empty()) key.account_id = string_of(item, "accountId", p);
    if (key.id.empty()) return;
    if (const JsonValue* supp = object_of(item, "supplementaryConfiguration", p)) {
      const std::string sp = pointer_append(p, "supplementaryConfiguration");
      for (const std::string_view name : {"KeyPolicy", "Policy"}) {
        const JsonMember* m = nullptr;
        for (const JsonMember& member : supp->members) {
          if (text::iequals(member.key, name)) m = &member;
        }
        if (m == nullptr || m->value.is_null()) continue;
        PolicyDocument* policy =
            embedded_policy(m->value, pointer_append(sp, m->key), fmt::format("'{}'", m->key),
                            PolicyKind::kKey, in_file);
        if (policy != nullptr) {
          policy->name = key.id;
          policy->account_id = key.account_id;
          key.policy = policy;
        }
        break;
      }
    }
    doc.kms_keys.push_back(std::move(key));
  }

  // AWS::IAM::Policy: configuration {arn, defaultVersionId, policyVersionList[{document,
  // versionId, isDefaultVersion}]}; only the default version is in force (its document plain, a
  // JSON string or URL-encoded).
  void config_managed_policy(const JsonValue& item, const std::string& p, bool in_file,
                             LoadedDocument& doc) {
    const JsonValue* c = item.find("configuration");
    const std::string cp = pointer_append(p, "configuration");
    if (c != nullptr && c->is_string()) {
      c = parse_embedded(*c, cp, "'configuration'", in_file);
      in_file = false;
    }
    if (c == nullptr || !c->is_object()) return;
    const std::string arn = string_of(*c, "arn", cp);
    const std::string default_version = string_of(*c, "defaultVersionId", cp);
    const JsonValue* versions = array_of(*c, "policyVersionList", cp);
    if (arn.empty() || versions == nullptr) return;
    const std::string vp = pointer_append(cp, "policyVersionList");
    for (std::size_t i = 0; i < versions->items.size(); ++i) {
      const JsonValue& v = versions->items[i];
      if (!v.is_object()) continue;
      const JsonValue* id = v.find("versionId");
      const JsonValue* is_default = v.find("isDefaultVersion");
      const bool in_force =
          !default_version.empty()
              ? id != nullptr && id->is_string() && id->text == default_version
              : is_default != nullptr && is_default->is_bool() && is_default->boolean;
      const JsonValue* d = v.find("document");
      if (!in_force || d == nullptr || d->is_null()) continue;
      PolicyDocument* policy =
          embedded_policy(*d, pointer_append(pointer_append(vp, i), "document"), "'document'",
                          PolicyKind::kIdentity, in_file);
      if (policy == nullptr) return;
      policy->name = arn;
      policy->account_id = account_of_arn(arn);
      doc.managed_policies.emplace_back(arn, policy);
      return;
    }
  }

  // AWS::IAM::Role: configuration {arn, roleName, roleId, assumeRolePolicyDocument,
  // rolePolicyList[{policyName, policyDocument}], attachedManagedPolicies[{policyArn}],
  // permissionsBoundary}; documents plain, as JSON strings or URL-encoded.
  void config_principal(const JsonValue& item, const std::string& p, bool in_file, bool is_user,
                        LoadedDocument& doc) {
    const JsonValue* c = item.find("configuration");
    const std::string cp = pointer_append(p, "configuration");
    if (c != nullptr && c->is_string()) {
      c = parse_embedded(*c, cp, "'configuration'", in_file);
      in_file = false;
    }
    if (c == nullptr || !c->is_object()) return;
    DumpedPrincipal d;
    d.is_user = is_user;
    d.where = src_.ref(item.offset, p);
    d.arn = string_of(*c, "arn", cp);
    d.name = string_of(*c, is_user ? "userName" : "roleName", cp);
    d.unique_id = string_of(*c, is_user ? "userId" : "roleId", cp);
    d.account_id = account_of_arn(d.arn);
    if (const JsonValue* t = is_user ? nullptr : c->find("assumeRolePolicyDocument");
        t != nullptr && !t->is_null()) {
      d.trust_policy = embedded_policy(*t, pointer_append(cp, "assumeRolePolicyDocument"),
                                       "'assumeRolePolicyDocument'", PolicyKind::kTrust, in_file);
    }
    const std::string_view list_key = is_user ? "userPolicyList" : "rolePolicyList";
    if (const JsonValue* list = array_of(*c, list_key, cp)) {
      const std::string lp = pointer_append(cp, list_key);
      for (std::size_t i = 0; i < list->items.size(); ++i) {
        const JsonValue& e = list->items[i];
        const JsonValue* pd = e.is_object() ? e.find("policyDocument") : nullptr;
        if (pd == nullptr || pd->is_null()) continue;
        const std::string ep = pointer_append(lp, i);
        PolicyDocument* policy =
            embedded_policy(*pd, pointer_append(ep, "policyDocument"), "'policyDocument'",
                            PolicyKind::kIdentity, in_file);
        if (policy == nullptr) continue;
        policy->name = string_of(e, "policyName", ep);
        d.policies.push_back(policy);
      }
    }
    if (const JsonValue* list = array_of(*c, "attachedManagedPolicies", cp)) {
      const std::string lp = pointer_append(cp, "attachedManagedPolicies");
      for (std::size_t i = 0; i < list->items.size(); ++i) {
        const JsonValue& e = list->items[i];
        const JsonValue* arn = e.is_object() ? e.find("policyArn") : nullptr;
        if (arn == nullptr || !arn->is_string() || arn->text.empty()) continue;
        // Copied: the item's tree is released once read.
        d.attached_policy_arns.push_back(
            {model_.strings.emplace_back(arn->text),
             src_.ref(arn->offset, pointer_append(pointer_append(lp, i), "policyArn"))});
      }
    }
    if (!d.arn.empty() && !d.name.empty()) doc.principals.push_back(std::move(d));
  }

  void read_config_bucket(const JsonValue& root, LoadedDocument& doc, const std::string& base = "",
                          bool in_file = true) {
    doc.account_id = string_of(root, "accountId", base);
    doc.bucket_name = string_of(root, "resourceName", base, &doc.bucket_where);
    const JsonValue* supp = object_of(root, "supplementaryConfiguration", base);
    if (supp == nullptr) return;
    const std::string sp = pointer_append(base, "supplementaryConfiguration");
    if (const JsonValue* acl = supp->find("AccessControlList"); acl != nullptr) {
      const std::string ap = pointer_append(sp, "AccessControlList");
      const JsonValue* tree = acl->is_string()
                                  ? parse_embedded(*acl, ap, "'AccessControlList'", in_file)
                                  : (acl->is_object() ? acl : nullptr);
      if (tree != nullptr && tree->is_object()) doc.acl = read_config_acl(*tree, ap);
      if (tree != nullptr && acl->is_string()) release_tree(tree);  // the ACL holds copies
    }
    // Exports of select-resource-config often hold these as JSON strings too:
    // "BucketPolicy": "{\"policyText\":null}".
    if (ConfigValue bp(*this, *supp, "BucketPolicy", sp, in_file); bp.tree() != nullptr) {
      if (const JsonValue* text = bp.tree()->find("policyText");
          text != nullptr && !text->is_null()) {
        doc.policy = embedded_policy(*text, pointer_append(bp.pointer(), "policyText"),
                                     "'policyText'", PolicyKind::kBucket, bp.in_file());
        if (text->is_object()) bp.keep();  // the policy's values are views into that tree
      }
    }
    if (const ConfigValue c(*this, *supp, "PublicAccessBlockConfiguration", sp, in_file);
        c.tree() != nullptr) {
      const std::string& p = c.pointer();
      PublicAccessBlock pab;
      pab.where = src_.ref(c.tree()->offset, p);
      pab.block_public_acls = bool_of(*c.tree(), "blockPublicAcls", p);
      pab.ignore_public_acls = bool_of(*c.tree(), "ignorePublicAcls", p);
      pab.block_public_policy = bool_of(*c.tree(), "blockPublicPolicy", p);
      pab.restrict_public_buckets = bool_of(*c.tree(), "restrictPublicBuckets", p);
      doc.public_access_block = pab;
    }
    config_bucket_settings(*supp, sp, in_file, doc);
    // The Config shape of ownership controls is unconfirmed (docs/aws-semantics.md 8, 11.12): read
    // it defensively from either spelling.
    if (const JsonValue* oc = supp->find_ci("BucketOwnershipControls"); oc && oc->is_object()) {
      const JsonValue* inner = oc->find_ci("ownershipControls");
      const JsonValue* rules = (inner != nullptr ? inner : oc)->find_ci("rules");
      if (rules != nullptr && rules->is_array() && !rules->items.empty()) {
        const JsonValue& r0 = rules->items[0];
        const JsonValue* v = r0.find_ci("objectOwnership");
        if (v == nullptr) v = r0.find_ci("ownership");
        if (v != nullptr && v->is_string() &&
            ownership_value(v->text) != ObjectOwnership::kUnknown) {
          doc.ownership = {ownership_value(v->text), OwnershipSetting::Source::kDocument,
                           src_.ref(v->offset, pointer_append(sp, "BucketOwnershipControls"))};
        }
      }
    }
  }

  // A bucket item's replication, server access logging, website and default encryption, in the
  // shapes AWS Config records them (each an object or a JSON string; AWS Config resource schema,
  // https://github.com/awslabs/aws-config-resource-schema/blob/master/config/properties/resource-types/AWS::S3::Bucket.properties.json,
  // and the Config items Cloud Custodian converts, c7n/resources/s3.py `ConfigS3`):
  //   BucketReplicationConfiguration {roleARN, rules: {"<rule ID>": {status, prefix,
  //     destinationConfig {bucketARN, storageClass, account, accessControlTranslation {owner}}}}}
  //   BucketLoggingConfiguration {destinationBucketName, logFilePrefix} (null name: no logging)
  //   BucketWebsiteConfiguration {indexDocumentSuffix, errorDocument, redirectAllRequestsTo
  //     {hostName, protocol}, routingRules [...]}
  //   ServerSideEncryptionConfiguration {rules: [{applyServerSideEncryptionByDefault
  //     {sseAlgorithm, kmsMasterKeyID}, bucketKeyEnabled}]}
  // They differ from the CLI's (get-bucket-replication's Rules array and Destination.Bucket,
  // get-bucket-logging's TargetBucket): the model gets the same entities from either.
  void config_bucket_settings(const JsonValue& supp, const std::string& sp, bool in_file,
                              LoadedDocument& doc) {
    if (const ConfigValue c(*this, supp, "BucketReplicationConfiguration", sp, in_file);
        c.tree() != nullptr) {
      const std::string& cp = c.pointer();
      ReplicationConfiguration config;
      config.where = src_.ref(c.tree()->offset, cp);
      config.role_arn = string_of(*c.tree(), "roleARN", cp);
      // `rules` is a map from rule ID to rule; an array of rules with `id` is read too.
      const JsonValue* rules = c.tree()->find("rules");
      const std::string rp = pointer_append(cp, "rules");
      auto read_rule = [&](const JsonValue& r, const std::string& p, std::string_view id) {
        if (!r.is_object()) {
          wrong_type(r, p, "replication rule", "an object");
          return;
        }
        ReplicationRule rule;
        rule.where = src_.ref(r.offset, p);
        rule.id = id.empty() ? string_of(r, "id", p) : std::string(id);
        const JsonValue* status = r.find_ci("status");
        rule.enabled =
            status == nullptr || !status->is_string() || !text::iequals(status->text, "Disabled");
        if (const JsonValue* d = r.find_ci("destinationConfig"); d != nullptr && d->is_object()) {
          const std::string dp = pointer_append(p, "destinationConfig");
          if (const JsonValue* b = d->find_ci("bucketARN"); b != nullptr && b->is_string()) {
            rule.destination_arn = std::string(b->text);
            rule.destination_where = src_.ref(b->offset, pointer_append(dp, "bucketARN"));
          } else {
            rule.destination_where = src_.ref(d->offset, dp);
          }
          rule.destination_bucket = bucket_of_arn(rule.destination_arn);
          if (const JsonValue* a = d->find_ci("account"); a != nullptr && a->is_string()) {
            rule.destination_account = std::string(a->text);
          }
          if (const JsonValue* t = d->find_ci("accessControlTranslation");
              t != nullptr && t->is_object()) {
            rule.owner_where = src_.ref(t->offset, pointer_append(dp, "accessControlTranslation"));
            const JsonValue* owner = t->find_ci("owner");
            rule.owner_override =
                owner != nullptr && owner->is_string() && text::iequals(owner->text, "Destination");
          }
        }
        config.rules.push_back(std::move(rule));
      };
      if (rules != nullptr && rules->is_object()) {
        for (const JsonMember& m : rules->members) {
          read_rule(m.value, pointer_append(rp, m.key), m.key);
        }
      } else if (rules != nullptr && rules->is_array()) {
        for (std::size_t i = 0; i < rules->items.size(); ++i) {
          read_rule(rules->items[i], pointer_append(rp, i), "");
        }
      } else if (rules != nullptr && !rules->is_null()) {
        wrong_type(*rules, rp, "rules", "an object or an array");
      }
      if (!config.role_arn.empty() || !config.rules.empty()) doc.replication = std::move(config);
    }
    if (const ConfigValue c(*this, supp, "BucketLoggingConfiguration", sp, in_file);
        c.tree() != nullptr) {
      LoggingConfiguration logging;
      logging.where = src_.ref(c.tree()->offset, c.pointer());
      logging.target_bucket =
          string_of(*c.tree(), "destinationBucketName", c.pointer(), &logging.target_where);
      logging.target_prefix = string_of(*c.tree(), "logFilePrefix", c.pointer());
      if (!logging.target_bucket.empty()) doc.logging = std::move(logging);
    }
    if (const ConfigValue c(*this, supp, "BucketWebsiteConfiguration", sp, in_file);
        c.tree() != nullptr) {
      const std::string& cp = c.pointer();
      WebsiteConfiguration site;
      site.where = src_.ref(c.tree()->offset, cp);
      site.index_document = string_of(*c.tree(), "indexDocumentSuffix", cp);
      site.error_document = string_of(*c.tree(), "errorDocument", cp);
      if (const JsonValue* r = object_of(*c.tree(), "redirectAllRequestsTo", cp)) {
        site.redirect_all_to =
            string_of(*r, "hostName", pointer_append(cp, "redirectAllRequestsTo"));
      }
      if (const JsonValue* rr = c.tree()->find("routingRules"); rr != nullptr && rr->is_array()) {
        site.routing_rules = rr->items.size();
      }
      if (!site.index_document.empty() || !site.redirect_all_to.empty()) {
        doc.website = std::move(site);
      }
    }
    if (const ConfigValue c(*this, supp, "ServerSideEncryptionConfiguration", sp, in_file);
        c.tree() != nullptr) {
      const std::string& cp = c.pointer();
      if (const JsonValue* rules = array_of(*c.tree(), "rules", cp);
          rules != nullptr && !rules->items.empty() && rules->items[0].is_object()) {
        const JsonValue& rule = rules->items[0];  // S3 keeps one rule
        const std::string p = pointer_append(pointer_append(cp, "rules"), std::size_t{0});
        BucketEncryption enc;
        enc.where = src_.ref(rule.offset, p);
        if (const JsonValue* d = object_of(rule, "applyServerSideEncryptionByDefault", p)) {
          const std::string dp = pointer_append(p, "applyServerSideEncryptionByDefault");
          enc.where = src_.ref(d->offset, dp);
          enc.algorithm = string_of(*d, "sseAlgorithm", dp);
          enc.kms_key_id = string_of(*d, "kmsMasterKeyID", dp);
        }
        enc.bucket_key_enabled = bool_of(rule, "bucketKeyEnabled", p);
        doc.encryption = enc;
      }
    }
  }

  Acl read_config_acl(const JsonValue& tree, const std::string& base) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kPermissions{{
        {"FullControl", "FULL_CONTROL"},
        {"Read", "READ"},
        {"Write", "WRITE"},
        {"ReadAcp", "READ_ACP"},
        {"WriteAcp", "WRITE_ACP"},
    }};
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 3> kGroups{{
        {"AllUsers", kAllUsersUri},
        {"AuthenticatedUsers", kAuthenticatedUsersUri},
        {"LogDelivery", kLogDeliveryUri},
    }};
    Acl acl;
    acl.where = src_.ref(tree.offset, base);
    if (const JsonValue* owner = tree.find("owner"); owner != nullptr && owner->is_object()) {
      acl.owner_id = string_of(*owner, "id", pointer_append(base, "owner"), &acl.owner_where);
    }
    const JsonValue* list = tree.find("grantList");
    if (list == nullptr || !list->is_array()) return acl;
    for (std::size_t i = 0; i < list->items.size(); ++i) {
      const JsonValue& g = list->items[i];
      if (!g.is_object()) continue;
      const std::string p = pointer_append(pointer_append(base, "grantList"), i);
      AclGrant grant;
      grant.where = src_.ref(g.offset, p);
      std::string permission = string_of(g, "permission", p);
      grant.permission = permission;
      for (const auto& [config, api] : kPermissions) {
        if (permission == config) grant.permission = std::string(api);
      }
      if (const JsonValue* grantee = g.find("grantee"); grantee != nullptr) {
        if (grantee->is_string()) {
          grant.type = GranteeType::kGroup;
          grant.uri = grantee->text;
          for (const auto& [name, uri] : kGroups) {
            if (grantee->text == name) grant.uri = std::string(uri);
          }
        } else if (grantee->is_object()) {
          grant.id = string_of(*grantee, "id", pointer_append(p, "grantee"));
          grant.display_name = string_of(*grantee, "displayName", pointer_append(p, "grantee"));
          if (!grant.id.empty()) grant.type = GranteeType::kCanonicalUser;
        }
      }
      acl.grants.push_back(std::move(grant));
    }
    return acl;
  }

  static std::string account_of_arn(std::string_view arn) {
    // arn:partition:service:region:account:resource
    std::size_t pos = 0;
    for (int field = 0; field < 4; ++field) {
      pos = arn.find(':', pos);
      if (pos == std::string_view::npos) return {};
      ++pos;
    }
    const std::size_t end = arn.find(':', pos);
    if (end == std::string_view::npos) return {};
    return std::string(arn.substr(pos, end - pos));
  }

  // Releases a tree added to model.trees while the current item was read (searched from the
  // back: the trees of the item's own policies come after it; an item with more policies than
  // the search covers keeps its tree, which is only memory).
  void release_tree(const JsonValue* tree) {
    auto& trees = model_.trees;
    for (auto it = trees.rbegin(); it != trees.rend() && it - trees.rbegin() < 256; ++it) {
      if (it->get() != tree) continue;
      trees.erase(std::next(it).base());
      return;
    }
  }

  Model& model_;
  const SourceFile& src_;
  int max_depth_;
  bool views_into_item_ = true;
  DecodedText item_;  // the Results item being read (see parse_embedded)
};

}  // namespace

DocumentKind classify_document(const JsonValue& root) {
  if (!root.is_object()) return DocumentKind::kUnknown;
  if (has(root, "Statement")) {
    return document_kind_of(classify_policy_shape(root));
  }
  if (const JsonValue* p = root.find("Policy"); p != nullptr && p->is_string()) {
    return DocumentKind::kBucketPolicy;
  }
  if (has(root, "Grants") && (has(root, "Owner") || root.members.size() == 1)) {
    return DocumentKind::kBucketAcl;
  }
  if (object_member(root, "OwnershipControls") != nullptr ||
      is_error_body(root, "OwnershipControlsNotFoundError")) {
    return DocumentKind::kOwnershipControls;
  }
  // s3control get-access-point: Name + Bucket + NetworkOrigin (it also carries a
  // PublicAccessBlockConfiguration, for the access point).
  if (has(root, "NetworkOrigin") && has(root, "Bucket") && has(root, "Name")) {
    return DocumentKind::kAccessPoint;
  }
  if (object_member(root, "ReplicationConfiguration") != nullptr) {
    return DocumentKind::kBucketReplication;
  }
  if (object_member(root, "LoggingEnabled") != nullptr) return DocumentKind::kBucketLogging;
  if (object_member(root, "PolicyStatus") != nullptr) return DocumentKind::kBucketPolicyStatus;
  if (object_member(root, "IndexDocument") != nullptr ||
      object_member(root, "RedirectAllRequestsTo") != nullptr) {
    return DocumentKind::kBucketWebsite;
  }
  if (root.members.size() == 1 && has(root, "LocationConstraint")) {
    return DocumentKind::kBucketLocation;
  }
  if (const JsonValue* n = root.find("PolicyNames"); n != nullptr && n->is_array()) {
    return DocumentKind::kPolicyNames;
  }
  // get-access-point also carries PublicAccessBlockConfiguration, for the access point.
  if ((object_member(root, "PublicAccessBlockConfiguration") != nullptr &&
       !has(root, "NetworkOrigin") && !has(root, "Bucket")) ||
      is_error_body(root, "NoSuchPublicAccessBlockConfiguration")) {
    return DocumentKind::kPublicAccessBlock;
  }
  if (object_member(root, "ServerSideEncryptionConfiguration") != nullptr) {
    return DocumentKind::kBucketEncryption;
  }
  if (const JsonValue* c = root.find("Contents"); c != nullptr && c->is_array()) {
    return DocumentKind::kObjectListing;
  }
  if (has(root, "KeyCount") && has(root, "Name") && has(root, "MaxKeys")) {
    return DocumentKind::kObjectListing;  // an empty listing has no Contents
  }
  if (const JsonValue* r = object_member(root, "Role");
      r != nullptr && (has(*r, "RoleName") || has(*r, "Arn"))) {
    return DocumentKind::kRole;
  }
  if (has(root, "PolicyDocument") && has(root, "PolicyName") &&
      (has(root, "RoleName") || has(root, "UserName"))) {
    return DocumentKind::kRolePolicy;
  }
  if (const JsonValue* v = object_member(root, "PolicyVersion");
      v != nullptr && has(*v, "Document")) {
    return DocumentKind::kPolicyVersion;
  }
  if (const JsonValue* a = root.find("AttachedPolicies"); a != nullptr && a->is_array()) {
    return DocumentKind::kAttachedPolicies;
  }
  if (const JsonValue* d = object_member(root, "Distribution");
      d != nullptr && has(*d, "DistributionConfig")) {
    return DocumentKind::kDistribution;
  }
  if (object_member(root, "DistributionConfig") != nullptr) {
    return DocumentKind::kDistributionConfig;
  }
  if (has(root, "CallerReference") && object_member(root, "Origins") != nullptr) {
    return DocumentKind::kDistributionConfig;
  }
  if (const JsonValue* o = object_member(root, "CloudFrontOriginAccessIdentity");
      o != nullptr && has(*o, "Id")) {
    return DocumentKind::kOriginAccessIdentity;
  }
  if (const JsonValue* o = object_member(root, "OriginAccessControl");
      o != nullptr && has(*o, "OriginAccessControlConfig")) {
    return DocumentKind::kOriginAccessControl;
  }
  // iam get-account-authorization-details (any of its lists; a filtered dump has only some).
  if (const JsonValue* r = root.find("RoleDetailList"); r != nullptr && r->is_array()) {
    return DocumentKind::kAccountAuthorizationDetails;
  }
  if (const JsonValue* u = root.find("UserDetailList"); u != nullptr && u->is_array()) {
    return DocumentKind::kAccountAuthorizationDetails;
  }
  if (has(root, "GroupDetailList") && has(root, "Policies")) {
    return DocumentKind::kAccountAuthorizationDetails;
  }
  // iam list-roles, get-policy; s3api list-buckets; CloudFront lists; organizations.
  if (const JsonValue* r = root.find("Roles"); r != nullptr && r->is_array()) {
    return DocumentKind::kRoleList;
  }
  if (const JsonValue* p = object_member(root, "Policy");
      p != nullptr && (has(*p, "DefaultVersionId") || has(*p, "Arn"))) {
    return DocumentKind::kManagedPolicy;
  }
  if (const JsonValue* b = root.find("Buckets");
      b != nullptr && b->is_array() && object_member(root, "Owner") != nullptr) {
    return DocumentKind::kBucketList;
  }
  if (object_member(root, "DistributionList") != nullptr) return DocumentKind::kDistributionList;
  if (object_member(root, "CloudFrontOriginAccessIdentityList") != nullptr) {
    return DocumentKind::kOriginAccessIdentityList;
  }
  if (object_member(root, "OriginAccessControlList") != nullptr) {
    return DocumentKind::kOriginAccessControlList;
  }
  if (const JsonValue* o = object_member(root, "Organization");
      o != nullptr && (has(*o, "Id") || has(*o, "MasterAccountId"))) {
    return DocumentKind::kOrganization;
  }
  if (const JsonValue* a = root.find("Accounts"); a != nullptr && a->is_array()) {
    return DocumentKind::kOrganizationAccounts;
  }
  if (const JsonValue* f = root.find("FlowLogs"); f != nullptr && f->is_array()) {
    return DocumentKind::kFlowLogs;
  }
  if (const JsonValue* t = root.find("trailList"); t != nullptr && t->is_array()) {
    return DocumentKind::kTrails;
  }
  if (const JsonValue* l = root.find("LoadBalancers"); l != nullptr && l->is_array()) {
    return DocumentKind::kLoadBalancers;
  }
  if (const JsonValue* a = root.find("Attributes"); a != nullptr && a->is_array()) {
    for (const JsonValue& item : a->items) {
      if (const JsonValue* k = item.is_object() ? item.find("Key") : nullptr;
          k != nullptr && k->is_string() && k->text.starts_with("access_logs.s3.")) {
        return DocumentKind::kLoadBalancerAttributes;
      }
    }
  }
  // AWS Config: several items, select-*-resource-config results, or a single IAM role item.
  if (const JsonValue* c = root.find("configurationItems"); c != nullptr && c->is_array()) {
    return DocumentKind::kConfigItems;
  }
  if (const JsonValue* r = root.find("Results");
      r != nullptr && r->is_array() && has(root, "QueryInfo")) {
    return DocumentKind::kConfigItems;
  }
  if (const JsonValue* t = root.find("resourceType");
      t != nullptr && t->is_string() &&
      (t->text == "AWS::IAM::Role" || t->text == "AWS::IAM::User" ||
       t->text == "AWS::IAM::Policy" || t->text == "AWS::S3::AccountPublicAccessBlock" ||
       t->text == "AWS::CloudFront::Distribution" || t->text == "AWS::KMS::Key") &&
      has(root, "configuration")) {
    return DocumentKind::kConfigItems;
  }
  if (const JsonValue* t = root.find("resourceType"); t != nullptr && t->is_string() &&
                                                      t->text == "AWS::S3::Bucket" &&
                                                      has(root, "configuration")) {
    return DocumentKind::kConfigBucketItem;
  }
  return DocumentKind::kUnknown;
}

std::optional<LoadedDocument> read_config_export(Model& model, const SourceFile& source,
                                                 int max_depth) {
  const std::string_view text = source.text();
  // Cheap test first: only a file whose first member is one of the two wrappers is scanned.
  const std::size_t first = skip_json_ws(text, source.content_start());
  const std::string_view head = text.substr(first, 64);
  if (!head.starts_with("{") || (head.find("\"configurationItems\"") == std::string_view::npos &&
                                 head.find("\"Results\"") == std::string_view::npos &&
                                 head.find("\"fileVersion\"") == std::string_view::npos &&
                                 head.find("\"QueryInfo\"") == std::string_view::npos)) {
    return std::nullopt;
  }
  std::optional<std::vector<ScannedMember>> members = scan_top_level(text, source.content_start());
  if (!members) return std::nullopt;
  const ScannedMember* stream = nullptr;
  bool query_info = false;
  for (std::size_t i = 0; i < members->size(); ++i) {
    const ScannedMember& m = (*members)[i];
    for (std::size_t k = 0; k < i; ++k) {
      if ((*members)[k].key == m.key) return std::nullopt;  // a whole parse reports it (IN002)
    }
    if (m.key == "QueryInfo") query_info = true;
    if ((m.key == "configurationItems" || m.key == "Results") && text[m.value_offset] == '[') {
      if (stream != nullptr) return std::nullopt;  // both: not an export bucketlint streams
      stream = &m;
    }
  }
  if (stream == nullptr || (stream->key == "Results" && !query_info)) return std::nullopt;
  return DocumentReader(model, source, max_depth).read_stream(*members, *stream, first);
}

LoadedDocument read_document(Model& model, const SourceFile& source, const JsonValue& root,
                             std::optional<DocumentKind> forced_kind, int max_depth) {
  std::optional<DocumentKind> kind;
  if (forced_kind.has_value() && *forced_kind != DocumentKind::kUnknown) kind = *forced_kind;
  return DocumentReader(model, source, max_depth).read(root, kind);
}

bool parse_s3_domain(std::string_view domain, std::string& bucket, bool& is_website) {
  bucket.clear();
  is_website = false;
  std::string_view d = domain;
  if (d.ends_with(".")) d.remove_suffix(1);
  std::size_t suffix = std::string_view::npos;
  for (const std::string_view s :
       {std::string_view(".amazonaws.com"), std::string_view(".amazonaws.com.cn")}) {
    if (d.ends_with(s)) suffix = d.size() - s.size();
  }
  if (suffix == std::string_view::npos) return false;
  // The service label is the first ".s3." / ".s3-" after the bucket name. Bucket names may
  // contain dots, so try each occurrence and keep the first whose rest is a known form.
  for (std::size_t at = d.find(".s3"); at != std::string_view::npos && at < suffix;
       at = d.find(".s3", at + 1)) {
    const std::string_view rest = d.substr(at + 1, suffix - at - 1);  // "s3", "s3.us-east-1", ...
    bool website = false;
    bool ok = false;
    if (rest == "s3") {
      ok = true;
    } else if (rest.starts_with("s3-website-") || rest.starts_with("s3-website.")) {
      ok = rest.size() > 11;
      website = true;
    } else if (rest.starts_with("s3.") || rest.starts_with("s3-")) {
      const std::string_view region = rest.substr(3);
      ok = !region.empty() && region.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-.") ==
                                  std::string_view::npos;
    }
    if (ok && at > 0) {
      bucket.assign(d.substr(0, at));
      is_website = website;
      return true;
    }
  }
  return false;
}

std::string bucket_named_by_policy(const PolicyDocument& policy) {
  std::string name;
  for (const Statement& st : policy.statements) {
    if (st.resource.is_not) continue;
    for (const LocatedString& r : st.resource.values) {
      // arn:<partition>:s3:::<bucket>[/key]
      const std::size_t s3 = r.value.find(":s3:::");
      if (!r.value.starts_with("arn:") || s3 == std::string::npos) continue;
      std::string_view rest = std::string_view(r.value).substr(s3 + 6);
      rest = rest.substr(0, rest.find('/'));
      if (rest.empty() || rest.find_first_of("*?$") != std::string_view::npos) continue;
      if (name.empty()) {
        name.assign(rest);
      } else if (name != rest) {
        return {};
      }
    }
  }
  return name;
}

bool parse_access_point_arn(std::string_view arn, AccessPointArn& out) {
  // arn:<partition>:s3:<region>:<account>:accesspoint/<name>[/object/<key>]
  std::array<std::string_view, 6> parts{};
  std::string_view rest = arn;
  for (std::size_t i = 0; i < 5; ++i) {
    const std::size_t colon = rest.find(':');
    if (colon == std::string_view::npos) return false;
    parts[i] = rest.substr(0, colon);
    rest.remove_prefix(colon + 1);
  }
  parts[5] = rest;
  if (parts[0] != "arn" || parts[2] != "s3" || parts[3].empty() || !is_account_id(parts[4]) ||
      !parts[5].starts_with("accesspoint/")) {
    return false;
  }
  std::string_view name = parts[5].substr(12);
  name = name.substr(0, name.find('/'));
  if (name.empty() || name.find_first_of("*?$") != std::string_view::npos) return false;
  out.region.assign(parts[3]);
  out.account.assign(parts[4]);
  out.name.assign(name);
  out.arn = fmt::format("arn:{}:s3:{}:{}:accesspoint/{}", parts[1], parts[3], parts[4], name);
  return true;
}

std::optional<AccessPointArn> access_point_named_by_policy(const PolicyDocument& policy) {
  std::optional<AccessPointArn> found;
  for (const Statement& st : policy.statements) {
    for (const LocatedString& r : st.resource.values) {
      AccessPointArn ap;
      if (parse_access_point_arn(r.value, ap)) {
        if (found && found->arn != ap.arn) return std::nullopt;
        found = std::move(ap);
      } else if (r.value.find(":s3:::") != std::string_view::npos) {
        return std::nullopt;  // names a bucket: a bucket policy
      }
    }
  }
  return found;
}

std::string_view json_error_rule(JsonErrorKind kind) {
  switch (kind) {
    case JsonErrorKind::kSyntax: return "IN001";
    case JsonErrorKind::kDuplicateKey: return "IN002";
    case JsonErrorKind::kInvalidUtf8: return "IN003";
    case JsonErrorKind::kTooDeep: return "IN006";
  }
  return "IN001";
}

}  // namespace bucketlint
