#pragma once

#include <string>
#include <string_view>

namespace athena::cli {

/// `run --json`'s summary line, the steps' own JSON summaries inside:
/// `{"source":"file"|"athena","analyze"|"pull":S,"push":P[,"retention":R],"exit_code":N}` and
/// a newline; "retention" only when `retention_json` is not empty.
std::string run_summary_json(bool from_file, std::string_view source_json,
                             std::string_view push_json, std::string_view retention_json,
                             int exit_code);

} // namespace athena::cli
