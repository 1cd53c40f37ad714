#include "src/util/file_io.h"

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <utility>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace athena::util {

namespace {

// Unknown sizes (pipes, terminals) are read in steps that grow geometrically, starting here.
constexpr size_t kFirstChunk = size_t{1} << 20;

// A whole SQL file is megabytes: before the buffer is first touched, ask for transparent huge
// pages so that it faults in 2 MiB at a time rather than 4 KiB (advice only; small buffers and
// systems without THP are unaffected).
void advise_huge_pages(char* data, size_t size) {
#ifdef MADV_HUGEPAGE
  constexpr size_t kHuge = size_t{2} << 20;
  // The whole huge pages inside [data, data + size): from the first boundary, whole pages.
  const auto addr = reinterpret_cast<uintptr_t>(data);
  const size_t lead = (kHuge - addr % kHuge) % kHuge;
  if (size <= lead) return;
  const size_t length = (size - lead) & ~(kHuge - 1);
  if (length > 0) madvise(data + lead, length, MADV_HUGEPAGE);
#else
  (void)data;
  (void)size;
#endif
}

// Reads everything left on `fd` into `out`. A regular file is sized first so that it takes one
// read() of its whole size (more only if it grows meanwhile); a pipe grows `out` geometrically.
bool read_all(int fd, std::string& out, std::string& why) {
  struct stat st {};
  size_t want = kFirstChunk;
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
    const off_t pos = lseek(fd, 0, SEEK_CUR);
    const off_t left = st.st_size - (pos > 0 ? pos : 0);
    // One byte more than the size, so end of file is seen by the same loop without another
    // allocation.
    want = left > 0 ? static_cast<size_t>(left) + 1 : kFirstChunk;
  }
  size_t have = 0;
  out.reserve(want);
  advise_huge_pages(out.data(), want);
  out.resize(want);
  while (true) {
    if (have == out.size()) out.resize(out.size() * 2);
    const ssize_t got = ::read(fd, out.data() + have, out.size() - have);
    if (got < 0) {
      if (errno == EINTR) continue;
      why = std::strerror(errno);
      return false;
    }
    if (got == 0) break;
    have += static_cast<size_t>(got);
  }
  out.resize(have);
  return true;
}

} // namespace

Result<std::string> read_input(const std::string& path) {
  if (path != "-") return read_file(path);
  std::string data;
  std::string why;
  if (!read_all(STDIN_FILENO, data, why)) return Error{"<stdin>: read error: " + why};
  return data;
}

std::optional<std::string> read_input(const std::string& path, std::string& error) {
  Result<std::string> r = read_input(path);
  if (!r) {
    error = r.error();
    return std::nullopt;
  }
  return std::move(*r);
}

Result<std::string> read_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Error{path + ": cannot open: " + std::strerror(errno)};
  struct stat st {};
  if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    return Error{path + ": is a directory, not a file"};
  }
  std::string data;
  std::string why;
  const bool ok = read_all(fd, data, why);
  ::close(fd);
  if (!ok) return Error{path + ": read error: " + why};
  return data;
}

std::string display_name(const std::string& path) {
  return path == "-" ? "<stdin>" : path;
}

} // namespace athena::util
