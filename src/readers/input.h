#pragma once

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "src/util/result.h"

namespace athena::readers {

/// A byte stream over a file or a memory buffer, gzip-decompressed on the fly when the data
/// starts with the gzip magic bytes (concatenated gzip members too). Reads in fixed-size
/// chunks so files larger than memory stream through. Not thread-safe.
///
/// Errors (I/O, corrupt or truncated gzip) end the stream: get() returns kEof from then on
/// and error() says what happened and how far the stream got.
class Input;

/// Whether `path` can be read as a log; the error says why not ("FILE: no such file", "FILE: is
/// a directory", "FILE: is empty", "FILE: cannot open: reason").
/// Checked for every input before any is read, so a bad name stops the run before work.
util::Status check_input_file(const std::filesystem::path& path);

class Input {
public:
  static constexpr int kEof = -1;

  /// Opens `path`; the error says why not ("cannot open FILE: reason").
  static util::Result<std::unique_ptr<Input>> open_file(const std::filesystem::path& path);
  /// Reads from `bytes`, which must outlive the Input; `name` is used in diagnostics.
  static std::unique_ptr<Input> from_memory(std::string_view bytes, std::string name);

  ~Input();
  Input(const Input&) = delete;
  Input& operator=(const Input&) = delete;

  [[nodiscard]] const std::string& name() const { return name_; }
  [[nodiscard]] bool is_gzip() const { return gzip_; }
  /// Empty while the stream is healthy.
  [[nodiscard]] const std::string& error() const { return error_; }
  /// 1-based line of the next byte get() returns.
  [[nodiscard]] uint64_t line() const { return line_; }
  /// Decompressed bytes consumed so far.
  [[nodiscard]] uint64_t offset() const { return consumed_before_ + pos_; }

  /// Next byte as 0..255, or kEof.
  int get() {
    if (pos_ == end_ && !refill()) return kEof;
    const auto c = static_cast<unsigned char>(buf_[pos_++]);
    if (c == '\n') ++line_;
    return c;
  }
  /// Next byte without consuming it, or kEof.
  int peek() {
    if (pos_ == end_ && !refill()) return kEof;
    return static_cast<unsigned char>(buf_[pos_]);
  }
  /// Reads one line without its "\n" (and without a trailing "\r") into `out`. Returns
  /// false at end of input with nothing read. Lines longer than `max_bytes` are consumed
  /// whole but only their first `max_bytes` bytes are kept, and `*too_long` is set.
  bool read_line(std::string& out, size_t max_bytes, bool* too_long);
  /// The bytes buffered after the read position (refilled when none are left); empty only
  /// at end of input. For scanners that work on whole chunks; pair with advance().
  std::string_view buffered() {
    if (pos_ == end_ && !refill()) return {};
    return {buf_.data() + pos_, end_ - pos_};
  }
  /// Consumes `n` bytes of buffered() (n ≤ its size), counting the line breaks in them.
  void advance(size_t n);
  /// The first up to `n` bytes of the stream, without consuming them (for format
  /// detection; call before anything else is read).
  std::string_view peek_prefix(size_t n);
  /// Reads and discards everything left, so errors at the end (truncation) surface.
  void drain();

private:
  Input() = default;
  bool refill();
  size_t read_raw(char* dst, size_t n);
  bool refill_gzip();
  void fail(std::string message);

  std::string name_;
  std::FILE* file_ = nullptr;
  std::string_view memory_;
  size_t memory_pos_ = 0;
  bool raw_eof_ = false;

  bool gzip_ = false;
  struct Gzip;
  std::unique_ptr<Gzip> z_;
  std::vector<char> raw_; ///< compressed bytes waiting for inflate
  uint64_t raw_consumed_ = 0;

  std::vector<char> buf_;
  size_t pos_ = 0;
  size_t end_ = 0;
  uint64_t consumed_before_ = 0;
  uint64_t line_ = 1;
  bool at_eof_ = false;
  std::string error_;
};

} // namespace athena::readers
