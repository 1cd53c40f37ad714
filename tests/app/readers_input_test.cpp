#include <string>

#include <gtest/gtest.h>
#include <zlib.h>

#include "src/readers/input.h"
#include "tests/support/test_support.h"

namespace athena::readers {
namespace {

/// gzip-compresses `text` (one member).
std::string gzip(std::string_view text) {
  z_stream zs{};
  EXPECT_EQ(deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&zs, text.size()) + 64, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  zs.avail_in = static_cast<uInt>(text.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&zs, Z_FINISH), Z_STREAM_END);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

std::string read_all(Input& in) {
  std::string out;
  for (int c = in.get(); c != Input::kEof; c = in.get())
    out.push_back(static_cast<char>(c));
  return out;
}

TEST(ReadersInput, PlainBytesPassThroughWithLineNumbers) {
  auto in = Input::from_memory("ab\ncd\n", "mem");
  EXPECT_FALSE(in->is_gzip());
  EXPECT_EQ(in->line(), 1u);
  EXPECT_EQ(read_all(*in), "ab\ncd\n");
  EXPECT_EQ(in->line(), 3u);
  EXPECT_EQ(in->error(), "");
}

TEST(ReadersInput, GzipIsDetectedAndInflated) {
  std::string text;
  for (int i = 0; i < 200000; ++i)
    text += "line " + std::to_string(i) + "\n";
  std::string gz = gzip(text);
  auto in = Input::from_memory(gz, "log.gz");
  EXPECT_TRUE(in->is_gzip());
  EXPECT_EQ(read_all(*in), text);
  EXPECT_EQ(in->error(), "");
}

TEST(ReadersInput, ConcatenatedGzipMembersAreOneStream) {
  std::string gz = gzip("first\n") + gzip("second\n");
  auto in = Input::from_memory(gz, "cat.gz");
  EXPECT_EQ(read_all(*in), "first\nsecond\n");
  EXPECT_EQ(in->error(), "");
}

TEST(ReadersInput, TruncatedGzipIsAnErrorNamingTheFileAfterTheBytesBeforeIt) {
  std::string text;
  for (int i = 0; i < 50000; ++i)
    text += "record " + std::to_string(i) + "\n";
  std::string gz = gzip(text);
  std::string cut = gz.substr(0, gz.size() / 2);
  auto in = Input::from_memory(cut, "cut.json.gz");
  std::string got = read_all(*in);
  EXPECT_GT(got.size(), 0u);
  EXPECT_EQ(got, text.substr(0, got.size())); // a clean prefix
  EXPECT_LT(got.size(), text.size());
  EXPECT_EQ(in->error(), "truncated gzip: cut.json.gz ends after " + std::to_string(cut.size()) +
                             " compressed bytes (" + std::to_string(got.size()) +
                             " bytes decompressed, line " + std::to_string(in->line()) + ")");
}

TEST(ReadersInput, CorruptGzipIsAnError) {
  std::string gz = gzip(std::string(10000, 'x'));
  gz[gz.size() / 2] = static_cast<char>(gz[gz.size() / 2] ^ 0x55);
  gz[gz.size() / 2 + 1] = static_cast<char>(gz[gz.size() / 2 + 1] ^ 0x55);
  auto in = Input::from_memory(gz, "bad.gz");
  read_all(*in);
  EXPECT_NE(in->error(), "");
  EXPECT_NE(in->error().find("bad.gz"), std::string::npos) << in->error();
}

TEST(ReadersInput, ReadLineStripsCrLfAndBoundsLongLines) {
  auto in = Input::from_memory("a\r\nbbbbbbbbbb\nc", "mem");
  std::string line;
  bool too_long = false;
  ASSERT_TRUE(in->read_line(line, 100, &too_long));
  EXPECT_EQ(line, "a");
  ASSERT_TRUE(in->read_line(line, 4, &too_long));
  EXPECT_TRUE(too_long);
  EXPECT_EQ(line, "bbbb");
  ASSERT_TRUE(in->read_line(line, 100, &too_long));
  EXPECT_FALSE(too_long);
  EXPECT_EQ(line, "c");
  EXPECT_EQ(in->line(), 3u);
  EXPECT_FALSE(in->read_line(line, 100, &too_long));
}

TEST(ReadersInput, PeekPrefixDoesNotConsume) {
  std::string gz = gzip("{\"QueryExecutions\": []}");
  auto in = Input::from_memory(gz, "x.gz");
  EXPECT_EQ(in->peek_prefix(5), "{\"Que");
  EXPECT_EQ(read_all(*in), "{\"QueryExecutions\": []}");
}

TEST(ReadersInput, OpenFileErrorNamesThePath) {
  auto in = Input::open_file("/nonexistent/dir/log.json");
  ASSERT_FALSE(in.ok());
  EXPECT_EQ(in.error(), "cannot open /nonexistent/dir/log.json: No such file or directory");
}

TEST(ReadersInput, OpenFileReadsGzipFromDisk) {
  athena::testing::TempDir dir;
  auto path = dir.path() / "q.jsonl.gz";
  athena::testing::write_file(path, gzip("hello\nworld\n"));
  auto opened = Input::open_file(path);
  ASSERT_TRUE(opened.ok()) << opened.error();
  std::unique_ptr<Input> in = *std::move(opened);
  EXPECT_TRUE(in->is_gzip());
  EXPECT_EQ(read_all(*in), "hello\nworld\n");
  EXPECT_EQ(in->error(), "");
}

} // namespace
} // namespace athena::readers
