#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <zlib.h>

#include "src/readers/athena_json_reader.h"
#include "src/readers/query_execution_json.h"
#include "tests/support/test_support.h"

namespace athena::readers {
namespace {

struct Collected {
  std::vector<model::QueryRecord> records;
  std::vector<std::string> diags; ///< "where: message"
  ReadStats stats;
};

Collected read_json(std::string_view text, bool jsonl = false, std::string name = "q.json") {
  Collected c;
  auto in = Input::from_memory(text, std::move(name));
  auto sink = [&](model::QueryRecord&& r) { c.records.push_back(std::move(r)); };
  auto diag = [&](const Diagnostic& d) { c.diags.push_back(d.where + ": " + d.message); };
  c.stats = jsonl ? read_athena_jsonl(*in, sink, diag) : read_athena_json(*in, sink, diag);
  return c;
}

std::string gzip(std::string_view text) {
  z_stream zs{};
  EXPECT_EQ(deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&zs, text.size()) + 64, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  zs.avail_in = static_cast<uInt>(text.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&zs, Z_FINISH), Z_STREAM_END);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

std::string qe(std::string_view id, std::string_view query, std::string_view extra = "") {
  std::string s = "{\"QueryExecutionId\": \"" + std::string(id) + "\", \"Query\": \"" +
                  std::string(query) + "\", \"Status\": {\"State\": \"SUCCEEDED\", " +
                  "\"SubmissionDateTime\": 1736934312.482}";
  if (!extra.empty()) s += ", " + std::string(extra);
  return s + "}";
}

TEST(ReadersAthenaJson, SharedBatchGetQueryExecutionFile) {
  ATHENA_REQUIRE_SHARED(path, "testdata/athena/batch-get-query-execution.json");
  std::string text = athena::testing::read_file(path);
  Collected c = read_json(text, false, "batch.json");
  EXPECT_EQ(c.stats.fatal_error, "");
  EXPECT_TRUE(c.diags.empty()) << c.diags.front();
  ASSERT_EQ(c.records.size(), 6u);
  EXPECT_EQ(c.stats.records, 6u);

  const model::QueryRecord& sel = c.records[0];
  EXPECT_EQ(sel.id, "5c0f7e1a-93b2-4d6e-8f41-7a2b9c3d4e51");
  EXPECT_FALSE(sel.id_is_synthetic);
  EXPECT_EQ(sel.query, "SELECT o.order_id, c.customer_name, o.total_amount\nFROM sales.orders o\n"
                       "JOIN sales.customers c ON o.customer_id = c.customer_id\n"
                       "WHERE o.order_date >= DATE '2025-01-01'");
  EXPECT_EQ(sel.statement_type, "DML");
  EXPECT_EQ(sel.substatement_type, "SELECT");
  EXPECT_EQ(sel.catalog, "AwsDataCatalog");
  EXPECT_EQ(sel.database, "sales");
  EXPECT_EQ(sel.workgroup, "analytics-etl");
  EXPECT_EQ(sel.engine_version, "Athena engine version 3");
  EXPECT_EQ(sel.selected_engine_version, "AUTO");
  EXPECT_EQ(sel.state, model::QueryState::kSucceeded);
  EXPECT_EQ(sel.submission_ms, 1736934312482);
  EXPECT_EQ(sel.completion_ms, 1736934317391);
  EXPECT_EQ(sel.data_scanned_bytes, 187334562);
  EXPECT_EQ(sel.engine_ms, 4123);
  EXPECT_EQ(sel.total_ms, 4909);
  EXPECT_EQ(sel.queue_ms, 211);
  EXPECT_EQ(sel.planning_ms, 1187);
  EXPECT_EQ(sel.service_pre_processing_ms, 38);
  EXPECT_EQ(sel.service_processing_ms, 537);
  EXPECT_EQ(sel.reused_previous_result, false);
  EXPECT_EQ(sel.output_location, "s3://example-athena-results-123456789012-us-east-1/"
                                 "analytics-etl/5c0f7e1a-93b2-4d6e-8f41-7a2b9c3d4e51.csv");
  EXPECT_EQ(sel.origin, "batch.json#record 1");

  const model::QueryRecord& cancelled = c.records[1];
  EXPECT_EQ(cancelled.state, model::QueryState::kCancelled);
  EXPECT_EQ(cancelled.state_change_reason, "Query cancelled by user");
  EXPECT_EQ(cancelled.data_scanned_bytes, 48211904512); // beyond 2^32

  const model::QueryRecord& failed = c.records[2];
  EXPECT_EQ(failed.state, model::QueryState::kFailed);
  EXPECT_EQ(failed.error_category, 2);
  EXPECT_EQ(failed.error_type, 1301);
  EXPECT_EQ(failed.error_retryable, false);
  EXPECT_EQ(failed.error_message, "TABLE_NOT_FOUND: line 3:6: Table "
                                  "'awsdatacatalog.sales.orders_staging' does not exist");

  EXPECT_EQ(c.records[3].data_manifest_location,
            "s3://example-athena-results-123456789012-us-east-1/analytics-etl/"
            "e2d4f6a8-0b1c-4d3e-9f5a-7b8c9d0e1f24-manifest.csv");
  EXPECT_EQ(c.records[4].catalog, "awsdatacatalog");
  EXPECT_EQ(c.records[4].statement_type, "DDL");

  const model::QueryRecord& show = c.records[5];
  EXPECT_EQ(show.id, "c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e97");
  EXPECT_EQ(show.submission_ms, 1736875137090); // 1.73687513709E9 s
  EXPECT_EQ(show.statement_type, "UTILITY");
}

TEST(ReadersAthenaJson, BareArrayAndMissingOptionalStructures) {
  Collected c = read_json("[" + qe("a", "SELECT 1") +
                          ",\n {\"QueryExecutionId\": \"b\", \"Query\": \"SELECT 2\", "
                          "\"QueryExecutionContext\": {}}]");
  EXPECT_EQ(c.stats.fatal_error, "");
  ASSERT_EQ(c.records.size(), 2u);
  EXPECT_EQ(c.records[1].id, "b");
  EXPECT_EQ(c.records[1].state, model::QueryState::kUnknown);
  EXPECT_FALSE(c.records[1].submission_ms.has_value());
  EXPECT_EQ(c.records[1].database, "");
  EXPECT_EQ(c.records[1].origin, "q.json#record 2");
}

TEST(ReadersAthenaJson, UnknownFieldsAreIgnored) {
  Collected c = read_json(
      "{\"QueryExecutions\": [" +
      qe("a", "SELECT 1",
         "\"NewField\": {\"deep\": [1, 2, {\"x\": \"]}\"}]}, \"ManagedQueryResultsConfiguration\": "
         "{\"Enabled\": true}") +
      "], \"UnprocessedQueryExecutionIds\": [], \"Extra\": \"[{\"}");
  EXPECT_EQ(c.stats.fatal_error, "");
  EXPECT_TRUE(c.diags.empty());
  ASSERT_EQ(c.records.size(), 1u);
  EXPECT_EQ(c.records[0].query, "SELECT 1");
}

TEST(ReadersAthenaJson, MalformedElementIsSkippedWithItsRecordNumber) {
  Collected c =
      read_json("{\"QueryExecutions\": [" + qe("a", "SELECT 1") +
                ",\n{\"QueryExecutionId\": \"b\", \"Query\": }," + qe("c", "SELECT 3") + "]}");
  EXPECT_EQ(c.stats.fatal_error, "");
  ASSERT_EQ(c.records.size(), 2u);
  EXPECT_EQ(c.records[0].id, "a");
  EXPECT_EQ(c.records[1].id, "c");
  EXPECT_EQ(c.records[1].origin, "q.json#record 3");
  ASSERT_EQ(c.diags.size(), 1u);
  EXPECT_EQ(c.stats.skipped, 1u);
  EXPECT_TRUE(c.diags[0].starts_with("q.json#record 2 (line 2): invalid JSON")) << c.diags[0];
}

TEST(ReadersAthenaJson, WrongTypeIsReportedWithItsJsonPath) {
  Collected c =
      read_json("[" + qe("a", "SELECT 1", "\"Statistics\": {\"DataScannedInBytes\": \"big\"}") +
                "," + qe("b", "SELECT 2", "\"QueryExecutionContext\": [1]") + "]");
  ASSERT_EQ(c.diags.size(), 2u);
  EXPECT_EQ(c.diags[0], "q.json#record 1 (line 1): Statistics.DataScannedInBytes: expected an "
                        "integer, found string");
  EXPECT_EQ(c.diags[1],
            "q.json#record 2 (line 1): QueryExecutionContext: expected an object, found array");
  EXPECT_TRUE(c.records.empty());
}

TEST(ReadersAthenaJson, EmptyQueryAndInvalidUtf8AreSkipped) {
  std::string bad_utf8 = qe("u", "SELECT '\xC3\x28'");
  Collected c = read_json("[" + qe("e", "") + "," + bad_utf8 + "," + qe("ok", "SELECT 1") + "]");
  ASSERT_EQ(c.records.size(), 1u);
  EXPECT_EQ(c.records[0].id, "ok");
  ASSERT_EQ(c.diags.size(), 2u);
  EXPECT_EQ(c.diags[0], "q.json#record 1 (line 1): Query: empty query text");
  EXPECT_EQ(c.diags[1], "q.json#record 2 (line 1): invalid JSON: The input is not valid UTF-8");
}

TEST(ReadersAthenaJson, MissingQueryIsSaidToBeMissing) {
  Collected c = read_json(R"([{"id":1}])");
  EXPECT_TRUE(c.records.empty());
  ASSERT_EQ(c.diags.size(), 1u);
  EXPECT_EQ(c.diags[0],
            "q.json#record 1 (line 1): Query: missing (a QueryExecution needs its query text)");
}

TEST(ReadersAthenaJson, TenMegabyteQueryIsFine) {
  std::string big = "SELECT '" + std::string(10 << 20, 'x') + "'";
  Collected c = read_json("[" + qe("big", big) + "]");
  EXPECT_TRUE(c.diags.empty());
  ASSERT_EQ(c.records.size(), 1u);
  EXPECT_EQ(c.records[0].query.size(), big.size());
}

TEST(ReadersAthenaJson, RecordOverTheLimitIsSkipped) {
  std::string text = "[" + qe("a", std::string(200, 'x')) + "," + qe("b", "SELECT 1") + "]";
  auto in = Input::from_memory(text, "q.json");
  std::vector<std::string> ids, diags;
  ReadStats st = read_athena_json(
      *in, [&](model::QueryRecord&& r) { ids.push_back(r.id); },
      [&](const Diagnostic& d) { diags.push_back(d.where + ": " + d.message); }, 150);
  EXPECT_EQ(ids, std::vector<std::string>{"b"});
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0], "q.json#record 1: record longer than 150 bytes, skipped");
  EXPECT_EQ(st.skipped, 1u);
}

TEST(ReadersAthenaJson, TruncatedGzipKeepsEveryCompleteRecordBeforeIt) {
  std::string text = "{\"QueryExecutions\": [\n";
  for (int i = 0; i < 3000; ++i) {
    if (i > 0) text += ",\n";
    text += qe("id-" + std::to_string(i), "SELECT " + std::to_string(i));
  }
  text += "]}";
  std::string gz = gzip(text);
  std::string cut = gz.substr(0, gz.size() * 2 / 3);
  Collected c = read_json(cut, false, "cut.json.gz");
  EXPECT_GT(c.records.size(), 100u);
  EXPECT_LT(c.records.size(), 3000u);
  for (size_t i = 0; i < c.records.size(); ++i) {
    ASSERT_EQ(c.records[i].id, "id-" + std::to_string(i));
  }
  EXPECT_TRUE(c.stats.fatal_error.starts_with("truncated gzip: cut.json.gz ends after " +
                                              std::to_string(cut.size()) + " compressed bytes"))
      << c.stats.fatal_error;
}

TEST(ReadersAthenaJson, StructuralErrorsEndTheFileWithAMessage) {
  EXPECT_EQ(read_json("[" + qe("a", "SELECT 1")).stats.fatal_error,
            "q.json: unexpected end of input after record 1");
  EXPECT_EQ(read_json("{\"Other\": 1}").stats.fatal_error,
            "q.json: missing key \"QueryExecutions\" holding an array");
  EXPECT_EQ(read_json("nope").stats.fatal_error,
            "q.json: expected '[' or '{' at line 1, found 'n'");
  Collected two = read_json("[" + qe("a", "SELECT 1") + "]\n[" + qe("b", "SELECT 2") + "]");
  EXPECT_EQ(two.records.size(), 1u);
  EXPECT_EQ(two.stats.fatal_error, "q.json: unexpected content after the top-level JSON value at "
                                   "line 2, found '[' (JSON Lines? use --input-format jsonl)");
}

TEST(ReadersAthenaJson, MissingIdGetsAStableSyntheticOne) {
  std::string one = "[{\"Query\": \"SELECT 1\", \"Status\": {\"SubmissionDateTime\": 1.5E9}}]";
  Collected a = read_json(one);
  Collected b = read_json(one);
  ASSERT_EQ(a.records.size(), 1u);
  EXPECT_TRUE(a.records[0].id_is_synthetic);
  EXPECT_TRUE(a.records[0].id.starts_with("h-"));
  EXPECT_EQ(a.records[0].id.size(), 34u);
  EXPECT_EQ(a.records[0].id, b.records[0].id);
  EXPECT_EQ(a.records[0].submission_ms, 1500000000000);
}

TEST(ReadersAthenaJsonl, LinesWithBadRecordsAndWrappedAnswers) {
  ReadStats st;
  std::string text = athena::testing::read_file(
      athena::testing::source_dir() / "tests/app/testdata/readers/query_executions.jsonl");
  Collected c = read_json(text, true, "q.jsonl");
  EXPECT_EQ(c.stats.fatal_error, "");
  ASSERT_EQ(c.records.size(), 2u);
  EXPECT_EQ(c.records[0].id, "11111111-aaaa-4bbb-8ccc-000000000001");
  EXPECT_EQ(c.records[0].origin, "q.jsonl:1");
  EXPECT_EQ(c.records[0].data_scanned_bytes, 1048576);
  EXPECT_EQ(c.records[1].id, "11111111-aaaa-4bbb-8ccc-000000000004");
  EXPECT_EQ(c.records[1].state, model::QueryState::kFailed);
  EXPECT_EQ(c.records[1].submission_ms, 1736934400000);
  EXPECT_EQ(c.records[1].error_type, 1006);
  EXPECT_EQ(c.records[1].origin, "q.jsonl:5");
  ASSERT_EQ(c.diags.size(), 2u);
  EXPECT_EQ(c.diags[0], "q.jsonl:3: Status.SubmissionDateTime: expected seconds since the epoch "
                        "or an ISO 8601 time, found \"yesterday\"");
  EXPECT_TRUE(c.diags[1].starts_with("q.jsonl:4: invalid JSON")) << c.diags[1];
  EXPECT_EQ(c.stats.skipped, 2u);
}

TEST(ReadersAthenaJsonl, BatchAnswerPerLine) {
  Collected c =
      read_json("{\"QueryExecutions\": [" + qe("a", "SELECT 1") + "," + qe("b", "") + "]}\n", true,
                "b.jsonl");
  ASSERT_EQ(c.records.size(), 1u);
  EXPECT_EQ(c.records[0].origin, "b.jsonl:1[0]");
  ASSERT_EQ(c.diags.size(), 1u);
  EXPECT_EQ(c.diags[0], "b.jsonl:1[1]: Query: empty query text");
}

TEST(ReadersQueryExecutionJson, StateOutsideTheEnumIsRejected) {
  simdjson::dom::parser parser;
  model::QueryRecord rec;
  auto error = [&](std::string_view json) {
    const util::Status taken = query_execution_from_json(parser, json, rec);
    return taken ? std::string("(taken)") : taken.error();
  };
  EXPECT_EQ(error(R"({"QueryExecutionId": "x", "Query": "q", "Status": {"State": "DONE"}})"),
            "Status.State: expected QUEUED, RUNNING, SUCCEEDED, FAILED or CANCELLED, found "
            "\"DONE\"");
  EXPECT_EQ(error("[1]"), "expected a QueryExecution object, found array");
  EXPECT_EQ(
      error(R"({"QueryExecutionId": "x", "Query": "q", "Status": {"SubmissionDateTime": 1e300}})"),
      "Status.SubmissionDateTime: timestamp out of range");
  EXPECT_EQ(error(R"({"QueryExecutionId": "x", "Query": "q"})"), "(taken)");
  EXPECT_EQ(rec.id, "x");
  EXPECT_EQ(rec.query, "q");
}

} // namespace
} // namespace athena::readers

namespace athena::readers {
namespace {

std::string get_query_execution(const std::string& id, const std::string& query) {
  return "{\n    \"QueryExecution\": {\n        \"QueryExecutionId\": \"" + id +
         "\",\n        \"Query\": \"" + query +
         "\",\n        \"Status\": {\n            \"State\": \"SUCCEEDED\",\n"
         "            \"SubmissionDateTime\": \"2026-12-01T10:00:00.123000+00:00\"\n"
         "        }\n    }\n}\n";
}

TEST(ReadersAthenaJson, GetQueryExecutionOutputsAppendedToOneFile) {
  // A shell loop over `aws athena get-query-execution` appending to one file; its last
  // document cut short.
  const std::string one = get_query_execution("id-1", "SELECT 1");
  const std::string two = get_query_execution("id-2", "SELECT 2");
  const std::string three = get_query_execution("id-3", "SELECT 3");
  Collected c = read_json(one + two + three.substr(0, 60), false, "loop.json");
  ASSERT_EQ(c.records.size(), 2u);
  EXPECT_EQ(c.records[0].id, "id-1");
  EXPECT_EQ(c.records[0].origin, "loop.json#QueryExecution[0]");
  EXPECT_EQ(c.records[1].id, "id-2");
  EXPECT_EQ(c.records[1].query, "SELECT 2");
  EXPECT_EQ(c.records[1].origin, "loop.json#QueryExecution[1]");
  EXPECT_EQ(c.diags, std::vector<std::string>{
                         "loop.json#QueryExecution[2]: invalid JSON: the document is truncated "
                         "or empty"});
  EXPECT_EQ(c.stats.records, 2u);
  EXPECT_EQ(c.stats.skipped, 1u);
  // A broken document between good ones loses only itself.
  Collected middle = read_json(one + "{\"QueryExecution\": {\"QueryExecutionId\": \"x\",\n" + two,
                               false, "mid.json");
  ASSERT_EQ(middle.records.size(), 2u);
  EXPECT_EQ(middle.records[0].id, "id-1");
  EXPECT_EQ(middle.records[1].id, "id-2");
  EXPECT_EQ(middle.records[1].origin, "mid.json#QueryExecution[2]");
  EXPECT_EQ(middle.diags,
            std::vector<std::string>{"mid.json#QueryExecution[1]: invalid JSON: the document is "
                                     "truncated or empty"});
  // One document keeps its plain name.
  Collected single = read_json(one, false, "one.json");
  ASSERT_EQ(single.records.size(), 1u);
  EXPECT_EQ(single.records[0].origin, "one.json#QueryExecution");
  EXPECT_TRUE(single.diags.empty());
}

} // namespace
} // namespace athena::readers
