#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "src/readers/input.h"
#include "src/util/result.h"

namespace athena::readers {

/// One element of the streamed array.
struct JsonElement {
  std::string_view text;  ///< the element's bytes; valid only during the callback
  uint64_t index = 0;     ///< 1-based position in the array
  uint64_t line = 0;      ///< line where the element starts
  bool too_large = false; ///< longer than the limit: `text` is empty, skip it
};

/// Streams the elements of a JSON array without holding the whole document: either the
/// top-level array, or (when the top level is an object) the array under `key` at the top
/// level. Strings, escapes and nesting are tracked so each element is cut out whole and can
/// be parsed alone; the element text is held in a buffer with simdjson's padding after it.
///
/// Succeeds when the document was scanned to its end, else fails with what was wrong and where
/// ("expected '[' or '{' at line 1, found 'x'", "missing key \"Records\"", "unexpected end
/// of input inside record 7", or the Input's own error). Every element completed before
/// the problem has been passed to `on_element`.
util::Status scan_json_array(Input& in, std::string_view key, size_t max_element_bytes,
                             const std::function<void(const JsonElement&)>& on_element);

} // namespace athena::readers
