// util::read_input / read_file: whole files in one read of their size, every byte kept; errors name
// the file.
#include <string>

#include <gtest/gtest.h>

#include "src/util/file_io.h"
#include "tests/support/test_support.h"

namespace athena::testing {
namespace {

TEST(ReadInput, ReadsEveryByteOfALargeFile) {
  TempDir tmp;
  std::string bytes;
  bytes.reserve(size_t{5} << 20);
  for (size_t i = 0; bytes.size() < (size_t{5} << 20) + 7; ++i)
    bytes += static_cast<char>((i * 131) % 256); // NULs and bytes past 0x7f too
  write_file(tmp.path() / "big.sql", bytes);
  const auto text = util::read_input((tmp.path() / "big.sql").string());
  ASSERT_TRUE(text.ok()) << text.error();
  EXPECT_EQ(*text, bytes);
}

TEST(ReadInput, ReadsAnEmptyFile) {
  TempDir tmp;
  write_file(tmp.path() / "empty.sql", "");
  const auto text = util::read_input((tmp.path() / "empty.sql").string());
  ASSERT_TRUE(text.ok()) << text.error();
  EXPECT_EQ(*text, "");
}

TEST(ReadInput, MissingFileAndDirectoryAreErrorsNamingThePath) {
  TempDir tmp;
  const std::string missing = (tmp.path() / "missing.sql").string();
  const auto not_there = util::read_input(missing);
  ASSERT_FALSE(not_there.ok());
  EXPECT_EQ(not_there.error(), missing + ": cannot open: No such file or directory");
  const auto folder = util::read_file(tmp.path().string());
  ASSERT_FALSE(folder.ok());
  EXPECT_EQ(folder.error(), tmp.path().string() + ": is a directory, not a file");
  // The form kept for code written against it says the same.
  std::string error;
  EXPECT_FALSE(util::read_input(missing, error).has_value());
  EXPECT_EQ(error, missing + ": cannot open: No such file or directory");
}

} // namespace
} // namespace athena::testing
