#include "src/athena/glue_catalog.h"

#include <cstdint>
#include <optional>

#include <simdjson.h>

#include "lineage/json_writer.h"

namespace athena::aws {
namespace {

std::string str_field(simdjson::dom::element el, std::string_view key) {
  std::string_view v;
  return el[key].get(v) == simdjson::SUCCESS ? std::string(v) : std::string();
}

int base64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+' || c == '-') return 62;
  if (c == '/' || c == '_') return 63;
  return -1;
}

/// Standard or URL-safe base64, padding optional; nullopt on any other byte.
std::optional<std::string> base64_decode(std::string_view in) {
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    if (c == '=') break;
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    const int v = base64_value(c);
    if (v < 0) return std::nullopt;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xff));
    }
  }
  return out;
}

} // namespace

AthenaClientOptions glue_client_options(AthenaClientOptions base, Endpoint glue_endpoint) {
  base.endpoint = std::move(glue_endpoint);
  base.target_prefix = "AWSGlue";
  base.signing_service = "glue";
  return base;
}

ViewText decode_view_original_text(std::string_view text) {
  constexpr std::string_view kOpen = "/* Presto View: ";
  size_t start = text.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return {};
  text.remove_prefix(start);
  if (!text.starts_with(kOpen)) return {std::string(text), {}, {}};
  text.remove_prefix(kOpen.size());
  const size_t end = text.rfind("*/");
  if (end == std::string_view::npos) return {};
  auto json = base64_decode(text.substr(0, end));
  if (!json) return {};
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  std::string_view sql;
  if (parser.parse(*json).get(doc) != simdjson::SUCCESS ||
      doc["originalSql"].get(sql) != simdjson::SUCCESS) {
    return {};
  }
  return {std::string(sql), str_field(doc, "catalog"), str_field(doc, "schema")};
}

std::string view_sql_from_original_text(std::string_view text) {
  return decode_view_original_text(text).sql;
}

AwsResult<std::vector<std::string>> glue_get_databases(AthenaClient& glue) {
  std::vector<std::string> out;
  std::string token;
  simdjson::dom::parser parser;
  for (;;) {
    std::string body =
        lineage::json_object("MaxResults", 100, "NextToken", lineage::JsonWriter::IfSet{token});
    AwsResult<CallReply> r = glue.call("GetDatabases", std::move(body));
    if (!r.ok()) return r.error();
    simdjson::dom::element doc;
    if (parser.parse(r->body).get(doc) != simdjson::SUCCESS || !doc.is_object()) {
      AwsError e;
      e.operation = "GetDatabases";
      e.code = "InvalidResponse";
      e.message = "the reply is not a JSON object";
      return e;
    }
    simdjson::dom::array dbs;
    if (doc["DatabaseList"].get(dbs) == simdjson::SUCCESS) {
      for (auto d : dbs) {
        std::string name = str_field(d, "Name");
        if (!name.empty()) out.push_back(std::move(name));
      }
    }
    std::string_view next;
    if (doc["NextToken"].get(next) != simdjson::SUCCESS || next.empty()) break;
    token = std::string(next);
  }
  return out;
}

AwsResult<std::vector<TableMetadata>> glue_get_tables(AthenaClient& glue,
                                                      const std::string& database) {
  std::vector<TableMetadata> out;
  std::string token;
  simdjson::dom::parser parser;
  for (;;) {
    std::string body = lineage::json_object("DatabaseName", database, "MaxResults", 100,
                                            "NextToken", lineage::JsonWriter::IfSet{token});
    AwsResult<CallReply> r = glue.call("GetTables", std::move(body));
    if (!r.ok()) return r.error();
    simdjson::dom::element doc;
    if (parser.parse(r->body).get(doc) != simdjson::SUCCESS || !doc.is_object()) {
      AwsError e;
      e.operation = "GetTables";
      e.code = "InvalidResponse";
      e.message = "the reply is not a JSON object";
      return e;
    }
    simdjson::dom::array tables;
    if (doc["TableList"].get(tables) == simdjson::SUCCESS) {
      for (auto t : tables) {
        TableMetadata tm;
        tm.name = str_field(t, "Name");
        tm.table_type = str_field(t, "TableType");
        simdjson::dom::element sd;
        const bool has_sd = t["StorageDescriptor"].get(sd) == simdjson::SUCCESS;
        simdjson::dom::array cols;
        if (has_sd && sd["Columns"].get(cols) == simdjson::SUCCESS) {
          for (auto c : cols)
            tm.columns.push_back({str_field(c, "Name"), str_field(c, "Type")});
        }
        if (t["PartitionKeys"].get(cols) == simdjson::SUCCESS) {
          for (auto c : cols)
            tm.columns.push_back({str_field(c, "Name"), str_field(c, "Type")});
        }
        if (has_sd) tm.location = str_field(sd, "Location");
        const std::string original = str_field(t, "ViewOriginalText");
        if (!original.empty()) {
          ViewText view = decode_view_original_text(original);
          tm.view_sql = std::move(view.sql);
          tm.view_catalog = std::move(view.catalog);
          tm.view_schema = std::move(view.schema);
        }
        if (!tm.name.empty()) out.push_back(std::move(tm));
      }
    }
    std::string_view next;
    if (doc["NextToken"].get(next) != simdjson::SUCCESS || next.empty()) break;
    token = std::string(next);
  }
  return out;
}

} // namespace athena::aws
