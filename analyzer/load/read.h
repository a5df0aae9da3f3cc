#pragma once

// Bounded reads of untrusted inputs (issue 10): every file, standard input, the `simulate`
// input and the config are read through here, so no input can make bucketlint read without
// end (/dev/zero, a growing pipe), block (a FIFO with no writer) or read something that is not a
// file (a directory, a device, a socket).
//
// A path is opened without following it into a blocking open (O_NONBLOCK, so a FIFO opens at
// once), then checked with fstat on the open descriptor: anything but a regular file is
// refused without reading. A regular file is read until end of file, at most `limit` + 1 bytes,
// so files that report a size of 0 (/proc) are read whole and files that grow are cut off.

#include <cstddef>
#include <string>

namespace bucketlint {

enum class ReadStatus {
  kOk,
  kTooLarge,    // more than `limit` bytes
  kNotRegular,  // a directory, FIFO, device or socket; `why` names it
  kMissing,     // no such file (or a symbolic link to nothing); `why` says which
  kError,       // cannot be opened or read; `why` is the system's reason
};

struct ReadResult {
  ReadStatus status = ReadStatus::kError;
  std::string text;  // the content when kOk
  // For every status but kOk, a phrase that follows "it": "is a directory, not a file",
  // "does not exist", "cannot be opened: Permission denied", ...
  std::string why;
  std::size_t size = 0;  // bytes read; kTooLarge: the size fstat reports, 0 when unknown
};

// Reads the regular file at `path` (at most `limit` bytes).
ReadResult read_bounded_file(const std::string& path, std::size_t limit);
// Reads an already open descriptor (standard input) to its end, at most `limit` bytes; any
// kind of file is accepted (a terminal, a pipe), only the amount is bounded.
ReadResult read_bounded_fd(int fd, std::size_t limit);

}  // namespace bucketlint
