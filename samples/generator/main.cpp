// athena-samplegen: writes a realistic, deterministic Athena query history with its truth files.
// See samples/README.md.
#include <charconv>
#include <cstdio>
#include <string>
#include <string_view>

#include "samples/generator/civil_time.h"
#include "samples/generator/generator.h"

namespace {

constexpr std::string_view kUsage =
    "usage: athena-samplegen --out DIR [--seed N] [--queries N] [--days N]\n"
    "                        [--start-date YYYY-MM-DD] [--format json|jsonl|both]\n"
    "\n"
    "Writes a realistic Amazon Athena query history for a fictional company's data lake,\n"
    "deterministic from the seed: history.json (batch-get-query-execution shape),\n"
    "history.jsonl, cloudtrail.json (StartQueryExecution events), schema.json, and the truth\n"
    "files expected_usage.csv, expected_edges.csv, expected_column_edges.csv, manifest.json.\n"
    "\n"
    "  --out DIR          output directory (created if missing)\n"
    "  --seed N           PRNG seed, 0..2^64-1 (default 42)\n"
    "  --queries N        number of queries, 1..5000000 (default 2000)\n"
    "  --days N           length of the window in days, 1..3650 (default 14)\n"
    "  --start-date D     first UTC day of the window (default 2026-11-01)\n"
    "  --format F         history files to write: json, jsonl or both (default both)\n";

template <typename T> bool parse_number(std::string_view text, T& out) {
  if (text.empty()) return false;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc{} && ptr == text.data() + text.size();
}

int usage_error(const std::string& message) {
  std::fprintf(stderr, "athena-samplegen: %s\n(run with --help for usage)\n", message.c_str());
  return 2;
}

} // namespace

int main(int argc, char** argv) {
  athena::samplegen::Options o;
  bool have_out = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::fwrite(kUsage.data(), 1, kUsage.size(), stdout);
      return 0;
    }
    std::string_view name = arg;
    std::string_view value;
    bool has_value = false;
    if (const size_t eq = arg.find('='); arg.starts_with("--") && eq != std::string_view::npos) {
      name = arg.substr(0, eq);
      value = arg.substr(eq + 1);
      has_value = true;
    }
    const bool known = name == "--seed" || name == "--queries" || name == "--days" ||
                       name == "--start-date" || name == "--out" || name == "--format";
    if (!known) return usage_error("unknown option '" + std::string(arg) + "'");
    if (!has_value) {
      if (i + 1 >= argc) return usage_error(std::string(name) + " expects a value");
      value = argv[++i];
    }
    const std::string shown = "'" + std::string(value) + "'";
    if (name == "--seed") {
      if (!parse_number(value, o.seed))
        return usage_error("--seed expects an integer 0..2^64-1, got " + shown);
    } else if (name == "--queries") {
      if (!parse_number(value, o.queries) || o.queries < 1 || o.queries > 5'000'000)
        return usage_error("--queries expects an integer 1..5000000, got " + shown);
    } else if (name == "--days") {
      if (!parse_number(value, o.days) || o.days < 1 || o.days > 3650)
        return usage_error("--days expects an integer 1..3650, got " + shown);
    } else if (name == "--start-date") {
      if (!athena::samplegen::parse_date(value))
        return usage_error("--start-date expects a date YYYY-MM-DD (1970 or later), got " + shown);
      o.start_date = std::string(value);
    } else if (name == "--out") {
      if (value.empty()) return usage_error("--out expects a directory, got ''");
      o.out = std::string(value);
      have_out = true;
    } else if (name == "--format") {
      if (value == "json") {
        o.write_jsonl = false;
      } else if (value == "jsonl") {
        o.write_json = false;
      } else if (value != "both") {
        return usage_error("--format expects json, jsonl or both, got " + shown);
      }
    }
  }
  if (!have_out) return usage_error("--out DIR is required");
  o.start_day = *athena::samplegen::parse_date(o.start_date);
  const std::string err = athena::samplegen::generate(o);
  if (!err.empty()) {
    std::fprintf(stderr, "athena-samplegen: %s\n", err.c_str());
    return 2;
  }
  return 0;
}
