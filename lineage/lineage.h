#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "lineage/schema_catalog.h"
#include "lineage/statement_lineage.h"
#include "parser/ast.h"

namespace athena::lineage {

/// The context a statement runs in: the default catalog and schema (a query's
/// QueryExecutionContext, or the CLI's --default-catalog/--default-schema).
struct LineageOptions {
  std::string default_catalog = std::string(kDefaultCatalog);
  std::string default_schema;
};

/// Computes the lineage of one parsed statement. `source` is the text the statement's spans
/// index into; `catalog` supplies the known table schemas. Never throws for bad input: names
/// that cannot be resolved become `errors` and clear `complete`.
StatementLineage analyze_statement(const sql::Statement& statement, std::string_view source,
                                   const LineageOptions& options, const SchemaCatalog& catalog);

/// The text of the statement a PREPARE names (a view into `source`), or nullopt when it names
/// none. `source` is the text the PREPARE's spans index into.
std::optional<std::string_view> prepared_text(const sql::Prepare& prepare, std::string_view source);

/// The lineage of an EXECUTE whose prepared statement is `text`: that statement's lineage, or
/// nullopt when `text` is not one statement that parses, or `admit` (when given) refuses it;
/// the EXECUTE is then analyzed as itself. The text is parsed again (its tree lived in another
/// parse result), and its errors are dropped: their offsets point into the prepared text.
std::optional<StatementLineage> analyze_prepared(std::string_view text,
                                                 const LineageOptions& options,
                                                 const SchemaCatalog& catalog,
                                                 bool (*admit)(const sql::Statement&) = nullptr);

/// Analyzes the statements of one input in order, as a session would run them: DDL, CTAS and
/// views define schemas for later statements (an IF NOT EXISTS create of a known table does
/// nothing), DROP forgets them, and EXECUTE runs the statement of the latest PREPARE of that
/// name.
class LineageSession {
public:
  explicit LineageSession(SchemaCatalog catalog = {}) : catalog_(std::move(catalog)) {}

  /// Lineage of `statement`, then the statement's schema facts are applied to the catalog.
  StatementLineage analyze(const sql::Statement& statement, std::string_view source,
                           const LineageOptions& options);

  const SchemaCatalog& catalog() const { return catalog_; }
  SchemaCatalog& catalog() { return catalog_; }

private:
  SchemaCatalog catalog_;
  std::map<std::string, std::string> prepared_; // lowercase name -> statement text
};

/// The CONTRACT.md kind of a statement the parser classified (used when it failed to parse).
StatementKind contract_kind(sql::StatementKind kind);

/// skip_existing() when `lineage` is an IF NOT EXISTS create of a table `catalog` knows.
void skip_if_existing(StatementLineage& lineage, const SchemaCatalog& catalog);

/// Applies what `lineage` defines or drops to `catalog`.
void apply_schema_facts(const StatementLineage& lineage, SchemaCatalog& catalog);

} // namespace athena::lineage
