// dbt-athena's statement sequences for seeds and snapshots (tests/app/testdata/dbt/
// materializations.md): the seed `staging.country_codes`, loaded from its uploaded CSV; the
// Hive snapshot `marts.orders_snapshot`, rebuilt through `__dbt_tmp` and `__dbt_tmp_1`; the
// Iceberg snapshot `marts.customers_snapshot`, merged into from `__dbt_tmp`. Steps dbt takes
// through Glue or S3 (uploads, dropping Hive tables) are not Athena statements and are left out.
#include <cinttypes>
#include <cstdio>
#include <string>

#include "samples/generator/dbt_runs.h"

namespace athena::samplegen {
namespace {

/// A statement of a seed's or snapshot's run; its truth names `t` for every temporary relation.
Statement make(Kind kind, std::string_view resource, const Table& t, std::string sql,
               int64_t scale) {
  Statement s;
  s.kind = kind;
  s.sql = std::move(sql);
  s.writes.insert(t.qualified());
  s.scan_scale_log2 = scale;
  s.dbt_resource = resource;
  return s;
}

/// The S3 prefix dbt-athena picks for a relation with `s3_data_naming: unique`: a UUID under
/// the profile's `s3_data_dir`, here derived from the day and a salt.
std::string unique_location(const Env& env, uint64_t salt) {
  uint64_t state = static_cast<uint64_t>(env.day) * 0x9E3779B97F4A7C15ULL + salt;
  const uint64_t a = splitmix64(state);
  const uint64_t b = splitmix64(state);
  char buf[64];
  std::snprintf(buf, sizeof buf,
                "%08" PRIx64 "-%04" PRIx64 "-4%03" PRIx64 "-%04" PRIx64 "-%012" PRIx64, a >> 32,
                (a >> 16) & 0xffff, a & 0xfff, (b >> 48 & 0x3fff) | 0x8000,
                b & uint64_t{0xffffffffffff});
  return "s3://acme-lake-curated/dbt/" + std::string(buf) + "/";
}

/// `create table <relation> with (<properties>) as <select>`, as create_table_as writes it.
std::string create_table_as(const std::string& relation, const std::string& props,
                            const std::string& select) {
  return "create table\n    " + relation + "\n\n    with (\n      " + props + "\n    )\n  as\n" +
         select;
}

/// `dbt seed`, uploaded (the default): the CSV goes to S3 and an external table of strings
/// over it is cast into the seed's table.
std::vector<Statement> seed_run(const Env& env) {
  const Table& t = Lake::get().table("staging", "country_codes");
  const std::string csv = unique_location(env, 1);
  std::string columns, casts;
  for (const auto& c : t.columns) {
    if (!columns.empty()) {
      columns += ", ";
      casts += ",\n";
    }
    columns += "`" + c.name + "` string";
    const std::string type = c.type == "string" ? "varchar" : c.type;
    casts +=
        "              cast(nullif(\"" + c.name + "\", '') as " + type + ") as \"" + c.name + "\"";
  }
  std::vector<Statement> out;
  Statement external =
      make(Kind::kCreateExternalTable, "seed", t,
           "create external table " + dbt_hive_name(t, "__dbt_tmp") + " (" + columns +
               ")\n    row format serde "
               "'org.apache.hadoop.hive.serde2.OpenCSVSerde'\n    location '" +
               csv +
               "'\n    tblproperties (\n      'skip.header.line.count'='1'\n"
               "    )",
           0);
  external.read_location = csv;
  out.push_back(std::move(external));
  Statement load = make(Kind::kCtas, "seed", t,
                        create_table_as(dbt_relation(t), "format='parquet'",
                                        "    select\n" + casts + "\n    from\n        " +
                                            dbt_relation(t, "__dbt_tmp")),
                        14);
  load.reads.insert(t.qualified());
  out.push_back(std::move(load));
  return out;
}

/// The snapshot's select over `staging.stg_orders`, with dbt's columns.
constexpr std::string_view kOrdersSource =
    "select order_id, customer_id, status, total_amount_usd, order_ts from {0}\n"
    "            where order_date >= DATE '{1}'";

/// `dbt snapshot` of a Hive snapshot (timestamp strategy on order_ts): the changed rows in
/// `x__dbt_tmp`, the new table in `x__dbt_tmp_1`, then `x` dropped and rebuilt from it.
std::vector<Statement> hive_snapshot_run(const Env& env) {
  const Table& t = Lake::get().table("marts", "orders_snapshot");
  const Table& src = Lake::get().table("staging", "stg_orders");
  const std::string x = dbt_relation(t);
  const std::string tmp = dbt_relation(t, "__dbt_tmp");
  const std::string tmp1 = dbt_relation(t, "__dbt_tmp_1");
  const std::string source = subst(kOrdersSource, {dbt_relation(src), day_offset(env, -30)});
  std::vector<Statement> out;
  Statement staging = make(Kind::kCtas, "snapshot", t,
                           create_table_as(tmp, "format='parquet'",
                                           subst(R"(    with snapshot_query as (
            {0}
        )
        , snapshotted_data_base as (
            select *
              , ROW_NUMBER() OVER (
                  PARTITION BY dbt_unique_key
                  ORDER BY dbt_valid_from DESC
                ) as dbt_snapshot_rn
            from {1}
        )
        , snapshotted_data as (
            select *
            from snapshotted_data_base
            where dbt_snapshot_rn = 1
              AND dbt_change_type != 'delete'
        )
        , source_data as (
            select *
              , order_id as dbt_unique_key
              , order_ts as dbt_valid_from
              , to_hex(md5(to_utf8(coalesce(cast(order_id as varchar ), '') || '|' || coalesce(cast(order_ts as varchar ), '')))) as dbt_scd_id
            from snapshot_query
        )
        , upserts as (
            select source_data.*
              , case
                  when snapshotted_data.dbt_unique_key IS NULL THEN 'insert'
                  else 'update'
                end as dbt_change_type
              , CAST('9999-01-01' AS timestamp) as dbt_valid_to
              , True as is_current_record
            from source_data
            LEFT join snapshotted_data
                   on snapshotted_data.dbt_unique_key = source_data.dbt_unique_key
            where snapshotted_data.dbt_unique_key IS NULL
               OR (
                    snapshotted_data.dbt_unique_key IS NOT NULL
                AND (
                    (snapshotted_data.dbt_valid_from < source_data.order_ts)
                )
            )
        )
        select * from upserts)",
                                                 {source, x})),
                           26);
  staging.reads = {src.qualified(), t.qualified()};
  out.push_back(std::move(staging));
  // The staging table's columns, then when each row was snapshotted.
  const std::string cols = "order_id, customer_id, status, total_amount_usd, order_ts, "
                           "dbt_unique_key, dbt_valid_from, dbt_scd_id, dbt_change_type, "
                           "dbt_valid_to, is_current_record";
  Statement rebuilt = make(Kind::kCtas, "snapshot", t,
                           create_table_as(tmp1, "format='parquet'",
                                           subst(R"(      select
          {0}
        ,dbt_snapshot_at
      from {1}
      where dbt_unique_key NOT IN ( select dbt_unique_key from {2} )
      union all
      select
          tgt.order_id, tgt.customer_id, tgt.status, tgt.total_amount_usd, tgt.order_ts,
          tgt.dbt_unique_key, tgt.dbt_valid_from, tgt.dbt_scd_id, tgt.dbt_change_type,
          case
          when tgt.is_current_record
          THEN
            src.order_ts
          else tgt.dbt_valid_to
          end as dbt_valid_to,
          False as is_current_record
        ,
            tgt.order_ts as dbt_snapshot_at
      from {1} tgt
      join {2} src
      on tgt.dbt_unique_key = src.dbt_unique_key
      union all
      select
          {0}
        ,order_ts as dbt_snapshot_at
      from {2})",
                                                 {cols, x, tmp})),
                           25);
  rebuilt.reads.insert(t.qualified());
  out.push_back(std::move(rebuilt));
  out.push_back(
      make(Kind::kDropTable, "snapshot", t, "drop table if exists " + dbt_hive_name(t), 0));
  Statement swap = make(Kind::kCtas, "snapshot", t,
                        create_table_as(x, "format='parquet'", "    select * from " + tmp1), 25);
  swap.reads.insert(t.qualified());
  out.push_back(std::move(swap));
  out.push_back(make(Kind::kDropTable, "snapshot", t,
                     "drop table if exists " + dbt_hive_name(t, "__dbt_tmp_1"), 0));
  out.push_back(make(Kind::kDropTable, "snapshot", t,
                     "drop table if exists " + dbt_hive_name(t, "__dbt_tmp"), 0));
  return out;
}

/// `dbt snapshot` of an Iceberg snapshot (timestamp strategy on updated_at): insertions and
/// updates staged in `x__dbt_tmp`, merged into `x` on dbt_scd_id.
std::vector<Statement> iceberg_snapshot_run(const Env& env) {
  const Table& t = Lake::get().table("marts", "customers_snapshot");
  const Table& src = Lake::get().table("staging", "stg_customers");
  const std::string x = dbt_relation(t);
  const std::string tmp = dbt_relation(t, "__dbt_tmp");
  const std::string location = unique_location(env, 2);
  std::vector<Statement> out;
  Statement staging =
      make(Kind::kCtas, "snapshot", t,
           create_table_as(tmp,
                           "table_type='iceberg',\n      is_external=false,\n      location='" +
                               location + "',\n      format='parquet'",
                           subst(R"(        with snapshot_query as (

            select customer_id, email_hash, country, is_opted_in, updated_at from {0}

        ),

        snapshotted_data as (

            select *,
                customer_id as dbt_unique_key

            from {1}
            where dbt_valid_to is null

        ),

        insertions_source_data as (

            select
                *,
                customer_id as dbt_unique_key,
                updated_at as dbt_updated_at,
                updated_at as dbt_valid_from,
                nullif(updated_at, updated_at) as dbt_valid_to,
                to_hex(md5(to_utf8(coalesce(cast(customer_id as varchar ), '') || '|' || coalesce(cast(updated_at as varchar ), '')))) as dbt_scd_id

            from snapshot_query
        ),

        updates_source_data as (

            select
                *,
                customer_id as dbt_unique_key,
                updated_at as dbt_updated_at,
                updated_at as dbt_valid_from,
                updated_at as dbt_valid_to

            from snapshot_query
        ),

        insertions as (

            select
                'insert' as dbt_change_type,
                source_data.*

            from insertions_source_data as source_data
            left outer join snapshotted_data on snapshotted_data.dbt_unique_key = source_data.dbt_unique_key
            where snapshotted_data.dbt_unique_key is null
               or (
                    snapshotted_data.dbt_unique_key is not null
                and (
                    (snapshotted_data.dbt_valid_from < source_data.updated_at)
                )
            )

        ),

        updates as (

            select
                'update' as dbt_change_type,
                source_data.*,
                snapshotted_data.dbt_scd_id

            from updates_source_data as source_data
            join snapshotted_data on snapshotted_data.dbt_unique_key = source_data.dbt_unique_key
            where (
                (snapshotted_data.dbt_valid_from < source_data.updated_at)
            )
        )

        select * from insertions
        union all
        select * from updates)",
                                 {dbt_relation(src), x})),
           25);
  staging.reads = {src.qualified(), t.qualified()};
  staging.write_location = location;
  out.push_back(std::move(staging));
  std::string insert_cols, values;
  for (const auto& c : t.columns) {
    insert_cols += (insert_cols.empty() ? "\"" : ", \"") + c.name + "\"";
    values +=
        (values.empty() ? "DBT_INTERNAL_SOURCE.\"" : ", DBT_INTERNAL_SOURCE.\"") + c.name + "\"";
  }
  Statement merge = make(Kind::kMerge, "snapshot", t,
                         subst(R"(merge into {0} as DBT_INTERNAL_DEST
        using {1} as DBT_INTERNAL_SOURCE
        on DBT_INTERNAL_SOURCE.dbt_scd_id = DBT_INTERNAL_DEST.dbt_scd_id

        when matched
         and DBT_INTERNAL_DEST.dbt_valid_to is null
         and DBT_INTERNAL_SOURCE.dbt_change_type in ('update', 'delete')
            then update
            set dbt_valid_to = DBT_INTERNAL_SOURCE.dbt_valid_to

        when not matched
         and DBT_INTERNAL_SOURCE.dbt_change_type = 'insert'
            then insert ({2})
            values ({3}))",
                               {x, tmp, insert_cols, values}),
                         23);
  merge.reads.insert(t.qualified());
  out.push_back(std::move(merge));
  out.push_back(make(Kind::kDropTable, "snapshot", t,
                     "drop table if exists " + dbt_hive_name(t, "__dbt_tmp"), 0));
  return out;
}

} // namespace

std::vector<Statement> dbt_seed_or_snapshot_run(const Env& env) {
  switch (env.day % 3) {
  case 0:
    return seed_run(env);
  case 1:
    return hive_snapshot_run(env);
  default:
    return iceberg_snapshot_run(env);
  }
}

} // namespace athena::samplegen
