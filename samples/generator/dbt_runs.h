#pragma once

#include <vector>

#include "samples/generator/statement.h"
#include "samples/generator/templates.h"

namespace athena::samplegen {

/// The statements dbt-athena sends to build one model once, in order (its materialization's
/// real sequence, with dbt's temporary relations `x__dbt_tmp`, `x__ha`, `x__bkp`; see
/// tests/app/testdata/dbt/materializations.md). `model` is the model's single-statement form
/// (a dbt template's INSERT, MERGE, CTAS or CREATE VIEW); its truth (reads, writes, column
/// edges) names the model relation, and so does every statement's here: a temporary relation
/// stands for its model. Without the comment dbt prepends (the caller adds it).
std::vector<Statement> dbt_run(std::string_view template_name, Statement model);

/// The statements dbt-athena sends for one seed or snapshot, by `env.day` in turn: the seed
/// `staging.country_codes` (its CSV uploaded to S3, read through an external table
/// `country_codes__dbt_tmp` into the seed's table), the Hive snapshot `marts.orders_snapshot`
/// (through `__dbt_tmp` and `__dbt_tmp_1`) or the Iceberg snapshot `marts.customers_snapshot`
/// (a MERGE from `__dbt_tmp`). Their truth names the seed's or snapshot's relation, like
/// dbt_run's; without dbt's comment.
std::vector<Statement> dbt_seed_or_snapshot_run(const Env& env);

/// `"awsdatacatalog"."db"."name<suffix>"`, as dbt renders a relation.
std::string dbt_relation(const Table& t, std::string_view suffix = "");
/// `` `db`.`name<suffix>` ``, as dbt renders a relation in Hive DDL.
std::string dbt_hive_name(const Table& t, std::string_view suffix = "");

} // namespace athena::samplegen
