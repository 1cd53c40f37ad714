#pragma once

// What one statement may cost the analysis. The parser bounds nesting (parentheses,
// subqueries), but builds flat chains (`a OR b OR ...`, `UNION ALL`, joins, `||`) left-deep
// without limit, and the walks after it (name resolution, lineage) recurse once per level. So
// every thread that analyzes statements gets kAnalysisStackBytes of stack, and a statement taller
// than kMaxAnalyzedHeight is not walked: it becomes a per-statement error.
// tests/app/hostile_shapes_test.cpp runs each chain kind at the limit on such a thread.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "parser/ast.h"
#include "parser/parser.h"

namespace athena::analysis {

#if defined(__SANITIZE_ADDRESS__)
#define ATHENA_ANALYSIS_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ATHENA_ANALYSIS_ASAN 1
#endif
#endif

/// Stack of each analysis thread (reserved; pages are committed only as deep walks reach them).
/// A level of a join chain takes about 1 KiB of it (150 MiB at the limit); under
/// AddressSanitizer about 16 KiB (2.4 GiB at the limit), so sanitized builds reserve more.
#ifdef ATHENA_ANALYSIS_ASAN
inline constexpr size_t kAnalysisStackBytes = size_t{4} << 30;
#else
inline constexpr size_t kAnalysisStackBytes = size_t{1} << 30;
#endif

/// The tallest statement tree (nodes on its longest path) that is analyzed.
inline constexpr uint32_t kMaxAnalyzedHeight = 150000;

/// The error for a statement too tall to analyze, or nullopt when it may be analyzed.
std::optional<std::string> analysis_height_error(const sql::Node& statement);

/// The same for a statement of `parsed`, answered without walking the tree when its arena is
/// too small to hold kMaxAnalyzedHeight nodes (every node on a path is a distinct node of at
/// least sizeof(sql::Node) bytes in that arena): what almost every query is.
std::optional<std::string> analysis_height_error(const sql::Node& statement,
                                                 const sql::ParseResult& parsed);

/// Runs `fn` on a thread with kAnalysisStackBytes of stack, waits, and returns what it returns.
int run_on_analysis_stack(const std::function<int()>& fn);

} // namespace athena::analysis
