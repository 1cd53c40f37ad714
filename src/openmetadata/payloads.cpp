#include "src/openmetadata/payloads.h"

#include <map>

#include <openssl/evp.h>
#include <simdjson.h>

#include "lineage/json_writer.h"

namespace athena::openmetadata {
namespace {

using lineage::JsonWriter;
using IfSet = JsonWriter::IfSet;

/// `{"id":...,"type":"table"}`.
void ref(JsonWriter& w, std::string_view id) {
  w.object("id", id, "type", "table");
}

void mappings(JsonWriter& w, const std::vector<ColumnMapping>& columns) {
  w.member_objects("columnsLineage", columns, [&w](const ColumnMapping& m) {
    w.fields("fromColumns", m.from_columns, "toColumn", m.to_column, "function", IfSet{m.function});
  });
}

void joined(JsonWriter& w, std::string_view key, const std::vector<JoinedWith>& joins) {
  w.member_objects(key, joins, [&w](const JoinedWith& j) {
    w.fields("fullyQualifiedName", j.fqn, "joinCount", j.count);
  });
}

/// Opens `{"edge":{"fromEntity":...,"toEntity":...`; the caller writes the rest.
void open_edge(JsonWriter& w, std::string_view from_id, std::string_view to_id) {
  w.begin_object();
  w.key("edge");
  w.begin_object();
  w.key("fromEntity");
  ref(w, from_id);
  w.key("toEntity");
  ref(w, to_id);
}

std::string mapping_key(const ColumnMapping& m) {
  std::string k = m.to_column;
  for (const auto& f : m.from_columns)
    k += '\x1f' + f;
  return k;
}

bool read_mappings(simdjson::dom::element details, std::vector<ColumnMapping>& out) {
  simdjson::dom::array arr;
  auto err = details["columnsLineage"].get_array().get(arr);
  if (err == simdjson::NO_SUCH_FIELD) return true;
  if (err != simdjson::SUCCESS) return false;
  for (simdjson::dom::element e : arr) {
    ColumnMapping m;
    std::string_view s;
    if (e["toColumn"].get(s) != simdjson::SUCCESS) continue; // OM drops such entries too
    m.to_column = std::string(s);
    simdjson::dom::array from;
    if (e["fromColumns"].get_array().get(from) == simdjson::SUCCESS) {
      for (simdjson::dom::element f : from) {
        if (f.get(s) == simdjson::SUCCESS) m.from_columns.emplace_back(s);
      }
    }
    std::sort(m.from_columns.begin(), m.from_columns.end());
    if (e["function"].get(s) == simdjson::SUCCESS) m.function = std::string(s);
    out.push_back(std::move(m));
  }
  return true;
}

std::string str_field(simdjson::dom::element e, const char* key) {
  std::string_view s;
  return e[key].get(s) == simdjson::SUCCESS ? std::string(s) : std::string();
}

} // namespace

std::string lineage_body(const std::string& from_id, const std::string& to_id,
                         const std::string& source, const std::string& sql_query,
                         const std::vector<ColumnMapping>& columns) {
  std::string out;
  JsonWriter w(out, false);
  open_edge(w, from_id, to_id);
  w.key("lineageDetails");
  w.begin_object();
  w.fields("source", source, "sqlQuery", IfSet{sql_query});
  mappings(w, columns);
  w.end_object();
  w.end_object();
  w.end_object();
  return out;
}

std::optional<std::string> merge_lineage(const std::string& ours, const std::string& stored) {
  simdjson::dom::parser p1, p2;
  simdjson::dom::element a, b;
  if (p1.parse(ours).get(a) != simdjson::SUCCESS) return std::nullopt;
  if (p2.parse(stored).get(b) != simdjson::SUCCESS) return std::nullopt;
  simdjson::dom::element our_edge, our_details, old_edge, old_details;
  if (a["edge"].get(our_edge) != simdjson::SUCCESS ||
      our_edge["lineageDetails"].get(our_details) != simdjson::SUCCESS) {
    return std::nullopt;
  }
  if (b["edge"].get(old_edge) != simdjson::SUCCESS) return std::nullopt;
  const bool has_old_details =
      old_edge["lineageDetails"].get(old_details) == simdjson::SUCCESS && old_details.is_object();
  std::vector<ColumnMapping> mine, theirs;
  if (!read_mappings(our_details, mine)) return std::nullopt;
  if (has_old_details && !read_mappings(old_details, theirs)) return std::nullopt;
  // Union: stored mappings first, in their order; ours fill in a missing function.
  std::map<std::string, size_t> index;
  std::vector<ColumnMapping> merged;
  for (auto& m : theirs) {
    auto [it, fresh] = index.emplace(mapping_key(m), merged.size());
    if (fresh) merged.push_back(std::move(m));
  }
  for (auto& m : mine) {
    auto it = index.find(mapping_key(m));
    if (it == index.end()) {
      index.emplace(mapping_key(m), merged.size());
      merged.push_back(std::move(m));
    } else if (merged[it->second].function.empty()) {
      merged[it->second].function = m.function;
    }
  }
  const std::string old_source = has_old_details ? str_field(old_details, "source") : "";
  const bool manual = old_source == "Manual";
  std::string source = manual ? old_source : str_field(our_details, "source");
  std::string sql = str_field(our_details, "sqlQuery");
  if (manual && !str_field(old_details, "sqlQuery").empty())
    sql = str_field(old_details, "sqlQuery");

  std::string out;
  JsonWriter w(out, false);
  open_edge(w, str_field(our_edge["fromEntity"], "id"), str_field(our_edge["toEntity"], "id"));
  w.member_if("description", str_field(old_edge, "description"));
  w.key("lineageDetails");
  w.begin_object();
  w.fields("source", source, "sqlQuery", IfSet{sql});
  if (has_old_details) {
    w.member_if("description", str_field(old_details, "description"));
    simdjson::dom::object pipeline;
    if (old_details["pipeline"].get_object().get(pipeline) == simdjson::SUCCESS) {
      w.key("pipeline");
      w.raw_value(simdjson::minify(pipeline));
    }
  }
  mappings(w, merged);
  w.end_object();
  w.end_object();
  w.end_object();
  return out;
}

std::string usage_body(const std::string& day, int64_t count) {
  std::string out;
  JsonWriter w(out, false);
  w.object("date", day, "count", count);
  return out;
}

std::string joins_body(const std::string& day, const std::vector<ColumnJoin>& columns,
                       const std::vector<JoinedWith>& tables) {
  std::string out;
  JsonWriter w(out, false);
  w.begin_object();
  w.fields("startDate", day, "dayCount", 1);
  w.member_objects("columnJoins", columns, [&w](const ColumnJoin& c) {
    w.member("columnName", c.column_name);
    joined(w, "joinedWith", c.joined_with);
  });
  joined(w, "directTableJoins", tables);
  w.end_object();
  return out;
}

std::string query_body(const QueryEntity& q) {
  std::string out;
  JsonWriter w(out, false);
  w.begin_object();
  w.fields("query", q.query, "service", q.service, "dialect", "athena", "queryDate",
           q.query_date_ms, "duration", q.duration_ms);
  w.key("queryUsedIn");
  w.begin_array();
  for (const auto& id : q.table_ids)
    ref(w, id);
  w.end_array();
  if (!q.used_by.empty()) w.member_strings("usedBy", q.used_by);
  w.end_object();
  return out;
}

std::string md5_hex(std::string_view text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(text.data(), text.size(), digest, &len, EVP_md5(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < len; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 15];
  }
  return out;
}

} // namespace athena::openmetadata
