#include "src/analysis/query_analysis.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "lineage/lineage.h"
#include "parser/parser.h"
#include "parser/source_location.h"
#include "src/analysis/analysis_limits.h"
#include "src/analysis/fingerprint.h"
#include "src/util/cpu_time.h"

namespace athena::analysis {

namespace {

/// The names one statement's lineage uses, by their text, with their parts: lineage hands
/// out each table's parts and each location it names, so text is only ever looked up here,
/// never split at a dot or recognised as a location by its look.
class StatementNames {
public:
  explicit StatementNames(const lineage::StatementLineage& lin) {
    for (const auto& t : lin.tables) {
      model::TableName name{t.catalog, t.schema, t.table, false};
      by_text_.emplace(name.text(), std::move(name));
    }
    // A location wins over a table printed the same way: the SQL said it is one.
    for (const auto& l : lin.locations)
      by_text_.insert_or_assign(l, model::TableName::of_location(l));
  }

  /// The table or location printed as `text`.
  [[nodiscard]] model::TableName table(std::string_view text) const {
    auto it = by_text_.find(text);
    if (it != by_text_.end()) return it->second;
    return model::TableName{{}, {}, std::string(text), false}; // not named by lineage: kept whole
  }

  /// The column `table.column` of one of the statement's tables; the longest table name
  /// that prefixes `text` wins (a quoted table name may contain dots).
  [[nodiscard]] model::ColumnName column(std::string_view text) const {
    for (size_t dot = text.rfind('.'); dot != std::string_view::npos && dot > 0;
         dot = text.rfind('.', dot - 1)) {
      auto it = by_text_.find(text.substr(0, dot));
      if (it != by_text_.end()) {
        return model::ColumnName{it->second, std::string(text.substr(dot + 1))};
      }
    }
    return model::ColumnName{model::TableName{}, std::string(text)};
  }

  /// The column `target` of a ColumnLineage whose table part is `table_size` long.
  [[nodiscard]] model::ColumnName target(std::string_view target, size_t table_size) const {
    return model::ColumnName{table(target.substr(0, table_size)),
                             std::string(target.substr(table_size + 1))};
  }

private:
  std::map<std::string, model::TableName, std::less<>> by_text_;
};

/// Adds the wall time since the previous lap to one phase of `times` (when given).
class PhaseLaps {
public:
  explicit PhaseLaps(QueryPhaseTimes* times)
      : times_(times), last_(times != nullptr ? util::monotonic_seconds() : 0) {}
  void lap(double QueryPhaseTimes::*phase) {
    if (times_ == nullptr) return;
    const double now = util::monotonic_seconds();
    times_->*phase += now - last_;
    last_ = now;
  }

private:
  QueryPhaseTimes* times_;
  double last_;
};

template <class T> void sort_unique(std::vector<T>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

// A location the statement writes (UNLOAD ... TO, a CTAS's external_location) that the
// catalog metadata gives as a table's location: an edge from the location into that table,
// as its CREATE EXTERNAL TABLE ... LOCATION would give were it in the history. A table the
// statement itself writes there (the CTAS's own) is not linked back.
void link_locations(const lineage::StatementLineage& lin, const lineage::SchemaCatalog& catalog,
                    const StatementNames& names, model::QueryFacts& facts) {
  for (const auto& t : lin.targets) {
    const model::TableName location = names.table(t);
    if (!location.location) continue;
    for (const lineage::QualifiedName& q : catalog.tables_at(t)) {
      model::TableName table{q.catalog, q.schema, q.table, false};
      if (std::find(lin.targets.begin(), lin.targets.end(), table.text()) != lin.targets.end()) {
        continue;
      }
      facts.table_edges.push_back({location, std::move(table)});
    }
  }
}

// Adds one statement's lineage to the query's facts.
void add_statement(const lineage::StatementLineage& lin, const lineage::SchemaCatalog& catalog,
                   model::QueryFacts& facts) {
  facts.statement_kinds.push_back(lin.kind);
  if (lineage::is_data_statement(lin.kind)) facts.is_usage = true;
  if (!lin.complete) facts.lineage_complete = false;
  const StatementNames names(lin);
  for (const auto& s : lin.sources)
    facts.tables_read.push_back(names.table(s));
  for (const auto& t : lin.targets) {
    model::TableName name = names.table(t);
    if (!name.location) facts.tables_written.push_back(std::move(name));
  }
  for (const auto& e : lin.table_edges)
    facts.table_edges.push_back({names.table(e.source), names.table(e.target)});
  link_locations(lin, catalog, names, facts);
  for (const auto& c : lin.columns) {
    // SELECT and UNLOAD outputs are named alone, whatever their text (a quoted alias may
    // contain dots): only table columns have lineage edges.
    if (c.table_size == 0) continue;
    const model::ColumnName target = names.target(c.target, c.table_size);
    const lineage::Transform transform = c.transform;
    for (const auto& s : c.sources)
      facts.column_edges.push_back({names.column(s), target, transform, false});
    for (const auto& s : c.conditions) {
      facts.column_edges.push_back({names.column(s), target, transform, true});
    }
  }
  for (const auto& r : lin.reads) {
    facts.column_reads.push_back({names.column(r.column), r.clause});
  }
  for (const auto& j : lin.joins) {
    model::JoinFact jf{names.table(j.left), names.table(j.right), j.join_type, {}};
    for (const auto& [l, r] : j.columns) {
      std::string pair = l;
      pair += '=';
      pair += r;
      jf.columns.push_back(std::move(pair));
    }
    facts.joins.push_back(std::move(jf));
  }
  for (const auto& f : lin.functions)
    facts.functions.push_back(f);
}

} // namespace

model::QueryFacts analyze_query(const model::QueryRecord& record, const AnalysisContext& context,
                                QueryPhaseTimes* times) {
  PhaseLaps laps(times);
  model::QueryFacts facts;
  facts.query_id = record.id;
  facts.parsed = true;
  facts.lineage_complete = true;
  const std::string& sql = record.query;
  Fingerprint fp = fingerprint(sql, kShapeTextMaxBytes);
  facts.fingerprint = fp.hash;
  facts.fingerprint_text = std::move(fp.text);
  QueryOrigin origin = query_origin(sql);
  facts.tool = std::move(origin.tool);
  facts.dbt_model = std::move(origin.dbt_model);
  laps.lap(&QueryPhaseTimes::fingerprint);

  static const lineage::SchemaCatalog no_catalog;
  const lineage::SchemaCatalog& catalog =
      context.catalog != nullptr ? *context.catalog : no_catalog;
  lineage::LineageOptions options;
  options.default_catalog =
      record.catalog.empty() ? context.default_catalog : lineage::to_lower_ascii(record.catalog);
  options.default_schema = record.database;

  // Hive/Spark DML is read for lineage in every dialect; each form is noted ("dialect").
  sql::ParseOptions parse_options;
  parse_options.dialect = sql::Dialect::kHive;
  sql::ParseResult parsed = sql::parse(sql, parse_options);
  laps.lap(&QueryPhaseTimes::parse);
  std::optional<sql::LineIndex> lines; // built at the first resolution error
  if (parsed.statements().empty()) {
    facts.parsed = false;
    facts.lineage_complete = false;
    facts.errors.push_back({"no statement in the query text", 1, 1, 0, model::ErrorKind::kParse});
  }
  for (size_t index = 0; index < parsed.statements().size(); ++index) {
    const sql::ParsedStatement& ps = parsed.statements()[index];
    for (const auto& f : ps.hive_forms)
      facts.errors.push_back({f.message, f.line, f.col, f.offset, model::ErrorKind::kDialect});
    if (!ps.ok()) {
      facts.parsed = false;
      facts.lineage_complete = false;
      facts.statement_kinds.push_back(lineage::contract_kind(ps.kind));
      facts.errors.push_back({ps.error->message, ps.error->line, ps.error->col, ps.error->offset,
                              model::ErrorKind::kParse});
      continue;
    }
    // A statement too tall for the analysis stack is an error of its own; the others go on.
    laps.lap(&QueryPhaseTimes::facts);
    auto too_deep = analysis_height_error(*ps.ast, parsed);
    laps.lap(&QueryPhaseTimes::parse);
    if (too_deep) {
      facts.lineage_complete = false;
      facts.statement_kinds.push_back(lineage::contract_kind(ps.kind));
      const auto lc = sql::line_col_at(sql, ps.span.begin);
      facts.errors.push_back(
          {*too_deep, lc.line, lc.col, ps.span.begin, model::ErrorKind::kResolution});
      continue;
    }
    // EXECUTE runs the statement prepared under that name in the same workgroup.
    if (const auto* exec = ps.ast->dyn<sql::Execute>();
        exec != nullptr && exec->immediate == nullptr && context.prepared) {
      auto text =
          context.prepared(record.workgroup, exec->name.name(), record.submission_ms.value_or(0));
      const auto analyzable = [](const sql::Statement& s) { return !analysis_height_error(s); };
      if (text) {
        auto inner = lineage::analyze_prepared(*text, options, catalog, analyzable);
        laps.lap(&QueryPhaseTimes::lineage);
        if (inner) {
          add_statement(*inner, catalog, facts);
          continue;
        }
      }
    }
    lineage::StatementLineage lin = lineage::analyze_statement(*ps.ast, sql, options, catalog);
    if (lin.if_absent && context.skipped_create && context.skipped_create(record.id, index)) {
      lineage::skip_existing(lin);
    }
    laps.lap(&QueryPhaseTimes::lineage);
    for (const auto& e : lin.errors) {
      if (!lines) lines.emplace(sql);
      const auto lc = lines->at(e.offset);
      facts.errors.push_back({e.message, lc.line, lc.col, e.offset, model::ErrorKind::kResolution});
    }
    add_statement(lin, catalog, facts);
  }
  sort_unique(facts.tables_read);
  sort_unique(facts.tables_written);
  sort_unique(facts.table_edges);
  sort_unique(facts.column_edges);
  sort_unique(facts.column_reads);
  sort_unique(facts.joins);
  sort_unique(facts.functions);
  laps.lap(&QueryPhaseTimes::facts);
  return facts;
}

} // namespace athena::analysis
