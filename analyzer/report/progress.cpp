#include "bucketlint/progress.h"

#include <fmt/format.h>

#include <utility>

#include "bucketlint/report.h"

namespace bucketlint {

bool progress_wanted(bool forced, bool never, bool stderr_is_terminal, const char* term,
                     bool in_ci) {
  if (never) return false;
  if (forced) return true;
  if (!stderr_is_terminal || in_ci) return false;
  return term == nullptr || std::string_view(term) != "dumb";
}

std::string thousands(std::size_t n) {
  std::string digits = fmt::format("{}", n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

std::string short_duration(std::chrono::seconds s) {
  const auto total = s.count() < 0 ? 0 : s.count();
  if (total < 60) return fmt::format("{} s", total);
  if (total < 3600) return fmt::format("{} min {:02} s", total / 60, total % 60);
  return fmt::format("{} h {:02} min", total / 3600, total % 3600 / 60);
}

Progress::Progress(std::function<void(std::string_view)> write, Options options)
    : write_(std::move(write)), options_(std::move(options)) {
  start_ = options_.now();
  phase_start_ = start_;
}

void Progress::file(std::string_view path) {
  ++files_;
  if (!due(false)) return;  // a file read is cheap: no formatting between redraws
  // The name is escaped (no control byte, no bidirectional override reaches the terminal) and
  // then shortened from the left, at a character boundary, to fit the line.
  std::string head =
      fmt::format("bucketlint: {} file{} read  ", thousands(files_), files_ == 1 ? "" : "s");
  std::string name = escape_for_terminal(path);
  const std::size_t room = options_.width > head.size() + 4 ? options_.width - head.size() : 0;
  if (name.size() > room) {
    std::size_t cut = name.size() - (room > 3 ? room - 3 : 0);
    while (cut < name.size() && (static_cast<unsigned char>(name[cut]) & 0xC0U) == 0x80U) ++cut;
    name = "..." + name.substr(cut);
  }
  if (room == 0) name.clear();
  update(head + name, false);
}

void Progress::buckets(std::size_t done, std::size_t total) {
  const Clock::time_point now = options_.now();
  if (!analysing_) {
    analysing_ = true;
    phase_start_ = now;
  }
  std::string text =
      fmt::format("bucketlint: {} file{} read, {} of {} bucket{} analysed", thousands(files_),
                  files_ == 1 ? "" : "s", thousands(done), thousands(total), total == 1 ? "" : "s");
  const auto elapsed = now - phase_start_;
  // An estimate only once there is something to go by.
  if (done > 0 && done < total && elapsed >= std::chrono::milliseconds(500)) {
    const auto left = std::chrono::duration_cast<std::chrono::seconds>(
        elapsed * static_cast<double>(total - done) / static_cast<double>(done));
    if (left.count() > 0) text += fmt::format(", about {} left", short_duration(left));
  }
  if (text.size() > options_.width) text.resize(options_.width);  // ASCII only
  update(std::move(text), done == total);
}

bool Progress::due(bool force) const {
  const Clock::time_point now = options_.now();
  if (now - start_ < options_.delay) return false;
  const Clock::duration interval =
      options_.terminal ? options_.redraw_interval : options_.plain_interval;
  return !shown_ || force || now - last_shown_ >= interval;
}

void Progress::update(std::string line, bool force) {
  line_ = std::move(line);
  if (!due(force)) return;
  last_shown_ = options_.now();
  shown_ = true;
  // "\r" and "erase to end of line" (ECMA-48 EL) redraw in place on a terminal.
  write_(options_.terminal ? fmt::format("\r{}\x1b[K", line_) : fmt::format("{}\n", line_));
}

void Progress::finish() {
  if (!shown_) return;
  if (options_.terminal) write_("\r\x1b[K");
  shown_ = false;
}

}  // namespace bucketlint
