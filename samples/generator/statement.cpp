#include "samples/generator/statement.h"

#include <cctype>

namespace athena::samplegen {
namespace {

std::string upper(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// "fct_orders" → "Fct_Orders": the capitalised spelling people type.
std::string capitalised(std::string_view s) {
  std::string out(s);
  bool start = true;
  for (auto& c : out) {
    if (start) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    start = c == '_';
  }
  return out;
}

std::string quoted(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  out.push_back('"');
  out.append(s);
  out.push_back('"');
  return out;
}

std::string canonical(std::string_view database, std::string_view name) {
  std::string out(kCatalog);
  out += '.';
  out += database;
  out += '.';
  out += name;
  return out;
}

} // namespace

KindInfo kind_info(Kind kind) {
  switch (kind) {
  case Kind::kSelect:
    return {"DML", "SELECT", true};
  case Kind::kInsert:
    return {"DML", "INSERT", true};
  case Kind::kCtas:
    return {"DML", "CREATE_TABLE_AS_SELECT", true};
  case Kind::kMerge:
    return {"DML", "MERGE", true};
  case Kind::kUpdate:
    return {"DML", "UPDATE", true};
  case Kind::kDelete:
    return {"DML", "DELETE", true};
  case Kind::kUnload:
    return {"DML", "UNLOAD", true};
  case Kind::kExecute:
    return {"DML", "EXECUTE", true};
  case Kind::kCreateView:
    return {"DDL", "CREATE_VIEW", false};
  case Kind::kCreateExternalTable:
    return {"DDL", "CREATE_TABLE", false};
  case Kind::kCreateTable:
    return {"DDL", "CREATE_TABLE", false};
  case Kind::kRepairTable:
    return {"DDL", "MSCK_REPAIR_TABLE", false};
  case Kind::kAlterTable:
    return {"DDL", "ALTER_TABLE_ADD_PARTITION", false};
  case Kind::kDropTable:
    return {"DDL", "DROP_TABLE", false};
  case Kind::kShow:
    return {"UTILITY", "SHOW_TABLES", false};
  case Kind::kDescribe:
    return {"UTILITY", "DESCRIBE_TABLE", false};
  case Kind::kExplain:
    return {"UTILITY", "EXPLAIN", false};
  case Kind::kPrepare:
    return {"UTILITY", "PREPARE", false};
  case Kind::kDeallocate:
    return {"UTILITY", "DEALLOCATE", false};
  }
  return {"DML", "SELECT", true};
}

std::string SqlBuilder::spell(std::string_view database, std::string_view name) {
  const bool same_db = ctx_.has_database() && ctx_.database == database;
  switch (style_) {
  case NameStyle::kDbt:
    return quoted(kCatalog) + "." + quoted(database) + "." + quoted(name);
  case NameStyle::kPlain:
    if (same_db && rng_.chance(300)) return std::string(name);
    return std::string(database) + "." + std::string(name);
  case NameStyle::kMixed:
    break;
  }
  if (same_db) {
    switch (rng_.weighted({500, 120, 80, 60})) {
    case 0:
      return std::string(name);
    case 1:
      return capitalised(name);
    case 2:
      return quoted(name);
    default:
      break; // qualified after all
    }
  }
  switch (rng_.weighted({550, 120, 90, 60, 60, 50, 40, 30})) {
  case 0:
    return std::string(database) + "." + std::string(name);
  case 1:
    return quoted(database) + "." + quoted(name);
  case 2:
    return capitalised(database) + "." + capitalised(name);
  case 3:
    return upper(database) + "." + upper(name);
  case 4:
    return std::string(kCatalog) + "." + std::string(database) + "." + std::string(name);
  case 5:
    return "\"AwsDataCatalog\"." + quoted(database) + "." + quoted(name);
  case 6:
    return std::string(database) + "." + quoted(name);
  default:
    return "AwsDataCatalog." + capitalised(database) + "." + std::string(name);
  }
}

std::string SqlBuilder::read(const Table& t) {
  stmt_.reads.insert(t.qualified());
  return spell(t.database, t.name);
}

std::string SqlBuilder::write(const Table& t) {
  stmt_.writes.insert(t.qualified());
  return spell(t.database, t.name);
}

std::string SqlBuilder::read_missing(std::string_view database, std::string_view name) {
  stmt_.reads.insert(canonical(database, name));
  return spell(database, name);
}

std::string SqlBuilder::ddl_name(const Table& t, bool backquote) {
  stmt_.writes.insert(t.qualified());
  if (backquote) return "`" + t.database + "`.`" + t.name + "`";
  return t.database + "." + t.name;
}

void SqlBuilder::column_edge(const Table& src, std::string_view src_col, const Table& dst,
                             std::string_view dst_col, std::string_view transform) {
  stmt_.column_edges.emplace_back(src.qualified() + "." + std::string(src_col),
                                  dst.qualified() + "." + std::string(dst_col),
                                  std::string(transform));
}

Statement SqlBuilder::finish(Kind kind, std::string sql, int64_t scan_scale_log2) {
  stmt_.kind = kind;
  stmt_.sql = std::move(sql);
  stmt_.scan_scale_log2 = scan_scale_log2;
  return std::move(stmt_);
}

} // namespace athena::samplegen
