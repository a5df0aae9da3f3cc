// escape_for_terminal / escape_multiline / EscapedText (issue 10 item 3): quoted text never
// starts a line nor reaches the terminal raw.

#include <gtest/gtest.h>

#include <string>

#include "bucketlint/report.h"

namespace bucketlint {
namespace {

TEST(Escape, ControlsAndInvalidUtf8BecomeVisible) {
  EXPECT_EQ(escape_for_terminal("a\nb\rc\td"), "a\\nb\\rc\\td");
  EXPECT_EQ(escape_for_terminal("\x1b]0;x\x07"), "\\x1b]0;x\\x07");
  EXPECT_EQ(escape_for_terminal(std::string("n\0l", 3)), "n\\x00l");
  EXPECT_EQ(escape_for_terminal("\x7f"), "\\x7f");
  EXPECT_EQ(escape_for_terminal("\xff\xc3"), "\\xff\\xc3");           // invalid UTF-8
  EXPECT_EQ(escape_for_terminal("\xc0\xaf"), "\\xc0\\xaf");           // overlong '/'
  EXPECT_EQ(escape_for_terminal("\xed\xa0\x80"), "\\xed\\xa0\\x80");  // a surrogate
  EXPECT_EQ(escape_for_terminal("\xc2\x85"), "\\u{0085}");            // NEXT LINE (C1)
  EXPECT_EQ(escape_for_terminal("\xe2\x80\xa8"), "\\u{2028}");        // LINE SEPARATOR
  EXPECT_EQ(escape_for_terminal("\xe2\x80\xae"), "\\u{202e}");        // RIGHT-TO-LEFT OVERRIDE
}

TEST(Escape, OrdinaryTextIsUnchanged) {
  EXPECT_EQ(escape_for_terminal("AllowCloudFront\xe2\x80\x94OAI \\ 'x' \xf0\x9f\x98\x80"),
            "AllowCloudFront\xe2\x80\x94OAI \\ 'x' \xf0\x9f\x98\x80");
}

TEST(Escape, MultilineKeepsIndentedLinesOnly) {
  EXPECT_EQ(escape_multiline("fix:\n    1. a\n  2. b"), "fix:\n    1. a\n  2. b");
  EXPECT_EQ(escape_multiline("x\n::error::forged"), "x\\n::error::forged");
  EXPECT_EQ(escape_multiline("x\n    ::error::forged"), "x\\n    ::error::forged");
  EXPECT_EQ(escape_multiline("x\n ##[error]forged"), "x\\n ##[error]forged");
  EXPECT_EQ(escape_multiline("x\r\n  y"), "x\\r\n  y");
}

TEST(Escape, EscapedTextKeepsOneFinalLineFeedPerChunk) {
  EscapedText out;
  out += "a: 'x\n::y'\n";
  out += "b";
  out += "\n";
  EXPECT_EQ(out.str(), "a: 'x\\n::y'\nb\n");
}

}  // namespace
}  // namespace bucketlint
