#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace athena::samplegen {

/// Command-line options of athena-samplegen.
struct Options {
  uint64_t seed = 42;
  int64_t queries = 2000;
  int64_t days = 14;
  int64_t start_day = 0; ///< days since 1970-01-01 (UTC) of the first day of the window
  std::string start_date = "2026-11-01";
  std::filesystem::path out;
  bool write_json = true;  ///< history.json
  bool write_jsonl = true; ///< history.jsonl
};

/// Generates the whole history into options.out. Returns "" on success, or an error message
/// naming what failed (an output file that cannot be written, ...).
std::string generate(const Options& options);

} // namespace athena::samplegen
