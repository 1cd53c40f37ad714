#pragma once

// Helpers shared by the samples_tests: running athena-samplegen, parsing what it wrote with
// simdjson, reading its CSV truth files.

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>
#include <simdjson.h>

#include "tests/support/test_support.h"

namespace athena::testing::samples {

/// The generator built next to athena-lineage.
inline std::filesystem::path samplegen_path() {
  return binary_dir() / "athena-samplegen";
}

/// Runs athena-samplegen with `args` (already shell-quoted where needed).
inline RunResult run_samplegen(const std::string& args) {
  return run_shell(shell_quote(samplegen_path().string()) + " " + args);
}

/// Splits CSV text into rows of fields (the truth files never quote: no field holds a comma).
inline std::vector<std::vector<std::string>> read_csv(const std::filesystem::path& path) {
  std::vector<std::vector<std::string>> rows;
  const std::string text = read_file(path);
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string::npos) nl = text.size();
    std::vector<std::string> fields;
    std::string_view line(text.data() + start, nl - start);
    size_t f = 0;
    while (true) {
      const size_t comma = line.find(',', f);
      fields.emplace_back(
          line.substr(f, comma == std::string_view::npos ? line.size() - f : comma - f));
      if (comma == std::string_view::npos) break;
      f = comma + 1;
    }
    rows.push_back(std::move(fields));
    start = nl + 1;
  }
  return rows;
}

/// A parsed JSON file; the element stays valid while this object lives.
struct JsonFile {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  std::string error; ///< empty when parsed
};

inline std::unique_ptr<JsonFile> load_json(const std::filesystem::path& path) {
  auto f = std::make_unique<JsonFile>();
  auto r = f->parser.load(path.string());
  if (r.error()) {
    f->error = path.string() + ": " + simdjson::error_message(r.error());
  } else {
    f->root = r.value();
  }
  return f;
}

/// One generated history, made once per test binary and shared by the tests that only read it.
struct Generated {
  TempDir dir;
  std::string args;
  int exit_code = -1;
  std::string stderr_text;
  std::unique_ptr<JsonFile> history;
  std::unique_ptr<JsonFile> cloudtrail;
  std::unique_ptr<JsonFile> manifest;
  std::unique_ptr<JsonFile> schema;

  std::filesystem::path file(std::string_view name) const { return dir.path() / name; }
  std::vector<simdjson::dom::element> executions() const;
  std::vector<simdjson::dom::element> trail_records() const;
};

/// The elements of a JSON array (empty when `e` is not one). A vector, so that range-for over
/// the result is safe (GCC warns about iterating simdjson's temporary array views).
inline std::vector<simdjson::dom::element> items(simdjson::dom::element e) {
  std::vector<simdjson::dom::element> out;
  simdjson::dom::array arr;
  if (e.get_array().get(arr)) return out;
  for (simdjson::dom::element x : arr)
    out.push_back(x);
  return out;
}

inline std::vector<simdjson::dom::element> Generated::executions() const {
  return items(history->root["QueryExecutions"].value());
}
inline std::vector<simdjson::dom::element> Generated::trail_records() const {
  return items(cloudtrail->root["Records"].value());
}

inline constexpr int64_t kStandardQueries = 3000;
inline constexpr int64_t kStandardDays = 10;
/// 2026-03-02T00:00:00Z, the first day of the standard window.
inline constexpr int64_t kStandardStartMs = 1772409600000;

/// --seed 7 --queries 3000 --days 10 --start-date 2026-03-02.
inline const Generated& standard() {
  static const std::unique_ptr<Generated> g = [] {
    auto out = std::make_unique<Generated>();
    out->args = "--seed 7 --queries " + std::to_string(kStandardQueries) + " --days " +
                std::to_string(kStandardDays) + " --start-date 2026-03-02 --out " +
                shell_quote(out->dir.path().string());
    const RunResult r = run_samplegen(out->args);
    out->exit_code = r.exit_code;
    out->stderr_text = r.err;
    out->history = load_json(out->dir.path() / "history.json");
    out->cloudtrail = load_json(out->dir.path() / "cloudtrail.json");
    out->manifest = load_json(out->dir.path() / "manifest.json");
    out->schema = load_json(out->dir.path() / "schema.json");
    return out;
  }();
  return *g;
}

/// Fails the current test (and returns false) unless the standard history was generated.
inline bool standard_ok() {
  const Generated& g = standard();
  EXPECT_EQ(g.exit_code, 0) << g.stderr_text;
  for (const JsonFile* f : {g.history.get(), g.cloudtrail.get(), g.manifest.get(), g.schema.get()})
    EXPECT_EQ(f->error, "");
  return g.exit_code == 0 && g.history->error.empty() && g.cloudtrail->error.empty() &&
         g.manifest->error.empty() && g.schema->error.empty();
}

/// A string member, or "" when absent or not a string.
inline std::string str(simdjson::dom::element e, std::string_view key) {
  std::string_view v;
  if (e[key].get_string().get(v)) return {};
  return std::string(v);
}

/// A JSON number member as int64 (integers) or its rounded value (doubles), or -1 when absent.
inline int64_t integer(simdjson::dom::element e, std::string_view key) {
  int64_t i = 0;
  if (!e[key].get_int64().get(i)) return i;
  double d = 0;
  if (!e[key].get_double().get(d)) return static_cast<int64_t>(d);
  return -1;
}

/// A timestamp member (epoch seconds as a JSON number) in milliseconds, or -1 when absent.
inline int64_t millis(simdjson::dom::element e, std::string_view key) {
  double d = 0;
  if (e[key].get_double().get(d)) return -1;
  return static_cast<int64_t>(d * 1000.0 + (d >= 0 ? 0.5 : -0.5));
}

inline bool has(simdjson::dom::element e, std::string_view key) {
  return !e[key].error();
}

} // namespace athena::testing::samples
