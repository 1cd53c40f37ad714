#include "lineage/statement_lineage.h"

namespace athena::lineage {

std::string_view to_string(StatementKind kind) {
  switch (kind) {
  case StatementKind::kSelect:
    return "select";
  case StatementKind::kInsert:
    return "insert";
  case StatementKind::kCtas:
    return "ctas";
  case StatementKind::kCreateView:
    return "create_view";
  case StatementKind::kMerge:
    return "merge";
  case StatementKind::kUpdate:
    return "update";
  case StatementKind::kDelete:
    return "delete";
  case StatementKind::kUnload:
    return "unload";
  case StatementKind::kCreateTable:
    return "create_table";
  case StatementKind::kDdl:
    return "ddl";
  case StatementKind::kUtility:
    return "utility";
  case StatementKind::kOther:
    return "other";
  }
  return "other";
}

bool is_data_statement(StatementKind kind) {
  switch (kind) {
  case StatementKind::kSelect:
  case StatementKind::kInsert:
  case StatementKind::kCtas:
  case StatementKind::kMerge:
  case StatementKind::kUpdate:
  case StatementKind::kDelete:
  case StatementKind::kUnload:
    return true;
  default:
    return false;
  }
}

std::string_view to_string(Mapped mapped) {
  switch (mapped) {
  case Mapped::kNone:
    return "";
  case Mapped::kPosition:
    return "position";
  case Mapped::kName:
    return "name";
  }
  return "";
}

std::string_view to_string(Transform transform) {
  switch (transform) {
  case Transform::kIdentity:
    return "identity";
  case Transform::kExpression:
    return "expression";
  case Transform::kAggregation:
    return "aggregation";
  case Transform::kWindow:
    return "window";
  case Transform::kConstant:
    return "constant";
  }
  return "expression";
}

std::string_view to_string(Clause clause) {
  switch (clause) {
  case Clause::kSelect:
    return "select";
  case Clause::kWhere:
    return "where";
  case Clause::kJoin:
    return "join";
  case Clause::kGroupBy:
    return "group_by";
  case Clause::kHaving:
    return "having";
  case Clause::kOrderBy:
    return "order_by";
  case Clause::kWindow:
    return "window";
  case Clause::kOther:
    return "other";
  }
  return "other";
}

} // namespace athena::lineage
