#pragma once

#include <fstream>
#include <iostream>
#include <ostream>
#include <string>

namespace athena::cli {

/// Where a command's results go: stdout, or the file of `--out` (truncated).
class OutputTarget {
public:
  /// Opens `path` ("" = stdout); false, with the error on stderr, when it cannot be written.
  bool open(const std::string& path);
  std::ostream& stream() { return path_.empty() ? stdout_ : file_; }
  /// Flushes; false, with the error on stderr, when writing failed.
  bool finish();

private:
  std::string path_;
  std::ofstream file_;
  std::ostream& stdout_ = std::cout;
};

} // namespace athena::cli
