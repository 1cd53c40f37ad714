#pragma once

// Internal: the SQL writer shared by unparse_*.cpp.

#include <string>
#include <string_view>
#include <vector>

#include "parser/ast.h"

namespace athena::sql::detail {

class SqlWriter {
public:
  std::string out;

  void w(std::string_view s) { out.append(s); }
  void ident(const Identifier& id) {
    const QuoteStyle q = id.quote();
    const char c = q == QuoteStyle::kDouble ? '"' : q == QuoteStyle::kBacktick ? '`' : '\0';
    if (c) out += c;
    out.append(id.text());
    if (c) out += c;
  }
  void name(const QualifiedName& q) {
    for (size_t i = 0; i < q.parts.size(); ++i) {
      if (i) out += '.';
      ident(q.parts[i]);
    }
  }
  void idents(const List<Identifier>& ids) {
    for (size_t i = 0; i < ids.size(); ++i) {
      if (i) w(", ");
      ident(ids[i]);
    }
  }
  void paren_idents(const List<Identifier>& ids) {
    w("(");
    idents(ids);
    w(")");
  }

  // Left-deep chains (`a OR b OR ...`, UNION ALL, joins) print from the innermost link out, in
  // a loop: each link's own call then skips its left operand, already printed (chain_left()).
  const Node* left_printed_ = nullptr;
  /// True when `n`'s left operand was printed by a chain loop (and clears the mark).
  bool left_done(const Node* n) {
    if (left_printed_ != n) return false;
    left_printed_ = nullptr;
    return true;
  }
  void binary_left(const Binary* b);
  void set_operation_left(const SetOperation* s);
  void join_left(const Join* j);

  // unparse_expr.cpp
  void expr(const Expr* e, int min_prec = 0);
  void exprs(const List<Expr*>& list);
  void literal(const Literal* l);
  void type(const TypeExpr* t);
  void sort_items(const List<SortItem*>& items);
  void properties(const List<Property*>& props);
  void paren_properties(const List<Property*>& props);

  // unparse_function.cpp
  void window_spec(const WindowSpec* w);
  void call(const FunctionCall* c);
  void over(const FunctionCall* c);         ///< ` OVER ...`, when the call has one
  void frame_pattern(const WindowFrame* f); ///< the row pattern clauses after a frame
  void json_path_invocation(const Expr* input, std::string_view format, const Literal* path,
                            const Identifier& path_name, const List<JsonArgument*>& passing);
  void json_behaviors(std::string_view wrapper, std::string_view quotes, std::string_view on_empty,
                      const Expr* on_empty_default, std::string_view on_error,
                      const Expr* on_error_default);
  void json_table_column(const JsonTableColumn* c);

  // unparse_query.cpp
  void query(const Query* q);
  void query_body(const QueryBody* b);
  void relation(const Relation* r);
  void relation_operand(const Relation* r); ///< parenthesises joins
  void routine(const RoutineDef* r);
  void routine_stmt(const RoutineStmt* s);
  void routine_list(const List<RoutineStmt*>& list);
  void row_pattern(const RowPattern* p);

  // unparse_statement.cpp
  void statement(const Statement* s);

  // unparse_ddl.cpp
  /// Writes a DDL statement; false (nothing written) when `s` is not one.
  bool ddl_statement(const Statement* s);
  void column_def(const ColumnDef* c);
  void partition_spec(const PartitionSpec* p);
  void alter_action(const AlterAction* a);
  void column_position(const AlterAction* a); ///< ` FIRST`, ` LAST`, ` AFTER c` or nothing
};

/// Printing precedence of an expression (Prec values; primaries are highest).
int expr_prec(const Expr* e);

} // namespace athena::sql::detail
