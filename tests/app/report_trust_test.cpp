// Reports people can open and share: hostile names and messages are neutralised in every
// format (CSV formulas, markdown HTML and line breaks, terminal control characters), machine
// formats list every row, and `report`/`graph` read a database they cannot write.
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <simdjson.h>
#include <sys/stat.h>
#include <unistd.h>

#include "src/report/report_data.h"
#include "src/report/report_render.h"
#include "src/util/text_escape.h"
#include "tests/app/report_test_db.h"
#include "tests/app/store_test_access.h"
#include "tests/support/test_support.h"

namespace athena::report {
namespace {

using athena::testing::run_shell;
using athena::testing::shell_quote;
using model::QueryState;

const std::string kFormula = "awsdatacatalog.evil.=hyperlink(\"http://evil\")";
const std::string kNewline = "awsdatacatalog.evil.line\nbreak";
const std::string kScript = "awsdatacatalog.evil.<script>alert(1)</script>";
const std::string kImg = "awsdatacatalog.evil.<img src=x onerror=alert(1)>";
const std::string kEscape = std::string("awsdatacatalog.evil.\x1b[2Jcleared\r\x07") + '\0' + "nul";

std::string bin() {
  return shell_quote((athena::testing::binary_dir() / "athena-lineage").string());
}

/// Twelve plain tables plus five hostile ones, all read by succeeded queries on 2025-01-15.
void build_hostile(const std::filesystem::path& path) {
  auto store = store::testing::opened_store(store::Store::open(path, store::StoreOptions{}));
  ASSERT_NE(store, nullptr);
  std::vector<store::AnalyzedQuery> b;
  int n = 0;
  auto add = [&](const std::string& table, QueryState state = QueryState::kSucceeded) {
    ++n;
    b.push_back(test_db::make("h" + std::to_string(n), state, test_db::kDay15 + n * test_db::kHour,
                              1000 * n, "@evil", static_cast<uint64_t>(n), {table}));
  };
  for (int i = 0; i < 12; ++i)
    add("awsdatacatalog.plain.t" + std::to_string(10 + i));
  for (const auto& t : {kFormula, kNewline, kScript, kImg, kEscape})
    add(t);
  add("awsdatacatalog.plain.t10", QueryState::kFailed);
  b.back().record.error_message = "=HYPERLINK(\"http://evil\",\"click\")";
  b.push_back(test_db::make("w1", QueryState::kSucceeded, test_db::kDay15, 0, "bob", 99,
                            {"awsdatacatalog.plain.t10"}, {kEscape}));
  b.back().facts.table_edges = {
      {athena::testing::tn("awsdatacatalog.plain.t10"), athena::testing::tn(kEscape)}};
  b.back().facts.column_edges = {{athena::testing::cn("awsdatacatalog.plain.t10.a"),
                                  athena::testing::cn(kEscape + ".b"),
                                  athena::lineage::Transform::kExpression, false}};
  store::InsertStats stats;
  ASSERT_TRUE(store::testing::is_ok(store->insert_batch(b, &stats)));
  ASSERT_TRUE(store::testing::is_ok(store->refresh_aggregates()));
}

class ReportTrust : public ::testing::Test {
protected:
  void SetUp() override { build_hostile(db_); }
  athena::testing::RunResult run(const std::string& command, const std::string& args) {
    return run_shell(bin() + " " + command + " --db " + shell_quote(db_.string()) + " " + args);
  }
  athena::testing::TempDir dir_;
  std::filesystem::path db_ = dir_.path() / "hostile.db";
};

TEST(TextEscape, ControlCharactersAndBrokenUtf8AreShownEscaped) {
  EXPECT_EQ(util::escape_control("plain caf\xC3\xA9"), "plain caf\xC3\xA9");
  EXPECT_EQ(util::escape_control(std::string("a\x1b[2Jb\r\n\t") + '\0' + "\x7f"),
            "a\\x1b[2Jb\\r\\n\\t\\x00\\x7f");
  EXPECT_EQ(util::escape_control("\xC2\x9B"
                                 "31m \xFF"),
            "\\u009b31m \\xff");
  EXPECT_TRUE(util::is_plain_number("-5"));
  EXPECT_TRUE(util::is_plain_number("+0.25"));
  EXPECT_TRUE(util::is_plain_number("-1e9"));
  EXPECT_FALSE(util::is_plain_number("-"));
  EXPECT_FALSE(util::is_plain_number("-1+1"));
  EXPECT_FALSE(util::is_plain_number("=1"));
}

TEST_F(ReportTrust, CsvCellsCannotRunAsFormulas) {
  auto r = run("report", "--format csv");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // The error message and the table name start with "=", the user with "@": a spreadsheet
  // shows them as text behind a leading apostrophe.
  EXPECT_NE(r.out.find("\r\nfailures,\"'=HYPERLINK(\"\"http://evil\"\",\"\"click\"\")\",1,1,0,"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find(",\"awsdatacatalog.evil.=hyperlink(\"\"http://evil\"\")\","),
            std::string::npos); // not at the start of the cell: harmless
  for (const char* bad : {",=", ",\"=", ",@", ",\"@", ",+", ",\"+", ",\t", ",\"\t"})
    EXPECT_EQ(r.out.find(bad), std::string::npos) << bad;
  // Numbers keep their sign and stay numbers.
  EXPECT_NE(r.out.find("\r\nsummary,queries,19\r\n"), std::string::npos);
}

TEST_F(ReportTrust, JsonAndCsvListEveryRowUnlessTopIsGiven) {
  auto json = run("report", "--format json");
  ASSERT_EQ(json.exit_code, 0) << json.err;
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  ASSERT_EQ(parser.parse(json.out).get(root), simdjson::SUCCESS);
  EXPECT_EQ(root["tables"].get_array().size(), 17u);
  EXPECT_EQ(root["shapes"].get_array().size(), 19u);
  auto top = run("report", "--format json --top 3");
  simdjson::dom::parser parser2;
  ASSERT_EQ(parser2.parse(top.out).get(root), simdjson::SUCCESS);
  EXPECT_EQ(root["tables"].get_array().size(), 3u);
  auto csv = run("report", "--format csv");
  size_t rows = 0;
  for (size_t at = csv.out.find("\r\ntables_by_queries,"); at != std::string::npos;
       at = csv.out.find("\r\ntables_by_queries,", at + 1))
    ++rows;
  EXPECT_EQ(rows, 17u);
  auto text = run("report", "");
  EXPECT_NE(text.out.find("\n  10  "), std::string::npos); // text keeps its top 10
  EXPECT_EQ(text.out.find("\n  11  "), std::string::npos);
}

TEST_F(ReportTrust, MarkdownShowsNamesAsTextOnOneLine) {
  auto r = run("report", "--format markdown --top 20");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.find("<script"), std::string::npos);
  EXPECT_EQ(r.out.find("<img"), std::string::npos);
  EXPECT_NE(r.out.find("awsdatacatalog.evil.&lt;script&gt;alert(1)&lt;/script&gt;"),
            std::string::npos);
  EXPECT_NE(r.out.find("awsdatacatalog.evil.line\\\\nbreak"), std::string::npos);
  EXPECT_NE(r.out.find("awsdatacatalog.evil.\\\\x1b\\[2Jcleared\\\\r\\\\x07\\\\x00nul"),
            std::string::npos)
      << r.out;
  // Every line of a table starts and ends with a pipe: no row was split.
  size_t start = 0;
  bool in_table = false;
  while (start < r.out.size()) {
    const size_t end = r.out.find('\n', start);
    const std::string line = r.out.substr(start, end - start);
    if (line.starts_with("|")) {
      in_table = true;
      EXPECT_TRUE(line.ends_with("|")) << line;
    } else if (in_table) {
      EXPECT_TRUE(line.empty()) << "row split: " << line;
      in_table = false;
    }
    start = end == std::string::npos ? r.out.size() : end + 1;
  }
}

TEST_F(ReportTrust, TextOutputsCarryNoControlCharacters) {
  auto no_controls = [](const std::string& out, const std::string& what) {
    for (char c : out) {
      const auto u = static_cast<unsigned char>(c);
      EXPECT_FALSE((u < 0x20 && c != '\n') || u == 0x7f) << what << ": byte " << int(u);
    }
  };
  auto text = run("report", "--top 20");
  ASSERT_EQ(text.exit_code, 0) << text.err;
  no_controls(text.out, "report");
  EXPECT_NE(text.out.find("awsdatacatalog.evil.\\x1b[2Jcleared\\r\\x07\\x00nul"),
            std::string::npos);
  no_controls(run("report", "--format markdown").out, "markdown");
  auto graph = run("graph", "awsdatacatalog.plain.t10 --downstream");
  ASSERT_EQ(graph.exit_code, 0) << graph.err;
  no_controls(graph.out, "graph");
  EXPECT_NE(graph.out.find("awsdatacatalog.evil.\\x1b[2Jcleared\\r\\x07\\x00nul"),
            std::string::npos)
      << graph.out;
  auto columns = run("graph", "--columns awsdatacatalog.plain.t10.a --downstream");
  ASSERT_EQ(columns.exit_code, 0) << columns.err;
  no_controls(columns.out, "graph --columns");

  const auto sql = dir_.path() / "q.sql";
  athena::testing::write_file(sql,
                              "INSERT INTO \"evil\x1b[31m\".t SELECT \"a\rb\" FROM \"x\x1b[2J\".s");
  auto lineage = run_shell(bin() + " lineage --format text " + shell_quote(sql.string()));
  no_controls(lineage.out, "lineage");
  no_controls(lineage.err, "lineage's messages");
  EXPECT_NE(lineage.out.find("awsdatacatalog.evil\\x1b[31m.t"), std::string::npos) << lineage.out;
}

/// Runs `command` as the unprivileged user "nobody" when we are root (root may write anything),
/// as ourselves otherwise. Empty when that cannot be arranged.
std::string as_unprivileged(const std::string& command) {
  if (::geteuid() != 0) return command;
  if (run_shell("command -v setpriv").exit_code != 0) return "";
  return "setpriv --reuid=65534 --regid=65534 --clear-groups " + command;
}

TEST_F(ReportTrust, ReportAndGraphReadADatabaseInAReadOnlyFolder) {
  const auto folder = dir_.path() / "ro";
  std::filesystem::create_directory(folder);
  const auto db = folder / "lineage.db";
  std::filesystem::copy_file(db_, db);
  ::chmod(db.c_str(), 0444);
  ::chmod(folder.c_str(), 0555);
  ::chmod(dir_.path().c_str(), 0755);
  const std::string report =
      as_unprivileged(bin() + " report --format json --db " + shell_quote(db.string()));
  if (report.empty()) GTEST_SKIP() << "running as root without setpriv: cannot drop privileges";
  auto r = run_shell(report);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_NE(r.out.find("\"tables\":["), std::string::npos);
  auto g = run_shell(
      as_unprivileged(bin() + " graph awsdatacatalog.plain.t10 --db " + shell_quote(db.string())));
  EXPECT_EQ(g.exit_code, 0) << g.err;
  EXPECT_NE(g.out.find("downstream of awsdatacatalog.plain.t10"), std::string::npos);
  // Nothing was written beside it.
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(folder),
                          std::filesystem::directory_iterator()),
            1);

  // analyze says it cannot write before reading any input (the log does not even parse).
  const auto log = dir_.path() / "log.json";
  athena::testing::write_file(log, "not json at all");
  ::chmod(log.c_str(), 0644);
  auto a = run_shell(as_unprivileged(bin() + " analyze --db " + shell_quote(db.string()) + " " +
                                     shell_quote(log.string())));
  EXPECT_EQ(a.exit_code, 2) << a.out << a.err;
  EXPECT_EQ(a.out, "");
  EXPECT_EQ(a.err, "athena-lineage: error: cannot write database '" + db.string() +
                       "': Permission denied\n");
  ::chmod(folder.c_str(), 0755);
}

TEST_F(ReportTrust, DamagedDatabaseIsAnErrorForReportAndAnalyze) {
  const auto damaged = dir_.path() / "damaged.db";
  std::string bytes = athena::testing::read_file(db_);
  ASSERT_GT(bytes.size(), 16384u * 4);
  // Scribble over the middle pages (B-tree pages of the fact tables), keeping the header.
  for (size_t i = 16384 * 2; i < bytes.size() - 100; i += 97)
    bytes[i] = static_cast<char>(0xA5);
  athena::testing::write_file(damaged, bytes);
  auto r = run_shell(bin() + " report --db " + shell_quote(damaged.string()));
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.err.find("athena-lineage: error: "), std::string::npos) << r.err;
  const auto log = dir_.path() / "log.json";
  athena::testing::write_file(log, R"([{"QueryExecutionId":"x","Query":"SELECT 1"}])");
  auto a = run_shell(bin() + " analyze --quiet --db " + shell_quote(damaged.string()) + " " +
                     shell_quote(log.string()));
  EXPECT_EQ(a.exit_code, 2) << a.out << a.err;
  EXPECT_NE(a.err.find("athena-lineage: error: "), std::string::npos) << a.err;
}

} // namespace
} // namespace athena::report
