#include "load/policy_builder.h"

#include <fmt/format.h>

#include <algorithm>

#include "syntax/text.h"

namespace bucketlint {

namespace {

using model::istarts_with;

// The JSON Pointer of the value being built. Spelled out only when the builder makes eager
// refs; lazy refs work their pointer out from the tree when asked.
class Path {
 public:
  Path(std::string_view base, bool spelled) : spelled_(spelled) {
    if (spelled_) text_ = base;
  }
  Path child(std::string_view key) const {
    return spelled_ ? Path(pointer_append(text_, key), true) : Path({}, false);
  }
  Path child(std::size_t index) const {
    return spelled_ ? Path(pointer_append(text_, index), true) : Path({}, false);
  }
  const std::string& text() const { return text_; }

 private:
  bool spelled_ = false;
  std::string text_;
};

class Builder {
 public:
  Builder(const SourceFile& source, std::vector<LoadDiagnostic>& diagnostics)
      : source_(source), diagnostics_(diagnostics) {}

  void build(const JsonValue& root, const std::string& base, PolicyDocument& doc) {
    doc.source = &source_;
    doc.json = &root;
    doc.anchor = {&source_, &root, base};
    anchor_ = &doc.anchor;
    // Lazy refs find their value by offset, so the tree's offsets must be distinct. They are,
    // except in a document decoded from a JSON string inside an already embedded document,
    // where every value is placed at that string's start: those documents get eager refs.
    lazy_ = !(root.is_object() && !root.members.empty() &&
              root.members.front().key_offset <= root.offset);
    const Path path(base, !lazy_);
    doc.where = ref(root, path);
    if (!root.is_object()) {
      wrong_type(root, path, "policy document", "an object");
      return;
    }
    if (const JsonValue* v = root.find("Version")) {
      const Path p = path.child("Version");
      if (v->is_string()) {
        doc.version = LocatedString{v->text, ref(*v, p)};
      } else {
        wrong_type(*v, p, "Version", "a string");
      }
    }
    if (const JsonValue* v = root.find("Id")) {
      const Path p = path.child("Id");
      if (v->is_string()) {
        doc.id = LocatedString{v->text, ref(*v, p)};
      } else {
        wrong_type(*v, p, "Id", "a string");
      }
    }
    const JsonValue* statements = root.find("Statement");
    if (statements == nullptr) return;
    const Path sp = path.child("Statement");
    doc.statement_present = true;
    doc.statement_where = ref(*statements, sp);
    if (statements->is_object()) {
      doc.statements.push_back(build_statement(*statements, sp, 0));
    } else if (statements->is_array()) {
      doc.statement_is_array = true;
      doc.statements.reserve(statements->items.size());
      for (std::size_t i = 0; i < statements->items.size(); ++i) {
        const JsonValue& s = statements->items[i];
        const Path p = sp.child(i);
        if (!s.is_object()) {
          wrong_type(s, p, "Statement", "an object");
          continue;
        }
        doc.statements.push_back(build_statement(s, p, i));
      }
    } else {
      wrong_type(*statements, sp, "Statement", "an object or an array of objects");
    }
  }

 private:
  SourceRef ref(const JsonValue& v, const Path& path) const {
    if (lazy_) return SourceRef::lazy(*anchor_, v.offset);
    return source_.ref(v.offset, path.text());
  }

  SourceRef key_ref(const JsonMember& m, const Path& path) const {
    if (lazy_) return SourceRef::lazy(*anchor_, m.key_offset, true);
    return source_.ref(m.key_offset, path.text());
  }

  void wrong_type(const JsonValue& v, const Path& path, std::string_view element,
                  std::string_view expected) {
    diagnostics_.push_back(
        {"IN009",
         ref(v, path),
         fmt::format("'{}' must be {}, found {}", element, expected, json_type_name(v.type)),
         false,
         {}});
  }

  Statement build_statement(const JsonValue& s, const Path& p, std::size_t index) {
    Statement st;
    st.index = index;
    st.where = ref(s, p);
    st.json = &s;
    if (const JsonValue* v = s.find("Sid")) {
      const Path sp = p.child("Sid");
      if (v->is_string()) {
        st.sid = LocatedString{v->text, ref(*v, sp)};
      } else {
        wrong_type(*v, sp, "Sid", "a string");
      }
    }
    if (const JsonValue* v = s.find("Effect")) {
      const Path ep = p.child("Effect");
      st.effect_where = ref(*v, ep);
      if (v->is_string()) {
        st.effect_text = v->text;
        // Effect values are case-sensitive (docs/aws-semantics.md 5.4, IAM-EFFECT).
        st.effect = v->text == "Allow"  ? Effect::kAllow
                    : v->text == "Deny" ? Effect::kDeny
                                        : Effect::kInvalid;
      } else {
        st.effect = Effect::kInvalid;
        wrong_type(*v, ep, "Effect", "a string");
      }
    }
    build_principal(s, p, "Principal", false, st.principal);
    if (!st.principal.present) build_principal(s, p, "NotPrincipal", true, st.principal);
    build_list(s, p, "Action", false, st.action);
    if (!st.action.present) build_list(s, p, "NotAction", true, st.action);
    build_list(s, p, "Resource", false, st.resource);
    if (!st.resource.present) build_list(s, p, "NotResource", true, st.resource);
    if (const JsonValue* c = s.find("Condition")) {
      const Path cp = p.child("Condition");
      st.has_condition = true;
      st.condition_where = ref(*c, cp);
      build_conditions(*c, cp, st.conditions);
    }
    return st;
  }

  void build_principal(const JsonValue& s, const Path& p, std::string_view element, bool is_not,
                       PrincipalElement& out) {
    const JsonValue* v = s.find(element);
    if (v == nullptr) return;
    const Path pp = p.child(element);
    out.present = true;
    out.is_not = is_not;
    out.where = ref(*v, pp);
    out.json = v;
    if (v->is_string()) {
      // Only "*" is valid as a bare string; other strings are kept for the grammar rules.
      out.values.push_back({v->text == "*" ? "*" : "", std::string(v->text), out.where});
      return;
    }
    if (!v->is_object()) {
      wrong_type(*v, pp, element, "\"*\" or an object");
      return;
    }
    for (const JsonMember& m : v->members) {
      const Path mp = pp.child(m.key);
      if (m.value.is_string()) {
        out.values.push_back({std::string(m.key), std::string(m.value.text), ref(m.value, mp)});
      } else if (m.value.is_array()) {
        for (std::size_t i = 0; i < m.value.items.size(); ++i) {
          const JsonValue& item = m.value.items[i];
          const Path ip = mp.child(i);
          if (item.is_string()) {
            out.values.push_back({std::string(m.key), std::string(item.text), ref(item, ip)});
          } else {
            wrong_type(item, ip, fmt::format("{}.{}", element, m.key), "a string");
          }
        }
      } else {
        wrong_type(m.value, mp, fmt::format("{}.{}", element, m.key),
                   "a string or an array of strings");
      }
    }
  }

  void build_list(const JsonValue& s, const Path& p, std::string_view element, bool is_not,
                  StringListElement& out) {
    const JsonValue* v = s.find(element);
    if (v == nullptr) return;
    const Path lp = p.child(element);
    out.present = true;
    out.is_not = is_not;
    out.where = ref(*v, lp);
    out.json = v;
    if (v->is_string()) {
      out.values.push_back({v->text, out.where});
    } else if (v->is_array()) {
      out.values.reserve(v->items.size());
      for (std::size_t i = 0; i < v->items.size(); ++i) {
        const JsonValue& item = v->items[i];
        const Path ip = lp.child(i);
        if (item.is_string()) {
          out.values.push_back({item.text, ref(item, ip)});
        } else {
          wrong_type(item, ip, element, "a string");
        }
      }
    } else {
      wrong_type(*v, lp, element, "a string or an array of strings");
    }
  }

  void build_conditions(const JsonValue& c, const Path& cp, std::vector<ConditionEntry>& out) {
    if (!c.is_object()) {
      wrong_type(c, cp, "Condition", "an object");
      return;
    }
    for (const JsonMember& op : c.members) {
      const Path op_p = cp.child(op.key);
      if (!op.value.is_object()) {
        wrong_type(op.value, op_p, fmt::format("Condition.{}", op.key), "an object");
        continue;
      }
      for (const JsonMember& key : op.value.members) {
        const Path kp = op_p.child(key.key);
        ConditionEntry entry;
        entry.op = op.key;
        entry.key = key.key;
        entry.op_where = key_ref(op, op_p);
        entry.key_where = key_ref(key, kp);
        auto add = [&](const JsonValue& value, const Path& vp) {
          if (value.is_string() || value.is_number() || value.is_bool()) {
            entry.values.push_back({value.scalar_text(), value.type, ref(value, vp)});
          } else {
            wrong_type(value, vp, fmt::format("Condition.{}.{}", op.key, key.key),
                       "a string, number or boolean");
          }
        };
        if (key.value.is_array()) {
          entry.values.reserve(key.value.items.size());
          for (std::size_t i = 0; i < key.value.items.size(); ++i) {
            add(key.value.items[i], kp.child(i));
          }
        } else {
          add(key.value, kp);
        }
        out.push_back(std::move(entry));
      }
    }
  }

  const SourceFile& source_;
  std::vector<LoadDiagnostic>& diagnostics_;
  const SourceRef::Anchor* anchor_ = nullptr;
  bool lazy_ = true;
};

// Characters `s` takes as a minified JSON string literal: quotes, plus one per character
// (UTF-8 continuation bytes are not characters), plus the backslash of each two-character
// escape, plus five for each \u00XX escape. Only strings the parser did not mark verbatim get
// here (see minified_size), so one plain pass is enough.
std::size_t escaped_length(std::string_view s) {
  std::size_t n = 2;
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c & 0xC0U) == 0x80U) continue;
    if (c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f') {
      n += 2;
    } else if (c < 0x20) {
      n += 6;
    } else {
      n += 1;
    }
  }
  return n;
}

bool is_trust_action(std::string_view a) {
  return istarts_with(a, "sts:AssumeRole") || istarts_with(a, "sts:TagSession") ||
         istarts_with(a, "sts:SetSourceIdentity") || istarts_with(a, "sts:SetContext");
}

// Visits every Statement object of a policy (object or array form).
template <typename F>
void for_each_statement(const JsonValue& root, F&& f) {
  const JsonValue* st = root.find("Statement");
  if (st == nullptr) return;
  if (st->is_object()) {
    f(*st);
  } else if (st->is_array()) {
    for (const JsonValue& s : st->items) {
      if (s.is_object()) f(s);
    }
  }
}

template <typename F>
void for_each_string(const JsonValue* v, F&& f) {
  if (v == nullptr) return;
  if (v->is_string()) {
    f(v->text);
  } else if (v->is_array()) {
    for (const JsonValue& item : v->items) {
      if (item.is_string()) f(item.text);
    }
  }
}

}  // namespace

std::size_t minified_size(const JsonValue& value) {
  switch (value.type) {
    case JsonType::kNull: return 4;
    case JsonType::kBool: return value.boolean ? 4 : 5;
    case JsonType::kNumber: return value.text.size();
    // A verbatim string (the usual) is its bytes between quotes: no scan needed.
    case JsonType::kString:
      return value.verbatim ? value.text.size() + 2 : escaped_length(value.text);
    case JsonType::kArray: {
      std::size_t n = 2 + (value.items.empty() ? 0 : value.items.size() - 1);
      for (const JsonValue& item : value.items) n += minified_size(item);
      return n;
    }
    case JsonType::kObject: {
      std::size_t n = 2 + (value.members.empty() ? 0 : value.members.size() - 1);
      for (const JsonMember& m : value.members) {
        // The object's flag covers its member names.
        n += (value.verbatim ? m.key.size() + 2 : escaped_length(m.key)) + 1 +
             minified_size(m.value);
      }
      return n;
    }
  }
  return 0;
}

bool looks_like_policy(const JsonValue& root) {
  return root.is_object() && root.find("Statement") != nullptr;
}

PolicyKind classify_policy_shape(const JsonValue& root) {
  // Without a Principal the actions do not matter: identity policies (most documents) are
  // told apart without reading them.
  bool any_principal = false;
  for_each_statement(root, [&](const JsonValue& s) {
    if (s.find("Principal") != nullptr || s.find("NotPrincipal") != nullptr) any_principal = true;
  });
  if (!any_principal) return PolicyKind::kIdentity;
  bool all_trust_actions = true;
  bool any_action = false;
  bool any_resource = false;
  bool s3 = false;
  bool kms = false;
  for_each_statement(root, [&](const JsonValue& s) {
    if (s.find("Resource") != nullptr || s.find("NotResource") != nullptr) any_resource = true;
    for_each_string(s.find("Action"), [&](std::string_view a) {
      any_action = true;
      if (!is_trust_action(a)) all_trust_actions = false;
      if (istarts_with(a, "s3:")) s3 = true;
      if (istarts_with(a, "kms:")) kms = true;
    });
    for_each_string(s.find("NotAction"), [&](std::string_view) {
      any_action = true;
      all_trust_actions = false;
    });
    for_each_string(s.find("Resource"), [&](std::string_view r) {
      if (r.rfind("arn:aws:s3:::", 0) == 0 || r.rfind("arn:aws-", 0) == 0) {
        if (r.find(":s3:::") != std::string::npos) s3 = true;
      }
    });
  });
  if (any_action && all_trust_actions && !any_resource) return PolicyKind::kTrust;
  if (kms && !s3) return PolicyKind::kKey;
  if (s3) return PolicyKind::kBucket;
  return PolicyKind::kResource;
}

std::unique_ptr<PolicyDocument> build_policy(const SourceFile& source, const JsonValue& root,
                                             const std::string& pointer_base, PolicyKind kind,
                                             std::vector<LoadDiagnostic>& diagnostics) {
  auto doc = std::make_unique<PolicyDocument>();
  doc->kind = kind;
  Builder(source, diagnostics).build(root, pointer_base, *doc);
  return doc;
}

}  // namespace bucketlint
