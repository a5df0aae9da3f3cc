#include "load/read.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>

namespace bucketlint {

namespace {

std::string type_name(mode_t mode) {
  if (S_ISDIR(mode)) return "is a directory, not a file";
  if (S_ISFIFO(mode)) return "is a FIFO (named pipe), not a regular file";
  if (S_ISCHR(mode)) return "is a character device, not a regular file";
  if (S_ISBLK(mode)) return "is a block device, not a regular file";
  if (S_ISSOCK(mode)) return "is a socket, not a regular file";
  return "is not a regular file";
}

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

}  // namespace

namespace {

// `hint`: the size fstat reports (0 when unknown); the buffer starts one byte larger, so a
// file of exactly that size is read in one call plus the call that sees its end.
ReadResult read_fd(int fd, std::size_t limit, std::size_t hint) {
  ReadResult result;
  const std::size_t start = hint > 0 ? hint + 1 : std::size_t{4096};
  result.text.resize(std::min(limit + 1, start));
  std::size_t got = 0;
  while (true) {
    if (got == result.text.size()) {
      if (got > limit) break;
      result.text.resize(std::min(limit + 1, result.text.size() * 2));
    }
    const ssize_t n = ::read(fd, result.text.data() + got, result.text.size() - got);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN) {  // a non-blocking descriptor with nothing to read yet
        result.why = "cannot be read: no data without blocking";
        result.status = ReadStatus::kError;
        return result;
      }
      result.why = std::string("cannot be read: ") + std::strerror(errno);
      result.status = ReadStatus::kError;
      result.text.clear();
      return result;
    }
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  result.size = got;
  if (got > limit) {
    result.size = 0;  // unknown: the rest was never read
    result.status = ReadStatus::kTooLarge;
    result.text.clear();
    result.text.shrink_to_fit();
    return result;
  }
  result.text.resize(got);
  if (result.text.capacity() > 2 * got + 4096) result.text.shrink_to_fit();
  result.status = ReadStatus::kOk;
  return result;
}

}  // namespace

ReadResult read_bounded_fd(int fd, std::size_t limit) { return read_fd(fd, limit, 0); }

ReadResult read_bounded_file(const std::string& path, std::size_t limit) {
  ReadResult result;
  const Fd fd(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC));
  if (fd.get() < 0) {
    const int error = errno;
    struct stat link {};
    if (error == ENOENT && ::lstat(path.c_str(), &link) == 0 && S_ISLNK(link.st_mode)) {
      result.status = ReadStatus::kMissing;
      result.why = "is a symbolic link to a file that does not exist";
    } else if (error == ENOENT || error == ENOTDIR) {
      result.status = ReadStatus::kMissing;
      result.why = "does not exist";
    } else {
      result.status = ReadStatus::kError;
      result.why = std::string("cannot be opened: ") + std::strerror(error);
    }
    return result;
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) {
    result.why = std::string("cannot be examined: ") + std::strerror(errno);
    return result;
  }
  if (!S_ISREG(st.st_mode)) {
    result.status = ReadStatus::kNotRegular;
    result.why = type_name(st.st_mode);
    return result;
  }
  if (st.st_size > 0 && static_cast<std::uintmax_t>(st.st_size) > limit) {
    result.status = ReadStatus::kTooLarge;
    result.size = static_cast<std::size_t>(st.st_size);
    return result;
  }
  // Regular files never block; clear O_NONBLOCK anyway so that a read is never cut short.
  const int flags = ::fcntl(fd.get(), F_GETFL);
  if (flags >= 0) static_cast<void>(::fcntl(fd.get(), F_SETFL, flags & ~O_NONBLOCK));
  return read_fd(fd.get(), limit, static_cast<std::size_t>(st.st_size));
}

}  // namespace bucketlint
