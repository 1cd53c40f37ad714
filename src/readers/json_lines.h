#pragma once

#include <functional>
#include <string>

#include <simdjson.h>

#include "src/readers/diagnostics.h"
#include "src/readers/input.h"
#include "src/util/result.h"

namespace athena::readers {

/// Reads JSON Lines: one JSON value per line, blank lines ignored. Each line is parsed alone;
/// a line that is not valid JSON (or not valid UTF-8, or longer than `max_line_bytes`) is
/// reported as "FILE:LINE" and counted in `stats.skipped`. For every parsed line `on_value`
/// gets the value and its "FILE:LINE"; it returns success when it used the value, or an error
/// saying why not (then reported and counted as skipped as well). Stops early, with
/// `stats.fatal_error`, when the Input fails (truncated gzip, I/O).
void read_json_lines(
    Input& in, size_t max_line_bytes, const DiagnosticSink& diag, ReadStats& stats,
    const std::function<util::Status(simdjson::dom::element, const std::string& where)>& on_value);
/// The same, except that a line `pass_over` (when set) rejects is only counted in
/// `stats.passed_over`.
void read_json_lines(
    Input& in, size_t max_line_bytes, const DiagnosticSink& diag, ReadStats& stats,
    const LinePassOver& pass_over,
    const std::function<util::Status(simdjson::dom::element, const std::string& where)>& on_value);

/// "FILE:LINE".
std::string line_where(const Input& in, uint64_t line);
/// "FILE#record N".
std::string record_where(const Input& in, uint64_t index);

} // namespace athena::readers
