// The progress line (bucketlint/progress.h): when it is shown, what it says, and that it is
// cleared; a fake clock drives it.

#include "bucketlint/progress.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

namespace bucketlint {
namespace {

using std::chrono::milliseconds;
using testing::ElementsAre;
using testing::HasSubstr;
using testing::IsEmpty;
using testing::Not;

struct Harness {
  Progress::Clock::time_point now{};
  std::vector<std::string> writes;
  Progress make(bool terminal) {
    Progress::Options options;
    options.terminal = terminal;
    options.now = [this] { return now; };
    return Progress([this](std::string_view s) { writes.emplace_back(s); }, options);
  }
};

TEST(ProgressWanted, OnlyOnATerminalOutsideCiUnlessAsked) {
  EXPECT_TRUE(progress_wanted(false, false, true, "xterm-256color", false));
  EXPECT_TRUE(progress_wanted(false, false, true, nullptr, false));
  EXPECT_FALSE(progress_wanted(false, false, false, "xterm", false));  // stderr redirected
  EXPECT_FALSE(progress_wanted(false, false, true, "dumb", false));
  EXPECT_FALSE(progress_wanted(false, false, true, "xterm", true));  // CI pseudo-terminal
  EXPECT_TRUE(progress_wanted(true, false, false, "dumb", true));    // --progress
  EXPECT_FALSE(progress_wanted(false, true, true, "xterm", false));  // --no-progress
  EXPECT_FALSE(progress_wanted(true, true, true, "xterm", false));
}

TEST(Progress, ShortRunsShowNothing) {
  Harness h;
  Progress p = h.make(true);
  for (int i = 0; i < 100; ++i) p.file("a.json");
  h.now += milliseconds(900);
  p.buckets(3, 3);
  p.finish();
  EXPECT_THAT(h.writes, IsEmpty());
}

TEST(Progress, TerminalLineIsRedrawnThrottledAndCleared) {
  Harness h;
  Progress p = h.make(true);
  p.file("a.json");
  h.now += milliseconds(1000);
  p.file("accounts/1/b.json");
  ASSERT_EQ(h.writes.size(), 1U);
  EXPECT_EQ(h.writes[0], "\rbucketlint: 2 files read  accounts/1/b.json\x1b[K");
  p.file("c.json");  // too soon after the last redraw
  EXPECT_EQ(h.writes.size(), 1U);
  h.now += milliseconds(100);
  p.buckets(0, 4000);
  h.now += milliseconds(1000);
  p.buckets(1000, 4000);
  ASSERT_EQ(h.writes.size(), 3U);
  EXPECT_EQ(h.writes[2],
            "\rbucketlint: 3 files read, 1,000 of 4,000 buckets analysed, about 3 s left\x1b[K");
  h.now += milliseconds(100);
  p.buckets(3999, 4000);  // under a second left: no estimate
  EXPECT_EQ(h.writes.back(), "\rbucketlint: 3 files read, 3,999 of 4,000 buckets analysed\x1b[K");
  p.finish();
  EXPECT_EQ(h.writes.back(), "\r\x1b[K");
  const std::size_t n = h.writes.size();
  p.finish();
  EXPECT_EQ(h.writes.size(), n);  // cleared once
}

TEST(Progress, FileNamesAreEscapedAndShortenedAtCharacterBoundaries) {
  Harness h;
  Progress p = h.make(true);
  h.now += milliseconds(1000);
  p.file("evil\x1b]0;title\a\r\nname.json");
  ASSERT_EQ(h.writes.size(), 1U);
  EXPECT_THAT(h.writes[0], Not(HasSubstr("\x1b]")));
  EXPECT_THAT(h.writes[0], Not(HasSubstr("\n")));
  EXPECT_THAT(h.writes[0], HasSubstr("evil\\x1b]0;title"));
  h.now += milliseconds(1000);
  std::string deep;
  for (int i = 0; i < 40; ++i) deep += "\xc3\xa9t\xc3\xa9/";  // "été/" x 40
  p.file(deep + "last.json");
  const std::string& line = h.writes.back();
  EXPECT_THAT(line, HasSubstr("...")) << line;
  EXPECT_THAT(line, HasSubstr("last.json\x1b[K"));
  // The cut never splits a UTF-8 sequence: the byte after "..." starts a character.
  const std::size_t dots = line.find("...");
  ASSERT_NE(dots, std::string::npos);
  EXPECT_NE(static_cast<unsigned char>(line[dots + 3]) & 0xC0U, 0x80U);
  EXPECT_LE(line.size(), std::string("\r\x1b[K").size() + 79 + 40);  // bytes, not columns
}

TEST(Progress, PlainLinesWhenNotATerminal) {
  Harness h;
  Progress::Options options;
  options.terminal = false;
  options.delay = {};
  options.now = [&h] { return h.now; };
  Progress p([&h](std::string_view s) { h.writes.emplace_back(s); }, options);
  p.file("a.json");
  h.now += milliseconds(300);
  p.file("b.json");  // within a second of the last line
  h.now += milliseconds(300);
  p.buckets(2, 2);  // the last step is always shown
  p.finish();       // nothing to clear
  EXPECT_THAT(h.writes, ElementsAre("bucketlint: 1 file read  a.json\n",
                                    "bucketlint: 2 files read, 2 of 2 buckets analysed\n"));
}

TEST(Progress, Formatting) {
  EXPECT_EQ(thousands(0), "0");
  EXPECT_EQ(thousands(999), "999");
  EXPECT_EQ(thousands(1000), "1,000");
  EXPECT_EQ(thousands(1234567), "1,234,567");
  EXPECT_EQ(short_duration(std::chrono::seconds(7)), "7 s");
  EXPECT_EQ(short_duration(std::chrono::seconds(185)), "3 min 05 s");
  EXPECT_EQ(short_duration(std::chrono::seconds(3720)), "1 h 02 min");
}

}  // namespace
}  // namespace bucketlint
