#include "report/markup.h"

namespace bucketlint {

std::string markup_escape(std::string_view text, std::string_view control_replacement) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') {
          out += control_replacement;
        } else {
          out += c;
        }
    }
  }
  return out;
}

}  // namespace bucketlint
