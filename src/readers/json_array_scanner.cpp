#include "src/readers/json_array_scanner.h"

#include <algorithm>

#include <simdjson.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace athena::readers {

namespace {

bool is_space(int c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

int skip_space(Input& in) {
  int c = in.peek();
  while (c != Input::kEof && is_space(c)) {
    in.get();
    c = in.peek();
  }
  return c;
}

std::string describe(int c) {
  if (c == Input::kEof) return "end of input";
  if (c < 0x20 || c >= 0x7f) return "byte " + std::to_string(c);
  return std::string("'") + static_cast<char>(c) + "'";
}

/// The Input's own error when it has one (I/O, truncated gzip), else `message`.
util::Error input_error_or(const Input& in, std::string message) {
  if (!in.error().empty()) return util::Error{in.error()};
  return util::Error{std::move(message)};
}

/// Index of the first '"' or '\\' in p[i, n), or n: the bytes inside a JSON string that need
/// no attention, skipped 16 at a time (query texts are most of a QueryExecution's bytes).
size_t skip_plain_string_bytes(const char* p, size_t i, size_t n) {
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  while (i + 16 <= n) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const int mask =
        _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)));
    if (mask != 0) return i + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
    i += 16;
  }
#endif
  while (i < n && p[i] != '"' && p[i] != '\\')
    ++i;
  return i;
}

/// Copies (or, with `out` null, skips) one JSON value starting at the next byte. Only
/// strings and bracket nesting are tracked: the value's own syntax is left to simdjson.
/// Works on whole buffered chunks (this is the hot loop for large files). Returns false at
/// end of input. `limit` bounds what is copied; `*overflow` is set when the value was longer.
bool take_value(Input& in, std::string* out, size_t limit, bool* overflow) {
  int depth = 0;
  bool in_string = false;
  bool escape = false;
  while (true) {
    std::string_view chunk = in.buffered();
    if (chunk.empty()) return false;
    const char* p = chunk.data();
    const size_t n = chunk.size();
    size_t i = 0;
    bool done = false;
    while (i < n) {
      if (in_string) {
        if (escape) {
          escape = false;
          ++i;
          continue;
        }
        i = skip_plain_string_bytes(p, i, n);
        if (i == n) break;
        if (p[i] == '\\') {
          escape = true;
        } else { // the closing quote
          in_string = false;
          if (depth == 0) {
            ++i;
            done = true;
            break;
          }
        }
        ++i;
        continue;
      }
      const char c = p[i];
      if (depth == 0 && (c == ',' || c == ']' || c == '}' || is_space(c))) {
        done = true; // the end of a scalar, not part of it
        break;
      }
      ++i;
      if (c == '"') {
        in_string = true;
      } else if (c == '{' || c == '[') {
        ++depth;
      } else if (c == '}' || c == ']') {
        if (--depth == 0) {
          done = true;
          break;
        }
      }
    }
    if (out != nullptr) {
      size_t room = out->size() < limit ? limit - out->size() : 0;
      if (i > room) *overflow = true;
      out->append(p, std::min(i, room));
    }
    in.advance(i);
    if (done) return true;
  }
}

/// Reads a JSON string key (the opening quote is next), unescaped only as far as the
/// simple escapes; keys with \u escapes never match our ASCII keys anyway.
bool read_key(Input& in, std::string& key) {
  key.clear();
  in.get(); // opening quote
  while (true) {
    int c = in.get();
    if (c == Input::kEof) return false;
    if (c == '"') return true;
    if (c == '\\') {
      c = in.get();
      if (c == Input::kEof) return false;
    }
    if (key.size() < 256) key.push_back(static_cast<char>(c));
  }
}

/// After the top-level value only whitespace may follow.
util::Status expect_end(Input& in) {
  int c = skip_space(in);
  if (c != Input::kEof) {
    return util::Error{"unexpected content after the top-level JSON value at line " +
                       std::to_string(in.line()) + ", found " + describe(c) +
                       " (JSON Lines? use --input-format jsonl)"};
  }
  if (!in.error().empty()) return util::Error{in.error()};
  return util::Status::success();
}

util::Status scan_array(Input& in, size_t max_element_bytes,
                        const std::function<void(const JsonElement&)>& on_element) {
  in.get(); // '['
  std::string element;
  uint64_t index = 0;
  int c = skip_space(in);
  if (c == ']') {
    in.get();
    return util::Status::success();
  }
  while (true) {
    c = skip_space(in);
    if (c == Input::kEof) {
      return input_error_or(in, "unexpected end of input after record " + std::to_string(index));
    }
    JsonElement el;
    el.index = ++index;
    el.line = in.line();
    element.clear();
    bool overflow = false;
    if (!take_value(in, &element, max_element_bytes, &overflow)) {
      return input_error_or(in, "unexpected end of input inside record " + std::to_string(index) +
                                    " (it starts at line " + std::to_string(el.line) + ")");
    }
    if (overflow) {
      el.too_large = true;
    } else {
      // simdjson reads up to SIMDJSON_PADDING bytes past the end.
      element.reserve(element.size() + simdjson::SIMDJSON_PADDING);
      el.text = element;
    }
    on_element(el);
    c = skip_space(in);
    if (c == ',') {
      in.get();
      continue;
    }
    if (c == ']') {
      in.get();
      return util::Status::success();
    }
    if (c == Input::kEof) {
      return input_error_or(in, "unexpected end of input after record " + std::to_string(index));
    }
    return input_error_or(in, "expected ',' or ']' after record " + std::to_string(index) +
                                  " at line " + std::to_string(in.line()) + ", found " +
                                  describe(c));
  }
}

} // namespace

util::Status scan_json_array(Input& in, std::string_view key, size_t max_element_bytes,
                             const std::function<void(const JsonElement&)>& on_element) {
  // A UTF-8 byte order mark is tolerated at the very start.
  std::string_view head = in.peek_prefix(3);
  if (head == "\xEF\xBB\xBF") {
    in.get();
    in.get();
    in.get();
  }
  int c = skip_space(in);
  if (c == '[') {
    if (util::Status scanned = scan_array(in, max_element_bytes, on_element); !scanned) {
      return scanned;
    }
    return expect_end(in);
  }
  if (c != '{') {
    return input_error_or(in, "expected '[' or '{' at line " + std::to_string(in.line()) +
                                  ", found " + describe(c));
  }
  in.get();
  std::string k;
  bool found = false;
  c = skip_space(in);
  if (c == '}') {
    in.get();
  } else {
    while (true) {
      c = skip_space(in);
      if (c != '"') {
        return input_error_or(in, "expected a key at line " + std::to_string(in.line()) +
                                      ", found " + describe(c));
      }
      if (!read_key(in, k)) return input_error_or(in, "unexpected end of input in a key");
      c = skip_space(in);
      if (c != ':') {
        return input_error_or(in, "expected ':' after key \"" + k + "\" at line " +
                                      std::to_string(in.line()) + ", found " + describe(c));
      }
      in.get();
      c = skip_space(in);
      if (!found && k == key && c == '[') {
        found = true;
        if (util::Status scanned = scan_array(in, max_element_bytes, on_element); !scanned) {
          return scanned;
        }
      } else {
        bool overflow = false;
        if (!take_value(in, nullptr, 0, &overflow)) {
          return input_error_or(in, "unexpected end of input in the value of \"" + k + "\"");
        }
      }
      c = skip_space(in);
      if (c == ',') {
        in.get();
        continue;
      }
      if (c == '}') {
        in.get();
        break;
      }
      return input_error_or(in, "expected ',' or '}' at line " + std::to_string(in.line()) +
                                    ", found " + describe(c));
    }
  }
  if (util::Status ended = expect_end(in); !ended) return ended;
  if (!found) return util::Error{"missing key \"" + std::string(key) + "\" holding an array"};
  return util::Status::success();
}

} // namespace athena::readers
