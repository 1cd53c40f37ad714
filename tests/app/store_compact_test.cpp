// Compact storage (schema version 9): texts and column-read sets stored once by content,
// raw records as a compressed remainder, and the migration of older files.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "src/store/migrations.h"
#include "src/store/pull_state.h"
#include "src/store/sqlite_db.h"
#include "src/store/store.h"
#include "src/store/text_codec.h"
#include "src/store/texts.h"
#include "tests/app/store_test_access.h"
#include "tests/support/test_support.h"

namespace athena::store {
namespace {

std::vector<std::string> rows(Db& db, const std::string& sql) {
  return testing::text_rows(db, sql);
}

const std::string kLongSql = "SELECT o.order_id, sum(i.amount) AS total FROM sales.orders o "
                             "JOIN sales.items i ON i.order_id = o.order_id WHERE o.dt = "
                             "'2025-01-15' GROUP BY o.order_id ORDER BY total DESC LIMIT 10";

std::string raw_json(const std::string& id, const std::string& query_literal) {
  return R"({"QueryExecutionId":")" + id + R"(","Query":)" + query_literal +
         R"(,"StatementType":"DML","ResultConfiguration":{"OutputLocation":"s3://r/)" + id +
         R"(.csv"},"Status":{"State":"SUCCEEDED","SubmissionDateTime":1736899200.5},)"
         R"("WorkGroup":"primary"})";
}

TEST(StoreCompact, TextsRoundTripThroughEveryEncoding) {
  for (const std::string& text :
       {std::string(), std::string("x"), kLongSql, std::string(5000, 'a'),
        std::string("nul\0inside", 10), std::string("caf\xc3\xa9 \x01\x7f")}) {
    const std::string blob = pack_text(text);
    EXPECT_EQ(unpack_text(blob), text);
    EXPECT_EQ(unpack_text(pack_text(text, Dictionary::kQueryExecution)), text);
  }
  EXPECT_LT(pack_text(std::string(5000, 'a')).size(), 100u);
  EXPECT_EQ(unpack_text(""), std::nullopt);
  EXPECT_EQ(unpack_text("\x09xyz"), std::nullopt);         // unknown format
  EXPECT_EQ(unpack_text("\x01\x20garbage"), std::nullopt); // damaged deflate stream
}

TEST(StoreCompact, RawRecordsSplitAndJoinByteForByte) {
  const std::string plain = raw_json("q1", R"("SELECT 1\nFROM \"t\" -- \\ \t\u0001")");
  SplitRaw split = split_raw(plain);
  ASSERT_TRUE(split.query.has_value());
  EXPECT_EQ(*split.query, std::string("SELECT 1\nFROM \"t\" -- \\ \t\x01"));
  EXPECT_TRUE(raw_needs_query(split.rest));
  EXPECT_EQ(join_raw(split.rest, *split.query), plain);
  EXPECT_LT(split.rest.size(), plain.size() / 2);
  // Bytes that are not UTF-8 are stored and given back as they were, not replaced.
  const std::string latin1 = raw_json("q5", "\"SELECT '\xE9\xFF' -- \xED\xA0\x80\\n\"");
  SplitRaw kept = split_raw(latin1);
  ASSERT_TRUE(kept.query.has_value());
  EXPECT_EQ(*kept.query, std::string("SELECT '\xE9\xFF' -- \xED\xA0\x80\n"));
  EXPECT_EQ(join_raw(kept.rest, *kept.query), latin1);
  // Spellings our encoder would not reproduce keep the record whole.
  for (const std::string& odd : {raw_json("q2", R"("a\/b")"), raw_json("q3", R"("\u00e9")"),
                                 raw_json("q4", R"("\u0041")"), std::string(R"({"Query":1})"),
                                 std::string(R"({"Query":"unterminated)"), std::string("{}")}) {
    SplitRaw s = split_raw(odd);
    EXPECT_FALSE(s.query.has_value()) << odd;
    EXPECT_FALSE(raw_needs_query(s.rest));
    EXPECT_EQ(join_raw(s.rest, "ignored"), odd);
  }
}

AnalyzedQuery make(const std::string& id, const std::string& sql,
                   std::vector<model::ColumnReadFact> reads = {}) {
  AnalyzedQuery a;
  a.record.id = id;
  a.record.query = sql;
  a.record.state = model::QueryState::kSucceeded;
  a.record.submission_ms = 1736899200000;
  a.record.user = "u";
  a.facts.query_id = id;
  a.facts.statement_kinds = {athena::lineage::StatementKind::kSelect};
  a.facts.parsed = true;
  a.facts.is_usage = true;
  a.facts.tables_read = {model::TableName{"c", "s", "t"}};
  a.facts.column_reads = std::move(reads);
  a.facts.fingerprint = 7;
  a.facts.fingerprint_text = "SELECT ?";
  return a;
}

TEST(StoreCompact, TextsAndReadSetsAreStoredOnceAndReadBackThroughTheViews) {
  athena::testing::TempDir dir;
  auto store = testing::opened_store(Store::open(dir.path() / "c.db", StoreOptions{}));
  ASSERT_NE(store, nullptr);
  const model::ColumnName col{model::TableName{"c", "s", "t"}, "a"};
  std::vector<AnalyzedQuery> batch = {
      make("q1", kLongSql, {{col, athena::lineage::Clause::kSelect}}),
      make("q2", kLongSql, {{col, athena::lineage::Clause::kSelect}}),
      make("q3", "SELECT 2", {{col, athena::lineage::Clause::kWhere}})};
  ASSERT_TRUE(testing::is_ok(store->insert_batch(batch, nullptr)));
  // A second batch in its own transaction finds the stored text by its hash.
  std::vector<AnalyzedQuery> again = {
      make("q4", kLongSql, {{col, athena::lineage::Clause::kSelect}})};
  ASSERT_TRUE(testing::is_ok(store->insert_batch(again, nullptr)));
  Db& db = testing::RawDb::of(*store);
  EXPECT_EQ(rows(db, "SELECT count(*) FROM texts"), (std::vector<std::string>{"2"}));
  EXPECT_EQ(rows(db, "SELECT count(*) FROM read_sets"), (std::vector<std::string>{"2"}));
  EXPECT_EQ(
      rows(db, "SELECT q, query FROM query_texts ORDER BY q"),
      (std::vector<std::string>{"1|" + kLongSql, "2|" + kLongSql, "3|SELECT 2", "4|" + kLongSql}));
  EXPECT_EQ(rows(db, "SELECT q, reads FROM query_column_reads ORDER BY q"),
            (std::vector<std::string>{"1|[[1,\"select\"]]", "2|[[1,\"select\"]]",
                                      "3|[[1,\"where\"]]", "4|[[1,\"select\"]]"}));
  EXPECT_EQ(*store->query_text("q3"), "SELECT 2");
  EXPECT_EQ(*store->query_text("nope"), std::nullopt);
  // Deleting through the views removes the references (what pruning old queries does).
  db.exec("DELETE FROM query_texts WHERE q <= 2; DELETE FROM query_column_reads WHERE q <= 2");
  EXPECT_EQ(rows(db, "SELECT q FROM query_text_refs ORDER BY q"),
            (std::vector<std::string>{"3", "4"}));
  EXPECT_EQ(rows(db, "SELECT q FROM query_read_refs ORDER BY q"),
            (std::vector<std::string>{"3", "4"}));
}

TEST(StoreCompact, RawRecordsShareTheTextOfTheirQuery) {
  athena::testing::TempDir dir;
  auto store = testing::opened_store(Store::open(dir.path() / "r.db", StoreOptions{}));
  ASSERT_NE(store, nullptr);
  std::string literal = "\"";
  for (char c : kLongSql)
    literal += c;
  literal += "\"";
  const std::string json = raw_json("q1", literal);
  std::vector<RawExecution> raws = {{"q1", "primary", 1, "SUCCEEDED", json},
                                    {"q2", "primary", 2, "SUCCEEDED", raw_json("q2", literal)}};
  PullState pull(*store);
  const util::Status put = pull.put(raws);
  ASSERT_TRUE(put.ok()) << put.error();
  std::vector<AnalyzedQuery> batch = {make("q1", kLongSql)};
  ASSERT_TRUE(testing::is_ok(store->insert_batch(batch, nullptr)));
  EXPECT_EQ(rows(testing::RawDb::of(*store), "SELECT count(*) FROM texts"),
            (std::vector<std::string>{"1"}));
  EXPECT_EQ((*store->raw_execution("q1"))->json, json);
  std::vector<std::string> pending;
  const util::Status read =
      pull.for_each_pending([&](RawExecution&& r) { pending.push_back(r.json); });
  ASSERT_TRUE(read.ok()) << read.error();
  EXPECT_EQ(pending, (std::vector<std::string>{json, raw_json("q2", literal)}));
}

TEST(StoreCompact, AWriterForgetsTextIdsAnotherConnectionDeleted) {
  athena::testing::TempDir dir;
  auto a = testing::opened_store(Store::open(dir.path() / "g.db", StoreOptions{}));
  ASSERT_NE(a, nullptr);
  std::vector<AnalyzedQuery> first = {make("q1", kLongSql)};
  ASSERT_TRUE(testing::is_ok(a->insert_batch(first, nullptr)));
  {
    // Another connection (a prune) drops the only query with that text, then the text.
    Db other((dir.path() / "g.db").string());
    other.exec("BEGIN IMMEDIATE; DELETE FROM query_text_refs;");
    EXPECT_EQ(delete_unreferenced_texts(other), 1);
    other.exec("COMMIT");
  }
  std::vector<AnalyzedQuery> second = {make("q2", kLongSql)};
  ASSERT_TRUE(testing::is_ok(a->insert_batch(second, nullptr)));
  EXPECT_EQ(*a->query_text("q2"), kLongSql);
  EXPECT_EQ(rows(testing::RawDb::of(*a), "SELECT count(*) FROM texts"),
            (std::vector<std::string>{"1"}));
}

TEST(StoreCompact, AWriterFindsTextsAnotherConnectionAddedSince) {
  athena::testing::TempDir dir;
  auto a = testing::opened_store(Store::open(dir.path() / "n.db", StoreOptions{}));
  ASSERT_NE(a, nullptr);
  // Writing to an empty table, `a` knows every stored text and looks none up...
  std::vector<AnalyzedQuery> first = {make("q1", "SELECT 1")};
  ASSERT_TRUE(testing::is_ok(a->insert_batch(first, nullptr)));
  {
    // ...until another writer adds one: then it looks again.
    auto b = testing::opened_store(Store::open(dir.path() / "n.db", StoreOptions{}));
    ASSERT_NE(b, nullptr);
    std::vector<AnalyzedQuery> other = {make("q2", kLongSql)};
    ASSERT_TRUE(testing::is_ok(b->insert_batch(other, nullptr)));
  }
  std::vector<AnalyzedQuery> second = {make("q3", kLongSql), make("q4", "SELECT 1")};
  ASSERT_TRUE(testing::is_ok(a->insert_batch(second, nullptr)));
  EXPECT_EQ(rows(testing::RawDb::of(*a), "SELECT count(*) FROM texts"),
            (std::vector<std::string>{"2"}));
  EXPECT_EQ(rows(testing::RawDb::of(*a), "SELECT q, text_id FROM query_text_refs ORDER BY q"),
            (std::vector<std::string>{"1|1", "2|2", "3|2", "4|1"}));
}

TEST(StoreCompact, TextsEncodedAheadAreStoredAsTextsEncodedByTheWriter) {
  athena::testing::TempDir dir;
  auto plain = testing::opened_store(Store::open(dir.path() / "p.db", StoreOptions{}));
  auto ahead = testing::opened_store(Store::open(dir.path() / "e.db", StoreOptions{}));
  ASSERT_NE(plain, nullptr);
  ASSERT_NE(ahead, nullptr);
  auto batches = [] {
    return std::vector<std::vector<AnalyzedQuery>>{
        {make("q1", kLongSql), make("q2", "SELECT 2"), make("q3", kLongSql)},
        {make("q4", "SELECT 2"), make("q5", std::string(5000, 'a')), make("q6", "")}};
  };
  auto first = batches();
  auto second = batches();
  // Encoded out of order (as analysis threads may): the second batch claims the texts first.
  ahead->encode_batch(second[1]);
  ahead->encode_batch(second[0]);
  EXPECT_TRUE(second[0][0].text.describes(second[0][0].record.query));
  EXPECT_FALSE(second[0][0].text.packed.empty());
  EXPECT_TRUE(second[0][2].text.packed.empty()); // claimed by q1 already
  EXPECT_TRUE(second[0][1].text.packed.empty()); // claimed by q4 in the other batch
  // A text replaced after encoding (by one of another size) is encoded again by the writer.
  first[1][2].record.query = "SELECT 6";
  second[1][2].record.query = "SELECT 6";
  EXPECT_FALSE(second[1][2].text.describes(second[1][2].record.query));
  for (size_t i = 0; i < first.size(); ++i) {
    ASSERT_TRUE(testing::is_ok(plain->insert_batch(first[i], nullptr)));
    ASSERT_TRUE(testing::is_ok(ahead->insert_batch(second[i], nullptr)));
  }
  const std::string sql = "SELECT t.id, t.hash, hex(t.body), group_concat(r.q) FROM texts t "
                          "JOIN query_text_refs r ON r.text_id = t.id GROUP BY t.id ORDER BY t.id";
  EXPECT_EQ(rows(testing::RawDb::of(*ahead), sql), rows(testing::RawDb::of(*plain), sql));
  EXPECT_EQ(rows(testing::RawDb::of(*ahead), "SELECT count(*) FROM texts"),
            (std::vector<std::string>{"4"}));
}

/// A file as version 7 left it: the migrations up to 7 and rows in the old layout.
void make_version7(const std::filesystem::path& path, const std::string& raw) {
  Db db(path.string());
  db.exec("BEGIN");
  for (const Migration& m : migrations()) {
    if (m.version > 7) break;
    db.exec(m.sql);
  }
  db.exec("PRAGMA user_version = 7");
  db.exec("INSERT INTO queries(q, id, id_synthetic, state, day, statement_type, "
          "substatement_type, statement_kind, is_usage, parsed, lineage_complete, catalog, "
          "database, workgroup, engine_version, selected_engine_version, user, cost_usd, "
          "cost_stated, state_change_reason, error_message, output_location, "
          "data_manifest_location, fingerprint, tool, dbt_model, session_id, origin, "
          "tables_read, tables_written) VALUES(1, 'a', 0, 'SUCCEEDED', '2025-01-15', '', '', "
          "'select', 1, 1, 1, '', '', '', '', '', 'u', 0, 0, '', '', '', '', 7, '', '', '', "
          "'f:1', 1, 0), (2, 'b', 0, 'SUCCEEDED', '2025-01-15', '', '', 'select', 1, 1, 1, "
          "'', '', '', '', '', 'u', 0, 0, '', '', '', '', 7, '', '', '', 'f:2', 1, 0)");
  Statement text(db, "INSERT INTO query_texts(q, query) VALUES(?1, ?2)");
  for (int q : {1, 2}) {
    text.bind(1, q).bind(2, kLongSql);
    text.run();
  }
  db.exec("INSERT INTO query_column_reads(q, reads) VALUES(1, '[[1,\"select\"]]'), "
          "(2, '[[1,\"select\"]]')");
  Statement put(db, "INSERT INTO raw_executions(id, workgroup, submitted_ms, state, raw) "
                    "VALUES(?1, 'primary', 1, 'SUCCEEDED', ?2)");
  put.bind(1, "a").bind(2, raw);
  put.run();
  put.bind(1, "odd").bind(2, std::string_view(R"({"Query":"\u00e9"})"));
  put.run();
  db.exec("COMMIT");
}

TEST(StoreCompact, Version7FilesAreConvertedWithIdenticalContent) {
  athena::testing::TempDir dir;
  const auto path = dir.path() / "old.db";
  const std::string raw = raw_json("a", "\"" + kLongSql + "\"");
  make_version7(path, raw);
  auto store = testing::opened_store(Store::open(path, StoreOptions{}));
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->schema_version(), latest_schema_version());
  Db& db = testing::RawDb::of(*store);
  EXPECT_EQ(rows(db, "SELECT q, query FROM query_texts ORDER BY q"),
            (std::vector<std::string>{"1|" + kLongSql, "2|" + kLongSql}));
  EXPECT_EQ(rows(db, "SELECT q, reads FROM query_column_reads ORDER BY q"),
            (std::vector<std::string>{"1|[[1,\"select\"]]", "2|[[1,\"select\"]]"}));
  EXPECT_EQ(rows(db, "SELECT count(*) FROM texts"), (std::vector<std::string>{"1"}));
  EXPECT_EQ(rows(db, "SELECT id, text_id IS NOT NULL FROM raw_executions ORDER BY id"),
            (std::vector<std::string>{"a|1", "odd|0"}));
  EXPECT_EQ((*store->raw_execution("a"))->json, raw);
  EXPECT_EQ((*store->raw_execution("odd"))->json, R"({"Query":"\u00e9"})");
  EXPECT_EQ(*store->query_text("b"), kLongSql);
  // Nothing refers to a text any more after both are gone: it can be removed.
  db.exec("DELETE FROM query_texts WHERE q = 1");
  EXPECT_EQ(delete_unreferenced_texts(db), 0);
  db.exec("DELETE FROM query_texts; DELETE FROM raw_executions");
  EXPECT_EQ(delete_unreferenced_texts(db), 1);
  EXPECT_EQ(rows(db, "SELECT count(*) FROM texts"), (std::vector<std::string>{"0"}));
}

} // namespace
} // namespace athena::store
