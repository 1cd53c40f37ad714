#pragma once

#include <optional>
#include <string>

#include "src/util/result.h"

namespace athena::util {

/// Reads a whole file (the project's one whole-file reader); the error names the file and the
/// reason.
Result<std::string> read_file(const std::string& path);

/// Reads a whole file, or standard input for "-"; the error names the file and the reason.
Result<std::string> read_input(const std::string& path);

/// read_input() in the convention it replaced, for code written against it: on failure returns
/// nullopt and sets `error`. Prefer the Result form.
std::optional<std::string> read_input(const std::string& path, std::string& error);

/// The name diagnostics use for `path`: "<stdin>" for "-".
std::string display_name(const std::string& path);

} // namespace athena::util
