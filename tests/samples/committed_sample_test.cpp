// The sample committed in samples/ is exactly what the documented command produces, so it cannot
// go stale: change the generator, then run `cmake --build build --target regenerate-samples`.
#include <string>
#include <vector>

#include "tests/samples/samplegen_support.h"

namespace athena::testing::samples {
namespace {

// Must match samples/README.md and ATHENA_SAMPLE_ARGS in samples/CMakeLists.txt.
constexpr const char* kDocumentedArgs =
    "--seed 20261101 --queries 2000 --days 14 --start-date 2026-11-01 --format both";

TEST(CommittedSample, ReadmeDocumentsTheCommand) {
  const std::string readme = read_file(source_dir() / "samples" / "README.md");
  EXPECT_NE(readme.find(std::string("athena-samplegen ") + kDocumentedArgs), std::string::npos)
      << "samples/README.md must show the command that made the committed sample";
}

TEST(CommittedSample, FilesAreExactlyTheGeneratorOutput) {
  TempDir fresh;
  const RunResult r =
      run_samplegen(std::string(kDocumentedArgs) + " --out " + shell_quote(fresh.path().string()));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* f :
       {"history.json", "history.jsonl", "cloudtrail.json", "schema.json", "expected_usage.csv",
        "expected_edges.csv", "expected_column_edges.csv", "manifest.json"}) {
    const auto committed = source_dir() / "samples" / f;
    ASSERT_TRUE(std::filesystem::exists(committed))
        << committed << " is missing; run: cmake --build build --target regenerate-samples";
    EXPECT_TRUE(read_file(committed) == read_file(fresh.path() / f))
        << "samples/" << f << " is stale; run: cmake --build build --target regenerate-samples";
  }
}

TEST(CommittedSample, IsSmall) {
  uintmax_t total = 0;
  for (const auto& entry : std::filesystem::directory_iterator(source_dir() / "samples"))
    if (entry.is_regular_file()) total += entry.file_size();
  EXPECT_LT(total, uintmax_t{10} << 20) << "keep the committed sample to a few MB";
}

} // namespace
} // namespace athena::testing::samples
