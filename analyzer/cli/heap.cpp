#include "cli/heap.h"

#if defined(__linux__) && defined(__GLIBC__)
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>
#endif

#include <cstdint>
#include <cstdlib>

namespace bucketlint::cli {

// The model of a large input (about 40 MB for the 1,644 AWS managed policies) is allocated in
// many small pieces and never freed before exit. With 4 KiB pages, every page first touched is
// a page fault: about a fifth of the run time on that corpus. Growing the heap in large steps
// and asking the kernel for transparent huge pages there (honoured when THP is "always" or
// "madvise") cuts the faults about fivefold. This is what glibc's glibc.malloc.hugetlb=1
// tunable does, which can only be set from the environment. The heap is also never trimmed:
// memory is given back at exit. Elsewhere, or under the sanitizers' allocator, it is harmless.
void prefer_huge_pages() {
#if defined(__linux__) && defined(__GLIBC__)
  constexpr int kStep = 32 << 20;  // also glibc's largest mmap threshold on 64-bit
  constexpr std::uintptr_t kHugePage = std::uintptr_t{2} << 20;
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  mallopt(M_MMAP_THRESHOLD, kStep);  // big blocks stay on the heap (and its huge pages)
  mallopt(M_TOP_PAD, kStep);
  void* probe = std::malloc(std::size_t{1} << 20);  // grows the heap by the step now
  if (probe == nullptr) return;
  const auto start = (reinterpret_cast<std::uintptr_t>(probe) + kHugePage - 1) & ~(kHugePage - 1);
  void* const top = sbrk(0);
  std::free(probe);
  if (top == reinterpret_cast<void*>(-1)) return;  // the heap is not a brk heap here
  const auto end = reinterpret_cast<std::uintptr_t>(top) & ~(kHugePage - 1);
  if (end > start) {
    // Advice only: on failure (no THP support) the heap keeps its normal pages.
    static_cast<void>(madvise(reinterpret_cast<void*>(start), end - start, MADV_HUGEPAGE));
  }
#endif
}

}  // namespace bucketlint::cli
