// `lineage --combine`: a script's lineage through the tables it writes and then reads.
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "lineage/lineage.h"
#include "lineage/script_lineage.h"
#include "parser/parser.h"
#include "tests/lineage/session_statements.h"

namespace athena::lineage {
namespace {

// Every statement of `sql` in one session (default schema `db`), combined.
StatementLineage combined(const std::string& sql, SchemaCatalog catalog = {}) {
  return combine_script(testing::session_statements(sql, std::move(catalog)));
}

std::vector<std::string> columns(const StatementLineage& l) {
  std::vector<std::string> out;
  for (const auto& c : l.columns) {
    std::string line = c.target + " <-";
    for (const auto& s : c.sources)
      line += " " + s;
    if (!c.conditions.empty()) line += " if";
    for (const auto& s : c.conditions)
      line += " " + s;
    out.push_back(line);
  }
  return out;
}

TEST(ScriptLineage, IntermediateTablesAreFollowedToTheirSources) {
  TableSchema orders;
  orders.name = QualifiedName{"awsdatacatalog", "db", "orders"};
  for (const char* c : {"id", "amount", "status", "day"})
    orders.columns.push_back(ColumnInfo{c, ""});
  SchemaCatalog catalog;
  catalog.put(orders);
  const StatementLineage l = combined(
      "CREATE TABLE tmp AS SELECT day, amount FROM orders WHERE status = 'ok';"
      "INSERT OVERWRITE TABLE daily SELECT day, sum(amount) AS total FROM tmp GROUP BY day;"
      "SELECT * FROM daily",
      catalog);
  EXPECT_EQ(l.targets, std::vector<std::string>{"awsdatacatalog.db.daily"});
  EXPECT_EQ(l.sources, std::vector<std::string>{"awsdatacatalog.db.orders"});
  EXPECT_EQ(columns(l), (std::vector<std::string>{
                            "awsdatacatalog.db.daily.day <- awsdatacatalog.db.orders.day",
                            "awsdatacatalog.db.daily.total <- awsdatacatalog.db.orders.amount",
                        }));
  ASSERT_EQ(l.table_edges.size(), 1u);
  EXPECT_EQ(l.table_edges[0].source, "awsdatacatalog.db.orders");
  EXPECT_EQ(l.table_edges[0].target, "awsdatacatalog.db.daily");
}

TEST(ScriptLineage, ConditionsThroughIntermediatesStayConditions) {
  const StatementLineage l =
      combined("INSERT INTO stage SELECT CASE WHEN flag THEN a END AS x FROM src;"
               "INSERT INTO out SELECT x FROM stage");
  EXPECT_EQ(l.targets, std::vector<std::string>{"awsdatacatalog.db.out"});
  EXPECT_EQ(columns(l), (std::vector<std::string>{"awsdatacatalog.db.out.x <- "
                                                  "awsdatacatalog.db.src.a if "
                                                  "awsdatacatalog.db.src.flag"}));
}

} // namespace
} // namespace athena::lineage
