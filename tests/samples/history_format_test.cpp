// history.json against the QueryExecution shape of ../shared/spec/athena-api.md §2.5: every
// member's name and JSON type, enums, limits, and which members each state carries.
#include <set>
#include <string>
#include <vector>

#include "tests/samples/samplegen_support.h"

namespace athena::testing::samples {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

enum class J { kString, kInt, kNumber, kBool, kObject, kArray };

/// One member of the spec's field table; `children` for objects.
struct Field {
  std::string_view name;
  J type;
  bool required;
  std::vector<Field> children;
};

// The QueryExecution member table of spec §2.5 (every member in the current model). Required
// here means "the generator always writes it" where the spec marks it R or where every real
// response has it.
const std::vector<Field>& query_execution_fields() {
  static const std::vector<Field> fields = {
      {"QueryExecutionId", J::kString, true, {}},
      {"Query", J::kString, true, {}},
      {"StatementType", J::kString, true, {}},
      {"SubstatementType", J::kString, false, {}},
      {"QueryExecutionContext",
       J::kObject,
       false,
       {{"Database", J::kString, false, {}}, {"Catalog", J::kString, false, {}}}},
      {"Status",
       J::kObject,
       true,
       {{"State", J::kString, true, {}},
        {"StateChangeReason", J::kString, false, {}},
        {"SubmissionDateTime", J::kNumber, true, {}},
        {"CompletionDateTime", J::kNumber, false, {}},
        {"AthenaError",
         J::kObject,
         false,
         {{"ErrorCategory", J::kInt, true, {}},
          {"ErrorType", J::kInt, true, {}},
          {"Retryable", J::kBool, true, {}},
          {"ErrorMessage", J::kString, true, {}}}}}},
      {"Statistics",
       J::kObject,
       false,
       {{"EngineExecutionTimeInMillis", J::kInt, true, {}},
        {"DataScannedInBytes", J::kInt, true, {}},
        {"DataManifestLocation", J::kString, false, {}},
        {"TotalExecutionTimeInMillis", J::kInt, true, {}},
        {"QueryQueueTimeInMillis", J::kInt, true, {}},
        {"ServicePreProcessingTimeInMillis", J::kInt, false, {}},
        {"QueryPlanningTimeInMillis", J::kInt, false, {}},
        {"ServiceProcessingTimeInMillis", J::kInt, false, {}},
        {"ResultReuseInformation",
         J::kObject,
         false,
         {{"ReusedPreviousResult", J::kBool, true, {}}}},
        {"DpuCount", J::kNumber, false, {}}}},
      {"ResultConfiguration",
       J::kObject,
       false,
       {{"OutputLocation", J::kString, false, {}},
        {"EncryptionConfiguration", J::kObject, false, {}},
        {"ExpectedBucketOwner", J::kString, false, {}},
        {"AclConfiguration", J::kObject, false, {}}}},
      {"ResultReuseConfiguration",
       J::kObject,
       false,
       {{"ResultReuseByAgeConfiguration",
         J::kObject,
         false,
         {{"Enabled", J::kBool, true, {}}, {"MaxAgeInMinutes", J::kInt, false, {}}}}}},
      {"WorkGroup", J::kString, true, {}},
      {"EngineVersion",
       J::kObject,
       false,
       {{"SelectedEngineVersion", J::kString, false, {}},
        {"EffectiveEngineVersion", J::kString, false, {}}}},
      {"ExecutionParameters", J::kArray, false, {}},
      {"ManagedQueryResultsConfiguration", J::kObject, false, {}},
      {"QueryResultsS3AccessGrantsConfiguration", J::kObject, false, {}},
  };
  return fields;
}

bool type_matches(element e, J type) {
  switch (type) {
  case J::kString:
    return e.type() == element_type::STRING;
  case J::kInt:
    return e.type() == element_type::INT64 || e.type() == element_type::UINT64;
  case J::kNumber:
    return e.type() == element_type::INT64 || e.type() == element_type::UINT64 ||
           e.type() == element_type::DOUBLE;
  case J::kBool:
    return e.type() == element_type::BOOL;
  case J::kObject:
    return e.type() == element_type::OBJECT;
  case J::kArray:
    return e.type() == element_type::ARRAY;
  }
  return false;
}

// Checks `obj` against `fields`; returns the first problem, or "".
std::string check_object(element obj, const std::vector<Field>& fields, const std::string& path) {
  simdjson::dom::object o;
  if (obj.get_object().get(o)) return path + ": not an object";
  for (auto [key, value] : o) {
    const Field* f = nullptr;
    for (const auto& candidate : fields)
      if (candidate.name == key) f = &candidate;
    if (f == nullptr) return path + "." + std::string(key) + ": not a QueryExecution member";
    if (!type_matches(value, f->type)) return path + "." + std::string(key) + ": wrong JSON type";
    if (f->type == J::kObject && !f->children.empty()) {
      std::string err = check_object(value, f->children, path + "." + std::string(key));
      if (!err.empty()) return err;
    }
  }
  for (const auto& f : fields)
    if (f.required && obj[f.name].error()) return path + "." + std::string(f.name) + ": missing";
  return {};
}

TEST(HistoryFormat, EveryMemberHasTheSpecNameAndJsonType) {
  if (!standard_ok()) return;
  size_t n = 0;
  for (element qe : standard().executions()) {
    const std::string err =
        check_object(qe, query_execution_fields(), "QueryExecutions[" + std::to_string(n) + "]");
    ASSERT_EQ(err, "") << str(qe, "Query");
    ++n;
  }
  EXPECT_EQ(n, static_cast<size_t>(kStandardQueries));
}

TEST(HistoryFormat, TopLevelIsExactlyQueryExecutions) {
  if (!standard_ok()) return;
  simdjson::dom::object root;
  ASSERT_FALSE(standard().history->root.get_object().get(root));
  std::vector<std::string> keys;
  for (auto [key, value] : root)
    keys.emplace_back(key);
  EXPECT_EQ(keys, std::vector<std::string>{"QueryExecutions"});
}

TEST(HistoryFormat, EnumsLimitsAndIdentifiers) {
  if (!standard_ok()) return;
  std::set<std::string> ids;
  const std::set<std::string> states = {"QUEUED", "RUNNING", "SUCCEEDED", "FAILED", "CANCELLED"};
  const std::set<std::string> types = {"DDL", "DML", "UTILITY"};
  for (element qe : standard().executions()) {
    const std::string id = str(qe, "QueryExecutionId");
    ASSERT_EQ(id.size(), 36u) << id;
    for (size_t i = 0; i < id.size(); ++i) {
      const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
      ASSERT_TRUE(dash ? id[i] == '-' : std::isxdigit(static_cast<unsigned char>(id[i])) != 0)
          << id;
    }
    EXPECT_TRUE(ids.insert(id).second) << "duplicate QueryExecutionId " << id;
    const std::string query = str(qe, "Query");
    EXPECT_GE(query.size(), 1u);
    EXPECT_LE(query.size(), 262144u) << id;
    EXPECT_TRUE(types.count(str(qe, "StatementType"))) << id;
    element status = qe["Status"].value();
    EXPECT_TRUE(states.count(str(status, "State"))) << id;
    EXPECT_FALSE(str(qe, "WorkGroup").empty());
    const std::string out = str(qe["ResultConfiguration"].value(), "OutputLocation");
    EXPECT_TRUE(out.starts_with("s3://")) << out;
    EXPECT_TRUE(out.find(id) != std::string::npos) << out;
    if (has(qe, "QueryExecutionContext")) {
      element ctx = qe["QueryExecutionContext"].value();
      if (has(ctx, "Database")) {
        EXPECT_GE(str(ctx, "Database").size(), 1u);
        EXPECT_LE(str(ctx, "Database").size(), 255u);
      }
    }
    if (has(status, "AthenaError")) {
      element ae = status["AthenaError"].value();
      EXPECT_GE(integer(ae, "ErrorCategory"), 1);
      EXPECT_LE(integer(ae, "ErrorCategory"), 3);
      EXPECT_GE(integer(ae, "ErrorType"), 0);
      EXPECT_LE(integer(ae, "ErrorType"), 9999);
    }
  }
}

TEST(HistoryFormat, CompletionAbsentExactlyWhileQueuedOrRunning) {
  if (!standard_ok()) return;
  int open = 0;
  for (element qe : standard().executions()) {
    element status = qe["Status"].value();
    const std::string state = str(status, "State");
    const bool terminal = state == "SUCCEEDED" || state == "FAILED" || state == "CANCELLED";
    EXPECT_EQ(has(status, "CompletionDateTime"), terminal) << str(qe, "QueryExecutionId");
    EXPECT_EQ(has(status, "AthenaError"), state == "FAILED") << str(qe, "QueryExecutionId");
    EXPECT_EQ(has(status, "StateChangeReason"), state == "FAILED" || state == "CANCELLED");
    if (!terminal) ++open;
  }
  EXPECT_GE(open, 1) << "a few queries are still RUNNING or QUEUED at the end of the window";
  EXPECT_LE(open, 25);
}

TEST(HistoryFormat, StatisticsAreConsistent) {
  if (!standard_ok()) return;
  const int64_t window_end = kStandardStartMs + kStandardDays * 86'400'000;
  int64_t previous = 0;
  for (element qe : standard().executions()) {
    const std::string id = str(qe, "QueryExecutionId");
    element status = qe["Status"].value();
    element stats = qe["Statistics"].value();
    const int64_t submitted = millis(status, "SubmissionDateTime");
    EXPECT_GE(submitted, kStandardStartMs) << id;
    EXPECT_LT(submitted, window_end) << id;
    EXPECT_GT(submitted, previous) << "records are in strictly increasing submission order";
    previous = submitted;
    const int64_t engine = integer(stats, "EngineExecutionTimeInMillis");
    const int64_t total = integer(stats, "TotalExecutionTimeInMillis");
    EXPECT_GE(engine, 0) << id;
    EXPECT_GE(total, engine) << id;
    EXPECT_LE(integer(stats, "QueryPlanningTimeInMillis"), engine) << id;
    EXPECT_GE(integer(stats, "DataScannedInBytes"), 0) << id;
    if (str(qe, "StatementType") != "DML") {
      EXPECT_EQ(integer(stats, "DataScannedInBytes"), 0) << id;
    }
    if (has(status, "CompletionDateTime")) {
      const int64_t elapsed = millis(status, "CompletionDateTime") - submitted;
      EXPECT_GE(elapsed, total) << id;
      EXPECT_LE(elapsed, total + 50) << id;
    }
  }
}

TEST(HistoryFormat, RealisticMix) {
  if (!standard_ok()) return;
  std::map<std::string, int> states;
  std::set<std::string> substatements;
  std::set<std::string> workgroups;
  std::set<std::string> context_shapes;
  int dbt = 0;
  int unicode = 0;
  int heavy = 0;
  for (element qe : standard().executions()) {
    ++states[str(qe["Status"].value(), "State")];
    substatements.insert(str(qe, "SubstatementType"));
    workgroups.insert(str(qe, "WorkGroup"));
    const std::string q = str(qe, "Query");
    if (q.starts_with("/* {\"app\": \"dbt\"")) ++dbt;
    for (unsigned char c : q) {
      if (c >= 0x80) {
        ++unicode;
        break;
      }
    }
    if (integer(qe["Statistics"].value(), "DataScannedInBytes") > (int64_t{1} << 33)) ++heavy;
    if (!has(qe, "QueryExecutionContext")) {
      context_shapes.insert("absent");
    } else {
      simdjson::dom::object ctx = qe["QueryExecutionContext"].get_object().value();
      context_shapes.insert(ctx.size() == 0 ? "empty" : ctx.size() == 1 ? "database" : "full");
    }
  }
  const double n = static_cast<double>(kStandardQueries);
  EXPECT_GT(states["FAILED"] / n, 0.03);
  EXPECT_LT(states["FAILED"] / n, 0.08);
  EXPECT_GT(states["CANCELLED"] / n, 0.008);
  EXPECT_LT(states["CANCELLED"] / n, 0.04);
  for (const char* s :
       {"SELECT", "INSERT", "CREATE_TABLE_AS_SELECT", "MERGE", "UPDATE", "DELETE", "UNLOAD",
        "CREATE_VIEW", "CREATE_TABLE", "MSCK_REPAIR_TABLE", "ALTER_TABLE_ADD_PARTITION",
        "SHOW_TABLES", "DESCRIBE_TABLE", "EXPLAIN", "PREPARE", "EXECUTE", "DEALLOCATE"})
    EXPECT_TRUE(substatements.count(s)) << s;
  EXPECT_GE(workgroups.size(), 5u);
  EXPECT_EQ(context_shapes, (std::set<std::string>{"absent", "empty", "database", "full"}));
  EXPECT_GT(dbt, 30);
  EXPECT_GT(unicode, 0);
  EXPECT_GT(heavy, 0) << "DataScannedInBytes is heavy-tailed";
}

TEST(HistoryFormat, HiveDdlAndEtlSyntaxArePresent) {
  if (!standard_ok()) return;
  std::string all;
  for (element qe : standard().executions())
    all += str(qe, "Query") + "\n;\n";
  for (const char* needle : {"CREATE EXTERNAL TABLE",
                             "PARTITIONED BY (",
                             "ROW FORMAT SERDE",
                             "WITH SERDEPROPERTIES",
                             "STORED AS",
                             "LOCATION 's3://",
                             "TBLPROPERTIES (",
                             "'table_type' = 'ICEBERG'",
                             "MSCK REPAIR TABLE",
                             "ADD IF NOT EXISTS\n  PARTITION (",
                             "external_location = 's3://",
                             "partitioned_by = ARRAY[",
                             "CROSS JOIN UNNEST(",
                             "MERGE INTO",
                             "WHEN NOT MATCHED THEN",
                             "CREATE OR REPLACE VIEW",
                             "UNLOAD (",
                             ") OVER (PARTITION BY",
                             "PREPARE ",
                             "EXECUTE ",
                             "DEALLOCATE PREPARE ",
                             "SHOW ",
                             "DESCRIBE ",
                             "EXPLAIN ",
                             "`raw_"})
    EXPECT_NE(all.find(needle), std::string::npos) << needle;
}

TEST(HistoryFormat, ExecuteFollowsPrepareOfTheSameNameInTheSameWorkgroup) {
  if (!standard_ok()) return;
  std::set<std::pair<std::string, std::string>> prepared; // (workgroup, name)
  int executes = 0;
  for (element qe : standard().executions()) {
    const std::string q = str(qe, "Query");
    const std::string wg = str(qe, "WorkGroup");
    auto word = [&](size_t from) {
      const size_t end = q.find_first_of(" \n", from);
      return q.substr(from, end == std::string::npos ? std::string::npos : end - from);
    };
    if (q.starts_with("PREPARE ")) prepared.insert({wg, word(8)});
    if (q.starts_with("EXECUTE ")) {
      ++executes;
      EXPECT_TRUE(prepared.count({wg, word(8)})) << q << " in " << wg;
    }
  }
  EXPECT_GT(executes, 0);
}

} // namespace
} // namespace athena::testing::samples
