#include "src/cli/output_target.h"

#include <iostream>

namespace athena::cli {

bool OutputTarget::open(const std::string& path) {
  path_ = path;
  if (path_.empty()) return true;
  file_.open(path_, std::ios::binary | std::ios::trunc);
  if (!file_) {
    std::cerr << "athena-lineage: error: " << path_ << ": cannot write\n";
    return false;
  }
  return true;
}

bool OutputTarget::finish() {
  stream().flush();
  if (!stream()) {
    std::cerr << "athena-lineage: error: " << (path_.empty() ? "stdout" : path_)
              << ": write failed\n";
    return false;
  }
  return true;
}

} // namespace athena::cli
