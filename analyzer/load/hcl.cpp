#include "load/hcl.h"

#include <fmt/format.h>

#include "syntax/text.h"

namespace bucketlint::hcl {

const Attribute* Body::attribute(std::string_view name) const {
  for (const Attribute& a : attributes) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

namespace {

bool is_id_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}
bool is_id_char(char c) { return is_id_start(c) || (c >= '0' && c <= '9') || c == '-'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

class Parser {
 public:
  Parser(std::string_view text, const ParseOptions& options, ParseResult& out)
      : s_(text), pos_(options.start), max_depth_(options.max_depth), out_(out) {}

  void run() {
    parse_body(out_.body, false, 0);
    if (!failed() && pos_ < s_.size()) fail(pos_, "unexpected '}' with no block open");
  }

 private:
  bool failed() const { return !out_.errors.empty(); }
  // Out of line: GCC 12 at -O3 reports a false -Warray-bounds when this is inlined into the
  // parsing functions.
  [[gnu::noinline]] void fail(std::size_t at, std::string message) {
    if (failed()) return;
    Error e;
    e.offset = static_cast<std::uint32_t>(std::min(at, s_.size()));
    e.message = std::move(message);
    out_.errors.push_back(std::move(e));
    pos_ = s_.size();
  }

  bool eof() const { return pos_ >= s_.size(); }
  char peek(std::size_t ahead = 0) const {
    return pos_ + ahead < s_.size() ? s_[pos_ + ahead] : '\0';
  }
  std::uint32_t off() const { return static_cast<std::uint32_t>(pos_); }

  bool deeper(int depth) {
    if (depth > max_depth_) {
      fail(pos_, fmt::format("nesting deeper than {} levels", max_depth_));
      return false;
    }
    return true;
  }

  // Skips spaces and comments; newlines too when `newlines`. Returns true when a newline was
  // skipped.
  bool skip(bool newlines) {
    bool saw_newline = false;
    while (!eof()) {
      const char c = peek();
      if (c == ' ' || c == '\t' || c == '\r') {
        ++pos_;
      } else if (c == '\n') {
        if (!newlines) return saw_newline;
        saw_newline = true;
        ++pos_;
      } else if (c == '#' || (c == '/' && peek(1) == '/')) {
        const std::size_t start = pos_ + (c == '#' ? 1 : 2);
        std::size_t end = s_.find('\n', pos_);
        if (end == std::string_view::npos) end = s_.size();
        out_.comments.push_back(
            {static_cast<std::uint32_t>(pos_), std::string(s_.substr(start, end - start))});
        pos_ = end;
      } else if (c == '/' && peek(1) == '*') {
        const std::size_t end = s_.find("*/", pos_ + 2);
        if (end == std::string_view::npos) {
          fail(pos_, "unterminated /* comment");
          return saw_newline;
        }
        out_.comments.push_back(
            {static_cast<std::uint32_t>(pos_), std::string(s_.substr(pos_ + 2, end - pos_ - 2))});
        for (std::size_t i = pos_; i < end; ++i) saw_newline = saw_newline || s_[i] == '\n';
        pos_ = end + 2;
      } else {
        break;
      }
    }
    return saw_newline;
  }

  std::string identifier() {
    const std::size_t start = pos_;
    while (!eof() && is_id_char(peek())) ++pos_;
    return std::string(s_.substr(start, pos_ - start));
  }

  // ---- bodies -----------------------------------------------------------------------------------

  void parse_body(Body& body, bool in_block, int depth) {
    if (!deeper(depth)) return;
    while (!failed()) {
      skip(true);
      if (eof()) {
        if (in_block) fail(pos_, "unterminated block: '}' expected");
        return;
      }
      if (peek() == '}') {
        if (in_block) ++pos_;
        return;
      }
      if (!is_id_start(peek())) {
        fail(pos_, fmt::format("expected an argument name or a block type, found '{}'",
                               printable(peek())));
        return;
      }
      const std::uint32_t start = off();
      std::string name = identifier();
      skip(false);
      if (peek() == '=' && peek(1) != '=') {
        ++pos_;
        Attribute a;
        a.name = std::move(name);
        a.offset = start;
        a.value = expression(depth + 1, false);
        a.end = off();
        if (failed()) return;
        const bool newline = skip(false);
        if (!newline && !eof() && peek() != '\n' && peek() != '}') {
          fail(pos_, fmt::format("expected a newline after the value of '{}', found '{}'", a.name,
                                 printable(peek())));
          return;
        }
        body.attributes.push_back(std::move(a));
        continue;
      }
      Block b;
      b.type = std::move(name);
      b.offset = start;
      while (!failed()) {
        skip(false);
        if (peek() == '"') {
          ExprPtr label = quoted(depth + 1);
          if (failed()) return;
          std::string text;
          for (const TemplatePart& p : label->parts) {
            if (p.expr) {
              fail(label->offset, "a block label cannot hold an interpolation");
              return;
            }
            text += p.text;
          }
          b.labels.push_back(std::move(text));
        } else if (is_id_start(peek())) {
          b.labels.push_back(identifier());
        } else {
          break;
        }
      }
      if (peek() != '{') {
        fail(pos_, fmt::format("expected '=' or '{{' after '{}'", b.type));
        return;
      }
      ++pos_;
      parse_body(b.body, true, depth + 1);
      b.end = off();
      body.blocks.push_back(std::move(b));
    }
  }

  static std::string printable(char c) {
    if (c == '\0') return "end of file";
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7F) {
      return fmt::format("\\x{:02X}", static_cast<unsigned char>(c));
    }
    return std::string(1, c);
  }

  // ---- expressions ------------------------------------------------------------------------------

  ExprPtr make(Expr::Kind kind, std::uint32_t at) {
    auto e = std::make_unique<Expr>();
    e->kind = kind;
    e->offset = at;
    return e;
  }

  // `nl`: newlines are insignificant (inside brackets).
  ExprPtr expression(int depth, bool nl) {
    if (!deeper(depth)) return make(Expr::Kind::kNull, off());
    skip(nl);
    ExprPtr cond = binary(depth + 1, nl);
    if (failed()) return cond;
    skip(nl);
    if (peek() == '?') {
      ++pos_;
      ExprPtr out = make(Expr::Kind::kOther, cond->offset);
      out->items.push_back(std::move(cond));
      out->items.push_back(expression(depth + 1, nl));
      skip(nl);
      if (peek() != ':') {
        fail(pos_, "expected ':' in a conditional expression");
        return out;
      }
      ++pos_;
      out->items.push_back(expression(depth + 1, nl));
      out->end = off();
      return out;
    }
    return cond;
  }

  std::size_t operator_length() const {
    const char c = peek();
    const char d = peek(1);
    if ((c == '|' && d == '|') || (c == '&' && d == '&') || (c == '=' && d == '=') ||
        (c == '!' && d == '=') || (c == '<' && d == '=') || (c == '>' && d == '=')) {
      return 2;
    }
    if (c == '+' || c == '-' || c == '*' || c == '/' || c == '%' || c == '<' || c == '>') {
      return 1;
    }
    return 0;
  }

  ExprPtr binary(int depth, bool nl) {
    ExprPtr left = unary(depth, nl);
    skip(nl);
    if (failed() || operator_length() == 0) return left;
    ExprPtr out = make(Expr::Kind::kOther, left->offset);
    out->items.push_back(std::move(left));
    int operands = 1;
    while (!failed() && operator_length() > 0) {
      if (++operands > 10000 || !deeper(depth)) {
        fail(pos_, "expression too long");
        break;
      }
      pos_ += operator_length();
      skip(nl);
      out->items.push_back(unary(depth + 1, nl));
      skip(nl);
    }
    out->end = off();
    return out;
  }

  ExprPtr unary(int depth, bool nl) {
    if (!deeper(depth)) return make(Expr::Kind::kNull, off());
    skip(nl);
    if (peek() == '!' || (peek() == '-' && !is_digit(peek(1)))) {
      ExprPtr out = make(Expr::Kind::kOther, off());
      ++pos_;
      out->items.push_back(unary(depth + 1, nl));
      out->end = off();
      return out;
    }
    return postfix(primary(depth + 1), depth + 1);
  }

  ExprPtr postfix(ExprPtr base, int depth) {
    while (!failed()) {
      const std::uint32_t at = off();
      TraversalStep step;
      step.offset = at;
      if (peek() == '.' && peek(1) == '*') {
        pos_ += 2;
      } else if (peek() == '.' && is_id_start(peek(1))) {
        ++pos_;
        step.name = identifier();
      } else if (peek() == '.' && is_digit(peek(1))) {  // legacy index: a.0
        ++pos_;
        step.is_index = true;
        step.index = make(Expr::Kind::kNumber, off());
        while (is_digit(peek())) ++pos_;
        step.index->text = std::string(s_.substr(at + 1, pos_ - at - 1));
      } else if (peek() == '[') {
        ++pos_;
        skip(true);
        step.is_index = true;
        if (peek() == '*') {
          ++pos_;
        } else {
          step.index = expression(depth + 1, true);
        }
        skip(true);
        if (peek() != ']') {
          fail(pos_, "expected ']'");
          return base;
        }
        ++pos_;
      } else {
        return base;
      }
      if (base->kind != Expr::Kind::kVariable) {
        ExprPtr out = make(Expr::Kind::kOther, base->offset);
        out->items.push_back(std::move(base));
        base = std::move(out);
      }
      base->steps.push_back(std::move(step));
      base->end = off();
    }
    return base;
  }

  ExprPtr primary(int depth) {
    if (!deeper(depth)) return make(Expr::Kind::kNull, off());
    const std::uint32_t at = off();
    const char c = peek();
    if (is_digit(c) || (c == '-' && is_digit(peek(1)))) {
      ExprPtr e = make(Expr::Kind::kNumber, at);
      ++pos_;
      while (is_digit(peek()) || peek() == '.' || peek() == 'e' || peek() == 'E' ||
             ((peek() == '+' || peek() == '-') && (s_[pos_ - 1] == 'e' || s_[pos_ - 1] == 'E'))) {
        if (peek() == '.' && !is_digit(peek(1))) break;
        ++pos_;
      }
      e->text = std::string(s_.substr(at, pos_ - at));
      e->end = off();
      return e;
    }
    if (c == '"') return quoted(depth);
    if (c == '<' && peek(1) == '<') return heredoc(depth);
    if (c == '(') {
      ++pos_;
      ExprPtr inner = expression(depth + 1, true);
      skip(true);
      if (peek() != ')') {
        fail(pos_, "expected ')'");
        return inner;
      }
      ++pos_;
      return inner;
    }
    if (c == '[') return tuple(depth);
    if (c == '{') return object(depth);
    if (is_id_start(c)) {
      std::string name = identifier();
      if (name == "true" || name == "false") {
        ExprPtr e = make(Expr::Kind::kBool, at);
        e->boolean = name == "true";
        e->end = off();
        return e;
      }
      if (name == "null") {
        ExprPtr e = make(Expr::Kind::kNull, at);
        e->end = off();
        return e;
      }
      // provider::ns::fn(...) function names
      while (peek() == ':' && peek(1) == ':') {
        pos_ += 2;
        name += "::" + identifier();
      }
      skip(false);
      if (peek() == '(') {
        ++pos_;
        ExprPtr e = make(Expr::Kind::kCall, at);
        e->text = std::move(name);
        while (!failed()) {
          skip(true);
          if (peek() == ')') break;
          e->items.push_back(expression(depth + 1, true));
          skip(true);
          if (peek() == '.' && peek(1) == '.' && peek(2) == '.') pos_ += 3;  // expansion
          skip(true);
          if (peek() == ',') {
            ++pos_;
          } else if (peek() != ')') {
            fail(pos_, fmt::format("expected ',' or ')' in the arguments of '{}'", e->text));
            return e;
          }
        }
        ++pos_;
        e->end = off();
        return e;
      }
      ExprPtr e = make(Expr::Kind::kVariable, at);
      e->text = std::move(name);
      e->end = off();
      return e;
    }
    fail(pos_, fmt::format("expected an expression, found '{}'", printable(c)));
    return make(Expr::Kind::kNull, at);
  }

  bool starts_for() {
    std::size_t p = pos_;
    while (p < s_.size() && (s_[p] == ' ' || s_[p] == '\t' || s_[p] == '\n' || s_[p] == '\r')) {
      ++p;
    }
    return s_.substr(p, 4) == "for " || s_.substr(p, 4) == "for\t" || s_.substr(p, 4) == "for\n";
  }

  // A for expression: its value is worked out by Terraform; skipped to the closing bracket.
  ExprPtr skip_for(char close, std::uint32_t at, int depth) {
    ExprPtr e = make(Expr::Kind::kOther, at);
    int nesting = 0;
    while (!eof() && !failed()) {
      const char c = peek();
      if (c == '"') {
        e->items.push_back(quoted(depth + 1));
        continue;
      }
      if (c == '[' || c == '{' || c == '(') ++nesting;
      if (c == ']' || c == '}' || c == ')') {
        if (nesting == 0) {
          if (c != close) fail(pos_, fmt::format("expected '{}'", close));
          ++pos_;
          e->end = off();
          return e;
        }
        --nesting;
      }
      ++pos_;
    }
    fail(pos_, fmt::format("unterminated for expression: '{}' expected", close));
    return e;
  }

  ExprPtr tuple(int depth) {
    const std::uint32_t at = off();
    ++pos_;
    if (starts_for()) return skip_for(']', at, depth);
    ExprPtr e = make(Expr::Kind::kTuple, at);
    while (!failed()) {
      skip(true);
      if (peek() == ']') break;
      e->items.push_back(expression(depth + 1, true));
      skip(true);
      if (peek() == ',') {
        ++pos_;
      } else if (peek() != ']') {
        fail(pos_, "expected ',' or ']' in a list");
        return e;
      }
    }
    ++pos_;
    e->end = off();
    return e;
  }

  ExprPtr object(int depth) {
    const std::uint32_t at = off();
    ++pos_;
    if (starts_for()) return skip_for('}', at, depth);
    ExprPtr e = make(Expr::Kind::kObject, at);
    while (!failed()) {
      skip(true);
      if (peek() == '}') break;
      ObjectItem item;
      const std::uint32_t key_at = off();
      if (is_id_start(peek())) {
        // A bare identifier key is its name (not a reference), unless followed by more.
        const std::size_t save = pos_;
        std::string name = identifier();
        skip(false);
        if (peek() == '=' || peek() == ':') {
          item.key = make(Expr::Kind::kString, key_at);
          TemplatePart part;
          part.text = name;
          for (std::size_t i = 0; i <= name.size(); ++i) {
            part.offsets.push_back(key_at + static_cast<std::uint32_t>(i));
          }
          item.key->parts.push_back(std::move(part));
          item.key->end = key_at + static_cast<std::uint32_t>(name.size());
        } else {
          pos_ = save;
          item.key = expression(depth + 1, true);
        }
      } else {
        item.key = expression(depth + 1, true);
      }
      skip(true);
      if (peek() == '=' && peek(1) != '=') {
        ++pos_;
      } else if (peek() == ':') {
        ++pos_;
      } else {
        fail(pos_, "expected '=' or ':' after an object key");
        return e;
      }
      item.value = expression(depth + 1, true);
      e->members.push_back(std::move(item));
      skip(true);
      if (peek() == ',') ++pos_;
    }
    ++pos_;
    e->end = off();
    return e;
  }

  // A template body up to `end` (exclusive); escapes only in quoted strings.
  void template_parts(Expr& e, std::size_t end, bool quoted_string, int depth) {
    TemplatePart literal;
    auto flush = [&]() {
      if (literal.text.empty()) return;
      literal.offsets.push_back(off());
      e.parts.push_back(std::move(literal));
      literal = TemplatePart();
    };
    while (pos_ < end && !failed()) {
      const char c = peek();
      const std::uint32_t at = off();
      if ((c == '$' || c == '%') && peek(1) == c && peek(2) == '{') {  // $${ and %%{ escapes
        literal.text.push_back(c);
        literal.text.push_back('{');
        literal.offsets.push_back(at);
        literal.offsets.push_back(at + 1);
        pos_ += 3;
        continue;
      }
      if ((c == '$' || c == '%') && peek(1) == '{') {
        flush();
        pos_ += 2;
        if (peek() == '~') ++pos_;
        TemplatePart part;
        if (c == '$') {
          part.expr = expression(depth + 1, true);
        } else {  // %{ if } / %{ for } directives: the result is unknown
          part.expr = make(Expr::Kind::kOther, at);
          while (pos_ < end && peek() != '}') ++pos_;
        }
        skip(true);
        if (peek() == '~') ++pos_;
        if (peek() != '}') {
          fail(pos_, "expected '}' to close the interpolation");
          return;
        }
        ++pos_;
        part.offsets.push_back(at);
        e.parts.push_back(std::move(part));
        continue;
      }
      if (quoted_string && c == '\\') {
        const char n = peek(1);
        std::uint32_t cp = 0;
        std::size_t len = 2;
        switch (n) {
          case 'n': cp = '\n'; break;
          case 'r': cp = '\r'; break;
          case 't': cp = '\t'; break;
          case '"': cp = '"'; break;
          case '\\': cp = '\\'; break;
          case 'u':
          case 'U': {
            const std::size_t digits = n == 'u' ? 4 : 8;
            if (pos_ + 2 + digits > end) {
              fail(pos_, "incomplete \\u escape");
              return;
            }
            for (std::size_t i = 0; i < digits; ++i) {
              const char h = s_[pos_ + 2 + i];
              cp <<= 4;
              if (h >= '0' && h <= '9') {
                cp |= static_cast<std::uint32_t>(h - '0');
              } else if (h >= 'a' && h <= 'f') {
                cp |= static_cast<std::uint32_t>(h - 'a' + 10);
              } else if (h >= 'A' && h <= 'F') {
                cp |= static_cast<std::uint32_t>(h - 'A' + 10);
              } else {
                fail(pos_, "invalid hexadecimal digit in a \\u escape");
                return;
              }
            }
            if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
              fail(pos_, "\\u escape is not a Unicode scalar value");
              return;
            }
            len = 2 + digits;
            break;
          }
          default: fail(pos_, fmt::format("invalid escape '\\{}'", printable(n))); return;
        }
        const std::size_t before = literal.text.size();
        model::append_utf8(literal.text, cp);
        for (std::size_t i = before; i < literal.text.size(); ++i) literal.offsets.push_back(at);
        pos_ += len;
        continue;
      }
      literal.text.push_back(c);
      literal.offsets.push_back(at);
      ++pos_;
    }
    flush();
  }

  ExprPtr quoted(int depth) {
    ExprPtr e = make(Expr::Kind::kString, off());
    ++pos_;
    // The closing quote: the first unescaped '"' outside interpolations.
    std::size_t p = pos_;
    int nesting = 0;
    std::size_t end = std::string_view::npos;
    while (p < s_.size()) {
      const char c = s_[p];
      if (c == '\n' && nesting == 0) break;
      if (c == '\\' && nesting == 0) {
        p += 2;
        continue;
      }
      if ((c == '$' || c == '%') && p + 1 < s_.size() && s_[p + 1] == '{' &&
          !(p > 0 && s_[p - 1] == c)) {
        ++nesting;
        p += 2;
        continue;
      }
      if (nesting > 0 && c == '{') ++nesting;
      if (nesting > 0 && c == '}') --nesting;
      if (nesting > 0 && c == '"') {  // a string inside an interpolation
        ++p;
        while (p < s_.size() && s_[p] != '"' && s_[p] != '\n') p += s_[p] == '\\' ? 2u : 1u;
      }
      if (nesting == 0 && c == '"') {
        end = p;
        break;
      }
      ++p;
    }
    if (end == std::string_view::npos) {
      fail(e->offset, "unterminated string");
      return e;
    }
    template_parts(*e, end, true, depth);
    if (failed()) return e;
    pos_ = end + 1;
    e->end = off();
    return e;
  }

  ExprPtr heredoc(int depth) {
    ExprPtr e = make(Expr::Kind::kString, off());
    e->heredoc = true;
    pos_ += 2;
    const bool indented = peek() == '-';
    if (indented) ++pos_;
    const std::string marker = identifier();
    if (marker.empty() || peek() != '\n') {
      if (marker.empty() || !(peek() == '\r' && peek(1) == '\n')) {
        fail(pos_, "expected a heredoc marker and a newline after '<<'");
        return e;
      }
      ++pos_;
    }
    ++pos_;
    const std::size_t body = pos_;
    // The closing line holds only the marker (after optional indentation).
    std::size_t line = body;
    std::size_t end = std::string_view::npos;
    while (line <= s_.size()) {
      std::size_t eol = s_.find('\n', line);
      if (eol == std::string_view::npos) eol = s_.size();
      std::string_view text = s_.substr(line, eol - line);
      if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
      const std::size_t first = text.find_first_not_of(" \t");
      if (first != std::string_view::npos && text.substr(first) == marker) {
        end = line;
        pos_ = eol;
        break;
      }
      if (eol == s_.size()) break;
      line = eol + 1;
    }
    if (end == std::string_view::npos) {
      fail(e->offset, fmt::format("unterminated heredoc: no line '{}' closes it", marker));
      return e;
    }
    const std::size_t after = pos_;
    pos_ = body;
    template_parts(*e, end, false, depth);
    pos_ = after;
    if (indented) strip_indent(*e);
    // The newline before the closing marker belongs to the content (as in Terraform).
    e->end = off();
    return e;
  }

  // <<- removes the smallest indentation of the content's lines from every line.
  static void strip_indent(Expr& e) {
    std::size_t min = std::string::npos;
    bool line_start = true;
    std::size_t indent = 0;
    for (const TemplatePart& p : e.parts) {
      if (p.expr) {
        if (line_start) min = std::min(min, indent);
        line_start = false;
        continue;
      }
      for (const char c : p.text) {
        if (c == '\n') {
          line_start = true;
          indent = 0;
        } else if (line_start && (c == ' ' || c == '\t')) {
          ++indent;
        } else if (line_start) {
          min = std::min(min, indent);
          line_start = false;
        }
      }
    }
    if (min == std::string::npos || min == 0) return;
    line_start = true;
    std::size_t removed = 0;
    for (TemplatePart& p : e.parts) {
      if (p.expr) {
        line_start = false;
        continue;
      }
      std::string text;
      std::vector<std::uint32_t> offsets;
      for (std::size_t i = 0; i < p.text.size(); ++i) {
        const char c = p.text[i];
        if (c == '\n') {
          line_start = true;
          removed = 0;
        } else if (line_start && (c == ' ' || c == '\t') && removed < min) {
          ++removed;
          continue;
        } else {
          line_start = false;
        }
        text.push_back(c);
        offsets.push_back(p.offsets[i]);
      }
      offsets.push_back(p.offsets.back());
      p.text = std::move(text);
      p.offsets = std::move(offsets);
    }
  }

  std::string_view s_;
  std::size_t pos_;
  int max_depth_;
  ParseResult& out_;
};

}  // namespace

ParseResult parse(std::string_view text, const ParseOptions& options) {
  ParseResult out;
  Parser(text, options, out).run();
  return out;
}

}  // namespace bucketlint::hcl
