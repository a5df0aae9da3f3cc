// load/read.h (issue 10 items 6 and 12): bounded reads, non-regular files refused unread.

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "load/read.h"

namespace bucketlint {
namespace {

class ReadBounded : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("bucketlint-read-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string path(const char* name) const { return (dir_ / name).string(); }
  void write(const char* name, const std::string& text) const {
    std::ofstream(path(name), std::ios::binary) << text;
  }
  std::filesystem::path dir_;
};

TEST_F(ReadBounded, ReadsARegularFileWhole) {
  write("a.json", "{\"a\": 1}");
  const ReadResult r = read_bounded_file(path("a.json"), 100);
  EXPECT_EQ(r.status, ReadStatus::kOk);
  EXPECT_EQ(r.text, "{\"a\": 1}");
}

TEST_F(ReadBounded, RefusesAFileOverTheLimit) {
  write("big.json", std::string(101, 'x'));
  const ReadResult r = read_bounded_file(path("big.json"), 100);
  EXPECT_EQ(r.status, ReadStatus::kTooLarge);
  EXPECT_EQ(r.size, 101u);
  EXPECT_TRUE(r.text.empty());
  write("exact.json", std::string(100, 'x'));
  EXPECT_EQ(read_bounded_file(path("exact.json"), 100).status, ReadStatus::kOk);
}

TEST_F(ReadBounded, RefusesAFifoWithoutBlocking) {
  ASSERT_EQ(::mkfifo(path("p.json").c_str(), 0600), 0);
  const ReadResult r = read_bounded_file(path("p.json"), 100);
  EXPECT_EQ(r.status, ReadStatus::kNotRegular);
  EXPECT_EQ(r.why, "is a FIFO (named pipe), not a regular file");
}

TEST_F(ReadBounded, RefusesDirectoriesAndDevices) {
  EXPECT_EQ(read_bounded_file(dir_.string(), 100).why, "is a directory, not a file");
  const ReadResult zero = read_bounded_file("/dev/zero", 100);
  EXPECT_EQ(zero.status, ReadStatus::kNotRegular);
  EXPECT_EQ(zero.why, "is a character device, not a regular file");
}

TEST_F(ReadBounded, SaysWhatIsMissing) {
  EXPECT_EQ(read_bounded_file(path("none.json"), 100).why, "does not exist");
  std::filesystem::create_symlink(path("none.json"), path("link.json"));
  const ReadResult r = read_bounded_file(path("link.json"), 100);
  EXPECT_EQ(r.status, ReadStatus::kMissing);
  EXPECT_EQ(r.why, "is a symbolic link to a file that does not exist");
}

// /proc files report size 0 but have content (issue 10 item 12: "file is empty").
TEST_F(ReadBounded, ReadsProcFilesThatReportSizeZero) {
  if (!std::filesystem::exists("/proc/self/status")) GTEST_SKIP() << "no /proc";
  const ReadResult r = read_bounded_file("/proc/self/status", 1 << 20);
  EXPECT_EQ(r.status, ReadStatus::kOk);
  EXPECT_NE(r.text.find("Name:"), std::string::npos);
  EXPECT_EQ(read_bounded_file("/proc/self/status", 10).status, ReadStatus::kTooLarge);
}

TEST_F(ReadBounded, BoundsADescriptorThatNeverEnds) {
  std::FILE* zero = std::fopen("/dev/zero", "rb");
  ASSERT_NE(zero, nullptr);
  const ReadResult r = read_bounded_fd(fileno(zero), 1 << 20);
  std::fclose(zero);
  EXPECT_EQ(r.status, ReadStatus::kTooLarge);
  EXPECT_EQ(r.size, 0u);  // unknown: the rest was never read
}

}  // namespace
}  // namespace bucketlint
