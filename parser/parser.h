#pragma once

// Public entry points of the Athena SQL parser. See parser/ast.h for the tree and the ownership
// table: a ParseResult owns every node; the source text must outlive it.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parser/arena.h"
#include "parser/ast.h"

namespace athena::sql {

/// A parse error: what was expected and what was found, where.
struct Diagnostic {
  std::string message;
  uint32_t offset = 0; ///< byte offset in the whole source text
  uint32_t line = 1;   ///< 1-based
  uint32_t col = 1;    ///< 1-based, in bytes
};

/// One statement of the input, parsed or not.
struct ParsedStatement {
  Span span;                                  ///< from its first token to its last (`;` excluded)
  StatementKind kind = StatementKind::kOther; ///< from the tree, or guessed from the first words
  Statement* ast = nullptr;                   ///< null when parsing failed
  std::optional<Diagnostic> error;            ///< set when parsing failed
  /// Hive/Spark forms the dialect accepted, each naming its construct (for warnings where the
  /// SQL is meant for another dialect: `lineage` reads them in every dialect).
  std::vector<Diagnostic> hive_forms;
  [[nodiscard]] bool ok() const { return ast != nullptr; }
};

/// Which SQL is accepted. Athena (the default) is Trino's SQL plus the Hive DDL Athena runs;
/// Trino rejects the Hive-only syntax; Hive accepts what Athena accepts plus Hive/Spark DML.
enum class Dialect : uint8_t { kAthena, kTrino, kHive };

/// What a dialect allows, as named capabilities (never `if (dialect == X)` in the grammar).
struct DialectCaps {
  bool backquoted_identifiers = true; ///< `` `name` `` (Hive)
  bool hive_ddl = true;               ///< CREATE EXTERNAL TABLE, MSCK REPAIR TABLE
  /// Hive/Spark DML: INSERT OVERWRITE, INSERT INTO TABLE, PARTITION (...), WITH before INSERT,
  /// JOIN without ON, LEFT SEMI/ANTI JOIN, LATERAL VIEW (Hive only; Athena runs none of them).
  bool hive_dml = false;
  /// Trino's role, catalog and session-user statements (CREATE ROLE, SET ROLE, CREATE CATALOG,
  /// SET SESSION AUTHORIZATION, ...), which Athena does not run.
  bool trino_admin = false;
};

/// The capabilities of `dialect`.
DialectCaps dialect_caps(Dialect dialect);

/// Limits that keep hostile input cheap, and the dialect.
struct ParseOptions {
  uint32_t max_depth = 1000; ///< nesting of expressions, queries, relations and types
  Dialect dialect = Dialect::kAthena;
};

/// The statements of one source text. Owns the arena of every AST node; destroying it frees
/// the tree (the arena's reservation goes to a per-thread cache of at most 4, keeping up to
/// 64 MiB of it usable for the next parse). Movable; the nodes do not move with it.
class ParseResult {
public:
  ParseResult() : arena_(std::make_unique<Arena>()) {}

  [[nodiscard]] std::string_view source() const { return source_; }
  [[nodiscard]] const std::vector<ParsedStatement>& statements() const { return statements_; }
  /// Number of statements that failed to parse.
  [[nodiscard]] size_t failed() const;
  /// The arena holding the AST (for memory accounting).
  [[nodiscard]] const Arena& arena() const { return *arena_; }
  /// The most bytes one statement's tokens took (transient; for memory accounting).
  [[nodiscard]] size_t token_bytes() const { return token_bytes_; }

private:
  friend ParseResult parse(std::string_view, const ParseOptions&);
  std::string_view source_;
  std::unique_ptr<Arena> arena_;
  std::vector<ParsedStatement> statements_;
  size_t token_bytes_ = 0;
};

/// Splits `source` on `;` and parses every statement; a failed statement never stops the others.
ParseResult parse(std::string_view source, const ParseOptions& options = {});

/// A standalone expression (`CAST(x AS INT)`), as sqlglot's corpus holds them.
struct ExpressionResult {
  std::unique_ptr<Arena> arena = std::make_unique<Arena>();
  Expr* expr = nullptr;
  std::optional<Diagnostic> error;
};

/// Parses the whole of `source` as one expression.
ExpressionResult parse_expression(std::string_view source, const ParseOptions& options = {});

} // namespace athena::sql
