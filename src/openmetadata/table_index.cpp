#include "src/openmetadata/table_index.h"

#include <functional>
#include <memory>
#include <set>

#include <simdjson.h>

#include "src/openmetadata/fqn.h"

namespace athena::openmetadata {
namespace {

constexpr int kPageSize = 1000;

/// Adds one page of `GET /v1/tables` to `out`; returns the `after` cursor ("" at the end), or
/// nullopt when the body is not the expected shape.
std::optional<std::string> read_page(const std::string& body,
                                     std::map<std::string, std::vector<OmTable>>& out,
                                     std::size_t& count) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(body).get(doc) != simdjson::SUCCESS) return std::nullopt;
  simdjson::dom::array data;
  if (doc["data"].get_array().get(data) != simdjson::SUCCESS) return std::nullopt;
  for (simdjson::dom::element t : data) {
    std::string_view id, name, fqn;
    if (t["id"].get(id) != simdjson::SUCCESS || t["name"].get(name) != simdjson::SUCCESS ||
        t["fullyQualifiedName"].get(fqn) != simdjson::SUCCESS) {
      return std::nullopt;
    }
    OmTable table{std::string(id), std::string(fqn), {}};
    simdjson::dom::array columns;
    if (t["columns"].get_array().get(columns) == simdjson::SUCCESS) {
      for (simdjson::dom::element c : columns) {
        std::string_view cname, cfqn;
        if (c["name"].get(cname) == simdjson::SUCCESS &&
            c["fullyQualifiedName"].get(cfqn) == simdjson::SUCCESS) {
          table.columns.emplace(ascii_lower(cname), std::string(cfqn));
        }
      }
    }
    out[ascii_lower(name)].push_back(std::move(table));
    ++count;
  }
  std::string_view after;
  if (doc["paging"]["after"].get(after) == simdjson::SUCCESS) return std::string(after);
  return std::string();
}

} // namespace

bool TableIndex::load(OmClient& client, const std::vector<model::TableName>& athena_tables,
                      std::string& error) {
  std::set<std::string> wanted;
  for (const auto& name : athena_tables) {
    auto parts = athena_name(name);
    if (!parts || ascii_lower(parts->catalog) != ascii_lower(mapping_.catalog)) continue;
    const std::string schema = ascii_lower(parts->schema);
    if (schemas_.contains(schema)) continue;
    auto fqn = join_fqn({mapping_.service, mapping_.database, schema});
    if (!fqn) continue; // a quote in a name: resolve() explains
    schemas_[schema].fqn = *fqn;
    wanted.insert(schema);
  }
  std::string first_error;
  // Each schema pages on its own chain of requests; schemas run in parallel.
  using Fetch = std::function<void(const std::string&, const std::string&)>;
  Fetch fetch = [&](const std::string& schema, const std::string& after) {
    OmRequest req;
    req.path = "/tables?databaseSchema=" + url_encode(schemas_[schema].fqn) +
               "&fields=columns&limit=" + std::to_string(kPageSize) +
               (after.empty() ? "" : "&after=" + url_encode(after));
    ++list_requests_;
    client.send(req, [&, schema, req](OmResponse&& r) {
      Schema& s = schemas_[schema];
      if (r.status == 404) return; // unknown schema: every table in it is reported
      if (!r.ok()) {
        if (first_error.empty()) first_error = describe_failure(req, r);
        return;
      }
      auto next = read_page(r.body, s.tables, tables_known_);
      if (!next) {
        if (first_error.empty())
          first_error = req.method + " " + req.path + ": unexpected response body";
        return;
      }
      s.found = true;
      if (!next->empty()) fetch(schema, *next);
    });
  };
  for (const auto& schema : wanted)
    fetch(schema, "");
  client.run();
  schemas_listed_ += wanted.size();
  if (!first_error.empty()) {
    error = "listing OpenMetadata tables failed: " + first_error;
    return false;
  }
  return true;
}

const OmTable* TableIndex::resolve(const model::TableName& athena_table,
                                   std::string* reason) const {
  auto set = [&](std::string r) {
    if (reason != nullptr) *reason = std::move(r);
    return nullptr;
  };
  if (athena_table.location) return set("S3 location: not a table in OpenMetadata");
  auto parts = athena_name(athena_table);
  if (!parts) return set("name has no schema, so it cannot be mapped to an OpenMetadata table");
  if (ascii_lower(parts->catalog) != ascii_lower(mapping_.catalog)) {
    return set("catalog " + parts->catalog + " is not mapped to an OpenMetadata database (only " +
               mapping_.catalog + " is, as " + mapping_.service + "." + mapping_.database + ")");
  }
  if (parts->schema.find('"') != std::string::npos || parts->table.find('"') != std::string::npos)
    return set("a name part contains '\"', which OpenMetadata cannot address");
  auto it = schemas_.find(ascii_lower(parts->schema));
  if (it == schemas_.end()) return set("schema not listed");
  if (!it->second.found) return set("schema " + it->second.fqn + " not found in OpenMetadata");
  auto t = it->second.tables.find(ascii_lower(parts->table));
  if (t == it->second.tables.end()) {
    auto fqn = join_fqn({mapping_.service, mapping_.database, parts->schema, parts->table});
    return set("table " + fqn.value_or(athena_table.text()) + " not found in OpenMetadata");
  }
  if (t->second.size() > 1) {
    return set("ambiguous: " + std::to_string(t->second.size()) +
               " OpenMetadata tables match without regard to case");
  }
  return &t->second.front();
}

std::string TableIndex::column_fqn(const OmTable& table, const std::string& column) {
  auto it = table.columns.find(ascii_lower(column));
  return it == table.columns.end() ? std::string() : it->second;
}

} // namespace athena::openmetadata
