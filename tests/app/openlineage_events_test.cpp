// OpenLineage events from stored runs: run ids, dataset and job naming, the endpoint, the
// transformation mapping, and the exact events of hand-made runs (golden file).
#include <map>
#include <string>

#include <gtest/gtest.h>

#include "src/openlineage/column_lineage.h"
#include "src/openlineage/events.h"
#include "src/openlineage/naming.h"
#include "src/openlineage/run_id.h"
#include "src/openlineage/sender.h"
#include "tests/support/test_support.h"

namespace athena::openlineage {
namespace {

TEST(OpenLineageRunId, AthenaIdsAreTheRunIdOthersAVersion5Uuid) {
  EXPECT_EQ(run_id_for("36f64f4e-408a-47af-a7a9-a350a64d6af5"),
            "36f64f4e-408a-47af-a7a9-a350a64d6af5");
  EXPECT_EQ(run_id_for("36F64F4E-408A-47AF-A7A9-A350A64D6AF5"),
            "36f64f4e-408a-47af-a7a9-a350a64d6af5");
  // Python: uuid.uuid5(uuid.NAMESPACE_URL, "athena-lineage:query:h-0011...eeff")
  EXPECT_EQ(run_id_for("h-00112233445566778899aabbccddeeff"),
            "202ee518-45a0-5bfc-81c7-dc269bd3efbd");
  // RFC 4122 / Python: uuid.uuid5(uuid.NAMESPACE_DNS, "python.org")
  EXPECT_EQ(uuid_v5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "python.org"),
            "886313e1-3b8a-5372-9b90-0c9aee199e5d");
  EXPECT_FALSE(is_uuid("36f64f4e-408a-47af-a7a9-a350a64d6af"));
  EXPECT_FALSE(is_uuid("36f64f4e_408a-47af-a7a9-a350a64d6af5"));
  EXPECT_FALSE(is_uuid("g6f64f4e-408a-47af-a7a9-a350a64d6af5"));
}

TEST(OpenLineageNaming, TablesInTheAthenaNamespaceS3LocationsByBucketAndPath) {
  DatasetName t = dataset_name("awsdatacatalog.sales.orders", "us-east-1");
  EXPECT_EQ(t.ns, "awsathena://athena.us-east-1.amazonaws.com");
  EXPECT_EQ(t.name, "awsdatacatalog.sales.orders");
  EXPECT_FALSE(t.s3);
  DatasetName s = dataset_name("s3://bars-unload/exports/orders/", "us-east-1");
  EXPECT_EQ(s.ns, "s3://bars-unload");
  EXPECT_EQ(s.name, "exports/orders");
  EXPECT_TRUE(s.s3);
  EXPECT_EQ(stored_name(s), "s3://bars-unload/exports/orders/");
  DatasetName root = dataset_name("s3://bucket/", "eu-west-1");
  EXPECT_EQ(root.ns, "s3://bucket");
  EXPECT_EQ(root.name, "/");
  EXPECT_EQ(stored_name(root), "s3://bucket/");
  EXPECT_EQ(stored_name(t), "awsdatacatalog.sales.orders");
}

TEST(OpenLineageNaming, JobIsTheDbtModelElseWorkgroupAndFingerprint) {
  store::LineageRun run;
  run.workgroup = "etl";
  run.fingerprint = 0x00ab00cd00ef0012ULL;
  EXPECT_EQ(job_name(run), "etl.00ab00cd00ef0012");
  run.fingerprint = 0xfedcba9876543210ULL;
  EXPECT_EQ(job_name(run), "etl.fedcba9876543210");
  run.dbt_model = "model.lake.fct_orders";
  EXPECT_EQ(job_name(run), "lake.fct_orders");
  run.dbt_model = "snapshot.lake.orders_snapshot";
  EXPECT_EQ(job_name(run), "lake.orders_snapshot");
}

TEST(OpenLineageEndpoint, MarquezPathWhenTheUrlHasNone) {
  EXPECT_EQ(lineage_endpoint("http://marquez:5000"), "http://marquez:5000/api/v1/lineage");
  EXPECT_EQ(lineage_endpoint("http://marquez:5000/"), "http://marquez:5000/api/v1/lineage");
  EXPECT_EQ(lineage_endpoint("https://m.example.com?x=1"),
            "https://m.example.com/api/v1/lineage?x=1");
  EXPECT_EQ(lineage_endpoint("https://gw.example.com/openapi/openlineage/"),
            "https://gw.example.com/openapi/openlineage/");
  EXPECT_EQ(endpoint_key("https://user:pw@m.example.com/api/v1/lineage?token=s"),
            "https://m.example.com/api/v1/lineage");
  EXPECT_EQ(endpoint_key("http://127.0.0.1:5000/api/v1/lineage"),
            "http://127.0.0.1:5000/api/v1/lineage");
}

TEST(OpenLineageTransformations, DerivationsAndClausesMapAsDocumented) {
  auto t = [](std::string_view transform, bool condition) {
    Transformation x = edge_transformation(transform, condition);
    return std::string(x.type) + "/" + std::string(x.subtype);
  };
  EXPECT_EQ(t("identity", false), "DIRECT/IDENTITY");
  EXPECT_EQ(t("expression", false), "DIRECT/TRANSFORMATION");
  EXPECT_EQ(t("aggregation", false), "DIRECT/AGGREGATION");
  EXPECT_EQ(t("window", false), "DIRECT/WINDOW");
  EXPECT_EQ(t("identity", true), "INDIRECT/CONDITIONAL");
  EXPECT_EQ(t("aggregation", true), "INDIRECT/CONDITIONAL");
  EXPECT_EQ(clause_subtype("where"), "FILTER");
  EXPECT_EQ(clause_subtype("having"), "FILTER");
  EXPECT_EQ(clause_subtype("join"), "JOIN");
  EXPECT_EQ(clause_subtype("group_by"), "GROUP_BY");
  EXPECT_EQ(clause_subtype("order_by"), "SORT");
  EXPECT_EQ(clause_subtype("window"), "WINDOW");
  EXPECT_EQ(clause_subtype("select"), "");
  EXPECT_EQ(clause_subtype("other"), "");
}

store::LineageRun insert_run() {
  store::LineageRun r;
  r.id = "36f64f4e-408a-47af-a7a9-a350a64d6af5";
  r.state = "SUCCEEDED";
  r.submitted_ms = 1793491483292;
  r.completed_ms = 1793491487500;
  r.statement_kind = "insert";
  r.workgroup = "etl";
  r.engine_version = "Athena engine version 3";
  r.fingerprint = 0x1234;
  r.query = "INSERT INTO mart.daily SELECT day, sum(amount) FROM raw.orders o JOIN raw.fx f ON "
            "f.c = o.c WHERE o.ok GROUP BY day";
  r.reads = {"awsdatacatalog.raw.fx", "awsdatacatalog.raw.orders"};
  r.writes = {"awsdatacatalog.mart.daily"};
  const std::string orders = "awsdatacatalog.raw.orders";
  const std::string daily = "awsdatacatalog.mart.daily";
  r.column_edges = {
      {{orders, "amount"}, {daily, "total"}, "aggregation", false},
      {{orders, "day"}, {daily, "day"}, "identity", false},
      {{orders, "kind"}, {daily, "total"}, "aggregation", true},
  };
  r.column_reads = {{{"awsdatacatalog.raw.fx", "c"}, "join"},
                    {{orders, "c"}, "join"},
                    {{orders, "day"}, "group_by"},
                    {{orders, "day"}, "select"},
                    {{orders, "ok"}, "where"}};
  return r;
}

TEST(OpenLineageEvents, StartThenEndWithFacetsAsGolden) {
  std::map<std::string, store::TableColumns> columns = {
      {"awsdatacatalog.mart.daily", {{"day", "date"}, {"total", "decimal(12,2)"}}},
      {"awsdatacatalog.raw.orders", {{"day", ""}, {"amount", ""}}}};
  EventContext ctx;
  ctx.region = "eu-west-1";
  ctx.columns = &columns;
  std::string all;
  store::LineageRun ok = insert_run();
  store::LineageRun failed = insert_run();
  failed.id = "h-00112233445566778899aabbccddeeff";
  failed.state = "FAILED";
  failed.error_message = "TABLE_NOT_FOUND: line 1:8: Table 'x' does not exist";
  failed.column_edges.clear();
  store::LineageRun cancelled = insert_run();
  cancelled.state = "CANCELLED";
  cancelled.dbt_model = "model.lake.daily";
  cancelled.completed_ms.reset();
  cancelled.reads.clear();
  cancelled.writes = {"s3://bars-unload/exports/orders/"};
  ctx.job_namespace = "prod";
  for (const auto* run : {&ok, &failed, &cancelled}) {
    const auto events = build_events(*run, ctx);
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[0].event_type, "START");
    for (const auto& e : events)
      all += e.event_type + " " + e.run_id + " " + e.event_time + "\n" + e.body + "\n";
    // Deterministic: the same run gives the same bytes.
    EXPECT_EQ(build_events(*run, ctx)[1].body, events[1].body);
  }
  testing::expect_golden(testing::source_dir() / "tests/app/testdata/openlineage/events.txt", all);
}

TEST(OpenLineageEvents, ColumnLineageAloneWhenNoSchemaIsKnown) {
  EventContext ctx;
  ctx.region = "us-east-1";
  ctx.job_namespace = "default";
  store::LineageRun run = insert_run();
  run.engine_version.clear();
  run.selected_engine_version = "AUTO";
  std::string all;
  for (const auto& e : build_events(run, ctx))
    all += e.event_type + "\n" + e.body + "\n";
  run.column_edges.clear(); // the filter and join columns still give a dataset facet
  all += build_events(run, ctx)[1].body + "\n";
  run.column_reads.clear(); // nothing left: no facets at all
  all += build_events(run, ctx)[1].body + "\n";
  testing::expect_golden(
      testing::source_dir() / "tests/app/testdata/openlineage/events_no_schema.txt", all);
}

} // namespace
} // namespace athena::openlineage
