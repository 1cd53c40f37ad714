#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace athena::lineage {

/// Length of the well-formed UTF-8 sequence starting at `s[i]` (1 for ASCII), or 0 when it is
/// not well-formed (overlong, surrogate, past U+10FFFF or cut short).
size_t utf8_sequence_length(std::string_view s, size_t i);

/// `s` safe to print on a terminal or in a text file: control characters (C0 and DEL) become
/// `\n`, `\r`, `\t` or `\xHH`, C1 controls `\u0080`..`\u009f`, and bytes that are not UTF-8
/// `\xHH`, so a name cannot move the cursor, recolour or clear the screen, or split a line.
/// Text without such characters is returned unchanged.
std::string escape_control(std::string_view s);

} // namespace athena::lineage
