#pragma once

// Internal to lineage/: what the statement analyzers (statement_*.cpp) share to turn what an
// Analyzer collected into a StatementLineage. Not part of the library's interface.

#include <cstddef>
#include <cstdint>
#include <memory_resource>
#include <string>
#include <string_view>
#include <vector>

#include "lineage/analyzer.h"

namespace athena::lineage::detail {

/// The transform a column's derivation denotes.
Transform to_transform(const Deriv& d);

/// An S3 URI as printed: trailing slash, scheme lowercased, key kept as is.
std::string normalize_location(std::string uri);

/// The string value of property `key` (`WITH (key = '...')`), or "".
std::string property_string(const sql::List<sql::Property*>& props, std::string_view key);

/// The columns of `name` in the catalog; `*known` says whether its schema is known.
std::vector<std::string> known_columns(const SchemaCatalog& catalog, const QualifiedName& name,
                                       bool* known);

/// The schema a CTAS or view defines: `names` (else the outputs' names) with their types.
TableSchema schema_from_shape(const QualifiedName& name, const RelationShape& shape,
                              const std::vector<std::string>& names, bool is_view);

/// A column type as written, lowercase ("" when absent).
std::string type_text(std::string_view source, const sql::TypeExpr* type);

/// Builds a StatementLineage from what an Analyzer collected; one per statement.
class StatementBuilder {
public:
  StatementBuilder(Analyzer& an, StatementLineage& out) : an_(an), out_(out) {}

  /// One column's lineage into `target` (`table.column`; the table is its first `table_size`
  /// characters).
  void column(std::string target, const Deriv& d, size_t table_size = 0,
              Mapped mapped = Mapped::kNone);
  /// Output columns of a query whose targets are their own names (SELECT, UNLOAD).
  void outputs(const RelationShape& shape, std::string_view prefix);
  /// A query's outputs onto a target table's columns: by position when the target's columns
  /// are known (`mapped` says so when no column list gave them), else by the outputs' names.
  void positional(const std::string& target, const std::vector<std::string>& target_columns,
                  bool target_known, const RelationShape& shape, uint32_t offset,
                  Mapped mapped = Mapped::kNone);
  /// The target's columns are unknown: each named output goes to the target column of its
  /// name; the others to `target.*`.
  void by_name(const std::string& target, const RelationShape& shape);
  /// Targets, sources, reads, joins, functions, tables and completeness, sorted.
  void finish(const std::vector<std::string>& targets);
  /// Every table read → `target` (self-edges exist at column level only).
  void edges_into(const std::string& target);

private:
  // Orders column ids by their printed names.
  struct NameLess {
    const Analyzer* an;
    bool operator()(ColId a, ColId b) const { return an->compare_column_names(a, b) < 0; }
  };

  void sorted_by_name(const ColSet& set, std::pmr::vector<ColId>& out) const;
  void finish_reads();
  void finish_joins();

  Analyzer& an_;
  StatementLineage& out_;
  NameLess less_{&an_};
  std::pmr::vector<ColId> names_{an_.arena()};       // scratch for column()
  std::pmr::vector<ColId> cond_names_{an_.arena()};  // scratch for column()
  std::pmr::vector<uint32_t> position_{an_.arena()}; // ColId -> position, for finish_reads()
};

} // namespace athena::lineage::detail
