#pragma once

#include <span>
#include <string_view>

namespace athena::serve {

/// A file of src/serve/assets/ compiled into the binary (cmake/EmbedAssets.cmake).
struct EmbeddedFile {
  std::string_view path; ///< relative to src/serve/assets/, with `/` separators
  std::string_view body; ///< the file's bytes, exactly
};

/// Every embedded file, sorted by path. The views live as long as the program.
std::span<const EmbeddedFile> embedded_files();

} // namespace athena::serve
