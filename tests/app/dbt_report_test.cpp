// `report --dbt-manifest`: a hand-written manifest (dbt's v12 fields) against a small dbt
// history (testdata/dbt), in every report format; the manifest reader's relations, its errors
// naming the JSON path, and a large generated manifest.
#include <string>

#include <gtest/gtest.h>
#include <simdjson.h>

#include "src/report/dbt_manifest.h"
#include "tests/support/test_support.h"

namespace athena::report {
namespace {

using athena::testing::read_file;
using athena::testing::run_shell;
using athena::testing::shell_quote;

std::filesystem::path testdata() {
  return athena::testing::source_dir() / "tests/app/testdata/dbt";
}

TEST(DbtManifest, RelationsOfModelsSourcesSeedsAndNoneForEphemeralOrTests) {
  const util::Result<DbtManifest> r = load_dbt_manifest(testdata() / "manifest.json");
  ASSERT_TRUE(r) << r.error();
  const auto& nodes = r->nodes;
  ASSERT_EQ(nodes.size(), 12u);
  EXPECT_EQ(nodes.at("model.shop.stg_orders").relation, "awsdatacatalog.staging.stg_orders");
  EXPECT_EQ(nodes.at("model.shop.stg_orders").depends_on,
            std::vector<std::string>{"source.shop.raw.orders"});
  EXPECT_EQ(nodes.at("model.shop.int_order_items").relation, "");
  EXPECT_EQ(nodes.at("model.shop.int_order_items").materialized, "ephemeral");
  EXPECT_EQ(nodes.at("test.shop.not_null_fct_orders_id.5b1c").relation, "");
  // No relation_name: database.schema.alias (identifier for sources).
  EXPECT_EQ(nodes.at("seed.shop.country_codes").relation, "awsdatacatalog.seeds.country_codes");
  EXPECT_EQ(nodes.at("source.shop.raw.order_items").relation, "awsdatacatalog.raw.order_items");
  EXPECT_EQ(nodes.at("model.shop.fct_orders").depends_on.size(), 3u);

  EXPECT_EQ(normalize_relation_name("\"AwsDataCatalog\".\"Marts\".\"Fct\"", "x"),
            "awsdatacatalog.marts.fct");
  EXPECT_EQ(normalize_relation_name("marts.fct", "awsdatacatalog"), "awsdatacatalog.marts.fct");
  EXPECT_EQ(normalize_relation_name("`a`.`b.c`.`d`", "x"), "a.b.c.d");
  EXPECT_EQ(normalize_relation_name("fct", "x"), "");
  EXPECT_EQ(normalize_relation_name("\"a\".\"b", "x"), "");
}

TEST(DbtManifest, BadManifestsNameTheJsonPath) {
  auto error = [](std::string_view json) {
    const util::Result<DbtManifest> r = parse_dbt_manifest(json, "m.json");
    return r ? std::string("(read)") : r.error();
  };
  EXPECT_EQ(error(R"({"nodes": {"model.a.b": {"resource_type": "model",
      "depends_on": {"nodes": ["model.a.c", 7]}}}})"),
            "m.json: nodes[\"model.a.b\"].depends_on.nodes[1]: expected a string, found a "
            "number");
  EXPECT_EQ(error(R"({"nodes": {"model.a.b": {"resource_type": "model", "schema": 3}}})"),
            "m.json: nodes[\"model.a.b\"].schema: expected a string or null, found a number");
  EXPECT_EQ(error(R"({"nodes": [], "sources": {}})"),
            "m.json: nodes: expected an object or null, found an array");
  EXPECT_EQ(error(R"({"sources": {"source.a.b.c": "x"}, "nodes": {}})"),
            "m.json: sources[\"source.a.b.c\"]: expected an object, found a string");
  EXPECT_EQ(error(R"({"nodes": {"model.a.b": {"name": "b"}}})"),
            "m.json: nodes[\"model.a.b\"].resource_type: required key is missing");
  EXPECT_EQ(error(R"({"nodes": {"model.a.b": {"resource_type": "model",
      "relation_name": "just_a_name"}}})"),
            "m.json: nodes[\"model.a.b\"].relation_name: expected a relation name "
            "(catalog.schema.table), found \"just_a_name\"");
  EXPECT_EQ(error(R"({"metadata": {}})"),
            "m.json: nodes: required key is missing (is this dbt's manifest.json?)");
  EXPECT_EQ(error("[1]"), "m.json: $: expected an object");
  const std::string truncated = error(R"({"nodes": {"model.a.b": {"resource_type": "mo)");
  EXPECT_EQ(truncated.rfind("m.json: ", 0), 0u) << truncated;
  EXPECT_NE(truncated.find("invalid JSON ("), std::string::npos) << truncated;
  const util::Result<DbtManifest> missing = load_dbt_manifest("/nonexistent/manifest.json");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().rfind("/nonexistent/manifest.json: cannot read the dbt manifest (", 0),
            0u);
}

/// 60 MB of manifest, most of it the code and column documentation a real one carries: the
/// reader keeps five fields a node and must not trip over the rest.
TEST(DbtManifest, LargeGeneratedManifest) {
  const std::string code(12000, 'x');
  std::string json = R"({"metadata": {"dbt_schema_version": "v12"}, "nodes": {)";
  constexpr int kModels = 5000;
  json.reserve(static_cast<size_t>(kModels) * (code.size() + 400));
  for (int i = 0; i < kModels; ++i) {
    const std::string id = "model.big.m" + std::to_string(i);
    json += (i > 0 ? "," : "") +
            ("\"" + id + "\": {\"resource_type\": \"model\", \"raw_code\": \"") + code +
            R"(", "columns": {"id": {"name": "id", "description": "the key"}}, )" +
            R"("schema": "big", "alias": "m)" + std::to_string(i) +
            R"(", "database": "awsdatacatalog", "depends_on": {"nodes": [)" +
            (i > 0 ? "\"model.big.m" + std::to_string(i - 1) + "\"" : std::string()) + "]}}";
  }
  json += "}}";
  ASSERT_GT(json.size(), 55u << 20);
  const util::Result<DbtManifest> r = parse_dbt_manifest(json, "big.json");
  ASSERT_TRUE(r) << r.error();
  ASSERT_EQ(r->nodes.size(), static_cast<size_t>(kModels));
  EXPECT_EQ(r->nodes.at("model.big.m4999").relation, "awsdatacatalog.big.m4999");
  EXPECT_EQ(r->nodes.at("model.big.m4999").depends_on, std::vector<std::string>{"model.big.m4998"});
}

class DbtReport : public ::testing::Test {
protected:
  void SetUp() override {
    const auto r = run_shell(binary_ + " analyze --db " + db_ + " " +
                             shell_quote((testdata() / "history.jsonl").string()));
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  }
  std::string report(const std::string& format) {
    // From the manifest's folder, so the path (and the text's column widths) never change.
    const auto r =
        run_shell("cd " + shell_quote(testdata().string()) + " && " + binary_ + " report --db " +
                  db_ + " --format " + format + " --dbt-manifest manifest.json");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out;
  }
  /// The output from `marker` on.
  static std::string from(const std::string& text, const std::string& marker) {
    const size_t at = text.find(marker);
    if (at == std::string::npos) return "(no " + marker + ")\n" + text;
    return text.substr(at);
  }

  athena::testing::TempDir tmp_;
  std::string binary_ = shell_quote((athena::testing::binary_dir() / "athena-lineage").string());
  std::string db_ = shell_quote((tmp_.path() / "dbt.db").string());
};

TEST_F(DbtReport, TextAndMarkdownSections) {
  athena::testing::expect_golden(testdata() / "report_dbt.txt",
                                 from(report("text"), "== dbt: declared vs observed =="));
  athena::testing::expect_golden(testdata() / "report_dbt.md",
                                 from(report("markdown"), "## dbt: declared vs observed"));
}

TEST_F(DbtReport, JsonPerModel) {
  const std::string json = report("json");
  EXPECT_EQ(from(json, "\"dbt\":"),
            R"("dbt":{"manifest":"manifest.json","models":6,"models_built":5,"findings":[)"
            R"({"model":"model.shop.fct_orders","relation":"awsdatacatalog.marts.fct_orders",)"
            R"("queries":1,"undeclared_reads":[{"table":"awsdatacatalog.raw.payments",)"
            R"("queries":1}],"unobserved_dependencies":["awsdatacatalog.staging.stg_customers"]}],)"
            R"("unread_models":[{"model":"model.shop.dim_customers",)"
            R"("relation":"awsdatacatalog.marts.dim_customers","builds":3,)"
            R"("bytes_scanned":1100585369600,"build_cost_usd":5.00488},)"
            R"({"model":"model.shop.old_report","relation":"awsdatacatalog.marts.old_report",)"
            R"("builds":0,"bytes_scanned":0,"build_cost_usd":0.00000},)"
            R"({"model":"model.shop.v_orders","relation":"awsdatacatalog.staging.v_orders",)"
            R"("builds":1,"bytes_scanned":0,"build_cost_usd":0.00000}],)"
            R"("unknown_nodes":["model.shop.legacy"]}})"
            "\n");
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(json).get(doc), simdjson::SUCCESS);
  // Without the flag the report has no dbt key.
  const auto plain = run_shell(binary_ + " report --format json --db " + db_);
  EXPECT_EQ(plain.out.find("\"dbt\":{"), std::string::npos);
  EXPECT_NE(plain.out.find("\"lineage\":"), std::string::npos);
}

TEST_F(DbtReport, CsvAndHtmlSections) {
  const std::string csv = report("csv");
  EXPECT_NE(
      csv.find("section,model,table,queries\r\n"
               "dbt_undeclared_reads,model.shop.fct_orders,awsdatacatalog.raw.payments,1\r\n"),
      std::string::npos)
      << csv;
  EXPECT_NE(csv.find("dbt_unread_models,model.shop.dim_customers,awsdatacatalog.marts.dim_"
                     "customers,3,1100585369600,5.00488\r\n"),
            std::string::npos)
      << csv;
  const std::string html = report("html");
  for (const char* title : {"dbt: tables read without ref() or source()",
                            "dbt: declared dependencies not read in the window",
                            "dbt: models whose relation nothing reads (candidates to delete)"}) {
    EXPECT_NE(html.find(title), std::string::npos) << title;
  }
  EXPECT_NE(html.find("awsdatacatalog.staging.stg_customers"), std::string::npos);
}

TEST_F(DbtReport, BadManifestIsStatus2WithThePath) {
  const std::string bad = (tmp_.path() / "bad.json").string();
  athena::testing::write_file(bad, R"({"nodes": {"model.a.b": {"resource_type": 1}}})");
  const auto r = run_shell(binary_ + " report --db " + db_ + " --dbt-manifest " + shell_quote(bad));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "athena-lineage: error: " + bad +
                       ": nodes[\"model.a.b\"].resource_type: expected a string or null, found a "
                       "number\n");
}

} // namespace
} // namespace athena::report
