#pragma once

#include <string>
#include <string_view>

namespace athena::util {

/// `s` safe to print on a terminal or in a text file: control characters (C0 and DEL) become
/// `\n`, `\r`, `\t` or `\xHH`, C1 controls `\u0080`..`\u009f`, and bytes that are not UTF-8
/// `\xHH`, so a name cannot move the cursor, recolour or clear the screen, or split a line.
/// Text without such characters is returned unchanged.
std::string escape_control(std::string_view s);

/// True when `s` is a plain decimal number: optional sign, digits with at most one point,
/// optional exponent ("-5", "0.25", "+1e9").
bool is_plain_number(std::string_view s);

} // namespace athena::util
