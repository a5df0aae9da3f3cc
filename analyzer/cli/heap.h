#pragma once

// Heap tuning of the bucketlint process: huge pages for the model's many small allocations, and
// no freeing of the loaded model at exit. Only the command line uses it; the library allocates
// as usual.

#include <memory>
#include <utility>

namespace bucketlint::cli {

// Grows the heap in large steps on huge pages, and never trims it (glibc on Linux; elsewhere a
// no-op). Called once, first thing in main().
void prefer_huge_pages();

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kFreeAtExit = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kFreeAtExit = true;
#else
constexpr bool kFreeAtExit = false;
#endif
#else
constexpr bool kFreeAtExit = false;
#endif

// Owns what the process needs until it exits, and leaves it to the operating system:
// destroying the loaded model (every JSON node, string and source file) is ~7% of a corpus
// run. Sanitizer builds free it as usual so that LeakSanitizer has nothing to report.
template <typename T>
class FreedByExit {
 public:
  explicit FreedByExit(std::unique_ptr<T> owned) : owned_(std::move(owned)) {}
  FreedByExit(const FreedByExit&) = delete;
  FreedByExit& operator=(const FreedByExit&) = delete;
  ~FreedByExit() {
    if constexpr (!kFreeAtExit) static_cast<void>(owned_.release());
  }
  T& get() const { return *owned_; }

 private:
  std::unique_ptr<T> owned_;
};

}  // namespace bucketlint::cli
