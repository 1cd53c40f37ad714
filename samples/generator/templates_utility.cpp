// SHOW / DESCRIBE / EXPLAIN (UTILITY statements: neither usage nor lineage), and the large
// ad-hoc SELECTs (long IN lists, wide CASE, many UNION ALL branches) up to about 50 KB.
#include "samples/generator/templates.h"

namespace athena::samplegen {
namespace {

const Table& any(Rng& rng) {
  return rng.pick(Lake::get().tables());
}

Statement show_tables(SqlBuilder& b, const Env&) {
  const auto& dbs = Lake::get().databases();
  std::string sql;
  switch (b.rng().weighted({40, 15, 10})) {
  case 0:
    sql = "SHOW TABLES IN " + b.rng().pick(dbs);
    b.set_substatement("SHOW_TABLES");
    break;
  case 1: {
    // Two draws, two statements (operands of + are unsequenced).
    const std::string db = b.rng().pick(dbs);
    sql = "SHOW TABLES IN " + db + " '" +
          std::string(b.rng().pick({"stg_*", "fct*", "dim_*|fct_*", "tmp*"})) + "'";
  }
    b.set_substatement("SHOW_TABLES");
    break;
  default:
    sql = b.rng().chance(500) ? "SHOW DATABASES" : "SHOW SCHEMAS";
    b.set_substatement("SHOW_DATABASES");
  }
  return b.finish(Kind::kShow, std::move(sql), 0);
}

Statement show_about_table(SqlBuilder& b, const Env&) {
  const Table& t = any(b.rng());
  std::string sql;
  if (t.is_view()) {
    sql = "SHOW CREATE VIEW " + b.read(t);
    b.set_substatement("SHOW_CREATE_VIEW");
  } else {
    switch (b.rng().weighted({30, 20, 15, 10})) {
    case 0:
      sql = "SHOW CREATE TABLE " + b.read(t);
      b.set_substatement("SHOW_CREATE_TABLE");
      break;
    case 1:
      sql = "SHOW COLUMNS IN " + b.read(t);
      b.set_substatement("SHOW_COLUMNS");
      break;
    case 2:
      if (!t.partitions.empty()) {
        sql = "SHOW PARTITIONS " + b.read(t);
        b.set_substatement("SHOW_PARTITIONS");
        break;
      }
      [[fallthrough]];
    default:
      sql = "SHOW TBLPROPERTIES " + b.read(t);
      b.set_substatement("SHOW_TBLPROPERTIES");
    }
  }
  return b.finish(Kind::kShow, std::move(sql), 0);
}

Statement describe(SqlBuilder& b, const Env&) {
  const Table& t = any(b.rng());
  std::string sql = b.rng().chance(200) && !t.is_view() ? "DESCRIBE FORMATTED " : "DESCRIBE ";
  sql += b.read(t);
  return b.finish(Kind::kDescribe, std::move(sql), 0);
}

Statement explain(SqlBuilder& b, const Env& e) {
  std::string prefix(b.rng().pick({"EXPLAIN ", "EXPLAIN (TYPE DISTRIBUTED) ",
                                   "EXPLAIN (FORMAT JSON) ", "EXPLAIN (TYPE LOGICAL) "}));
  std::string sql = prefix + subst(R"(SELECT c.segment, count(*) AS orders
FROM {0} o
JOIN {1} c ON c.customer_id = o.customer_id
WHERE o.order_date >= DATE '{2}'
GROUP BY c.segment)",
                                   {b.read("marts", "fct_orders"), b.read("marts", "dim_customers"),
                                    day_offset(e, -30)});
  return b.finish(Kind::kExplain, std::move(sql), 0);
}

constexpr Template kUtility[] = {
    {"utility.show_tables", 30, show_tables},
    {"utility.show_about_table", 25, show_about_table},
    {"utility.describe", 30, describe},
    {"utility.explain", 10, explain},
};

Statement long_in_list(SqlBuilder& b, size_t target) {
  std::string sql = "SELECT order_id, customer_id, status, total_amount_usd\nFROM " +
                    b.read("marts", "fct_orders") + "\nWHERE order_id IN (";
  bool first = true;
  while (sql.size() + 24 < target) {
    if (!first) sql += ", ";
    first = false;
    sql += std::to_string(b.rng().range(100000000, 999999999));
  }
  sql += ")\nORDER BY order_id";
  return b.finish(Kind::kSelect, std::move(sql), 29);
}

Statement wide_case(SqlBuilder& b, size_t target) {
  static constexpr std::string_view kGroups[] = {
      "Tents", "Backpacks", "Footwear", "Climbing", "Cycling", "Water Sports", "Accessories"};
  std::string head = "SELECT\n  CASE i.sku\n";
  std::string tail = "    ELSE 'Other'\n  END AS product_group,\n  sum(i.line_amount_usd) AS "
                     "revenue_usd,\n  sum(i.qty) AS units\nFROM " +
                     b.read("marts", "fct_order_items") +
                     " i\nGROUP BY 1\nORDER BY revenue_usd DESC";
  std::string body;
  int n = 0;
  while (head.size() + body.size() + tail.size() + 64 < target) {
    const int64_t sku = 100000 + n * 7 + b.rng().range(0, 6);
    body += "    WHEN 'SKU-" + std::to_string(sku) + "' THEN '" +
            std::string(kGroups[b.rng().below(std::size(kGroups))]) + "'\n";
    ++n;
  }
  return b.finish(Kind::kSelect, head + body + tail, 28);
}

Statement union_all(SqlBuilder& b, const Env& e, size_t target) {
  struct Source {
    const char* db;
    const char* name;
    const char* date_col;
  };
  static constexpr Source kSources[] = {{"raw_web", "clickstream", "dt"},
                                        {"raw_web", "page_views", "dt"},
                                        {"raw_shop", "orders", "dt"},
                                        {"raw_web", "search_events", "dt"}};
  const Source& s = kSources[b.rng().below(std::size(kSources))];
  const std::string table = b.read(s.db, s.name);
  std::string sql;
  for (int64_t day = 1; sql.size() + 200 < target && day < 4000; ++day) {
    if (!sql.empty()) sql += "\nUNION ALL\n";
    const std::string d = day_offset(e, -day);
    sql += "SELECT '" + d + "' AS load_date, '" + s.name +
           "' AS source, count(*) AS row_count FROM " + table + " WHERE " + s.date_col + " = '" +
           d + "'";
  }
  sql += "\nORDER BY load_date";
  return b.finish(Kind::kSelect, std::move(sql), 33);
}

} // namespace

std::span<const Template> utility_templates() {
  return kUtility;
}

Statement large_select(SqlBuilder& b, const Env& env, size_t target_bytes) {
  switch (b.rng().weighted({40, 30, 30})) {
  case 0:
    return long_in_list(b, target_bytes);
  case 1:
    return wide_case(b, target_bytes);
  default:
    return union_all(b, env, target_bytes);
  }
}

} // namespace athena::samplegen
