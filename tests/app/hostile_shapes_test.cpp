// Hostile SQL never costs a run: long flat chains (UNION ALL, OR, AND, ||, IN lists, CASE arms,
// joins) of 100,000 elements, a 10 MB statement, 100,000 statements in one file, random and NUL
// bytes, unterminated strings, comments and quoted names go through `parse`, `lineage` and
// `analyze`, and each gives a result or a per-statement error; the process never dies of a
// signal. And the analysis stack holds the tallest tree that is analyzed, for every chain kind.
#include <random>

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "src/analysis/analysis_limits.h"
#include "src/analysis/query_analysis.h"
#include "tests/support/test_support.h"

namespace athena::testing {
namespace {

constexpr size_t kChain = 100000;

// `head item sep item sep ... item tail`, `n` items; `item(i)` makes the i-th.
template <class Item>
std::string chain(std::string_view head, size_t n, std::string_view sep, Item item,
                  std::string_view tail) {
  std::string s(head);
  for (size_t i = 0; i < n; ++i) {
    if (i) s += sep;
    s += item(i);
  }
  s += tail;
  return s;
}

std::string same(size_t n, std::string_view head, std::string_view item, std::string_view sep,
                 std::string_view tail) {
  return chain(
      head, n, sep, [&](size_t) { return std::string(item); }, tail);
}

struct Shape {
  std::string name;
  std::string sql;
};

// Each chain kind with `n` elements. The left-deep ones (UNION ALL, OR, AND, ||, +, JOIN) are
// trees about `n` levels tall; IN lists, CASE arms and FROM lists are flat.
std::vector<Shape> chains(size_t n) {
  return {
      {"union_all", same(n, "", "SELECT a FROM db.t", " UNION ALL ", "")},
      {"or", same(n, "SELECT a FROM db.t WHERE ", "a = 1", " OR ", "")},
      {"and", same(n, "SELECT a FROM db.t WHERE ", "a = 1", " AND ", "")},
      {"concat", same(n, "SELECT ", "a", " || ", " AS c FROM db.t")},
      {"plus", same(n, "SELECT ", "a", " + ", " AS s FROM db.t")},
      {"join",
       chain(
           "SELECT t0.a FROM db.t t0", n - 1, "",
           [](size_t i) { return " JOIN db.t t" + std::to_string(i + 1) + " ON true"; }, "")},
      {"in_list", chain(
                      "SELECT a FROM db.t WHERE a IN (", n, ", ",
                      [](size_t i) { return std::to_string(i); }, ")")},
      {"case_arms",
       chain(
           "SELECT CASE", n, "",
           [](size_t i) { return " WHEN a = " + std::to_string(i) + " THEN " + std::to_string(i); },
           " END AS c FROM db.t")},
      {"from_list",
       chain(
           "SELECT 1 FROM ", n, ", ", [](size_t i) { return "db.t t" + std::to_string(i); }, "")},
  };
}

// Statements that are not SQL at all, or not finished.
std::vector<Shape> broken() {
  std::mt19937 rng(7);
  std::string random(1 << 20, '\0');
  for (char& c : random)
    c = static_cast<char>(rng());
  std::string ascii(1 << 18, ' ');
  for (char& c : ascii)
    c = static_cast<char>(1 + rng() % 126);
  return {
      {"random_bytes", random},
      {"random_ascii", ascii},
      {"nul_bytes", std::string("SELECT a\0\0\0 FROM db.t", 22)},
      {"unterminated_string", "SELECT 'abc FROM db.t"},
      {"unterminated_comment", "SELECT a /* FROM db.t"},
      {"unterminated_quoted_name", "SELECT \"abc FROM db.t"},
      {"unterminated_backquote", "SELECT `abc FROM db.t"},
      {"unclosed_parentheses", "SELECT ((((a FROM db.t"},
  };
}

// 10 MB in one statement: a chain far taller than what is analyzed.
std::string ten_megabytes() {
  return same(10u << 20 >> 3, "SELECT a FROM db.t WHERE ", "a = 1", " OR ", "");
}

bool too_deep(const model::QueryFacts& facts) {
  for (const auto& e : facts.errors) {
    if (e.message.rfind("statement is too deep to analyze", 0) == 0) return true;
  }
  return false;
}

model::QueryFacts analyze_on_analysis_stack(const std::string& sql) {
  model::QueryRecord record;
  record.id = "q";
  record.query = sql;
  model::QueryFacts facts;
  analysis::run_on_analysis_stack([&] {
    facts = analysis::analyze_query(record, analysis::AnalysisContext{});
    return 0;
  });
  return facts;
}

// The proof that the analysis stack is large enough: every left-deep chain kind, as tall as the
// limit allows, is analyzed on a thread with that stack (in CI under ASan too, whose frames are
// the largest); one level more is a per-statement error, not a walk.
TEST(HostileShapes, TallestAnalyzedTreeOfEachChainKindFitsTheAnalysisStack) {
  const size_t n = analysis::kMaxAnalyzedHeight - 16;
  for (const Shape& s : chains(n)) {
    if (s.name == "in_list" || s.name == "case_arms" || s.name == "from_list") continue;
    model::QueryFacts facts = analyze_on_analysis_stack(s.sql);
    EXPECT_TRUE(facts.parsed) << s.name;
    EXPECT_FALSE(too_deep(facts)) << s.name;
    EXPECT_FALSE(facts.statement_kinds.empty()) << s.name;
  }
  model::QueryFacts over = analyze_on_analysis_stack(
      same(analysis::kMaxAnalyzedHeight + 1, "SELECT a FROM db.t WHERE ", "a = 1", " OR ", ""));
  EXPECT_TRUE(too_deep(over));
  EXPECT_FALSE(over.lineage_complete);
  ASSERT_EQ(over.errors.size(), 1u);
  EXPECT_EQ(athena::model::to_string(over.errors[0].kind), "resolution");
  EXPECT_EQ(over.errors[0].offset, 0u);
}

std::string binary() {
  return shell_quote((binary_dir() / "athena-lineage").string());
}

// True when `r` ended by exiting 0 or 1 (a signal gives neither).
::testing::AssertionResult exited_normally(const RunResult& r) {
  if (r.exit_code == 0 || r.exit_code == 1) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << "exit " << r.exit_code << "; stderr: " << r.err.substr(0, 2000);
}

std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20 || u >= 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", u);
      out += buf;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

size_t count_substr(std::string_view text, std::string_view what) {
  size_t n = 0;
  for (size_t p = text.find(what); p != std::string_view::npos; p = text.find(what, p + 1))
    ++n;
  return n;
}

int64_t count(const std::filesystem::path& db, const std::string& sql) {
  sqlite3* h = nullptr;
  int64_t n = -1;
  if (sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(h, sql.c_str(), -1, &st, nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW) {
      n = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
  }
  sqlite3_close(h);
  return n;
}

// Every shape as one statement of one file through `parse` and `lineage`: each statement gets
// a line of output (a result or an error), none kills the process.
TEST(HostileShapes, ParseAndLineageGiveAResultOrAnErrorPerStatement) {
  TempDir dir;
  std::vector<Shape> shapes = chains(kChain);
  shapes.push_back({"ten_megabytes", ten_megabytes()});
  std::string text;
  for (const Shape& s : shapes)
    text += s.sql + ";\n";
  const auto file = dir.path() / "chains.sql";
  write_file(file, text);

  RunResult parse = run_shell(binary() + " parse --format json " + shell_quote(file.string()));
  EXPECT_TRUE(exited_normally(parse));
  EXPECT_EQ(std::count(parse.out.begin(), parse.out.end(), '\n'),
            static_cast<std::ptrdiff_t>(shapes.size()));
  EXPECT_EQ(parse.out.find("\"ok\":false"), std::string::npos) << parse.err;

  RunResult lineage = run_shell(binary() + " lineage " + shell_quote(file.string()) + " | wc -l");
  EXPECT_EQ(lineage.exit_code, 0) << lineage.err.substr(0, 2000);
  EXPECT_EQ(lineage.out, std::to_string(shapes.size()) + "\n");
  // Only the 10 MB chain is too deep to analyze; the others are analyzed (lineage reports the
  // expression chains it does not follow to the end as warnings of their statements).
  EXPECT_NE(lineage.err.find(":" + std::to_string(shapes.size()) +
                             ":1: error: statement is too deep to analyze"),
            std::string::npos)
      << lineage.err.substr(0, 2000);
  EXPECT_EQ(count_substr(lineage.err, ": error: "), 1u) << lineage.err.substr(0, 2000);

  // Not SQL, unfinished, and 100,000 statements in one file.
  for (const Shape& s : broken()) {
    const auto f = dir.path() / (s.name + ".sql");
    write_file(f, s.sql);
    for (const char* cmd : {" parse ", " lineage "}) {
      RunResult r = run_shell(binary() + cmd + shell_quote(f.string()) + " > /dev/null");
      EXPECT_EQ(r.exit_code, 1) << s.name << cmd;
      EXPECT_NE(r.err.find(": error: "), std::string::npos) << s.name << cmd;
    }
  }
  const auto many = dir.path() / "many.sql";
  write_file(many, same(kChain, "", "SELECT a FROM db.t", ";\n", ";\n"));
  RunResult r = run_shell(binary() + " lineage " + shell_quote(many.string()) + " | wc -l");
  EXPECT_EQ(r.exit_code, 0) << r.err.substr(0, 2000);
  EXPECT_EQ(r.out, std::to_string(kChain) + "\n");
}

// `analyze` of a log holding every hostile shape among normal queries stores every record:
// the normal ones analyzed, the hostile ones analyzed or with their per-statement errors.
TEST(HostileShapes, AnalyzeStoresEveryQueryOfALogWithHostileOnes) {
  TempDir dir;
  std::vector<Shape> shapes = chains(kChain);
  shapes.push_back({"ten_megabytes", ten_megabytes()});
  shapes.push_back({"many_statements", same(kChain, "", "SELECT a FROM db.t", ";\n", "")});
  for (Shape& s : broken())
    shapes.push_back(std::move(s));
  std::string log;
  size_t normal = 0;
  auto add = [&](const std::string& id, const std::string& sql) {
    log += "{\"QueryExecutionId\": \"" + id + "\", \"Query\": " + json_string(sql) +
           ", \"StatementType\": \"DML\", \"Status\": {\"State\": \"SUCCEEDED\"}}\n";
  };
  for (const Shape& s : shapes) {
    add("normal-" + std::to_string(normal++), "INSERT INTO db.u SELECT a FROM db.t");
    add(s.name, s.sql);
  }
  add("normal-" + std::to_string(normal++), "INSERT INTO db.u SELECT a FROM db.t");
  write_file(dir.path() / "log.jsonl", log);
  const auto db = dir.path() / "a.db";
  RunResult r = run_shell(binary() + " analyze --quiet --db " + shell_quote(db.string()) + " " +
                          shell_quote((dir.path() / "log.jsonl").string()));
  EXPECT_TRUE(exited_normally(r));
  EXPECT_EQ(count(db, "SELECT count(*) FROM queries"),
            static_cast<int64_t>(normal + shapes.size()));
  EXPECT_EQ(count(db, "SELECT count(*) FROM queries WHERE id LIKE 'normal-%' AND parsed = 1"),
            static_cast<int64_t>(normal));
  EXPECT_EQ(count(db, "SELECT count(*) FROM queries q JOIN query_tables t ON t.q = q.q "
                      "WHERE q.id LIKE 'normal-%'"),
            static_cast<int64_t>(2 * normal));
  EXPECT_EQ(count(db, "SELECT count(*) FROM queries q JOIN query_errors e ON e.q = q.q "
                      "WHERE q.id LIKE 'normal-%'"),
            0);
  // The chains are analyzed: the 100,000-branch UNION ALL read db.t without errors.
  EXPECT_EQ(count(db, "SELECT count(*) FROM queries q JOIN query_errors e ON e.q = q.q "
                      "WHERE q.id = 'union_all'"),
            0);
  EXPECT_EQ(count(db, "SELECT parsed FROM queries WHERE id = 'union_all'"), 1);
  // The 10 MB chain is a per-statement error; so is every broken statement.
  EXPECT_EQ(count(db, "SELECT count(*) FROM queries q JOIN query_errors e ON e.q = q.q WHERE "
                      "q.id = 'ten_megabytes' AND e.message LIKE 'statement is too deep%'"),
            1);
  for (const char* id : {"random_ascii", "nul_bytes", "unterminated_string", "unterminated_comment",
                         "unterminated_quoted_name"}) {
    EXPECT_GE(count(db, std::string("SELECT count(*) FROM queries q JOIN query_errors e ON "
                                    "e.q = q.q WHERE q.id = '") +
                            id + "'"),
              1)
        << id;
  }
}

} // namespace
} // namespace athena::testing
