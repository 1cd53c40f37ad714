#include "src/readers/input.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <system_error>

#include <zlib.h>

namespace athena::readers {

namespace {
constexpr size_t kBufferBytes = size_t{1} << 20;
constexpr size_t kRawBytes = size_t{256} << 10;
} // namespace

util::Status check_input_file(const std::filesystem::path& path) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (status.type() == std::filesystem::file_type::not_found) {
    return util::Error{path.string() + ": no such file"};
  }
  if (ec) return util::Error{path.string() + ": " + ec.message()};
  if (status.type() == std::filesystem::file_type::directory) {
    return util::Error{path.string() + ": is a directory, not a log file"};
  }
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return util::Error{path.string() + ": cannot open: " + std::strerror(errno)};
  const int first = std::fgetc(f);
  std::fclose(f);
  // A regular file with nothing in it holds no query; a pipe or device is read as it comes.
  if (first == EOF && status.type() == std::filesystem::file_type::regular) {
    return util::Error{path.string() + ": is empty"};
  }
  return util::Status::success();
}

struct Input::Gzip {
  z_stream zs{};
  bool initialised = false;
  bool member_done = false; ///< the last inflate() ended a gzip member
  ~Gzip() {
    if (initialised) inflateEnd(&zs);
  }
};

util::Result<std::unique_ptr<Input>> Input::open_file(const std::filesystem::path& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr)
    return util::Error{"cannot open " + path.string() + ": " + std::strerror(errno)};
  std::unique_ptr<Input> in(new Input());
  in->name_ = path.string();
  in->file_ = f;
  in->buf_.resize(kBufferBytes);
  // Sniff the gzip magic from the raw bytes.
  unsigned char magic[2] = {0, 0};
  size_t n = std::fread(magic, 1, 2, f);
  if (n == 2 && magic[0] == 0x1f && magic[1] == 0x8b) in->gzip_ = true;
  if (n > 0) {
    if (in->gzip_) {
      in->raw_.assign(reinterpret_cast<char*>(magic), reinterpret_cast<char*>(magic) + n);
    } else {
      std::memcpy(in->buf_.data(), magic, n);
      in->end_ = n;
    }
  }
  if (in->gzip_) {
    in->z_ = std::make_unique<Gzip>();
    if (inflateInit2(&in->z_->zs, 15 + 16) != Z_OK) {
      return util::Error{"cannot initialise zlib for " + in->name_};
    }
    in->z_->initialised = true;
  }
  return in;
}

std::unique_ptr<Input> Input::from_memory(std::string_view bytes, std::string name) {
  std::unique_ptr<Input> in(new Input());
  in->name_ = std::move(name);
  in->memory_ = bytes;
  in->buf_.resize(kBufferBytes);
  if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
      static_cast<unsigned char>(bytes[1]) == 0x8b) {
    in->gzip_ = true;
    in->z_ = std::make_unique<Gzip>();
    if (inflateInit2(&in->z_->zs, 15 + 16) == Z_OK) {
      in->z_->initialised = true;
    } else {
      in->fail("cannot initialise zlib for " + in->name_);
    }
  }
  return in;
}

Input::~Input() {
  if (file_ != nullptr) std::fclose(file_);
}

void Input::fail(std::string message) {
  if (error_.empty()) error_ = std::move(message);
  at_eof_ = true;
}

size_t Input::read_raw(char* dst, size_t n) {
  if (raw_eof_) return 0;
  size_t got = 0;
  if (file_ != nullptr) {
    got = std::fread(dst, 1, n, file_);
    if (got < n) {
      if (std::ferror(file_)) fail("read error in " + name_ + ": " + std::strerror(errno));
      raw_eof_ = true;
    }
  } else {
    got = std::min(n, memory_.size() - memory_pos_);
    std::memcpy(dst, memory_.data() + memory_pos_, got);
    memory_pos_ += got;
    if (memory_pos_ == memory_.size()) raw_eof_ = true;
  }
  return got;
}

bool Input::refill() {
  if (at_eof_) return pos_ < end_;
  // Keep unread bytes (peek_prefix relies on this) and append after them.
  if (pos_ > 0) {
    std::memmove(buf_.data(), buf_.data() + pos_, end_ - pos_);
    consumed_before_ += pos_;
    end_ -= pos_;
    pos_ = 0;
  }
  if (end_ == buf_.size()) return true;
  if (gzip_) return refill_gzip() || pos_ < end_;
  size_t got = read_raw(buf_.data() + end_, buf_.size() - end_);
  end_ += got;
  if (got == 0) at_eof_ = true;
  return pos_ < end_;
}

bool Input::refill_gzip() {
  z_stream& zs = z_->zs;
  size_t before = end_;
  while (end_ == before) {
    if (zs.avail_in == 0) {
      if (raw_.size() < kRawBytes) raw_.resize(kRawBytes);
      size_t have = 0;
      // The first two bytes (the magic) may already be waiting in raw_.
      if (raw_consumed_ == 0 && zs.next_in == nullptr && file_ != nullptr) {
        have = 2;
        have += read_raw(raw_.data() + 2, raw_.size() - 2);
      } else {
        have = read_raw(raw_.data(), raw_.size());
      }
      if (have == 0) {
        if (!error_.empty()) return false;
        if (!z_->member_done) {
          fail("truncated gzip: " + name_ + " ends after " + std::to_string(raw_consumed_) +
               " compressed bytes (" + std::to_string(offset() + (end_ - pos_)) +
               " bytes decompressed, line " + std::to_string(line_) + ")");
        }
        at_eof_ = true;
        return false;
      }
      zs.next_in = reinterpret_cast<Bytef*>(raw_.data());
      zs.avail_in = static_cast<uInt>(have);
      raw_consumed_ += have;
    }
    if (z_->member_done) {
      // Another gzip member follows (concatenated .gz files).
      inflateReset(&zs);
      z_->member_done = false;
    }
    zs.next_out = reinterpret_cast<Bytef*>(buf_.data() + end_);
    zs.avail_out = static_cast<uInt>(buf_.size() - end_);
    int rc = inflate(&zs, Z_NO_FLUSH);
    end_ = buf_.size() - zs.avail_out;
    if (rc == Z_STREAM_END) {
      z_->member_done = true;
    } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
      fail("corrupt gzip data in " + name_ + " at compressed byte " +
           std::to_string(raw_consumed_ - zs.avail_in) + ": " +
           (zs.msg != nullptr ? zs.msg : "inflate failed"));
      return end_ > before;
    }
  }
  return true;
}

bool Input::read_line(std::string& out, size_t max_bytes, bool* too_long) {
  out.clear();
  *too_long = false;
  bool any = false;
  while (true) {
    if (pos_ == end_ && !refill()) break;
    any = true;
    const char* start = buf_.data() + pos_;
    const void* nl = std::memchr(start, '\n', end_ - pos_);
    size_t len =
        nl != nullptr ? static_cast<size_t>(static_cast<const char*>(nl) - start) : end_ - pos_;
    size_t keep = out.size() < max_bytes ? std::min(len, max_bytes - out.size()) : 0;
    if (keep < len) *too_long = true;
    out.append(start, keep);
    pos_ += len;
    if (nl != nullptr) {
      ++pos_;
      ++line_;
      break;
    }
  }
  if (!out.empty() && out.back() == '\r') out.pop_back();
  return any;
}

void Input::advance(size_t n) {
  const char* p = buf_.data() + pos_;
  for (const char* e = p + n; (p = static_cast<const char*>(std::memchr(p, '\n', e - p)));) {
    ++line_;
    if (++p == e) break;
  }
  pos_ += n;
}

std::string_view Input::peek_prefix(size_t n) {
  n = std::min(n, buf_.size());
  while (end_ - pos_ < n && !at_eof_) {
    size_t before = end_ - pos_;
    refill();
    if (end_ - pos_ == before) break;
  }
  return {buf_.data() + pos_, std::min(n, end_ - pos_)};
}

void Input::drain() {
  while (true) {
    pos_ = end_;
    if (!refill()) break;
  }
}

} // namespace athena::readers
