// dbt's manifest.json, read with simdjson's on-demand API: one forward pass over one padded
// buffer, keeping a handful of fields per node. Every way the document can disappoint (bad
// JSON, a field of the wrong type) is an error naming the JSON path, never a crash.
#include "src/report/dbt_manifest.h"

#include <utility>

#include <simdjson.h>

namespace athena::report {

namespace {

namespace od = simdjson::ondemand;

std::string_view type_name(od::json_type t) {
  switch (t) {
  case od::json_type::array:
    return "an array";
  case od::json_type::object:
    return "an object";
  case od::json_type::number:
    return "a number";
  case od::json_type::string:
    return "a string";
  case od::json_type::boolean:
    return "a boolean";
  case od::json_type::null:
    return "null";
  }
  return "a value";
}

std::string quoted_key(std::string_view key) {
  return "[\"" + std::string(key) + "\"]";
}

/// True when `v` is JSON null. A malformed literal (`nul`, `nulx`) is not null: the typed read
/// that follows reports it with its path (is_null() itself would throw on it).
bool is_json_null(od::value& v) {
  bool null = false;
  return v.is_null().get(null) == simdjson::SUCCESS && null;
}

class ManifestReader {
public:
  explicit ManifestReader(std::string origin) : origin_(std::move(origin)) {}

  [[nodiscard]] const std::string& error() const { return error_; }

  bool read(od::document& doc, DbtManifest& m) {
    od::object root;
    if (auto e = doc.get_object().get(root)) return json_error("$", e, "an object");
    bool saw_nodes = false;
    for (auto member : root) {
      od::field field;
      std::string_view key;
      if (auto e = std::move(member).get(field)) return json_error("$", e);
      if (auto e = field.unescaped_key().get(key)) return json_error("$", e);
      if (key == "nodes" || key == "sources") {
        saw_nodes = saw_nodes || key == "nodes";
        if (!read_nodes(field.value(), std::string(key), m)) return false;
      }
    }
    if (!saw_nodes) return fail("nodes", "required key is missing (is this dbt's manifest.json?)");
    return true;
  }

private:
  bool fail(const std::string& path, const std::string& message) {
    error_ = origin_ + ": " + path + ": " + message;
    return false;
  }
  bool json_error(const std::string& path, simdjson::error_code e, std::string_view wanted = {}) {
    if (e == simdjson::INCORRECT_TYPE && !wanted.empty())
      return fail(path, "expected " + std::string(wanted));
    return fail(path, std::string("invalid JSON (") + simdjson::error_message(e) + ")");
  }
  /// Checks `v`'s type; the message names what was found.
  bool expect(od::value& v, od::json_type want, const std::string& path, bool null_ok = false) {
    od::json_type t;
    if (auto e = v.type().get(t)) return json_error(path, e);
    if (t == want || (null_ok && t == od::json_type::null)) return true;
    return fail(path, "expected " + std::string(type_name(want)) + (null_ok ? " or null" : "") +
                          ", found " + std::string(type_name(t)));
  }
  bool string_or_null(od::value& v, const std::string& path, std::string& out) {
    if (!expect(v, od::json_type::string, path, true)) return false;
    if (is_json_null(v)) return true;
    std::string_view s;
    if (auto e = v.get_string().get(s)) return json_error(path, e);
    out.assign(s);
    return true;
  }

  /// Calls `each(key, value)` for every member of the object `v` (with `null_ok`, null is an
  /// object without members); false, the error recorded, at the first problem.
  template <class F>
  bool for_each_member(od::value& v, const std::string& path, bool null_ok, F&& each) {
    if (!expect(v, od::json_type::object, path, null_ok)) return false;
    if (null_ok && is_json_null(v)) return true;
    od::object obj;
    if (auto e = v.get_object().get(obj)) return json_error(path, e);
    for (auto member : obj) {
      od::field field;
      std::string_view key;
      if (auto e = std::move(member).get(field)) return json_error(path, e);
      if (auto e = field.unescaped_key().get(key)) return json_error(path, e);
      if (!each(key, field.value())) return false;
    }
    return true;
  }

  bool read_nodes(od::value v, const std::string& path, DbtManifest& m) {
    return for_each_member(v, path, true, [&](std::string_view id, od::value& value) {
      DbtNode n;
      n.unique_id.assign(id);
      if (!read_node(value, path + quoted_key(id), n)) return false;
      m.nodes[n.unique_id] = std::move(n);
      return true;
    });
  }

  bool read_node(od::value v, const std::string& path, DbtNode& n) {
    std::string name, alias, identifier, database, schema, relation_name;
    const bool read = for_each_member(v, path, false, [&](std::string_view key, od::value& value) {
      const std::string p = path + "." + std::string(key);
      bool ok = true;
      if (key == "resource_type") {
        ok = string_or_null(value, p, n.resource_type);
      } else if (key == "name") {
        ok = string_or_null(value, p, name);
      } else if (key == "alias") {
        ok = string_or_null(value, p, alias);
      } else if (key == "identifier") {
        ok = string_or_null(value, p, identifier);
      } else if (key == "database") {
        ok = string_or_null(value, p, database);
      } else if (key == "schema") {
        ok = string_or_null(value, p, schema);
      } else if (key == "relation_name") {
        ok = string_or_null(value, p, relation_name);
      } else if (key == "depends_on") {
        ok = read_depends_on(value, p, n);
      } else if (key == "config") {
        ok = read_config(value, p, n);
      }
      return ok;
    });
    if (!read) return false;
    if (n.resource_type.empty()) return fail(path + ".resource_type", "required key is missing");
    const std::string catalog = database.empty() ? "awsdatacatalog" : database;
    const bool builds = n.resource_type == "model" || n.resource_type == "seed" ||
                        n.resource_type == "snapshot" || n.resource_type == "source";
    if (!builds || n.materialized == "ephemeral") return true;
    if (!relation_name.empty()) {
      n.relation = normalize_relation_name(relation_name, catalog);
      if (n.relation.empty()) {
        return fail(path + ".relation_name",
                    "expected a relation name (catalog.schema.table), found \"" + relation_name +
                        "\"");
      }
      return true;
    }
    const std::string& table = !alias.empty() ? alias : (!identifier.empty() ? identifier : name);
    if (!schema.empty() && !table.empty()) {
      n.relation = normalize_relation_name(
          "\"" + catalog + "\".\"" + schema + "\".\"" + table + "\"", catalog);
    }
    return true;
  }

  bool read_depends_on(od::value& v, const std::string& path, DbtNode& n) {
    return for_each_member(v, path, true, [&](std::string_view key, od::value& list) {
      if (key != "nodes") return true;
      const std::string p = path + ".nodes";
      if (!expect(list, od::json_type::array, p)) return false;
      od::array items;
      if (auto e = list.get_array().get(items)) return json_error(p, e);
      size_t i = 0;
      for (auto item : items) {
        const std::string ip = p + "[" + std::to_string(i++) + "]";
        if (auto e = item.error()) return json_error(ip, e);
        od::value iv = item.value_unsafe();
        std::string id;
        if (!expect(iv, od::json_type::string, ip) || !string_or_null(iv, ip, id)) return false;
        n.depends_on.push_back(std::move(id));
      }
      return true;
    });
  }

  bool read_config(od::value& v, const std::string& path, DbtNode& n) {
    return for_each_member(v, path, true, [&](std::string_view key, od::value& value) {
      return key != "materialized" || string_or_null(value, path + ".materialized", n.materialized);
    });
  }

  std::string origin_;
  std::string error_;
};

util::Result<DbtManifest> parse_padded(const simdjson::padded_string& json,
                                       const std::string& origin) {
  od::parser parser;
  od::document doc;
  if (auto e = parser.iterate(json).get(doc)) {
    return util::Error{origin + ": invalid JSON (" + simdjson::error_message(e) + ")"};
  }
  ManifestReader reader(origin);
  DbtManifest m;
  if (!reader.read(doc, m)) return util::Error{reader.error()};
  return m;
}

} // namespace

std::string normalize_relation_name(std::string_view text, std::string_view default_catalog) {
  std::vector<std::string> parts(1);
  char quote = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quote != 0) {
      if (c == quote && i + 1 < text.size() && text[i + 1] == quote) {
        parts.back() += c; // a doubled quote inside a quoted name
        ++i;
      } else if (c == quote) {
        quote = 0;
      } else {
        parts.back() += c;
      }
    } else if (c == '"' || c == '`') {
      quote = c;
    } else if (c == '.') {
      parts.emplace_back();
    } else if (c != ' ') {
      parts.back() += c;
    }
  }
  if (quote != 0 || parts.size() < 2 || parts.size() > 3) return "";
  if (parts.size() == 2) parts.insert(parts.begin(), std::string(default_catalog));
  std::string out;
  for (auto& p : parts) {
    if (p.empty()) return "";
    for (char& c : p) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    out += (out.empty() ? "" : ".") + p;
  }
  return out;
}

util::Result<DbtManifest> parse_dbt_manifest(std::string_view json, const std::string& origin) {
  const simdjson::padded_string padded(json);
  return parse_padded(padded, origin);
}

util::Result<DbtManifest> load_dbt_manifest(const std::filesystem::path& path) {
  simdjson::padded_string json;
  if (auto e = simdjson::padded_string::load(path.string()).get(json)) {
    return util::Error{path.string() + ": cannot read the dbt manifest (" +
                       simdjson::error_message(e) + ")"};
  }
  return parse_padded(json, path.string());
}

} // namespace athena::report
