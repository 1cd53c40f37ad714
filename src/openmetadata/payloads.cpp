#include "src/openmetadata/payloads.h"

#include <map>

#include <openssl/evp.h>
#include <simdjson.h>

#include "lineage/json_writer.h"

namespace athena::openmetadata {
namespace {

using lineage::append_json_string;

void append_ref(std::string& out, const std::string& id) {
  out += "{\"id\":";
  append_json_string(out, id);
  out += ",\"type\":\"table\"}";
}

void append_mapping(std::string& out, const ColumnMapping& m) {
  out += "{\"fromColumns\":[";
  for (size_t i = 0; i < m.from_columns.size(); ++i) {
    if (i > 0) out += ',';
    append_json_string(out, m.from_columns[i]);
  }
  out += "],\"toColumn\":";
  append_json_string(out, m.to_column);
  if (!m.function.empty()) {
    out += ",\"function\":";
    append_json_string(out, m.function);
  }
  out += '}';
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
  std::string out = "{\"edge\":{\"fromEntity\":";
  append_ref(out, from_id);
  out += ",\"toEntity\":";
  append_ref(out, to_id);
  out += ",\"lineageDetails\":{\"source\":";
  append_json_string(out, source);
  if (!sql_query.empty()) {
    out += ",\"sqlQuery\":";
    append_json_string(out, sql_query);
  }
  out += ",\"columnsLineage\":[";
  for (size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) out += ',';
    append_mapping(out, columns[i]);
  }
  out += "]}}}";
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

  std::string out = "{\"edge\":{\"fromEntity\":";
  append_ref(out, str_field(our_edge["fromEntity"], "id"));
  out += ",\"toEntity\":";
  append_ref(out, str_field(our_edge["toEntity"], "id"));
  if (std::string d = str_field(old_edge, "description"); !d.empty()) {
    out += ",\"description\":";
    append_json_string(out, d);
  }
  out += ",\"lineageDetails\":{\"source\":";
  append_json_string(out, source);
  if (!sql.empty()) {
    out += ",\"sqlQuery\":";
    append_json_string(out, sql);
  }
  if (has_old_details) {
    if (std::string d = str_field(old_details, "description"); !d.empty()) {
      out += ",\"description\":";
      append_json_string(out, d);
    }
    simdjson::dom::object pipeline;
    if (old_details["pipeline"].get_object().get(pipeline) == simdjson::SUCCESS) {
      out += ",\"pipeline\":";
      out += simdjson::minify(pipeline);
    }
  }
  out += ",\"columnsLineage\":[";
  for (size_t i = 0; i < merged.size(); ++i) {
    if (i > 0) out += ',';
    append_mapping(out, merged[i]);
  }
  out += "]}}}";
  return out;
}

std::string usage_body(const std::string& day, int64_t count) {
  std::string out = "{\"date\":";
  append_json_string(out, day);
  out += ",\"count\":" + std::to_string(count) + "}";
  return out;
}

std::string joins_body(const std::string& day, const std::vector<ColumnJoin>& columns,
                       const std::vector<JoinedWith>& tables) {
  std::string out = "{\"startDate\":";
  append_json_string(out, day);
  out += ",\"dayCount\":1,\"columnJoins\":[";
  for (size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) out += ',';
    out += "{\"columnName\":";
    append_json_string(out, columns[i].column_name);
    out += ",\"joinedWith\":[";
    for (size_t j = 0; j < columns[i].joined_with.size(); ++j) {
      if (j > 0) out += ',';
      out += "{\"fullyQualifiedName\":";
      append_json_string(out, columns[i].joined_with[j].fqn);
      out += ",\"joinCount\":" + std::to_string(columns[i].joined_with[j].count) + "}";
    }
    out += "]}";
  }
  out += "],\"directTableJoins\":[";
  for (size_t i = 0; i < tables.size(); ++i) {
    if (i > 0) out += ',';
    out += "{\"fullyQualifiedName\":";
    append_json_string(out, tables[i].fqn);
    out += ",\"joinCount\":" + std::to_string(tables[i].count) + "}";
  }
  out += "]}";
  return out;
}

std::string query_body(const QueryEntity& q) {
  std::string out = "{\"query\":";
  append_json_string(out, q.query);
  out += ",\"service\":";
  append_json_string(out, q.service);
  out += ",\"dialect\":\"athena\",\"queryDate\":" + std::to_string(q.query_date_ms);
  if (q.duration_ms) out += ",\"duration\":" + std::to_string(*q.duration_ms);
  out += ",\"queryUsedIn\":[";
  for (size_t i = 0; i < q.table_ids.size(); ++i) {
    if (i > 0) out += ',';
    append_ref(out, q.table_ids[i]);
  }
  out += "]";
  if (!q.used_by.empty()) {
    out += ",\"usedBy\":[";
    for (size_t i = 0; i < q.used_by.size(); ++i) {
      if (i > 0) out += ',';
      append_json_string(out, q.used_by[i]);
    }
    out += "]";
  }
  out += "}";
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
