// The declared-vs-observed dbt comparison as report sections and as the JSON report's `dbt`.
#include "src/report/dbt_sections.h"

namespace athena::report {

namespace {

std::string num(int64_t v) {
  return std::to_string(v);
}

size_t undeclared_count(const DbtComparison& d) {
  size_t n = 0;
  for (const auto& f : d.findings)
    n += f.undeclared_reads.size();
  return n;
}

size_t unobserved_count(const DbtComparison& d) {
  size_t n = 0;
  for (const auto& f : d.findings)
    n += f.unobserved_dependencies.size();
  return n;
}

} // namespace

std::vector<Section> dbt_sections(const DbtComparison& d, bool raw) {
  std::vector<Section> out;
  Section summary{
      "dbt_summary", "dbt: declared vs observed", {"metric", "value"}, {false, true}, {}, ""};
  summary.rows.push_back({"manifest", d.manifest});
  summary.rows.push_back({"models", num(d.models)});
  summary.rows.push_back({"models built in the window", num(d.models_built)});
  summary.rows.push_back({"undeclared reads", num(static_cast<int64_t>(undeclared_count(d)))});
  summary.rows.push_back(
      {"declared dependencies not observed", num(static_cast<int64_t>(unobserved_count(d)))});
  summary.rows.push_back({"models nothing reads", num(static_cast<int64_t>(d.unread.size()))});
  summary.rows.push_back(
      {"node ids not in the manifest", num(static_cast<int64_t>(d.unknown_nodes.size()))});
  out.push_back(std::move(summary));

  Section undeclared{"dbt_undeclared_reads",
                     "dbt: tables read without ref() or source()",
                     {"model", "table", "queries"},
                     {false, false, true},
                     {},
                     "every table a model read is declared"};
  Section unobserved{"dbt_unobserved_dependencies",
                     "dbt: declared dependencies not read in the window",
                     {"model", "dependency"},
                     {false, false},
                     {},
                     "every declared dependency of a built model was read"};
  for (const auto& f : d.findings) {
    for (const auto& r : f.undeclared_reads)
      undeclared.rows.push_back({f.model, r.table, num(r.queries)});
    for (const auto& dep : f.unobserved_dependencies)
      unobserved.rows.push_back({f.model, dep});
  }
  out.push_back(std::move(undeclared));
  out.push_back(std::move(unobserved));

  Section unread{"dbt_unread_models",
                 "dbt: models whose relation nothing reads (candidates to delete)",
                 {"model", "relation", "builds", "bytes_scanned", "build_cost_usd"},
                 {false, false, true, true, true},
                 {},
                 "every model's relation is read"};
  for (const auto& u : d.unread) {
    unread.rows.push_back(
        {u.model, u.relation, num(u.builds),
         raw ? num(u.bytes_scanned) : format_bytes(static_cast<double>(u.bytes_scanned)),
         raw ? format_usd_raw(u.build_cost_usd) : format_usd(u.build_cost_usd)});
  }
  out.push_back(std::move(unread));
  return out;
}

void write_dbt_json(lineage::JsonWriter& w, const DbtComparison& d) {
  w.begin_object();
  w.fields("manifest", d.manifest, "models", d.models, "models_built", d.models_built);
  w.member_objects("findings", d.findings, [&w](const DbtModelFindings& f) {
    w.fields("model", f.model, "relation", f.relation, "queries", f.queries);
    w.member_objects("undeclared_reads", f.undeclared_reads,
                     [&w](const auto& r) { w.fields("table", r.table, "queries", r.queries); });
    w.member_strings("unobserved_dependencies", f.unobserved_dependencies);
  });
  w.member_objects("unread_models", d.unread, [&w](const DbtUnreadModel& u) {
    w.fields("model", u.model, "relation", u.relation, "builds", u.builds, "bytes_scanned",
             u.bytes_scanned, "build_cost_usd",
             lineage::JsonWriter::Raw{format_usd_raw(u.build_cost_usd)});
  });
  w.member_strings("unknown_nodes", d.unknown_nodes);
  w.end_object();
}

} // namespace athena::report
