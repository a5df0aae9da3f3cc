#include "load/gitignore.h"

#include <re2/re2.h>
#include <re2/set.h>

#include "model/path_glob.h"

namespace bucketlint {

namespace {

// One line of a .gitignore, or "" when it holds no pattern.
std::string_view trim_line(std::string_view line) {
  if (line.ends_with('\r')) line.remove_suffix(1);
  if (line.empty() || line.front() == '#') return {};
  // Trailing spaces are dropped unless escaped with '\'.
  while (line.ends_with(' ') && !(line.size() >= 2 && line[line.size() - 2] == '\\')) {
    line.remove_suffix(1);
  }
  return line;
}

}  // namespace

std::optional<GitIgnore> GitIgnore::parse(std::string_view text) {
  RE2::Options options;
  options.set_encoding(RE2::Options::EncodingLatin1);
  options.set_dot_nl(true);
  options.set_log_errors(false);
  options.set_max_mem(64 << 20);
  auto set = std::make_shared<RE2::Set>(options, RE2::ANCHOR_BOTH);
  GitIgnore out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view p = trim_line(text.substr(start, end - start));
    start = end + 1;
    if (p.empty()) continue;
    Pattern pattern;
    if (p.front() == '!') {
      pattern.negate = true;
      p.remove_prefix(1);
    }
    if (p.ends_with('/') && !p.ends_with("\\/")) {
      pattern.dir_only = true;
      p.remove_suffix(1);
    }
    if (p.empty()) continue;
    const bool anchored = p.find('/') != std::string_view::npos;
    if (p.front() == '/') p.remove_prefix(1);
    std::string regex = anchored ? std::string() : std::string("(?:.*/)?");
    regex += model::glob_to_regex(p);
    if (set->Add(regex, nullptr) < 0) continue;
    out.patterns_.push_back(pattern);
  }
  if (out.patterns_.empty() || !set->Compile()) return std::nullopt;
  out.set_ = std::move(set);
  return out;
}

GitIgnore::Match GitIgnore::match(std::string_view relative, bool is_dir) const {
  const auto* set = static_cast<const RE2::Set*>(set_.get());
  std::vector<int> hits;
  if (!set->Match(re2::StringPiece(relative.data(), relative.size()), &hits)) return Match::kNone;
  int last = -1;
  for (const int i : hits) {
    if (patterns_[static_cast<std::size_t>(i)].dir_only && !is_dir) continue;
    last = std::max(last, i);
  }
  if (last < 0) return Match::kNone;
  return patterns_[static_cast<std::size_t>(last)].negate ? Match::kIncluded : Match::kIgnored;
}

}  // namespace bucketlint
