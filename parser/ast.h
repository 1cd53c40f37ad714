#pragma once

// The AST of Athena SQL (Trino engine v3 plus Hive DDL).
//
// Ownership (what outlives what):
//   | object                          | valid while                                        |
//   |---------------------------------|----------------------------------------------------|
//   | source text given to parse()    | the caller keeps it alive; every view points in it |
//   | ParseResult (parser/parser.h)   | owns the Arena holding every node and List below   |
//   | Node*, List<T>, Identifier      | the ParseResult and the source text are both alive |
//   | std::string from name()/value() | independent copies                                 |
//
// Every node has an exact byte span [begin, end) into the source text. Nodes are plain
// aggregates: walk them by switching on `kind` and casting with `as<T>()` / `dyn<T>()`.
// Optional children are nullptr when absent; optional lists are empty.

#include "parser/ast_expr.h"      // IWYU pragma: export
#include "parser/ast_node.h"      // IWYU pragma: export
#include "parser/ast_query.h"     // IWYU pragma: export
#include "parser/ast_statement.h" // IWYU pragma: export
