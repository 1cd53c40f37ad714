#pragma once

#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "samples/generator/lake.h"
#include "samples/generator/rng.h"

namespace athena::samplegen {

/// What a generated statement is; decides StatementType, SubstatementType, whether it is a data
/// statement (usage) and which lineage edges it makes (README, "What counts").
enum class Kind {
  kSelect,
  kInsert,
  kCtas,
  kMerge,
  kUpdate,
  kDelete,
  kUnload,
  kExecute,
  kCreateView,
  kCreateExternalTable,
  kCreateTable,
  kRepairTable,
  kAlterTable,
  kDropTable,
  kShow,
  kDescribe,
  kExplain,
  kPrepare,
  kDeallocate,
};

struct KindInfo {
  std::string_view statement_type;    ///< DDL | DML | UTILITY
  std::string_view substatement_type; ///< SELECT, INSERT, CREATE_TABLE_AS_SELECT, ...
  bool data = false;                  ///< SELECT/INSERT/CTAS/MERGE/UPDATE/DELETE/UNLOAD/EXECUTE
};
KindInfo kind_info(Kind kind);

/// The QueryExecutionContext a record carries, in one of the shapes real logs show.
struct ExecContext {
  enum class Shape { kAbsent, kEmpty, kDatabaseOnly, kFull };
  Shape shape = Shape::kFull;
  std::string database; ///< lowercase; meaningful for kDatabaseOnly and kFull
  std::string catalog;  ///< as spelled in the record ("AwsDataCatalog" or "awsdatacatalog")
  bool has_database() const { return shape == Shape::kDatabaseOnly || shape == Shape::kFull; }
};

/// How a template spells table names: dbt quotes three-part names, engineers write db.table,
/// people at a console mix case, quotes and unqualified names.
enum class NameStyle { kDbt, kPlain, kMixed };

/// A generated statement with what the generator knows about it. The table sets are filled by
/// SqlBuilder at the moment each name is written into the SQL, so they cannot drift from it.
struct Statement {
  Kind kind = Kind::kSelect;
  std::string sql;
  std::set<std::string> reads;   ///< "awsdatacatalog.db.table" of every table or view read
  std::set<std::string> writes;  ///< target tables
  std::string read_location;     ///< CREATE [EXTERNAL] TABLE ... LOCATION
  std::string write_location;    ///< UNLOAD TO / CTAS external_location
  std::string prepared_name;     ///< PREPARE / EXECUTE / DEALLOCATE: the statement name
  std::string_view substatement; ///< overrides kind_info's SubstatementType when not empty
  /// Column-level edges known exactly: (source column, target column, transform).
  std::vector<std::tuple<std::string, std::string, std::string>> column_edges;
  /// Set by the failure injector for deliberately malformed SQL: references nothing.
  bool malformed = false;
  int64_t scan_scale_log2 = 28; ///< typical bytes scanned, as log2 (templates set it)
  /// dbt statements: the resource type of the node in dbt's comment (model, seed, snapshot).
  std::string_view dbt_resource = "model";
};

/// Writes SQL names for one statement and records which tables it references.
class SqlBuilder {
public:
  SqlBuilder(Rng& rng, const ExecContext& ctx, NameStyle style)
      : rng_(rng), ctx_(ctx), style_(style) {}

  /// A reference to `t` in a read position; recorded in reads.
  std::string read(const Table& t);
  std::string read(std::string_view database, std::string_view name) {
    return read(Lake::get().table(database, name));
  }
  /// A reference to `t` as the statement's target; recorded in writes.
  std::string write(const Table& t);
  std::string write(std::string_view database, std::string_view name) {
    return write(Lake::get().table(database, name));
  }
  /// A name that does not exist in the lake (TABLE_NOT_FOUND failures); recorded in reads.
  std::string read_missing(std::string_view database, std::string_view name);
  /// Hive DDL spelling: `db`.`table` (backquoted) or db.table; recorded in writes.
  std::string ddl_name(const Table& t, bool backquote);
  void set_read_location(std::string s3) { stmt_.read_location = std::move(s3); }
  void set_write_location(std::string s3) { stmt_.write_location = std::move(s3); }
  void column_edge(const Table& src, std::string_view src_col, const Table& dst,
                   std::string_view dst_col, std::string_view transform);

  /// The finished statement; the builder must not be used afterwards.
  Statement finish(Kind kind, std::string sql, int64_t scan_scale_log2 = 28);
  void set_substatement(std::string_view s) { stmt_.substatement = s; }

  Rng& rng() { return rng_; }
  const ExecContext& ctx() const { return ctx_; }
  NameStyle style() const { return style_; }

private:
  std::string spell(std::string_view database, std::string_view name);

  Rng& rng_;
  const ExecContext& ctx_;
  NameStyle style_;
  Statement stmt_;
};

} // namespace athena::samplegen
