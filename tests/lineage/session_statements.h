#pragma once

// Runs a script through one LineageSession, as the `lineage` command does: for lineage tests
// that need the statements of a script to see each other's definitions.
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "lineage/lineage.h"
#include "parser/parser.h"

namespace athena::testing {

/// Every statement of `sql` in one session (Hive forms allowed, default schema `db`), in
/// order; a statement that does not parse fails the test.
inline std::vector<lineage::StatementLineage> session_statements(const std::string& sql,
                                                                 lineage::SchemaCatalog catalog) {
  sql::ParseOptions parse_options;
  parse_options.dialect = sql::Dialect::kHive;
  sql::ParseResult parsed = sql::parse(sql, parse_options);
  lineage::LineageSession session(std::move(catalog));
  lineage::LineageOptions options;
  options.default_schema = "db";
  std::vector<lineage::StatementLineage> out;
  for (const auto& ps : parsed.statements()) {
    EXPECT_TRUE(ps.ok()) << sql;
    if (ps.ok()) out.push_back(session.analyze(*ps.ast, sql, options));
  }
  return out;
}

} // namespace athena::testing
