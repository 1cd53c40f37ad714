// The one shell-word splitter (src/util/shell_words.h), as credential_process commands and
// `[profile NAME]` headers use it.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "src/util/shell_words.h"

namespace athena::util {
namespace {

using Words = std::vector<std::string>;

TEST(ShellWords, QuotesGroupAndBackslashesEscape) {
  EXPECT_EQ(split_shell_words("  a\tb\nc  "), (Words{"a", "b", "c"}));
  EXPECT_EQ(split_shell_words(R"(cmd "two words" 'single $x' a\ b)"),
            (Words{"cmd", "two words", "single $x", "a b"}));
  EXPECT_EQ(split_shell_words(R"("say \"hi\"" 'it\'s')"), (Words{R"(say "hi")", R"(it\s)"}));
  EXPECT_EQ(split_shell_words(R"("" x)"), (Words{"", "x"}));
  EXPECT_EQ(split_shell_words(""), Words{});
}

TEST(ShellWords, WithoutBackslashEscapesABackslashIsKept) {
  EXPECT_EQ(split_shell_words(R"(profile "my name")", false), (Words{"profile", "my name"}));
  EXPECT_EQ(split_shell_words(R"(profile a\b)", false), (Words{"profile", R"(a\b)"}));
}

} // namespace
} // namespace athena::util
