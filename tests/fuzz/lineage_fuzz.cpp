// libFuzzer target for lineage: SQL in, lineage out, as `lineage` and `analyze` compute it. Any
// bytes give a result or per-statement errors, never a crash or a hang; error positions lie in
// the input. Runs on the analysis stack, as the commands do, so deep trees are what production
// sees (a statement taller than the analysis limit is an error, not a walk).
// FUZZ_LIBS: athena_app
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "lineage/lineage.h"
#include "parser/parser.h"
#include "src/analysis/analysis_limits.h"
#include "src/analysis/query_analysis.h"
#include "src/output/lineage_json.h"

namespace {

void run(std::string_view sql) {
  // The `lineage` command's path: one session over the statements, JSON per statement.
  athena::sql::ParseResult parsed = athena::sql::parse(sql);
  athena::lineage::LineageSession session;
  athena::lineage::LineageOptions options;
  options.default_schema = "db";
  int n = 0;
  for (const auto& st : parsed.statements()) {
    ++n;
    athena::lineage::StatementLineage lin;
    if (st.ok() && !athena::analysis::analysis_height_error(*st.ast)) {
      lin = session.analyze(*st.ast, sql, options);
      for (const auto& e : lin.errors) {
        if (e.offset > sql.size() || e.message.empty()) std::abort();
      }
    }
    const std::string json = athena::output::lineage_json_line(n, "fuzz.sql", lin, {});
    if (json.empty() || json.front() != '{' || json.back() != '}') std::abort();
  }
  // The `analyze` command's path: one record, its facts.
  athena::model::QueryRecord record;
  record.id = "fuzz";
  record.query = std::string(sql);
  record.database = "db";
  athena::analysis::AnalysisContext context;
  athena::model::QueryFacts facts = athena::analysis::analyze_query(record, context);
  for (const auto& e : facts.errors) {
    if (e.offset > sql.size() || e.message.empty()) std::abort();
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view sql(reinterpret_cast<const char*>(data), size);
  athena::analysis::run_on_analysis_stack([&] {
    run(sql);
    return 0;
  });
  return 0;
}
