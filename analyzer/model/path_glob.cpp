#include "model/path_glob.h"

#include <re2/re2.h>

namespace bucketlint::model {

namespace {

void append_literal(std::string& out, char c) {
  const auto u = static_cast<unsigned char>(c);
  const bool plain = (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') ||
                     u == '_' || u == '/' || u == '-';
  if (plain) {
    out.push_back(c);
  } else {
    // \xHH is exact for every byte in Latin-1 mode, including NUL and newline.
    static constexpr char kHex[] = "0123456789abcdef";
    out += "\\x";
    out.push_back(kHex[u >> 4]);
    out.push_back(kHex[u & 15]);
  }
}

// Translates "[...]" starting at glob[i] == '['; returns false when it has no closing ']'.
bool append_class(std::string& out, std::string_view glob, std::size_t& i) {
  std::size_t j = i + 1;
  bool negate = false;
  if (j < glob.size() && (glob[j] == '!' || glob[j] == '^')) {
    negate = true;
    ++j;
  }
  const std::size_t first = j;
  if (j < glob.size() && glob[j] == ']') ++j;  // "[]a]": a leading ']' is a member
  while (j < glob.size() && glob[j] != ']') ++j;
  if (j >= glob.size()) return false;
  out += negate ? "[^/" : "[";
  for (std::size_t k = first; k < j; ++k) {
    if (glob[k] != '-') {
      append_literal(out, glob[k]);
    } else if (k != first && k + 1 < j) {
      out.push_back('-');  // a range
    } else {
      out += "\\-";
    }
  }
  out.push_back(']');
  i = j;
  return true;
}

// Consumes the run of '*' that starts at glob[i] (at least two) and every "/**" that follows
// it; leaves i on the last character consumed. Returns true when the run ends in "**/" (the
// '/' consumed too): that may match no directory at all.
bool consume_double_star(std::string_view glob, std::size_t& i) {
  for (;;) {
    while (i + 1 < glob.size() && glob[i + 1] == '*') ++i;
    if (i + 1 >= glob.size() || glob[i + 1] != '/') return false;
    ++i;  // the '/'
    if (i + 2 < glob.size() && glob[i + 1] == '*' && glob[i + 2] == '*') {
      i += 2;  // "**/**": keep going
      continue;
    }
    return true;
  }
}

}  // namespace

std::string glob_to_regex(std::string_view glob) {
  std::string out;
  out.reserve(glob.size() * 2);
  for (std::size_t i = 0; i < glob.size(); ++i) {
    const char c = glob[i];
    if (c == '*') {
      if (i + 1 < glob.size() && glob[i + 1] == '*') {
        out += consume_double_star(glob, i) ? "(?:.*/)?" : ".*";
      } else {
        out += "[^/]*";
      }
    } else if (c == '?') {
      out += "[^/]";
    } else if (c == '[') {
      if (!append_class(out, glob, i)) append_literal(out, c);
    } else if (c == '\\' && i + 1 < glob.size()) {
      append_literal(out, glob[++i]);
    } else {
      append_literal(out, c);
    }
  }
  return out;
}

std::optional<PathGlob> PathGlob::compile(std::string_view glob, std::string* error) {
  RE2::Options options;
  options.set_encoding(RE2::Options::EncodingLatin1);
  options.set_dot_nl(true);
  options.set_log_errors(false);
  options.set_max_mem(8 << 20);
  auto re = std::make_shared<const RE2>(glob_to_regex(strip_dot_slash(glob)), options);
  if (!re->ok()) {
    if (error != nullptr) *error = re->error();
    return std::nullopt;
  }
  PathGlob g;
  g.re_ = std::move(re);
  return g;
}

bool PathGlob::matches(std::string_view path) const {
  path = strip_dot_slash(path);
  return RE2::FullMatch(re2::StringPiece(path.data(), path.size()), *re_);
}

bool path_glob_match(std::string_view pattern, std::string_view path) {
  if (pattern.empty()) return true;
  const std::optional<PathGlob> glob = PathGlob::compile(pattern);
  return glob && glob->matches(path);
}

std::string_view strip_dot_slash(std::string_view path) {
  while (path.size() >= 2 && path[0] == '.' && path[1] == '/') {
    path.remove_prefix(2);
    while (!path.empty() && path[0] == '/') path.remove_prefix(1);
  }
  return path;
}

}  // namespace bucketlint::model
