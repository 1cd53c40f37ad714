// Same seed → byte-identical files; another seed → another history; small and larger N; the
// JSON and JSON Lines files hold the same records; options are validated.
#include <string>
#include <vector>

#include "tests/samples/samplegen_support.h"

namespace athena::testing::samples {
namespace {

const std::vector<std::string> kFiles = {
    "history.json",       "history.jsonl",      "cloudtrail.json",           "schema.json",
    "expected_usage.csv", "expected_edges.csv", "expected_column_edges.csv", "manifest.json"};

std::string gen_args(const TempDir& dir, const std::string& extra) {
  return extra + " --out " + shell_quote(dir.path().string());
}

TEST(SamplegenDeterminism, SameSeedGivesByteIdenticalFiles) {
  TempDir a, b;
  const std::string args = "--seed 99 --queries 700 --days 5 --start-date 2026-02-27";
  ASSERT_EQ(run_samplegen(gen_args(a, args)).exit_code, 0);
  ASSERT_EQ(run_samplegen(gen_args(b, args)).exit_code, 0);
  for (const auto& f : kFiles) {
    const std::string x = read_file(a.path() / f);
    EXPECT_FALSE(x.empty()) << f;
    EXPECT_TRUE(x == read_file(b.path() / f)) << f << " differs between two runs with one seed";
  }
}

TEST(SamplegenDeterminism, DifferentSeedGivesDifferentHistory) {
  TempDir a, b;
  ASSERT_EQ(run_samplegen(gen_args(a, "--seed 1 --queries 300")).exit_code, 0);
  ASSERT_EQ(run_samplegen(gen_args(b, "--seed 2 --queries 300")).exit_code, 0);
  EXPECT_NE(read_file(a.path() / "history.json"), read_file(b.path() / "history.json"));
  EXPECT_NE(read_file(a.path() / "cloudtrail.json"), read_file(b.path() / "cloudtrail.json"));
  // The lake itself does not depend on the seed.
  EXPECT_EQ(read_file(a.path() / "schema.json"), read_file(b.path() / "schema.json"));
}

size_t count_records(const std::filesystem::path& history) {
  auto f = load_json(history);
  EXPECT_EQ(f->error, "");
  if (!f->error.empty()) return 0;
  return items(f->root["QueryExecutions"].value()).size();
}

TEST(SamplegenDeterminism, HundredQueries) {
  TempDir d;
  ASSERT_EQ(run_samplegen(gen_args(d, "--queries 100 --days 3")).exit_code, 0);
  EXPECT_EQ(count_records(d.path() / "history.json"), 100u);
}

TEST(SamplegenDeterminism, LargerHistoryHasItsCountAndLargeQueries) {
  TempDir d;
  ASSERT_EQ(run_samplegen(gen_args(d, "--seed 5 --queries 25000 --days 30")).exit_code, 0);
  auto f = load_json(d.path() / "history.json");
  ASSERT_EQ(f->error, "");
  size_t n = 0;
  size_t largest = 0;
  for (simdjson::dom::element qe : items(f->root["QueryExecutions"].value())) {
    ++n;
    largest = std::max(largest, str(qe, "Query").size());
  }
  EXPECT_EQ(n, 25000u);
  EXPECT_GE(largest, 8000u) << "ad-hoc SELECTs reach tens of KB";
  EXPECT_LE(largest, 51000u);
}

TEST(SamplegenDeterminism, JsonAndJsonLinesHoldTheSameRecords) {
  if (!standard_ok()) return;
  const std::string lines = read_file(standard().file("history.jsonl"));
  simdjson::dom::parser parser;
  size_t i = 0;
  auto records = standard().executions();
  auto it = records.begin();
  size_t start = 0;
  while (start < lines.size()) {
    const size_t nl = lines.find('\n', start);
    ASSERT_NE(nl, std::string::npos) << "every JSON Lines record ends with a newline";
    const std::string line = lines.substr(start, nl - start);
    simdjson::dom::element e;
    ASSERT_FALSE(parser.parse(line).get(e)) << "line " << i + 1;
    ASSERT_TRUE(it != records.end()) << "history.jsonl has more records than history.json";
    EXPECT_EQ(simdjson::minify(e), simdjson::minify(*it)) << "record " << i;
    ++it;
    ++i;
    start = nl + 1;
  }
  EXPECT_TRUE(it == records.end()) << "history.json has more records than history.jsonl";
  EXPECT_EQ(i, static_cast<size_t>(kStandardQueries));
}

TEST(SamplegenDeterminism, FormatOptionChoosesHistoryFiles) {
  TempDir j, l;
  ASSERT_EQ(run_samplegen(gen_args(j, "--queries 100 --format json")).exit_code, 0);
  ASSERT_EQ(run_samplegen(gen_args(l, "--queries 100 --format jsonl")).exit_code, 0);
  EXPECT_TRUE(std::filesystem::exists(j.path() / "history.json"));
  EXPECT_FALSE(std::filesystem::exists(j.path() / "history.jsonl"));
  EXPECT_FALSE(std::filesystem::exists(l.path() / "history.json"));
  EXPECT_TRUE(std::filesystem::exists(l.path() / "history.jsonl"));
  EXPECT_TRUE(std::filesystem::exists(l.path() / "cloudtrail.json"));
}

TEST(SamplegenOptions, BadValuesAreUsageErrorsNamingTheOption) {
  TempDir d;
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"--queries 0", "--queries"},
      {"--queries abc", "--queries"},
      {"--days -3", "--days"},
      {"--seed x1", "--seed"},
      {"--start-date 2026-02-30", "--start-date"},
      {"--format xml", "--format"},
      {"--bogus 1", "--bogus"},
      {"--queries", "--queries"}};
  for (const auto& [args, option] : cases) {
    const RunResult r = run_samplegen(gen_args(d, "") + " " + args);
    EXPECT_EQ(r.exit_code, 2) << args;
    EXPECT_NE(r.err.find(option), std::string::npos) << args << ": " << r.err;
  }
  const RunResult no_out = run_samplegen("--queries 10");
  EXPECT_EQ(no_out.exit_code, 2);
  EXPECT_NE(no_out.err.find("--out"), std::string::npos) << no_out.err;
}

TEST(SamplegenOptions, HelpDescribesEveryOption) {
  const RunResult r = run_samplegen("--help");
  EXPECT_EQ(r.exit_code, 0);
  for (const char* o : {"--seed", "--queries", "--days", "--start-date", "--out", "--format"})
    EXPECT_NE(r.out.find(o), std::string::npos) << o;
}

TEST(SamplegenOptions, UnwritableOutputIsAnErrorNamingThePath) {
  TempDir d;
  write_file(d.path() / "file", "x");
  const RunResult r =
      run_samplegen("--queries 10 --out " + shell_quote((d.path() / "file" / "sub").string()));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("file"), std::string::npos) << r.err;
}

} // namespace
} // namespace athena::testing::samples
