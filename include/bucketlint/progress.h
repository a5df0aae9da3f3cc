#pragma once

// The progress line of a long run: on a terminal, one line on standard error that is redrawn
// in place ("files loaded", then "buckets analysed" with an estimate of the time left) and
// cleared at the end, so that a large organisation does not look hung. Never shown in CI logs
// unless asked for (`--progress`). The library formats the line; the CLI decides whether to
// show it and owns standard error.

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace bucketlint {

// Whether to show the progress line: `--progress` (forced) and `--no-progress` (never) win;
// otherwise only when standard error is a terminal whose TERM is not "dumb" and no CI
// variable is set (CI services attach a pseudo-terminal to some jobs).
bool progress_wanted(bool forced, bool never, bool stderr_is_terminal, const char* term,
                     bool in_ci);

class Progress {
 public:
  using Clock = std::chrono::steady_clock;

  struct Options {
    // On a terminal: the line is redrawn in place and cleared by finish(). Elsewhere (only
    // with --progress): one line per update, at most one per `plain_interval`.
    bool terminal = true;
    // Nothing is shown before the run is this old: short runs stay silent.
    Clock::duration delay = std::chrono::seconds(1);
    Clock::duration redraw_interval = std::chrono::milliseconds(100);
    Clock::duration plain_interval = std::chrono::seconds(1);
    std::size_t width = 79;  // the line never gets longer (terminal columns)
    std::function<Clock::time_point()> now = Clock::now;
  };

  // `write` receives the bytes to put on standard error.
  Progress(std::function<void(std::string_view)> write, Options options);

  // A file is being read (path as the reports show it; escaped here).
  void file(std::string_view path);
  // The model's buckets are being analysed: `done` of `total`.
  void buckets(std::size_t done, std::size_t total);
  // Clears the line (terminal) when one was shown. Idempotent.
  void finish();

  // The line as it would be shown now (tests).
  const std::string& line() const { return line_; }

 private:
  bool due(bool force) const;  // past the delay, and a redraw is not too soon
  void update(std::string line, bool force);

  std::function<void(std::string_view)> write_;
  Options options_;
  Clock::time_point start_;
  Clock::time_point phase_start_;
  Clock::time_point last_shown_{};
  bool shown_ = false;
  bool analysing_ = false;
  std::size_t files_ = 0;
  std::string line_;
};

// "1,234,567"
std::string thousands(std::size_t n);

// "7 s", "3 min 05 s", "1 h 02 min".
std::string short_duration(std::chrono::seconds s);

}  // namespace bucketlint
