// util::read_input: whole files in one read of their size, every byte kept; errors name the file.
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
  std::string error;
  const auto text = util::read_input((tmp.path() / "big.sql").string(), error);
  ASSERT_TRUE(text.has_value()) << error;
  EXPECT_EQ(*text, bytes);
}

TEST(ReadInput, ReadsAnEmptyFile) {
  TempDir tmp;
  write_file(tmp.path() / "empty.sql", "");
  std::string error;
  const auto text = util::read_input((tmp.path() / "empty.sql").string(), error);
  ASSERT_TRUE(text.has_value()) << error;
  EXPECT_EQ(*text, "");
}

TEST(ReadInput, MissingFileAndDirectoryAreErrorsNamingThePath) {
  TempDir tmp;
  std::string error;
  const std::string missing = (tmp.path() / "missing.sql").string();
  EXPECT_FALSE(util::read_input(missing, error).has_value());
  EXPECT_EQ(error, missing + ": cannot open: No such file or directory");
  error.clear();
  EXPECT_FALSE(util::read_input(tmp.path().string(), error).has_value());
  EXPECT_EQ(error, tmp.path().string() + ": is a directory, not a file");
}

} // namespace
} // namespace athena::testing
