#pragma once

// AST nodes for statements and their parts. See parser/ast.h for the ownership rules.

#include "parser/ast_query.h"

namespace athena::sql {

// ---------------------------------------------------------------------------------------------
// Statement parts

/// `name = value` (Trino WITH properties; value null means DEFAULT), or Hive `'k' = 'v'`
/// (string_key set).
struct Property : Node {
  ATHENA_SQL_NODE(Property)
  Identifier name;
  QualifiedName qualified_name; ///< `WITH SESSION catalog.property = x` (then `name` is empty)
  Ref<Literal> string_key;
  Ref<Expr> value;
};

/// A column definition in CREATE TABLE / ADD COLUMNS.
struct ColumnDef : Node {
  ATHENA_SQL_NODE(ColumnDef)
  bool not_null = false;
  bool like = false; ///< `LIKE other [INCLUDING|EXCLUDING PROPERTIES]` table element (name)
  QualifiedName name;
  Ref<TypeExpr> type;
  Ref<Literal> comment;
  RList<Property*> properties;
  std::string_view like_option;
};

/// `target = value` in UPDATE and MERGE.
struct Assignment : Node {
  ATHENA_SQL_NODE(Assignment)
  Identifier target;
  Ref<Expr> value;
};

enum class MergeAction : uint8_t { kUpdate, kDelete, kInsert };

struct MergeCase : Node {
  ATHENA_SQL_NODE(MergeCase)
  bool matched = true;
  MergeAction action = MergeAction::kUpdate;
  Ref<Expr> condition;
  RList<Assignment*> assignments; ///< UPDATE SET
  RList<Identifier> columns;      ///< INSERT (cols)
  RList<Expr*> values;            ///< INSERT VALUES
};

/// `PARTITION (k = v, ...) [LOCATION 'x']` (values may be null in DROP PARTITION).
struct PartitionSpec : Node {
  ATHENA_SQL_NODE(PartitionSpec)
  RList<Property*> values;
  Ref<Literal> location;
};

/// Hive `ROW FORMAT DELIMITED ...` or `ROW FORMAT SERDE 'x' [WITH SERDEPROPERTIES (...)]`.
/// Delimiter clauses keep their keywords canonically (`FIELDS TERMINATED BY`, ...) in `clauses`
/// parallel to `clause_values`.
struct RowFormat : Node {
  ATHENA_SQL_NODE(RowFormat)
  bool delimited = false;
  bool has_serde_properties = false;
  Ref<Literal> serde;
  RList<std::string_view> clauses;
  RList<Literal*> clause_values;
  RList<Literal*> escaped_by; ///< parallel to clauses; `ESCAPED BY` after FIELDS TERMINATED
  RList<Property*> serde_properties;
};

// ---------------------------------------------------------------------------------------------
// Statements

/// What a statement does; `Statement::stmt` tells which node type it is.
enum class StatementKind : uint8_t {
  kQuery,
  kInsert,
  kCreateTableAsSelect,
  kCreateView,
  kCreateMaterializedView,
  kMerge,
  kUpdate,
  kDelete,
  kUnload,
  kCreateTable,
  kCreateExternalTable,
  kCreateSchema,
  kCreateFunction,
  kDrop,
  kAlterTable,
  kAlterSchema,
  kAlterView,
  kMsckRepair,
  kExplain,
  kPrepare,
  kExecute,
  kDeallocate,
  kDescribe,
  kShow,
  kUse,
  kVacuum,
  kOptimize,
  kAnalyze,
  kRefreshMaterializedView,
  kTruncate,
  kCall,
  kTransaction,
  kSession,
  kOther,
};

/// "query", "insert", "create_table_as_select", ... (snake_case of the enumerator).
std::string_view statement_kind_name(StatementKind kind);

struct Statement : Node {
  StatementKind stmt = StatementKind::kOther;
};

#define ATHENA_SQL_STATEMENT(name, skind)                                                          \
  static constexpr NodeKind kKind = NodeKind::k##name;                                             \
  static constexpr StatementKind kStatementKind = skind;

/// A query used as a statement (SELECT, VALUES, TABLE, WITH ...).
struct QueryStatement : Statement {
  ATHENA_SQL_STATEMENT(QueryStatement, StatementKind::kQuery)
  Ref<Query> query;
  RList<RoutineDef*> external_functions; ///< `USING EXTERNAL FUNCTION ...` prefix
};

/// `INSERT INTO t [(cols)] query`
struct Insert : Statement {
  ATHENA_SQL_STATEMENT(Insert, StatementKind::kInsert)
  QualifiedName target;
  RList<Identifier> columns;
  Ref<Query> query;
  // Hive/Spark: `INSERT OVERWRITE [TABLE] t [PARTITION (k[=v], ...)] [IF NOT EXISTS]`.
  bool overwrite = false;
  bool if_not_exists = false;
  RList<Assignment*> partition; ///< `k = v` (static, value set) or `k` (dynamic, no value)
};

enum class WithData : uint8_t { kDefault, kWithData, kWithNoData };

/// `CREATE [OR REPLACE] TABLE [IF NOT EXISTS] t [(cols)] [COMMENT c] [WITH (props)] AS query
/// [WITH [NO] DATA]`
struct CreateTableAs : Statement {
  ATHENA_SQL_STATEMENT(CreateTableAs, StatementKind::kCreateTableAsSelect)
  bool or_replace = false;
  bool if_not_exists = false;
  bool has_properties = false;
  bool parenthesized_query = false;
  WithData with_data = WithData::kDefault;
  QualifiedName name;
  RList<Identifier> columns;
  Ref<Literal> comment;
  RList<Property*> properties;
  Ref<Query> query;
};

/// CREATE [EXTERNAL] TABLE with column definitions, Trino properties and/or the Hive clauses.
/// `stmt` is kCreateExternalTable when EXTERNAL was written.
struct CreateTable : Statement {
  ATHENA_SQL_STATEMENT(CreateTable, StatementKind::kCreateTable)
  bool or_replace = false;
  bool external = false;
  bool if_not_exists = false;
  bool has_columns = false;
  bool has_properties = false;
  bool has_tblproperties = false;
  QualifiedName name;
  RList<ColumnDef*> columns;
  QualifiedName like; ///< Hive `CREATE TABLE t LIKE s`: s (empty otherwise)
  Ref<Literal> comment;
  RList<Property*> properties;         ///< `WITH (...)`
  RList<ColumnDef*> partition_columns; ///< Hive `PARTITIONED BY (c T, ...)`
  RList<Expr*> partition_transforms;   ///< Iceberg `PARTITIONED BY (c, bucket(16, id))`
  RList<Identifier> clustered_by;
  RList<SortItem*> sorted_by;
  std::string_view buckets; ///< integer text of `INTO n BUCKETS`
  RList<RowFormat*> row_formats;
  Identifier stored_as; ///< `STORED AS PARQUET`
  Ref<Literal> input_format;
  Ref<Literal> output_format;
  Ref<Literal> location;
  RList<Property*> tblproperties;
  /// The LOCATION, or the `location`/`external_location` property, as written (string value).
  [[nodiscard]] Literal* effective_location() const;
};

/// `CREATE [OR REPLACE] [MATERIALIZED] VIEW v [COMMENT c] [SECURITY ...] AS query`
struct CreateView : Statement {
  ATHENA_SQL_STATEMENT(CreateView, StatementKind::kCreateView)
  bool or_replace = false;
  bool materialized = false;
  bool if_not_exists = false;
  bool has_properties = false;
  QualifiedName name;
  Ref<Literal> comment;
  std::string_view security; ///< "DEFINER", "INVOKER" or empty
  Ref<Expr> grace_period;
  RList<Property*> properties;
  Ref<Query> query;
};

/// `CREATE SCHEMA|DATABASE [IF NOT EXISTS] name ...`
struct CreateSchema : Statement {
  ATHENA_SQL_STATEMENT(CreateSchema, StatementKind::kCreateSchema)
  bool database_keyword = false;
  bool if_not_exists = false;
  bool has_properties = false;
  bool has_dbproperties = false;
  QualifiedName name;
  Ref<Literal> comment;
  Ref<Literal> location;
  RList<Property*> properties;   ///< Trino WITH (...)
  RList<Property*> dbproperties; ///< Hive WITH DBPROPERTIES (...)
  Identifier authorization;
  std::string_view authorization_kind; ///< "USER", "ROLE" or empty: `AUTHORIZATION USER bob`
};

/// `[CREATE [OR REPLACE]] FUNCTION ...` / `DROP FUNCTION`: see Drop for the latter.
struct CreateFunction : Statement {
  ATHENA_SQL_STATEMENT(CreateFunction, StatementKind::kCreateFunction)
  bool or_replace = false;
  Ref<RoutineDef> routine;
};

enum class ObjectKind : uint8_t {
  kTable,
  kView,
  kMaterializedView,
  kSchema,
  kDatabase,
  kFunction,
  kCatalog,
};

/// "TABLE", "MATERIALIZED VIEW", ...
std::string_view object_kind_sql(ObjectKind kind);

/// `DROP TABLE|VIEW|MATERIALIZED VIEW|SCHEMA|DATABASE [IF EXISTS] name [CASCADE|RESTRICT]`
struct Drop : Statement {
  ATHENA_SQL_STATEMENT(Drop, StatementKind::kDrop)
  ObjectKind object = ObjectKind::kTable;
  bool if_exists = false;
  QualifiedName name;
  std::string_view behavior;   ///< "CASCADE", "RESTRICT" or empty
  RList<RoutineParam*> params; ///< DROP FUNCTION f(T, ...)
};

enum class AlterKind : uint8_t {
  kRenameTo,
  kAddColumn,
  kDropColumn,
  kRenameColumn,
  kSetColumnType,
  kDropNotNull,
  kSetAuthorization,
  kSetProperties,
  kExecute,
  kAddPartitions,
  kDropPartitions,
  kRenamePartition,
  kSetLocation,
  kSetTblProperties,
  kUnsetTblProperties,
  kSetSerdeProperties,
  kSetFileFormat,
  kAddColumns,
  kReplaceColumns,
  kChangeColumn,
};

/// One ALTER action; fields used depend on `action`.
struct AlterAction : Node {
  ATHENA_SQL_NODE(AlterAction)
  AlterKind action = AlterKind::kRenameTo;
  bool if_exists = false;     ///< column IF EXISTS / partition IF EXISTS
  bool if_not_exists = false; ///< ADD COLUMN/PARTITION IF NOT EXISTS
  bool has_args = false;
  bool column_keyword = false;     ///< CHANGE [COLUMN]
  bool purge = false;              ///< DROP PARTITION ... PURGE
  QualifiedName new_name;          ///< RENAME TO; RENAME/DROP/ALTER COLUMN's column
  Identifier to_column;            ///< RENAME COLUMN ... TO x; CHANGE COLUMN old new
  RList<ColumnDef*> columns;       ///< ADD COLUMN (1) / ADD|REPLACE COLUMNS / CHANGE COLUMN (1)
  Ref<TypeExpr> type;              ///< SET DATA TYPE
  std::string_view principal_kind; ///< "USER", "ROLE" or empty
  Identifier principal;
  RList<Property*> properties; ///< SET PROPERTIES / SET TBLPROPERTIES / SERDEPROPERTIES
  RList<PartitionSpec*> partitions;
  Ref<Literal> location;
  Identifier procedure; ///< EXECUTE procedure
  RList<Expr*> args;    ///< EXECUTE arguments (NamedArgument for `a => b`)
  Ref<Expr> where;
  Ref<Literal> serde;
  Identifier file_format;
  RList<Literal*> unset_keys; ///< UNSET TBLPROPERTIES ('a', ...)
  bool first = false;         ///< CHANGE COLUMN / ADD COLUMN ... FIRST
  bool last = false;          ///< ADD COLUMN ... LAST
  Identifier after;           ///< CHANGE COLUMN / ADD COLUMN ... AFTER c
};

/// `ALTER TABLE [IF EXISTS] t action[, action...]`
struct AlterTable : Statement {
  ATHENA_SQL_STATEMENT(AlterTable, StatementKind::kAlterTable)
  bool if_exists = false;
  QualifiedName name;
  RList<PartitionSpec*> partition; ///< Hive `ALTER TABLE t PARTITION (...) SET LOCATION ...`
  RList<AlterAction*> actions;
};

/// `ALTER SCHEMA|DATABASE name action`
struct AlterSchema : Statement {
  ATHENA_SQL_STATEMENT(AlterSchema, StatementKind::kAlterSchema)
  bool database_keyword = false;
  QualifiedName name;
  Ref<AlterAction> action;
};

/// `ALTER [MATERIALIZED] VIEW name action`
struct AlterView : Statement {
  ATHENA_SQL_STATEMENT(AlterView, StatementKind::kAlterView)
  bool materialized = false;
  bool if_exists = false;
  QualifiedName name;
  Ref<AlterAction> action;
};

/// `MERGE INTO t [[AS] a] USING relation ON cond WHEN ...`
struct Merge : Statement {
  ATHENA_SQL_STATEMENT(Merge, StatementKind::kMerge)
  bool alias_as = false;
  QualifiedName target;
  Identifier alias;
  Ref<Relation> source;
  Ref<Expr> on;
  RList<MergeCase*> cases;
};

/// `UPDATE t SET c = e, ... [WHERE cond]`
struct Update : Statement {
  ATHENA_SQL_STATEMENT(Update, StatementKind::kUpdate)
  QualifiedName target;
  RList<Assignment*> assignments;
  Ref<Expr> where;
};

/// `DELETE FROM t [WHERE cond]`
struct Delete : Statement {
  ATHENA_SQL_STATEMENT(Delete, StatementKind::kDelete)
  QualifiedName target;
  Ref<Expr> where;
};

/// `UNLOAD (query) TO 's3://...' WITH (props)`
struct Unload : Statement {
  ATHENA_SQL_STATEMENT(Unload, StatementKind::kUnload)
  bool has_properties = false;
  Ref<Query> query;
  Ref<Literal> location;
  RList<Property*> properties;
};

/// `EXPLAIN [ANALYZE [VERBOSE]] [(FORMAT x, TYPE y)] statement`; options as canonical text.
struct Explain : Statement {
  ATHENA_SQL_STATEMENT(Explain, StatementKind::kExplain)
  bool analyze = false;
  bool verbose = false;
  RList<std::string_view> option_names; ///< "FORMAT" / "TYPE"
  RList<Identifier> option_values;
  Ref<Statement> statement;
};

/// `PREPARE name FROM statement`
struct Prepare : Statement {
  ATHENA_SQL_STATEMENT(Prepare, StatementKind::kPrepare)
  Identifier name;
  Ref<Statement> statement;
};

/// `EXECUTE name [USING args]` / `EXECUTE IMMEDIATE 'sql' [USING args]`
struct Execute : Statement {
  ATHENA_SQL_STATEMENT(Execute, StatementKind::kExecute)
  Identifier name;
  Ref<Literal> immediate;
  RList<Expr*> args;
};

/// `DEALLOCATE PREPARE name`
struct Deallocate : Statement {
  ATHENA_SQL_STATEMENT(Deallocate, StatementKind::kDeallocate)
  Identifier name;
};

/// `DESCRIBE|DESC [EXTENDED|FORMATTED] name [PARTITION (...)] [column]` and
/// `DESCRIBE INPUT|OUTPUT name`.
struct Describe : Statement {
  ATHENA_SQL_STATEMENT(Describe, StatementKind::kDescribe)
  std::string_view keyword;  ///< "DESCRIBE" or "DESC"
  std::string_view modifier; ///< "EXTENDED", "FORMATTED", "INPUT", "OUTPUT" or empty
  QualifiedName name;
  Ref<PartitionSpec> partition;
  QualifiedName column;
};

enum class ShowKind : uint8_t {
  kTables,
  kSchemas,
  kDatabases,
  kCatalogs,
  kColumns,
  kPartitions,
  kCreateTable,
  kCreateView,
  kCreateSchema,
  kCreateMaterializedView,
  kTblProperties,
  kViews,
  kFunctions,
  kSession,
  kStats,
  kGrants,
  kRoles,
  kCreateFunction,
  kCurrentRoles,
  kRoleGrants,
};

/// SHOW statements. `target` is the object shown (table for COLUMNS/PARTITIONS/CREATE/STATS),
/// `in_name` the FROM/IN scope; `pattern` a LIKE pattern or Hive's bare pattern string.
struct Show : Statement {
  ATHENA_SQL_STATEMENT(Show, StatementKind::kShow)
  ShowKind show = ShowKind::kTables;
  bool in_keyword = false; ///< written IN rather than FROM
  bool like_keyword = false;
  bool extended = false;
  QualifiedName target;
  QualifiedName in_name;
  Ref<Literal> pattern;
  Ref<Literal> escape;
  Ref<Literal> property; ///< SHOW TBLPROPERTIES t ('key')
  Ref<PartitionSpec> partition;
  Ref<Query> query; ///< SHOW STATS FOR (query)
};

/// `USE [catalog.]schema`
struct Use : Statement {
  ATHENA_SQL_STATEMENT(Use, StatementKind::kUse)
  Identifier catalog;
  Identifier schema;
};

/// `MSCK REPAIR TABLE t`, `VACUUM t`, `OPTIMIZE t REWRITE DATA USING BIN_PACK [WHERE ...]`,
/// `ANALYZE t [WITH (...)]`, `REFRESH MATERIALIZED VIEW t`, `TRUNCATE TABLE t`; `stmt` says
/// which.
struct TableMaintenance : Statement {
  ATHENA_SQL_STATEMENT(TableMaintenance, StatementKind::kOther)
  bool has_properties = false;
  QualifiedName name;
  Ref<Expr> where;
  RList<Property*> properties;
};

enum class GrantAction : uint8_t { kGrant, kRevoke, kDeny };

/// A principal: `[USER | ROLE] name`; `kind` is "USER", "ROLE" or empty as written. As a
/// grantor it may also be CURRENT_USER or CURRENT_ROLE (then `kind` holds it and `name` is empty).
struct Principal {
  std::string_view kind;
  Identifier name;
};

/// GRANT / DENY / REVOKE of privileges on a table or schema:
///   `GRANT (priv, ... | ALL PRIVILEGES) ON [SCHEMA | TABLE] name TO principal [WITH GRANT OPTION]`
///   `REVOKE [GRANT OPTION FOR] (...) ON [SCHEMA | TABLE] name FROM principal`
/// or of roles (`roles` set, `object` empty):
///   `GRANT r, ... TO principal, ... [WITH ADMIN OPTION] [GRANTED BY grantor] [IN catalog]`
///   `REVOKE [ADMIN OPTION FOR] r, ... FROM principal, ... [GRANTED BY grantor] [IN catalog]`
struct Grant : Statement {
  ATHENA_SQL_STATEMENT(Grant, StatementKind::kOther)
  GrantAction action = GrantAction::kGrant;
  bool roles = false;           ///< a role grant: `privileges` holds the role names
  bool all_privileges = false;  ///< `ALL PRIVILEGES`
  bool grant_option = false;    ///< `WITH GRANT OPTION` / `REVOKE GRANT OPTION FOR`
  bool admin_option = false;    ///< `WITH ADMIN OPTION` / `REVOKE ADMIN OPTION FOR`
  RList<Identifier> privileges; ///< as written: SELECT, INSERT, ... or role names
  std::string_view object_kind; ///< "SCHEMA", "TABLE" or empty
  QualifiedName object;
  RList<Principal> grantees;
  Principal granted_by; ///< `GRANTED BY` (role grants); kind and name empty when absent
  Identifier catalog;   ///< `IN catalog` (role grants)
};

/// Statements with no tables in them beyond names: transactions, sessions, CALL, COMMENT ON,
/// SET TIME ZONE, ... `words` keeps the canonical leading keywords (`START TRANSACTION`);
/// `name`, `value`, `args` and `modes` their operands.
struct Utility : Statement {
  ATHENA_SQL_STATEMENT(Utility, StatementKind::kOther)
  std::string_view words;
  QualifiedName name;
  Ref<Expr> value;
  RList<Expr*> args;
  RList<std::string_view> modes;
};

} // namespace athena::sql
