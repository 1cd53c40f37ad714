// Statement lineage: which analyzer each kind of statement goes to (statement_writes.cpp,
// statement_dml.cpp, statement_ddl.cpp), and the session that carries schemas and prepared
// statements from one statement to the next.
#include <optional>
#include <string>

#include "lineage/statement_builder.h"
#include "parser/parser.h"

namespace athena::lineage {

namespace detail {

StatementLineage Analyzer::run(const sql::Statement& statement) {
  using K = sql::NodeKind;
  switch (statement.kind) {
  case K::kQueryStatement:
    return analyze_query_statement(*statement.as<sql::QueryStatement>());
  case K::kInsert:
    return analyze_insert(*statement.as<sql::Insert>());
  case K::kCreateTableAs:
    return analyze_create_table_as(*statement.as<sql::CreateTableAs>());
  case K::kCreateView:
    return analyze_create_view(*statement.as<sql::CreateView>());
  case K::kCreateTable:
    return analyze_create_table(*statement.as<sql::CreateTable>());
  case K::kMerge:
    return analyze_merge(*statement.as<sql::Merge>());
  case K::kUpdate:
    return analyze_update(*statement.as<sql::Update>());
  case K::kDelete:
    return analyze_delete(*statement.as<sql::Delete>());
  case K::kUnload:
    return analyze_unload(*statement.as<sql::Unload>());
  case K::kDrop:
    return analyze_drop(*statement.as<sql::Drop>());
  case K::kAlterTable:
    return analyze_alter_table(*statement.as<sql::AlterTable>());
  case K::kTableMaintenance:
    return without_lineage(StatementKind::kDdl, &statement.as<sql::TableMaintenance>()->name);
  case K::kExplain:
  case K::kPrepare:
  case K::kDeallocate:
  case K::kDescribe:
  case K::kShow:
  case K::kUse:
  case K::kUtility:
    return without_lineage(StatementKind::kUtility, nullptr);
  case K::kExecute:
    return without_lineage(StatementKind::kOther, nullptr);
  default:
    return without_lineage(StatementKind::kDdl, nullptr);
  }
}

StatementLineage Analyzer::without_lineage(StatementKind kind, const sql::QualifiedName* table) {
  StatementLineage out;
  StatementBuilder build(*this, out);
  std::vector<std::string> targets;
  out.kind = kind;
  if (table != nullptr) {
    out.tables.push_back(qualify(*table));
    targets.push_back(out.tables.back().str());
  }
  build.finish(targets);
  return out;
}

} // namespace detail

StatementLineage analyze_statement(const sql::Statement& statement, std::string_view source,
                                   const LineageOptions& options, const SchemaCatalog& catalog) {
  detail::Analyzer analyzer(source, options, catalog);
  return analyzer.run(statement);
}

StatementKind contract_kind(sql::StatementKind kind) {
  using S = sql::StatementKind;
  switch (kind) {
  case S::kQuery:
    return StatementKind::kSelect;
  case S::kInsert:
    return StatementKind::kInsert;
  case S::kCreateTableAsSelect:
    return StatementKind::kCtas;
  case S::kCreateView:
  case S::kCreateMaterializedView:
    return StatementKind::kCreateView;
  case S::kMerge:
    return StatementKind::kMerge;
  case S::kUpdate:
    return StatementKind::kUpdate;
  case S::kDelete:
    return StatementKind::kDelete;
  case S::kUnload:
    return StatementKind::kUnload;
  case S::kCreateTable:
  case S::kCreateExternalTable:
    return StatementKind::kCreateTable;
  case S::kExplain:
  case S::kPrepare:
  case S::kDeallocate:
  case S::kDescribe:
  case S::kShow:
  case S::kUse:
  case S::kTransaction:
  case S::kSession:
    return StatementKind::kUtility;
  case S::kExecute:
  case S::kCall:
  case S::kOther:
    return StatementKind::kOther;
  default:
    return StatementKind::kDdl;
  }
}

void skip_if_existing(StatementLineage& lineage, const SchemaCatalog& catalog) {
  if (lineage.if_absent && catalog.find(*lineage.if_absent) != nullptr) skip_existing(lineage);
}

void apply_schema_facts(const StatementLineage& lineage, SchemaCatalog& catalog) {
  if (lineage.drops) catalog.erase(*lineage.drops);
  if (lineage.defines) catalog.put(*lineage.defines);
}

std::optional<std::string_view> prepared_text(const sql::Prepare& prepare,
                                              std::string_view source) {
  if (prepare.statement == nullptr || prepare.statement->span.end > source.size()) {
    return std::nullopt;
  }
  const sql::Span s = prepare.statement->span;
  return source.substr(s.begin, s.end - s.begin);
}

std::optional<StatementLineage> analyze_prepared(std::string_view text,
                                                 const LineageOptions& options,
                                                 const SchemaCatalog& catalog,
                                                 bool (*admit)(const sql::Statement&)) {
  sql::ParseOptions hive; // the prepared text is read like the statement that prepared it
  hive.dialect = sql::Dialect::kHive;
  sql::ParseResult parsed = sql::parse(text, hive);
  if (parsed.statements().size() != 1 || !parsed.statements()[0].ok()) return std::nullopt;
  const sql::Statement& statement = *parsed.statements()[0].ast;
  if (admit != nullptr && !admit(statement)) return std::nullopt;
  StatementLineage inner = analyze_statement(statement, text, options, catalog);
  inner.errors.clear();
  return inner;
}

StatementLineage LineageSession::analyze(const sql::Statement& statement, std::string_view source,
                                         const LineageOptions& options) {
  if (const auto* prep = statement.dyn<sql::Prepare>()) {
    if (auto text = prepared_text(*prep, source)) prepared_[prep->name.name()] = std::string(*text);
  } else if (const auto* exec = statement.dyn<sql::Execute>()) {
    auto it = exec->immediate == nullptr ? prepared_.find(exec->name.name()) : prepared_.end();
    if (it != prepared_.end()) {
      if (auto inner = analyze_prepared(it->second, options, catalog_)) {
        skip_if_existing(*inner, catalog_);
        apply_schema_facts(*inner, catalog_);
        return std::move(*inner);
      }
    }
  } else if (const auto* dealloc = statement.dyn<sql::Deallocate>()) {
    prepared_.erase(dealloc->name.name());
  }
  StatementLineage result = analyze_statement(statement, source, options, catalog_);
  skip_if_existing(result, catalog_);
  apply_schema_facts(result, catalog_);
  return result;
}

} // namespace athena::lineage
