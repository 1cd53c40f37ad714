#pragma once

#include <string>

namespace athena::util {

/// Appends printf-style formatted text to `out`.
[[gnu::format(printf, 2, 3)]] void appendf(std::string& out, const char* format, ...);

} // namespace athena::util
