// dbt-athena's statement sequences (table, table with `ha`, Iceberg table rebuild, incremental
// append / insert_overwrite / merge, view), built around a dbt template's single statement.
#include "samples/generator/dbt_runs.h"

#include <string>

namespace athena::samplegen {
namespace {

enum class Materialization { kView, kAppend, kInsertOverwrite, kMerge, kTable, kTableHa, kIceberg };

Materialization materialization(std::string_view name, const Statement& model, const Table& t) {
  if (model.kind == Kind::kCreateView) return Materialization::kView;
  if (model.kind == Kind::kMerge) return Materialization::kMerge;
  if (model.kind == Kind::kCtas) {
    if (name == "dbt.stg_products") return Materialization::kTableHa;
    if (name == "dbt.dim_products") return Materialization::kIceberg;
    return Materialization::kTable;
  }
  return t.partitions.empty() ? Materialization::kAppend : Materialization::kInsertOverwrite;
}

std::string relation(const Table& t, std::string_view suffix = "") {
  return dbt_relation(t, suffix);
}

std::string hive(const Table& t, std::string_view suffix = "") {
  return dbt_hive_name(t, suffix);
}

/// A DDL statement on `t` (or one of its temporary relations, which stands for it).
Statement ddl(Kind kind, const Table& t, std::string sql) {
  Statement s;
  s.kind = kind;
  s.sql = std::move(sql);
  s.writes.insert(t.qualified());
  s.scan_scale_log2 = 0;
  if (kind == Kind::kAlterTable) s.substatement = "ALTER_TABLE";
  return s;
}

/// A statement reading the temporary relation of `t` (standing for `t`) and writing `t` when
/// `writes`.
Statement from_temp(Kind kind, const Table& t, std::string sql, bool writes, int64_t scale) {
  Statement s;
  s.kind = kind;
  s.sql = std::move(sql);
  s.reads.insert(t.qualified());
  if (writes) s.writes.insert(t.qualified());
  s.scan_scale_log2 = scale;
  return s;
}

/// The model's SELECT: what follows INSERT INTO's target line, CTAS's AS line, or the
/// parenthesised source of a MERGE.
std::string model_select(const Statement& model) {
  const std::string& sql = model.sql;
  if (model.kind == Kind::kInsert) return sql.substr(sql.find('\n') + 1);
  if (model.kind == Kind::kCtas) return sql.substr(sql.find("\nAS\n") + 4);
  const size_t open = sql.find("USING (\n") + 8;
  const size_t close = sql.rfind("\n)", sql.find("\nON t."));
  return sql.substr(open, close - open);
}

std::string column_list(const Table& t, std::string_view prefix = "") {
  std::string out;
  auto add = [&](const std::vector<Column>& cols) {
    for (const auto& c : cols) {
      if (!out.empty()) out += ", ";
      out += std::string(prefix) + "\"" + c.name + "\"";
    }
  };
  add(t.columns);
  add(t.partitions);
  return out;
}

/// `create table <relation> with (<properties>) as <select>`, as dbt's create_table_as writes it.
std::string create_table_as(const std::string& relation, const std::vector<std::string>& props,
                            const std::string& select) {
  std::string sql = "create table\n    " + relation + "\n\n    with (";
  for (size_t i = 0; i < props.size(); ++i)
    sql += "\n      " + props[i] + (i + 1 < props.size() ? "," : "");
  return sql + "\n    )\n  as\n    " + select;
}

} // namespace

std::string dbt_relation(const Table& t, std::string_view suffix) {
  return "\"" + std::string(kCatalog) + "\".\"" + t.database + "\".\"" + t.name +
         std::string(suffix) + "\"";
}

std::string dbt_hive_name(const Table& t, std::string_view suffix) {
  return "`" + t.database + "`.`" + t.name + std::string(suffix) + "`";
}

std::vector<Statement> dbt_run(std::string_view template_name, Statement model) {
  const std::string& target = *model.writes.begin();
  const size_t dot = target.rfind('.');
  const size_t db_dot = target.rfind('.', dot - 1);
  const Table& t =
      Lake::get().table(target.substr(db_dot + 1, dot - db_dot - 1), target.substr(dot + 1));
  const Materialization m = materialization(template_name, model, t);
  if (m == Materialization::kView || m == Materialization::kTable) {
    std::vector<Statement> out;
    if (m == Materialization::kTable)
      out.push_back(ddl(Kind::kDropTable, t, "drop table if exists " + hive(t)));
    out.push_back(std::move(model));
    return out;
  }
  const std::string select = model_select(model);
  const int64_t scale = model.scan_scale_log2;
  std::vector<Statement> out;
  Statement build = std::move(model); // its truth: the model's reads, writes and column edges
  build.kind = Kind::kCtas;
  build.substatement = {};
  if (m == Materialization::kTableHa) {
    // Hive with `ha`: the new data under x__ha, swapped into x through Glue (not Athena).
    build.write_location.clear();
    build.sql = create_table_as(relation(t, "__ha"), {"format='parquet'"}, select);
    out.push_back(std::move(build));
    return out;
  }
  if (m == Materialization::kIceberg) {
    out.push_back(ddl(Kind::kDropTable, t, "drop table if exists " + hive(t, "__ha")));
    out.push_back(ddl(Kind::kDropTable, t, "drop table if exists " + hive(t, "__bkp")));
    build.sql = create_table_as(relation(t, "__ha"),
                                {"table_type='iceberg'", "is_external=false",
                                 "location='" + build.write_location + "'", "format='parquet'"},
                                select);
    out.push_back(std::move(build));
    out.push_back(
        ddl(Kind::kAlterTable, t, "alter table " + hive(t) + " rename to " + hive(t, "__bkp")));
    out.push_back(
        ddl(Kind::kAlterTable, t, "alter table " + hive(t, "__ha") + " rename to " + hive(t)));
    out.push_back(ddl(Kind::kDropTable, t, "drop table " + hive(t, "__bkp")));
    return out;
  }
  // Incremental: the new rows in x__dbt_tmp, then moved into x, then x__dbt_tmp dropped. (The
  // macros end the INSERT and the partition query with `;`, which the sample leaves out: its
  // injected syntax errors append to a single statement.)
  const std::string tmp = relation(t, "__dbt_tmp");
  out.push_back(ddl(Kind::kDropTable, t, "drop table if exists " + hive(t, "__dbt_tmp")));
  std::vector<std::string> props;
  if (!t.partitions.empty())
    props.push_back("partitioned_by=ARRAY['" + t.partitions[0].name + "']");
  props.push_back("format='parquet'");
  build.write_location.clear();
  build.sql = create_table_as(tmp, props, select);
  out.push_back(std::move(build));
  const std::string cols = column_list(t);
  if (m == Materialization::kInsertOverwrite) {
    // The partitions to replace (then deleted through Glue and S3, not Athena).
    out.push_back(from_temp(Kind::kSelect, t,
                            "select distinct " + t.partitions[0].name + " from " + tmp, false,
                            scale - 4));
  }
  if (m == Materialization::kMerge) {
    const std::string key = t.columns[0].name;
    std::string sql = "merge into " + relation(t) + " as target using " + tmp +
                      " as src\n      on (target." + key + " = src." + key +
                      ")\n      when matched\n        then update set";
    for (size_t i = 1; i < t.columns.size(); ++i) {
      const std::string c = "\"" + t.columns[i].name + "\"";
      sql += "\n            " + c + " = src." + c + (i + 1 < t.columns.size() ? "," : "");
    }
    sql += "\n      when not matched\n        then insert (" + cols + ")\n         values (" +
           column_list(t, "src.") + ")";
    out.push_back(from_temp(Kind::kMerge, t, std::move(sql), true, scale - 2));
  } else {
    out.push_back(from_temp(Kind::kInsert, t,
                            "insert into " + relation(t) + " (" + cols +
                                ")\n    (\n       select " + cols + "\n       from " + tmp +
                                "\n    )",
                            true, scale - 2));
  }
  out.push_back(ddl(Kind::kDropTable, t, "drop table if exists " + hive(t, "__dbt_tmp")));
  return out;
}

} // namespace athena::samplegen
