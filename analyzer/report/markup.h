#pragma once

// Escaping of untrusted text for the HTML report and the SVG access graph.

#include <string>
#include <string_view>

namespace bucketlint {

// `text` as HTML/XML character data or a quoted attribute value: & < > " ' become entities and
// each control character but newline and tab (not allowed in XML 1.0 text) becomes
// `control_replacement`.
std::string markup_escape(std::string_view text, std::string_view control_replacement);

}  // namespace bucketlint
