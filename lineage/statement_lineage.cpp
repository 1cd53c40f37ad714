#include "lineage/statement_lineage.h"

#include <array>
#include <cstddef>

namespace athena::lineage {

namespace {

// Enum names, indexed by the enumerator's value in declaration order (the static_asserts keep
// each table as long as its enum); a value outside the enum prints as `fallback`.
template <class Enum, size_t N>
std::string_view name_of(Enum e, const std::array<std::string_view, N>& names,
                         std::string_view fallback) {
  const auto i = static_cast<size_t>(e);
  return i < N ? names[i] : fallback;
}

constexpr std::array<std::string_view, 12> kStatementKindNames = {
    "select", "insert", "ctas",         "create_view", "merge",   "update",
    "delete", "unload", "create_table", "ddl",         "utility", "other"};
static_assert(kStatementKindNames.size() == static_cast<size_t>(StatementKind::kOther) + 1);

constexpr std::array<std::string_view, 3> kMappedNames = {"", "position", "name"};
static_assert(kMappedNames.size() == static_cast<size_t>(Mapped::kName) + 1);

constexpr std::array<std::string_view, 5> kTransformNames = {"constant", "identity", "expression",
                                                             "aggregation", "window"};
static_assert(kTransformNames.size() == static_cast<size_t>(Transform::kWindow) + 1);

constexpr std::array<std::string_view, 8> kClauseNames = {
    "select", "where", "join", "group_by", "having", "order_by", "window", "other"};
static_assert(kClauseNames.size() == static_cast<size_t>(Clause::kOther) + 1);

} // namespace

std::string_view to_string(StatementKind kind) {
  return name_of(kind, kStatementKindNames, "other");
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

void skip_existing(StatementLineage& lineage) {
  if (!lineage.if_absent) return;
  lineage.defines.reset();
  if (lineage.kind != StatementKind::kCtas) return;
  // The query never runs: the statement names its target and nothing else.
  QualifiedName target = *lineage.if_absent;
  StatementLineage skipped;
  skipped.kind = lineage.kind;
  skipped.targets.push_back(target.str());
  skipped.tables.push_back(target);
  skipped.if_absent = std::move(target);
  lineage = std::move(skipped);
}

std::string_view to_string(Mapped mapped) {
  return name_of(mapped, kMappedNames, "");
}

std::string_view to_string(Transform transform) {
  return name_of(transform, kTransformNames, "expression");
}

std::string_view to_string(Clause clause) {
  return name_of(clause, kClauseNames, "other");
}

} // namespace athena::lineage
