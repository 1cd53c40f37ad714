// Narrow query rows (schema version 12): engine versions, result locations and origins stored
// once in `query_strings`, the view `queries` giving back version 11's rows, and the migration.
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "src/store/migrations.h"
#include "src/store/query_strings.h"
#include "src/store/sqlite_db.h"
#include "src/store/store.h"
#include "tests/app/store_test_access.h"
#include "tests/support/test_support.h"

namespace athena::store {
namespace {

// Every row of `sql`, each column as typeof:value, so a change of type shows too.
std::vector<std::string> typed_rows(Db& db, const std::string& sql) {
  std::vector<std::string> out;
  sqlite3_stmt* st = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db.handle(), sql.c_str(), -1, &st, nullptr), SQLITE_OK)
      << sqlite3_errmsg(db.handle());
  while (sqlite3_step(st) == SQLITE_ROW) {
    std::string row;
    for (int i = 0; i < sqlite3_column_count(st); ++i) {
      if (i > 0) row += "|";
      row += sqlite3_column_name(st, i);
      row += "=";
      const int type = sqlite3_column_type(st, i);
      row += type == SQLITE_NULL      ? "null:"
             : type == SQLITE_INTEGER ? "int:"
             : type == SQLITE_FLOAT   ? "real:"
                                      : "text:";
      const auto* t = static_cast<const char*>(sqlite3_column_blob(st, i));
      row.append(t != nullptr ? t : "", static_cast<size_t>(sqlite3_column_bytes(st, i)));
    }
    out.push_back(row);
  }
  sqlite3_finalize(st);
  return out;
}

std::string plan(Db& db, const std::string& sql) {
  Statement st(db, "EXPLAIN QUERY PLAN " + sql);
  std::string out;
  while (st.step())
    out += st.text(3) + "\n";
  return out;
}

TEST(StoreNarrowRows, LocationTemplatesCutOutTheQueryId) {
  const LocationTemplate standard = location_template("s3://r/wg/abc-1.csv", "abc-1");
  EXPECT_TRUE(standard.templated);
  EXPECT_EQ(standard.text, "s3://r/wg/\x01.csv");
  EXPECT_EQ(location_template("s3://r/abc/abc.csv", "abc").text, "s3://r/\x01/\x01.csv");
  // Without the id, with byte 1 already in it, or for an empty id: kept as it is.
  for (const auto& [location, id] : std::vector<std::pair<std::string, std::string>>{
           {"s3://r/other.csv", "abc"}, {"s3://r/abc\x01.csv", "abc"}, {"s3://r/x.csv", ""}}) {
    const LocationTemplate t = location_template(location, id);
    EXPECT_FALSE(t.templated) << location;
    EXPECT_EQ(t.text, location);
  }
  // Overlapping occurrences: left to right, as SQLite's replace() puts them back.
  EXPECT_EQ(location_template("aaaa", "aa").text, "\x01\x01");
  EXPECT_EQ(location_template("aaa", "aa").text, "\x01"
                                                 "a");
}

TEST(StoreNarrowRows, OriginsSplitOnlyWhenTheLineReadsBackTheSame) {
  auto split = [](std::string_view origin) {
    const OriginParts p = split_origin(origin);
    return std::string(p.prefix) + "|" + (p.line ? std::to_string(*p.line) : "none");
  };
  EXPECT_EQ(split("/logs/history.jsonl:778"), "/logs/history.jsonl:|778");
  EXPECT_EQ(split("h.json#record 12"), "h.json#record |12");
  EXPECT_EQ(split("f:0"), "f:|0");
  EXPECT_EQ(split("f:007"), "f:007|none");
  EXPECT_EQ(split("f"), "f|none");
  EXPECT_EQ(split(""), "|none");
  EXPECT_EQ(split("123"), "|123");
  EXPECT_EQ(split("f:1234567890123456789"), "f:1234567890123456789|none");
}

// A file as version 11 left it, with rows whose strings take every path of the encoding.
void make_version11(const std::filesystem::path& path) {
  Db db(path.string());
  db.exec("BEGIN");
  for (const Migration& m : migrations()) {
    if (m.version > 11) break;
    db.exec(m.sql);
    if (m.convert != nullptr) m.convert(db);
  }
  db.exec("PRAGMA user_version = 11");
  Statement put(db, R"sql(INSERT INTO queries(q, id, id_synthetic, state, day, submitted_ms,
      completed_ms, statement_type, substatement_type, statement_kind, is_usage, parsed,
      lineage_complete, catalog, database, workgroup, engine_version, selected_engine_version,
      user, data_scanned_bytes, cost_usd, cost_stated, engine_ms, state_change_reason,
      error_category, error_message, output_location, data_manifest_location, fingerprint, tool,
      dbt_model, session_id, origin, tables_read, tables_written)
    VALUES(?1, ?2, 0, 'SUCCEEDED', '2025-01-15', 1736899200500, NULL, 'DML', 'SELECT',
      'create_view', 1, 1, 1, 'awsdatacatalog', 'sales', 'primary', ?3, ?4, 'u', 42, 0.00021, 0,
      7, ?5, NULL, '', ?6, ?7, -8670380937043978264, '', '', '', ?8, 1, 0))sql");
  struct Row {
    std::string id, engine, selected, reason, output, manifest, origin;
  };
  const std::vector<Row> rows{
      {"a-1", "Athena engine version 3", "AUTO", "", "s3://r/wg/a-1.csv",
       "s3://r/wg/a-1-manifest.csv", "/logs/h.jsonl:1"},
      {"b-2", "Athena engine version 3", "Athena engine version 3", "timeout", "s3://r/wg/b-2.csv",
       "", "/logs/h.jsonl:2"},
      {"c", "", "", "", "s3://r/c/c\x01.csv", "s3://r/other.csv", "h.json#record 007"},
      {"d-4", "v\x01", "", "", "s3://dd/d-4.txt", "s3://r/wg/\xc3\xa9.csv", ""},
      {"h-0123", "", "", "", "", "", "123"}};
  int64_t q = 1;
  for (const Row& r : rows) {
    put.bind(1, q++).bind(2, r.id).bind(3, r.engine).bind(4, r.selected).bind(5, r.reason);
    put.bind(6, r.output).bind(7, r.manifest).bind(8, r.origin);
    put.run();
  }
  db.exec("COMMIT");
}

TEST(StoreNarrowRows, MigrationKeepsEveryColumnOfEveryRow) {
  athena::testing::TempDir dir;
  const auto path = dir.path() / "v11.db";
  make_version11(path);
  std::vector<std::string> before;
  {
    Db db(path.string());
    before = typed_rows(db, "SELECT * FROM queries ORDER BY q");
  }
  ASSERT_EQ(before.size(), 5u);
  auto store = testing::opened_store(Store::open(path, {}));
  ASSERT_NE(store, nullptr);
  Db& db = testing::RawDb::of(*store);
  EXPECT_EQ(db.scalar("PRAGMA user_version"), latest_schema_version());
  EXPECT_EQ(typed_rows(db, "SELECT * FROM queries ORDER BY q"), before);
  // Stored once: two engine versions, one template per standard location, the origins' files
  // (a location holding the id anywhere is a template: "c" is in "csv").
  EXPECT_EQ(typed_rows(db, "SELECT text FROM query_strings ORDER BY id"),
            (std::vector<std::string>{
                "text=text:Athena engine version 3", "text=text:AUTO",
                "text=text:s3://r/wg/\x01.csv", "text=text:s3://r/wg/\x01-manifest.csv",
                "text=text:/logs/h.jsonl:", "text=text:s3://r/c/c\x01.csv",
                "text=text:s3://r/other.\x01sv", "text=text:h.json#record 007", "text=text:v\x01",
                "text=text:s3://dd/\x01.txt", "text=text:s3://r/wg/\xc3\xa9.csv"}));
  // Deleting through the view deletes the row.
  db.exec("DELETE FROM queries WHERE id = 'c'");
  EXPECT_EQ(db.scalar("SELECT count(*) FROM query_rows"), 4);
}

TEST(StoreNarrowRows, ReadersGoThroughTheViewWithoutMaterializingIt) {
  athena::testing::TempDir dir;
  auto store = testing::opened_store(Store::open(dir.path() / "x.db", {}));
  ASSERT_NE(store, nullptr);
  Db& db = testing::RawDb::of(*store);
  // A lookup by id as the right side of a LEFT JOIN (push's edge queries): the view is
  // flattened into one search of the id index, and no string is looked up that is not read.
  const std::string by_id = plan(db, "SELECT e.source_id, q.tool FROM table_edges e LEFT JOIN "
                                     "queries q ON q.id = e.last_query_id");
  EXPECT_NE(by_id.find("SEARCH query_rows USING INDEX sqlite_autoindex_query_rows_1 (id=?)"),
            std::string::npos)
      << by_id;
  EXPECT_EQ(by_id.find("MATERIALIZE"), std::string::npos) << by_id;
  EXPECT_EQ(by_id.find("CO-ROUTINE"), std::string::npos) << by_id;
  EXPECT_EQ(by_id.find("query_strings"), std::string::npos) << by_id;
  // `serve`'s views of a table: the partial index still serves the view's term.
  const std::string views = plan(db, "SELECT q FROM queries WHERE statement_kind LIKE "
                                     "'%create_view%'");
  EXPECT_NE(views.find("USING INDEX queries_create_view"), std::string::npos) << views;
  // Reading a string looks it up by its key.
  const std::string engine = plan(db, "SELECT engine_version FROM queries WHERE q = 1");
  EXPECT_NE(engine.find("SEARCH query_strings USING INTEGER PRIMARY KEY (rowid=?)"),
            std::string::npos)
      << engine;
}

} // namespace
} // namespace athena::store
