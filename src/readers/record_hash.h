#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

namespace athena::readers {

/// A stable 128-bit hash of the given fields (each length-prefixed, so ("ab","c") and
/// ("a","bc") differ), as "h-" + 32 lowercase hex digits. The same content always gives the
/// same id, on every platform and run: logs without a QueryExecutionId use it as the key, so
/// re-analyzing the same log adds nothing twice.
std::string synthetic_query_id(std::initializer_list<std::string_view> fields);

/// 64-bit hash of bytes with a seed (a simple multiply-rotate mix, stable across platforms).
uint64_t hash64(std::string_view bytes, uint64_t seed);

} // namespace athena::readers
