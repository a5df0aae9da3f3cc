#include <fmt/format.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "bucketlint/report.h"

namespace bucketlint {

namespace {

// Length of the valid UTF-8 sequence at text[i] and its code point, or 0 when the bytes there
// are not valid UTF-8 (overlong forms, surrogates and values above U+10FFFF are invalid).
std::size_t utf8_sequence(std::string_view text, std::size_t i, std::uint32_t& cp) {
  const auto b0 = static_cast<unsigned char>(text[i]);
  std::size_t len = 0;
  std::uint32_t min = 0;
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  if ((b0 & 0xE0) == 0xC0) {
    len = 2;
    cp = b0 & 0x1Fu;
    min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3;
    cp = b0 & 0x0Fu;
    min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4;
    cp = b0 & 0x07u;
    min = 0x10000;
  } else {
    return 0;
  }
  if (i + len > text.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(text[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3Fu);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

// Code points that end or start a line, or reorder what a reader sees, in some terminal,
// editor or log viewer: C1 controls (U+0085 is NEXT LINE), the line and paragraph separators,
// and the bidirectional embedding, override and isolate controls.
bool unsafe_code_point(std::uint32_t cp) {
  return (cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 ||
         (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

void append_escaped(std::string& out, std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte < 0x7F) {
      out += c;
      ++i;
      continue;
    }
    switch (c) {
      case '\n':
        out += "\\n";
        ++i;
        continue;
      case '\r':
        out += "\\r";
        ++i;
        continue;
      case '\t':
        out += "\\t";
        ++i;
        continue;
      default: break;
    }
    if (byte < 0x80) {  // other C0 controls (ESC, BEL, NUL, ...) and DEL
      out += fmt::format("\\x{:02x}", byte);
      ++i;
      continue;
    }
    std::uint32_t cp = 0;
    const std::size_t len = utf8_sequence(text, i, cp);
    if (len == 0) {
      out += fmt::format("\\x{:02x}", byte);  // a byte of invalid UTF-8
      ++i;
    } else if (unsafe_code_point(cp)) {
      out += fmt::format("\\u{{{:04x}}}", cp);
      i += len;
    } else {
      out.append(text.substr(i, len));
      i += len;
    }
  }
}

}  // namespace

std::string escape_for_terminal(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  append_escaped(out, text);
  return out;
}

std::string escape_multiline(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t start = 0;
  bool first = true;
  while (true) {
    const std::size_t end = text.find('\n', start);
    const std::string_view line =
        text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (!first) {
      const std::size_t body = line.find_first_not_of(" \t");
      const std::string_view rest =
          body == std::string_view::npos ? std::string_view{} : line.substr(body);
      const bool indented = !line.empty() && line.front() == ' ';
      const bool command = rest.starts_with("::") || rest.starts_with("##[");
      out += indented && !command ? "\n" : "\\n";
    }
    append_escaped(out, line);
    if (end == std::string_view::npos) break;
    start = end + 1;
    first = false;
  }
  return out;
}

EscapedText& EscapedText::operator+=(std::string_view chunk) {
  const bool newline = !chunk.empty() && chunk.back() == '\n';
  if (newline) chunk.remove_suffix(1);
  append_escaped(text_, chunk);
  if (newline) text_ += '\n';
  return *this;
}

}  // namespace bucketlint
