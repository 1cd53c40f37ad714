#include "parser/ast.h"

#include <algorithm>

#include "parser/keywords.h"

namespace athena::sql {
namespace {

char lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
}

} // namespace

std::string Identifier::name() const {
  const std::string_view text = this->text();
  std::string out;
  out.reserve(text.size());
  const QuoteStyle style = quote();
  const char q = style == QuoteStyle::kDouble ? '"' : style == QuoteStyle::kBacktick ? '`' : '\0';
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (q != 0 && c == q && i + 1 < text.size() && text[i + 1] == q) ++i;
    out += lower(c);
  }
  return out;
}

std::string Identifier::sql() const {
  const std::string_view text = this->text();
  std::string out;
  const QuoteStyle style = quote();
  const char q = style == QuoteStyle::kDouble ? '"' : style == QuoteStyle::kBacktick ? '`' : '\0';
  out.reserve(text.size() + 2);
  if (q != 0) out.push_back(q);
  out.append(text);
  if (q != 0) out.push_back(q);
  return out;
}

std::string QualifiedName::name() const {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += '.';
    out += p.name();
  }
  return out;
}

std::string_view Literal::text() const {
  const char* token = this->token();
  const size_t n = span.end - span.begin;
  if (uescape == 0) return {token, n};
  // `U&'...'` then UESCAPE: the token ends at the first quote not doubled after `U&'`.
  size_t i = 3;
  while (i < n && !(token[i] == '\'' && (i + 1 >= n || token[i + 1] != '\'')))
    i += token[i] == '\'' ? 2 : 1;
  return {token, std::min(i + 1, n)};
}

std::string Literal::value() const {
  const std::string_view text = this->text();
  std::string_view t = text;
  if (literal == LiteralKind::kUnicodeString) t.remove_prefix(2);
  if (literal == LiteralKind::kBinary) t.remove_prefix(1);
  // Hive DDL also quotes strings with `"`.
  const char quote = t.empty() ? '\0' : t.front();
  if (t.size() < 2 || (quote != '\'' && quote != '"')) return std::string(text);
  t = t.substr(1, t.size() - 2);
  std::string out;
  out.reserve(t.size());
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i] == quote && i + 1 < t.size() && t[i + 1] == quote) ++i;
    out += t[i];
  }
  return out;
}

std::string_view node_kind_name(NodeKind kind) {
  switch (kind) {
#define ATHENA_SQL_NAME(name)                                                                      \
  case NodeKind::k##name:                                                                          \
    return #name;
    ATHENA_SQL_NODE_KINDS(ATHENA_SQL_NAME)
#undef ATHENA_SQL_NAME
  }
  return "?";
}

std::string_view binary_op_sql(BinaryOp op) {
  switch (op) {
  case BinaryOp::kOr:
    return "OR";
  case BinaryOp::kAnd:
    return "AND";
  case BinaryOp::kEq:
    return "=";
  case BinaryOp::kNe:
    return "<>";
  case BinaryOp::kLt:
    return "<";
  case BinaryOp::kLe:
    return "<=";
  case BinaryOp::kGt:
    return ">";
  case BinaryOp::kGe:
    return ">=";
  case BinaryOp::kConcat:
    return "||";
  case BinaryOp::kAdd:
    return "+";
  case BinaryOp::kSub:
    return "-";
  case BinaryOp::kMul:
    return "*";
  case BinaryOp::kDiv:
    return "/";
  case BinaryOp::kMod:
    return "%";
  }
  return "?";
}

std::string_view statement_kind_name(StatementKind kind) {
  switch (kind) {
  case StatementKind::kQuery:
    return "query";
  case StatementKind::kInsert:
    return "insert";
  case StatementKind::kCreateTableAsSelect:
    return "create_table_as_select";
  case StatementKind::kCreateView:
    return "create_view";
  case StatementKind::kCreateMaterializedView:
    return "create_materialized_view";
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
  case StatementKind::kCreateExternalTable:
    return "create_external_table";
  case StatementKind::kCreateSchema:
    return "create_schema";
  case StatementKind::kCreateFunction:
    return "create_function";
  case StatementKind::kDrop:
    return "drop";
  case StatementKind::kAlterTable:
    return "alter_table";
  case StatementKind::kAlterSchema:
    return "alter_schema";
  case StatementKind::kAlterView:
    return "alter_view";
  case StatementKind::kMsckRepair:
    return "msck_repair";
  case StatementKind::kExplain:
    return "explain";
  case StatementKind::kPrepare:
    return "prepare";
  case StatementKind::kExecute:
    return "execute";
  case StatementKind::kDeallocate:
    return "deallocate";
  case StatementKind::kDescribe:
    return "describe";
  case StatementKind::kShow:
    return "show";
  case StatementKind::kUse:
    return "use";
  case StatementKind::kVacuum:
    return "vacuum";
  case StatementKind::kOptimize:
    return "optimize";
  case StatementKind::kAnalyze:
    return "analyze";
  case StatementKind::kRefreshMaterializedView:
    return "refresh_materialized_view";
  case StatementKind::kTruncate:
    return "truncate";
  case StatementKind::kCall:
    return "call";
  case StatementKind::kTransaction:
    return "transaction";
  case StatementKind::kSession:
    return "session";
  case StatementKind::kOther:
    return "other";
  }
  return "other";
}

std::string_view object_kind_sql(ObjectKind kind) {
  switch (kind) {
  case ObjectKind::kTable:
    return "TABLE";
  case ObjectKind::kView:
    return "VIEW";
  case ObjectKind::kMaterializedView:
    return "MATERIALIZED VIEW";
  case ObjectKind::kSchema:
    return "SCHEMA";
  case ObjectKind::kDatabase:
    return "DATABASE";
  case ObjectKind::kFunction:
    return "FUNCTION";
  case ObjectKind::kCatalog:
    return "CATALOG";
  }
  return "TABLE";
}

Literal* CreateTable::effective_location() const {
  if (location != nullptr) return location;
  for (Property* p : properties) {
    if (p->value == nullptr || p->value->kind != NodeKind::kLiteral) continue;
    std::string key = p->string_key ? p->string_key->value() : p->name.name();
    for (auto& c : key)
      c = lower(c);
    if (key == "location" || key == "external_location") {
      return const_cast<Literal*>(static_cast<const Literal*>(p->value.get()));
    }
  }
  return nullptr;
}

} // namespace athena::sql
