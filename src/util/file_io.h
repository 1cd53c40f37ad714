#pragma once

#include <optional>
#include <string>

namespace athena::util {

/// Reads a whole file (the project's one whole-file reader). On failure returns nullopt and
/// sets `error` to a message naming the file and the reason.
std::optional<std::string> read_file(const std::string& path, std::string& error);

/// Reads a whole file, or standard input for "-". On failure returns nullopt and sets `error`
/// to a message naming the file and the reason.
std::optional<std::string> read_input(const std::string& path, std::string& error);

/// The name diagnostics use for `path`: "<stdin>" for "-".
std::string display_name(const std::string& path);

} // namespace athena::util
