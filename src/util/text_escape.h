#pragma once

#include <string>
#include <string_view>

#include "lineage/text_escape.h"

namespace athena::util {

/// Terminal-safe text (lineage/text_escape.h): one implementation for the library and the tool.
using lineage::escape_control;

/// True when `s` is a plain decimal number: optional sign, digits with at most one point,
/// optional exponent ("-5", "0.25", "+1e9").
bool is_plain_number(std::string_view s);

/// `s` as HTML/XML text or a quoted attribute value: `&` `<` `>` `"` `'` as entities.
std::string html_escape(std::string_view s);

} // namespace athena::util
