// The declared-vs-observed dbt comparison as report sections and as the JSON report's `dbt`.
#include "src/report/dbt_sections.h"

#include "lineage/json_writer.h"

namespace athena::report {

namespace {

using lineage::append_json_string;

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

void append_strings(std::string& out, const std::vector<std::string>& items) {
  out += '[';
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ',';
    append_json_string(out, items[i]);
  }
  out += ']';
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

void append_dbt_json(std::string& out, const DbtComparison& d) {
  out += "{\"manifest\":";
  append_json_string(out, d.manifest);
  out += ",\"models\":" + num(d.models) + ",\"models_built\":" + num(d.models_built);
  out += ",\"findings\":[";
  for (size_t i = 0; i < d.findings.size(); ++i) {
    const DbtModelFindings& f = d.findings[i];
    if (i > 0) out += ',';
    out += "{\"model\":";
    append_json_string(out, f.model);
    out += ",\"relation\":";
    append_json_string(out, f.relation);
    out += ",\"queries\":" + num(f.queries) + ",\"undeclared_reads\":[";
    for (size_t j = 0; j < f.undeclared_reads.size(); ++j) {
      if (j > 0) out += ',';
      out += "{\"table\":";
      append_json_string(out, f.undeclared_reads[j].table);
      out += ",\"queries\":" + num(f.undeclared_reads[j].queries) + "}";
    }
    out += "],\"unobserved_dependencies\":";
    append_strings(out, f.unobserved_dependencies);
    out += '}';
  }
  out += "],\"unread_models\":[";
  for (size_t i = 0; i < d.unread.size(); ++i) {
    const DbtUnreadModel& u = d.unread[i];
    if (i > 0) out += ',';
    out += "{\"model\":";
    append_json_string(out, u.model);
    out += ",\"relation\":";
    append_json_string(out, u.relation);
    out += ",\"builds\":" + num(u.builds) + ",\"bytes_scanned\":" + num(u.bytes_scanned) +
           ",\"build_cost_usd\":" + format_usd_raw(u.build_cost_usd) + "}";
  }
  out += "],\"unknown_nodes\":";
  append_strings(out, d.unknown_nodes);
  out += '}';
}

} // namespace athena::report
