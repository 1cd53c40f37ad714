#pragma once

// AST -> canonical SQL (keywords upper-case, single spaces, minimal parentheses), such that
// parse(to_sql(tree)) yields the same tree. And an indented AST dump for golden tests.

#include <string>

#include "parser/ast.h"

namespace athena::sql {

/// Canonical SQL for a statement.
std::string to_sql(const Statement* statement);
/// Canonical SQL for an expression.
std::string to_sql(const Expr* expr);
/// Canonical SQL for a type.
std::string to_sql(const TypeExpr* type);

/// An indented dump of the tree: one node per line, `Kind [begin-end] attr=value`, children
/// labelled by field. Without spans it compares trees regardless of where they were written.
/// Lines deeper than 100 levels are indented as the 100th and start with `<depth> `.
std::string dump_ast(const Node* node, bool with_spans = true);
/// The number of nodes on the longest path from `node` down to a leaf (0 for null). Measured
/// without recursion, so any tree the parser builds can be measured before a recursive walk.
uint32_t ast_height(const Node* node);

} // namespace athena::sql
