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
  Literal* string_key = nullptr;
  Expr* value = nullptr;
};

/// A column definition in CREATE TABLE / ADD COLUMNS.
struct ColumnDef : Node {
  ATHENA_SQL_NODE(ColumnDef)
  QualifiedName name;
  TypeExpr* type = nullptr;
  bool not_null = false;
  Literal* comment = nullptr;
  List<Property*> properties;
  bool like = false; ///< `LIKE other [INCLUDING|EXCLUDING PROPERTIES]` table element (name)
  std::string_view like_option;
};

/// `target = value` in UPDATE and MERGE.
struct Assignment : Node {
  ATHENA_SQL_NODE(Assignment)
  Identifier target;
  Expr* value = nullptr;
};

enum class MergeAction : uint8_t { kUpdate, kDelete, kInsert };

struct MergeCase : Node {
  ATHENA_SQL_NODE(MergeCase)
  bool matched = true;
  Expr* condition = nullptr;
  MergeAction action = MergeAction::kUpdate;
  List<Assignment*> assignments; ///< UPDATE SET
  List<Identifier> columns;      ///< INSERT (cols)
  List<Expr*> values;            ///< INSERT VALUES
};

/// `PARTITION (k = v, ...) [LOCATION 'x']` (values may be null in DROP PARTITION).
struct PartitionSpec : Node {
  ATHENA_SQL_NODE(PartitionSpec)
  List<Property*> values;
  Literal* location = nullptr;
};

/// Hive `ROW FORMAT DELIMITED ...` or `ROW FORMAT SERDE 'x' [WITH SERDEPROPERTIES (...)]`.
/// Delimiter clauses keep their keywords canonically (`FIELDS TERMINATED BY`, ...) in `clauses`
/// parallel to `clause_values`.
struct RowFormat : Node {
  ATHENA_SQL_NODE(RowFormat)
  bool delimited = false;
  Literal* serde = nullptr;
  List<std::string_view> clauses;
  List<Literal*> clause_values;
  List<Literal*> escaped_by; ///< parallel to clauses; `ESCAPED BY` after FIELDS TERMINATED
  List<Property*> serde_properties;
  bool has_serde_properties = false;
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
  Query* query = nullptr;
  List<RoutineDef*> external_functions; ///< `USING EXTERNAL FUNCTION ...` prefix
};

/// `INSERT INTO t [(cols)] query`
struct Insert : Statement {
  ATHENA_SQL_STATEMENT(Insert, StatementKind::kInsert)
  QualifiedName target;
  List<Identifier> columns;
  Query* query = nullptr;
};

enum class WithData : uint8_t { kDefault, kWithData, kWithNoData };

/// `CREATE [OR REPLACE] TABLE [IF NOT EXISTS] t [(cols)] [COMMENT c] [WITH (props)] AS query
/// [WITH [NO] DATA]`
struct CreateTableAs : Statement {
  ATHENA_SQL_STATEMENT(CreateTableAs, StatementKind::kCreateTableAsSelect)
  bool or_replace = false;
  bool if_not_exists = false;
  QualifiedName name;
  List<Identifier> columns;
  Literal* comment = nullptr;
  List<Property*> properties;
  bool has_properties = false;
  Query* query = nullptr;
  bool parenthesized_query = false;
  WithData with_data = WithData::kDefault;
};

/// CREATE [EXTERNAL] TABLE with column definitions, Trino properties and/or the Hive clauses.
/// `stmt` is kCreateExternalTable when EXTERNAL was written.
struct CreateTable : Statement {
  ATHENA_SQL_STATEMENT(CreateTable, StatementKind::kCreateTable)
  bool or_replace = false;
  bool external = false;
  bool if_not_exists = false;
  QualifiedName name;
  List<ColumnDef*> columns;
  bool has_columns = false;
  Literal* comment = nullptr;
  List<Property*> properties; ///< `WITH (...)`
  bool has_properties = false;
  List<ColumnDef*> partition_columns; ///< Hive `PARTITIONED BY (c T, ...)`
  List<Expr*> partition_transforms;   ///< Iceberg `PARTITIONED BY (c, bucket(16, id))`
  List<Identifier> clustered_by;
  List<SortItem*> sorted_by;
  std::string_view buckets; ///< integer text of `INTO n BUCKETS`
  List<RowFormat*> row_formats;
  Identifier stored_as; ///< `STORED AS PARQUET`
  Literal* input_format = nullptr;
  Literal* output_format = nullptr;
  Literal* location = nullptr;
  List<Property*> tblproperties;
  bool has_tblproperties = false;
  /// The LOCATION, or the `location`/`external_location` property, as written (string value).
  Literal* effective_location() const;
};

/// `CREATE [OR REPLACE] [MATERIALIZED] VIEW v [COMMENT c] [SECURITY ...] AS query`
struct CreateView : Statement {
  ATHENA_SQL_STATEMENT(CreateView, StatementKind::kCreateView)
  bool or_replace = false;
  bool materialized = false;
  bool if_not_exists = false;
  QualifiedName name;
  Literal* comment = nullptr;
  std::string_view security; ///< "DEFINER", "INVOKER" or empty
  Expr* grace_period = nullptr;
  List<Property*> properties;
  bool has_properties = false;
  Query* query = nullptr;
};

/// `CREATE SCHEMA|DATABASE [IF NOT EXISTS] name ...`
struct CreateSchema : Statement {
  ATHENA_SQL_STATEMENT(CreateSchema, StatementKind::kCreateSchema)
  bool database_keyword = false;
  bool if_not_exists = false;
  QualifiedName name;
  Literal* comment = nullptr;
  Literal* location = nullptr;
  List<Property*> properties; ///< Trino WITH (...)
  bool has_properties = false;
  List<Property*> dbproperties; ///< Hive WITH DBPROPERTIES (...)
  bool has_dbproperties = false;
  Identifier authorization;
};

/// `[CREATE [OR REPLACE]] FUNCTION ...` / `DROP FUNCTION`: see Drop for the latter.
struct CreateFunction : Statement {
  ATHENA_SQL_STATEMENT(CreateFunction, StatementKind::kCreateFunction)
  bool or_replace = false;
  RoutineDef* routine = nullptr;
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
  std::string_view behavior;  ///< "CASCADE", "RESTRICT" or empty
  List<RoutineParam*> params; ///< DROP FUNCTION f(T, ...)
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
  bool if_exists = false;          ///< column IF EXISTS / partition IF EXISTS
  bool if_not_exists = false;      ///< ADD COLUMN/PARTITION IF NOT EXISTS
  QualifiedName new_name;          ///< RENAME TO; RENAME/DROP/ALTER COLUMN's column
  Identifier to_column;            ///< RENAME COLUMN ... TO x; CHANGE COLUMN old new
  List<ColumnDef*> columns;        ///< ADD COLUMN (1) / ADD|REPLACE COLUMNS / CHANGE COLUMN (1)
  TypeExpr* type = nullptr;        ///< SET DATA TYPE
  std::string_view principal_kind; ///< "USER", "ROLE" or empty
  Identifier principal;
  List<Property*> properties; ///< SET PROPERTIES / SET TBLPROPERTIES / SERDEPROPERTIES
  List<PartitionSpec*> partitions;
  Literal* location = nullptr;
  Identifier procedure; ///< EXECUTE procedure
  List<Expr*> args;     ///< EXECUTE arguments (NamedArgument for `a => b`)
  bool has_args = false;
  Expr* where = nullptr;
  Literal* serde = nullptr;
  Identifier file_format;
  bool column_keyword = false; ///< CHANGE [COLUMN]
  bool purge = false;          ///< DROP PARTITION ... PURGE
  List<Literal*> unset_keys;   ///< UNSET TBLPROPERTIES ('a', ...)
};

/// `ALTER TABLE [IF EXISTS] t action[, action...]`
struct AlterTable : Statement {
  ATHENA_SQL_STATEMENT(AlterTable, StatementKind::kAlterTable)
  bool if_exists = false;
  QualifiedName name;
  List<PartitionSpec*> partition; ///< Hive `ALTER TABLE t PARTITION (...) SET LOCATION ...`
  List<AlterAction*> actions;
};

/// `ALTER SCHEMA|DATABASE name action`
struct AlterSchema : Statement {
  ATHENA_SQL_STATEMENT(AlterSchema, StatementKind::kAlterSchema)
  bool database_keyword = false;
  QualifiedName name;
  AlterAction* action = nullptr;
};

/// `ALTER [MATERIALIZED] VIEW name action`
struct AlterView : Statement {
  ATHENA_SQL_STATEMENT(AlterView, StatementKind::kAlterView)
  bool materialized = false;
  bool if_exists = false;
  QualifiedName name;
  AlterAction* action = nullptr;
};

/// `MERGE INTO t [[AS] a] USING relation ON cond WHEN ...`
struct Merge : Statement {
  ATHENA_SQL_STATEMENT(Merge, StatementKind::kMerge)
  QualifiedName target;
  Identifier alias;
  bool alias_as = false;
  Relation* source = nullptr;
  Expr* on = nullptr;
  List<MergeCase*> cases;
};

/// `UPDATE t SET c = e, ... [WHERE cond]`
struct Update : Statement {
  ATHENA_SQL_STATEMENT(Update, StatementKind::kUpdate)
  QualifiedName target;
  List<Assignment*> assignments;
  Expr* where = nullptr;
};

/// `DELETE FROM t [WHERE cond]`
struct Delete : Statement {
  ATHENA_SQL_STATEMENT(Delete, StatementKind::kDelete)
  QualifiedName target;
  Expr* where = nullptr;
};

/// `UNLOAD (query) TO 's3://...' WITH (props)`
struct Unload : Statement {
  ATHENA_SQL_STATEMENT(Unload, StatementKind::kUnload)
  Query* query = nullptr;
  Literal* location = nullptr;
  List<Property*> properties;
  bool has_properties = false;
};

/// `EXPLAIN [ANALYZE [VERBOSE]] [(FORMAT x, TYPE y)] statement`; options as canonical text.
struct Explain : Statement {
  ATHENA_SQL_STATEMENT(Explain, StatementKind::kExplain)
  bool analyze = false;
  bool verbose = false;
  List<std::string_view> option_names; ///< "FORMAT" / "TYPE"
  List<Identifier> option_values;
  Statement* statement = nullptr;
};

/// `PREPARE name FROM statement`
struct Prepare : Statement {
  ATHENA_SQL_STATEMENT(Prepare, StatementKind::kPrepare)
  Identifier name;
  Statement* statement = nullptr;
};

/// `EXECUTE name [USING args]` / `EXECUTE IMMEDIATE 'sql' [USING args]`
struct Execute : Statement {
  ATHENA_SQL_STATEMENT(Execute, StatementKind::kExecute)
  Identifier name;
  Literal* immediate = nullptr;
  List<Expr*> args;
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
  PartitionSpec* partition = nullptr;
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
};

/// SHOW statements. `target` is the object shown (table for COLUMNS/PARTITIONS/CREATE/STATS),
/// `in_name` the FROM/IN scope; `pattern` a LIKE pattern or Hive's bare pattern string.
struct Show : Statement {
  ATHENA_SQL_STATEMENT(Show, StatementKind::kShow)
  ShowKind show = ShowKind::kTables;
  QualifiedName target;
  QualifiedName in_name;
  bool in_keyword = false; ///< written IN rather than FROM
  Literal* pattern = nullptr;
  bool like_keyword = false;
  Literal* escape = nullptr;
  Literal* property = nullptr; ///< SHOW TBLPROPERTIES t ('key')
  PartitionSpec* partition = nullptr;
  Query* query = nullptr; ///< SHOW STATS FOR (query)
  bool extended = false;
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
  QualifiedName name;
  Expr* where = nullptr;
  List<Property*> properties;
  bool has_properties = false;
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
  List<Identifier> privileges;  ///< as written: SELECT, INSERT, ... or role names
  std::string_view object_kind; ///< "SCHEMA", "TABLE" or empty
  QualifiedName object;
  List<Principal> grantees;
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
  Expr* value = nullptr;
  List<Expr*> args;
  List<std::string_view> modes;
};

} // namespace athena::sql
