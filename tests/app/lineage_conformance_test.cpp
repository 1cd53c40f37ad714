// Lineage conformance: the public corpus of other projects' lineage expectations
// (../shared/corpus/lineage-conformance), compared as its README says. Each case runs alone
// through the code of `athena-lineage lineage` (its schema, its default schema); only the fields
// the case asserts are compared, after normalizing names (tables: last two parts, columns: last
// three, lowercase). Scored twice: by the source's convention, and with `expect_trino` overlaid.
//
// The cases allowed to fail are checked in (lineage_conformance_known.tsv, one reason each), so
// a regression and an unexpected pass both fail this test. The per-metric figures are printed.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <simdjson.h>

#include "lineage/lineage.h"
#include "parser/parser.h"
#include "src/catalog/schema_file.h"
#include "tests/support/test_support.h"

namespace athena::testing {
namespace {

const std::filesystem::path kKnown =
    source_dir() / "tests/app/testdata/lineage_conformance_known.tsv";

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

/// The last `parts` dot-separated parts of a lowercased name; S3 locations stay as they are.
std::string last_parts(std::string_view name, int parts) {
  if (name.rfind("s3://", 0) == 0) return std::string(name);
  std::string s = lower(name);
  size_t pos = s.size();
  for (int i = 0; i < parts; ++i) {
    if (pos == 0) return s;
    size_t dot = s.rfind('.', pos - 1);
    if (dot == std::string::npos) return s;
    if (i + 1 == parts) return s.substr(dot + 1);
    pos = dot;
  }
  return s;
}

std::string table_name(std::string_view n) {
  return last_parts(n, 2);
}
std::string column_name(std::string_view n) {
  return last_parts(n, 3);
}

/// The tool's answer for one case, normalized.
struct Answer {
  std::set<std::string> sources, targets, reads;
  std::multiset<std::string> outputs;
  std::map<std::string, std::set<std::string>> columns; // target -> sources ∪ conditions
};

Answer answer_of(const lineage::StatementLineage& lin) {
  Answer a;
  for (const auto& s : lin.sources)
    a.sources.insert(table_name(s));
  for (const auto& t : lin.targets)
    a.targets.insert(table_name(t));
  for (const auto& r : lin.reads)
    a.reads.insert(column_name(r.column));
  for (const auto& c : lin.columns) {
    const std::string target = column_name(c.target);
    a.outputs.insert(lower(c.target));
    auto& srcs = a.columns[target];
    for (const auto& s : c.sources)
      srcs.insert(column_name(s));
    for (const auto& s : c.conditions)
      srcs.insert(column_name(s));
  }
  return a;
}

std::string describe(const Answer& a) {
  std::string out = "sources=";
  for (const auto& s : a.sources)
    out += s + " ";
  out += "targets=";
  for (const auto& s : a.targets)
    out += s + " ";
  out += "reads=";
  for (const auto& s : a.reads)
    out += s + " ";
  out += "columns=";
  for (const auto& [t, srcs] : a.columns) {
    out += t + "<-(";
    for (const auto& s : srcs)
      out += s + " ";
    out += ") ";
  }
  return out;
}

std::set<std::string> strings(simdjson::dom::element e) {
  std::set<std::string> out;
  for (auto v : e.get_array())
    out.insert(std::string(v.get_string().value()));
  return out;
}

enum class Metric { kTables, kColumns, kReads, kNames };
constexpr const char* kMetricNames[] = {"tables", "columns", "reads", "output names"};

Metric metric_of(std::string_view field) {
  if (field == "columns") return Metric::kColumns;
  if (field == "reads") return Metric::kReads;
  if (field == "output_columns") return Metric::kNames;
  return Metric::kTables; // sources, targets, tables
}

/// Whether `answer` passes the asserted `field` of a case.
bool field_passes(std::string_view field, simdjson::dom::element want, const Answer& a) {
  if (field == "sources") return strings(want) == a.sources;
  if (field == "targets") return strings(want) == a.targets;
  if (field == "tables") {
    std::set<std::string> all = a.sources;
    all.insert(a.targets.begin(), a.targets.end());
    return strings(want) == all;
  }
  if (field == "reads") return strings(want) == a.reads;
  if (field == "output_columns") {
    std::multiset<std::string> names;
    for (auto v : want.get_array())
      names.insert(std::string(v.get_string().value()));
    return names == a.outputs;
  }
  if (field == "columns") {
    std::map<std::string, std::set<std::string>> expected;
    for (auto c : want.get_array()) {
      auto& srcs = expected[std::string(c["target"].get_string().value())];
      auto more = strings(c["sources"]);
      srcs.insert(more.begin(), more.end());
    }
    for (const auto& [target, srcs] : expected) {
      auto it = a.columns.find(target);
      if (it == a.columns.end() || it->second != srcs) return false;
    }
    return true;
  }
  ADD_FAILURE() << "unknown asserted field " << field;
  return false;
}

/// Per-metric tallies of one scoring.
struct Score {
  int cases = 0, passed = 0;
  int asserted[4] = {0, 0, 0, 0};
  int ok[4] = {0, 0, 0, 0};
  std::set<std::string> failed;
  std::map<std::string, std::string> why; ///< id -> the fields that failed, and the answer
  double pct(int n, int d) const { return d == 0 ? 100.0 : 100.0 * n / d; }
};

std::string report(const char* title, const Score& s) {
  char buf[160];
  std::string out = title;
  std::snprintf(buf, sizeof buf, "\n  all cases     %6.1f%% (%d/%d)", s.pct(s.passed, s.cases),
                s.passed, s.cases);
  out += buf;
  for (int m = 0; m < 4; ++m) {
    std::snprintf(buf, sizeof buf, "\n  %-13s %6.1f%% (%d/%d)", kMetricNames[m],
                  s.pct(s.ok[m], s.asserted[m]), s.ok[m], s.asserted[m]);
    out += buf;
  }
  return out + "\n";
}

/// Scores `answer` against `expect` (with `overlay`'s fields replacing expect's, when given).
void score_case(const std::string& id, simdjson::dom::object expect, simdjson::dom::object* overlay,
                const Answer& answer, Score& score) {
  std::map<std::string, simdjson::dom::element> fields;
  for (auto [k, v] : expect)
    fields[std::string(k)] = v;
  if (overlay != nullptr) {
    for (auto [k, v] : *overlay)
      fields[std::string(k)] = v;
  }
  bool asserted[4] = {false, false, false, false};
  bool ok[4] = {true, true, true, true};
  std::string why;
  for (const auto& [field, want] : fields) {
    const int m = static_cast<int>(metric_of(field));
    asserted[m] = true;
    if (!field_passes(field, want, answer)) {
      ok[m] = false;
      why += "    " + field + " expected " + simdjson::to_string(want) + "\n";
    }
  }
  bool all = true;
  for (int m = 0; m < 4; ++m) {
    if (!asserted[m]) continue;
    ++score.asserted[m];
    if (ok[m]) {
      ++score.ok[m];
    } else {
      all = false;
    }
  }
  ++score.cases;
  if (all) {
    ++score.passed;
  } else {
    score.failed.insert(id);
    score.why[id] = why + "    got " + describe(answer) + "\n";
  }
}

/// The checked-in known differences: `ID<TAB>source|trino|both<TAB>reason`.
void read_known(std::set<std::string>& source, std::set<std::string>& trino) {
  std::istringstream in(read_file(kKnown));
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const size_t t1 = line.find('\t');
    const size_t t2 = t1 == std::string::npos ? t1 : line.find('\t', t1 + 1);
    ASSERT_NE(t2, std::string::npos) << kKnown << ": want ID<TAB>SCORING<TAB>REASON: " << line;
    ASSERT_LT(t2 + 1, line.size()) << kKnown << ": " << line.substr(0, t1) << " gives no reason";
    const std::string id = line.substr(0, t1);
    const std::string which = line.substr(t1 + 1, t2 - t1 - 1);
    ASSERT_TRUE(which == "source" || which == "trino" || which == "both")
        << kKnown << ": " << id << ": scoring must be source, trino or both, not " << which;
    if (which != "trino") source.insert(id);
    if (which != "source") trino.insert(id);
  }
}

std::string diff(const Score& score, const std::set<std::string>& known) {
  std::string out;
  for (const auto& id : score.failed) {
    if (!known.contains(id)) {
      out += "  regression (fails, not in the known list): " + id + "\n" + score.why.at(id);
    }
  }
  const auto& failed = score.failed;
  for (const auto& id : known)
    if (!failed.contains(id)) out += "  unexpected pass (remove from the known list): " + id + "\n";
  return out;
}

TEST(LineageConformance, PublicCorpusMatchesKnownDifferences) {
  ATHENA_REQUIRE_SHARED(cases_path, "corpus/lineage-conformance/cases.jsonl");
  const std::string text = read_file(cases_path);
  simdjson::dom::parser json;
  Score by_source, by_trino;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty()) continue;
    simdjson::dom::element c;
    ASSERT_EQ(json.parse(line).get(c), simdjson::SUCCESS) << line.substr(0, 80);
    const std::string id(c["id"].get_string().value());
    SCOPED_TRACE(id);
    lineage::SchemaCatalog catalog;
    simdjson::dom::element schema;
    if (c["schema"].get(schema) == simdjson::SUCCESS && !schema.is_null()) {
      const auto loaded = catalog::load_schema_json(simdjson::to_string(schema), id, catalog);
      ASSERT_TRUE(loaded.ok()) << loaded.error();
    }
    lineage::LineageOptions options;
    std::string_view default_schema;
    if (c["default_schema"].get(default_schema) == simdjson::SUCCESS) {
      options.default_schema = std::string(default_schema);
    }
    const std::string sql(c["sql"].get_string().value());
    sql::ParseOptions parse_options; // as `lineage` parses: Hive forms read in every dialect
    parse_options.dialect = sql::Dialect::kHive;
    sql::ParseResult parsed = sql::parse(sql, parse_options);
    lineage::StatementLineage lin; // a statement that fails to parse prints empty arrays
    if (!parsed.statements().empty() && parsed.statements().front().ok()) {
      lineage::LineageSession session(std::move(catalog));
      lin = session.analyze(*parsed.statements().front().ast, sql, options);
    }
    const Answer answer = answer_of(lin);
    simdjson::dom::object expect = c["expect"].get_object().value();
    simdjson::dom::object trino;
    const bool has_trino = c["expect_trino"].get_object().get(trino) == simdjson::SUCCESS;
    score_case(id, expect, nullptr, answer, by_source);
    score_case(id, expect, has_trino ? &trino : nullptr, answer, by_trino);
  }
  const std::string figures = report("by the source's convention:", by_source) +
                              report("with Trino's semantics (expect_trino overlaid):", by_trino);
  std::printf("lineage conformance, %d cases\n%s", by_trino.cases, figures.c_str());
  std::set<std::string> known_source, known_trino;
  read_known(known_source, known_trino);
  EXPECT_EQ(by_source.failed, known_source) << "by the source's convention:\n"
                                            << diff(by_source, known_source);
  EXPECT_EQ(by_trino.failed, known_trino) << "with Trino's semantics:\n"
                                          << diff(by_trino, known_trino);
  // The targets: at least 98% of all cases, and of each metric, with Trino's semantics.
  EXPECT_GE(by_trino.pct(by_trino.passed, by_trino.cases), 98.0) << figures;
  for (int m = 0; m < 4; ++m) {
    EXPECT_GE(by_trino.pct(by_trino.ok[m], by_trino.asserted[m]), 98.0) << kMetricNames[m] << "\n"
                                                                        << figures;
  }
}

} // namespace
} // namespace athena::testing
