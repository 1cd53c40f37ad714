// Ad-hoc SELECTs by analysts and data scientists (workgroups analytics, adhoc, data-science):
// generic queries over any table, struct/map/array access, UNNEST, window functions, CTEs,
// unicode literals, quoted identifiers, scratch CTAS into the sandbox.
#include <string>
#include <utility>
#include <vector>

#include "samples/generator/templates.h"

namespace athena::samplegen {
namespace {

bool is_numeric(const std::string& type) {
  return type == "bigint" || type == "int" || type == "double" || type.starts_with("decimal");
}
bool is_dimension(const std::string& type) {
  return type == "string";
}

// Column names that are keywords somewhere in SQL are double-quoted, as careful people do.
std::string ident(const std::string& name) {
  for (const char* kw : {"date", "time", "location", "bytes", "method", "status", "comment",
                         "query", "year", "month", "hour", "step", "name", "source"}) {
    if (name == kw) return "\"" + name + "\"";
  }
  return name;
}

std::vector<const Column*> columns_where(const Table& t, bool (*pred)(const std::string&)) {
  std::vector<const Column*> out;
  for (const auto& c : t.columns)
    if (pred(c.type)) out.push_back(&c);
  return out;
}

// Tables analysts query, weighted towards marts and views.
const Table& any_table(Rng& rng) {
  static const auto groups = [] {
    std::vector<std::vector<const Table*>> g(3);
    for (const auto& t : Lake::get().tables()) {
      if (t.database == "marts" || t.database == "analytics") {
        g[0].push_back(&t);
      } else if (t.database == "staging" || t.database == "sandbox") {
        g[1].push_back(&t);
      } else {
        g[2].push_back(&t);
      }
    }
    return g;
  }();
  return *rng.pick(groups[rng.weighted({55, 25, 20})]);
}

std::string partition_filter(const Table& t, const Env& e, std::string_view alias) {
  if (t.partitions.empty()) return {};
  const auto& p = t.partitions.front();
  std::string col = alias.empty() ? p.name : std::string(alias) + "." + p.name;
  if (p.type == "date") return col + " >= DATE '" + day_offset(e, -7) + "'";
  return col + " = '" + e.yesterday + "'";
}

Statement peek(SqlBuilder& b, const Env& e) {
  const Table& t = any_table(b.rng());
  std::string sql = "SELECT * FROM " + b.read(t);
  const std::string filter = partition_filter(t, e, "");
  if (!filter.empty() && b.rng().chance(600)) sql += " WHERE " + filter;
  sql += " LIMIT " + std::to_string(b.rng().pick({10, 10, 20, 50, 100, 1000}));
  return b.finish(Kind::kSelect, std::move(sql), 20);
}

Statement count_rows(SqlBuilder& b, const Env& e) {
  const Table& t = any_table(b.rng());
  std::string sql = b.rng().chance(500) ? "SELECT count(*) FROM " : "select count(*) as n\nfrom ";
  sql += b.read(t);
  const std::string filter = partition_filter(t, e, "");
  if (!filter.empty()) sql += "\nWHERE " + filter;
  return b.finish(Kind::kSelect, std::move(sql), 26);
}

Statement group_by(SqlBuilder& b, const Env& e) {
  const Table* t = nullptr;
  std::vector<const Column*> dims, nums;
  for (int attempt = 0; attempt < 20; ++attempt) {
    t = &any_table(b.rng());
    dims = columns_where(*t, is_dimension);
    nums = columns_where(*t, is_numeric);
    if (!dims.empty() && !nums.empty()) break;
  }
  if (dims.empty() || nums.empty()) {
    dims = {&Lake::get().table("marts", "fct_orders").columns[3]};
    nums = {&Lake::get().table("marts", "fct_orders").columns[4]};
    t = &Lake::get().table("marts", "fct_orders");
  }
  const Column& d = *b.rng().pick(dims);
  const Column& n = *b.rng().pick(nums);
  const std::string agg(b.rng().pick({"sum", "avg", "max", "min", "approx_percentile"}));
  const std::string measure = agg == "approx_percentile" ? agg + "(" + ident(n.name) + ", 0.5)"
                                                         : agg + "(" + ident(n.name) + ")";
  std::string sql = "SELECT " + ident(d.name) + ", count(*) AS cnt, " + measure + " AS " + agg +
                    "_" + n.name + "\nFROM " + b.read(*t);
  const std::string filter = partition_filter(*t, e, "");
  if (!filter.empty()) sql += "\nWHERE " + filter;
  sql += "\nGROUP BY " + ident(d.name) + "\nORDER BY cnt DESC\nLIMIT " +
         std::to_string(b.rng().pick({10, 25, 50, 100}));
  return b.finish(Kind::kSelect, std::move(sql), 27);
}

struct JoinPair {
  const Table* left;
  const Table* right;
  std::string key;
};

const std::vector<JoinPair>& join_pairs() {
  static const auto pairs = [] {
    std::vector<JoinPair> out;
    const auto& tables = Lake::get().tables();
    for (const char* key : {"order_id", "customer_id", "sku", "session_id", "account_id"}) {
      for (size_t i = 0; i < tables.size(); ++i) {
        for (size_t j = i + 1; j < tables.size(); ++j) {
          const auto& a = tables[i];
          const auto& c = tables[j];
          if (a.database.starts_with("raw_") || c.database.starts_with("raw_")) continue;
          if (a.has_column(key) && c.has_column(key)) out.push_back({&a, &c, key});
        }
      }
    }
    return out;
  }();
  return pairs;
}

Statement join_two(SqlBuilder& b, const Env&) {
  const JoinPair& p = b.rng().pick(join_pairs());
  const auto nums = columns_where(*p.right, is_numeric);
  std::string measure = "count(*) AS rows_joined";
  if (!nums.empty()) {
    const Column& n = *b.rng().pick(nums);
    measure += ", sum(r." + ident(n.name) + ") AS total_" + n.name;
  }
  const char* join = b.rng().chance(700) ? "JOIN" : "LEFT JOIN";
  // One builder call per statement: the operands of + are unsequenced, and every call may
  // draw from the generator, so two in one expression could run in either order.
  const std::string left = b.read(*p.left);
  const std::string right = b.read(*p.right);
  std::string sql = "SELECT l." + p.key + ", " + measure + "\nFROM " + left + " l\n" + join + " " +
                    right + " r ON r." + p.key + " = l." + p.key + "\nGROUP BY l." + p.key +
                    "\nORDER BY 2 DESC\nLIMIT 100";
  return b.finish(Kind::kSelect, std::move(sql), 28);
}

Statement top_n_per_group(SqlBuilder& b, const Env& e) {
  std::string sql = subst(R"(SELECT *
FROM (
  SELECT c.country, o.customer_id, sum(o.total_amount_usd) AS spend,
         row_number() OVER (PARTITION BY c.country ORDER BY sum(o.total_amount_usd) DESC) AS rn
  FROM {0} o
  JOIN {1} c ON c.customer_id = o.customer_id
  WHERE o.order_date >= DATE '{2}'
  GROUP BY c.country, o.customer_id
)
WHERE rn <= {3})",
                          {b.read("marts", "fct_orders"), b.read("marts", "dim_customers"),
                           day_offset(e, -90), std::to_string(b.rng().range(3, 20))});
  return b.finish(Kind::kSelect, std::move(sql), 27);
}

Statement clickstream_struct_map(SqlBuilder& b, const Env& e) {
  std::string sql =
      subst(R"(SELECT device.os AS os, geo.country AS country,
       properties['utm_source'] AS utm_source, count(*) AS events,
       approx_distinct(session_id) AS sessions
FROM {0}
WHERE dt = '{1}' AND hour BETWEEN '08' AND '{2}'
  AND element_at(properties, 'utm_campaign') IS NOT NULL
GROUP BY 1, 2, 3
ORDER BY events DESC
LIMIT 200)",
            {b.read("raw_web", "clickstream"), e.yesterday, std::to_string(b.rng().range(10, 23))});
  return b.finish(Kind::kSelect, std::move(sql), 33);
}

Statement order_items_unnest(SqlBuilder& b, const Env& e) {
  std::string sql =
      subst(R"(SELECT item.sku, sum(item.qty) AS units,
       sum(item.qty * item.unit_price) AS gross, o.shipping_address.country AS country
FROM {0} o
CROSS JOIN UNNEST(o.items) AS t(item)
WHERE o.dt = '{1}'
GROUP BY item.sku, o.shipping_address.country
HAVING sum(item.qty) > {2})",
            {b.read("raw_shop", "orders"), e.yesterday, std::to_string(b.rng().range(1, 50))});
  return b.finish(Kind::kSelect, std::move(sql), 30);
}

Statement product_attributes(SqlBuilder& b, const Env& e) {
  std::string sql = subst(R"(SELECT p.category, kv.k AS attribute, count(*) AS products
FROM {0} p
CROSS JOIN UNNEST(map_keys(p.attributes)) AS kv(k)
WHERE p.dt = '{1}'
GROUP BY 1, 2
ORDER BY 3 DESC)",
                          {b.read("raw_shop", "products"), e.yesterday});
  return b.finish(Kind::kSelect, std::move(sql), 22);
}

Statement tiny(SqlBuilder& b, const Env&) {
  std::string sql(
      b.rng().pick({"SELECT 1", "select current_date", "SELECT now()", "SELECT version()",
                    "SELECT 1 + 1 AS two", "SELECT from_unixtime(1700000000) AS ts"}));
  return b.finish(Kind::kSelect, std::move(sql), 0);
}

Statement unicode_search(SqlBuilder& b, const Env&) {
  const std::string_view name =
      b.rng().pick({"Jürgen", "François", "Søren", "Zoë", "Łukasz", "José", "Ærøskøbing"});
  const std::string_view city = b.rng().pick(
      {"München", "Zürich", "São Paulo", "Kraków", "東京", "Αθήνα", "Москва", "Reykjavík"});
  std::string sql =
      subst(R"(-- customers named like '{1}' who ship to {2} — requested by support 🙂
SELECT c.customer_id, c.full_name, c.country, c.segment
FROM {0} c
WHERE c.full_name LIKE '{1}%'
  AND c.customer_id IN (
    SELECT o.customer_id FROM {3} o WHERE o.shipping_address.city = '{2}' AND o.dt >= '2024-01-01'
  ))",
            {b.read("marts", "dim_customers"), name, city, b.read("raw_shop", "orders")});
  return b.finish(Kind::kSelect, std::move(sql), 31);
}

Statement cohort_cte(SqlBuilder& b, const Env& e) {
  std::string sql = subst(R"(WITH first_orders AS (
    SELECT customer_id, min(order_date) AS first_order
    FROM {0}
    GROUP BY customer_id
), monthly AS (
    SELECT f.customer_id, date_trunc('month', f.first_order) AS cohort,
           date_trunc('month', o.order_date) AS month
    FROM first_orders f
    JOIN {0} o ON o.customer_id = f.customer_id
), sized AS (
    SELECT cohort, month, count(DISTINCT customer_id) AS active
    FROM monthly
    GROUP BY cohort, month
)
SELECT s.cohort, s.month, s.active,
       s.active * 1.0 / first_value(s.active) OVER (PARTITION BY s.cohort ORDER BY s.month) AS retention,
       lag(s.active) OVER (PARTITION BY s.cohort ORDER BY s.month) AS prev_active
FROM sized s
JOIN {1} c ON c.cohort_month = s.cohort AND c.months_since = 0
WHERE s.cohort >= DATE '{2}'
ORDER BY 1, 2)",
                          {b.read("marts", "fct_orders"), b.read("analytics", "cohort_retention"),
                           day_offset(e, -365)});
  return b.finish(Kind::kSelect, std::move(sql), 29);
}

Statement cloudfront_errors(SqlBuilder& b, const Env& e) {
  std::string sql = subst(R"(SELECT "date", status, count(*) AS requests, sum(bytes) AS bytes
FROM {0}
WHERE "date" BETWEEN DATE '{1}' AND DATE '{2}' AND status >= 500
GROUP BY "date", status
ORDER BY "date")",
                          {b.read("raw_web", "cloudfront_logs"), day_offset(e, -3), e.yesterday});
  return b.finish(Kind::kSelect, std::move(sql), 34);
}

Statement search_gaps(SqlBuilder& b, const Env& e) {
  std::string sql = subst(R"(SELECT "search_term", count(*) AS "Searches",
       avg(CASE WHEN "results_count" = 0 THEN 1.0 ELSE 0.0 END) AS "Zero Result Share"
FROM {0}
WHERE "search_date" >= DATE '{1}'
GROUP BY 1
HAVING count(*) > 20
ORDER BY 3 DESC
LIMIT 100)",
                          {b.read("staging", "stg_searches"), day_offset(e, -14)});
  return b.finish(Kind::kSelect, std::move(sql), 26);
}

Statement sandbox_ctas(SqlBuilder& b, const Env& e) {
  const auto& dst = Lake::get().table("sandbox", "tmp_big_spenders");
  std::string sql = subst(R"(CREATE TABLE {0}
WITH (format = 'PARQUET', write_compression = 'SNAPPY')
AS
SELECT o.customer_id, c.country, CAST(sum(o.total_amount_usd) AS decimal(14,2)) AS total_usd
FROM {1} o
JOIN {2} c ON c.customer_id = o.customer_id
WHERE o.order_date >= DATE '{3}'
GROUP BY o.customer_id, c.country
HAVING sum(o.total_amount_usd) > 1000)",
                          {b.write(dst), b.read("marts", "fct_orders"),
                           b.read("marts", "dim_customers"), day_offset(e, -180)});
  return b.finish(Kind::kCtas, std::move(sql), 27);
}

Statement sandbox_sample(SqlBuilder& b, const Env& e) {
  const auto& dst = Lake::get().table("sandbox", "tmp_orders_sample");
  const std::string location =
      "s3://acme-lake-sandbox/sandbox/tmp_orders_sample/" + e.date_compact + "/";
  std::string sql = subst(R"(CREATE TABLE {0}
WITH (format = 'PARQUET', external_location = '{2}')
AS
SELECT order_id, customer_id, total_amount_usd, order_date
FROM {1} TABLESAMPLE BERNOULLI ({3}))",
                          {b.write(dst), b.read("marts", "fct_orders"), location,
                           std::to_string(b.rng().range(1, 10))});
  b.set_write_location(location);
  return b.finish(Kind::kCtas, std::move(sql), 28);
}

Statement sandbox_insert(SqlBuilder& b, const Env& e) {
  std::string sql = subst(
      R"(INSERT INTO {0} (search_term, searches, zero_result_share)
SELECT search_term, count(*), avg(CASE WHEN results_count = 0 THEN 1.0 ELSE 0.0 END)
FROM {1}
WHERE search_date = DATE '{2}'
GROUP BY search_term)",
      {b.write("sandbox", "tmp_search_gaps"), b.read("staging", "stg_searches"), e.yesterday});
  return b.finish(Kind::kInsert, std::move(sql), 24);
}

Statement nps_vs_support(SqlBuilder& b, const Env& e) {
  std::string sql = subst(
      R"(SELECT n.score, count(DISTINCT n.customer_id) AS customers,
       avg(s.resolution_hours) AS avg_resolution_hours
FROM {0} n
LEFT JOIN {1} s ON s.customer_id = n.customer_id AND s.created_date >= DATE '{2}'
WHERE n.dt >= '{2}'
GROUP BY n.score
ORDER BY n.score)",
      {b.read("raw_crm", "nps_responses"), b.read("marts", "fct_support"), day_offset(e, -90)});
  return b.finish(Kind::kSelect, std::move(sql), 22);
}

Statement ledger_balance(SqlBuilder& b, const Env& e) {
  std::string sql =
      subst(R"(SELECT account_code, entry_type,
       sum(amount) FILTER (WHERE entry_type = 'debit') AS debits,
       sum(amount) FILTER (WHERE entry_type = 'credit') AS credits,
       element_at(metadata, 'cost_center') AS cost_center
FROM {0}
WHERE dt BETWEEN '{1}' AND '{2}'
GROUP BY account_code, entry_type, element_at(metadata, 'cost_center'))",
            {b.read("raw_finance", "ledger_entries"), day_offset(e, -30), e.yesterday});
  return b.finish(Kind::kSelect, std::move(sql), 29);
}

constexpr Template kAnalyst[] = {
    {"adhoc.peek", 18, peek},
    {"adhoc.count_rows", 10, count_rows},
    {"adhoc.group_by", 16, group_by},
    {"adhoc.join_two", 12, join_two},
    {"adhoc.top_n_per_group", 5, top_n_per_group},
    {"adhoc.clickstream_struct_map", 4, clickstream_struct_map},
    {"adhoc.order_items_unnest", 4, order_items_unnest},
    {"adhoc.product_attributes", 2, product_attributes},
    {"adhoc.tiny", 4, tiny},
    {"adhoc.unicode_search", 3, unicode_search},
    {"adhoc.cohort_cte", 3, cohort_cte},
    {"adhoc.cloudfront_errors", 3, cloudfront_errors},
    {"adhoc.search_gaps", 3, search_gaps},
    {"adhoc.sandbox_ctas", 1, sandbox_ctas},
    {"adhoc.sandbox_sample", 1, sandbox_sample},
    {"adhoc.sandbox_insert", 1, sandbox_insert},
    {"adhoc.nps_vs_support", 2, nps_vs_support},
    {"adhoc.ledger_balance", 2, ledger_balance},
};

constexpr Template kScience[] = {
    {"science.clickstream_struct_map", 6, clickstream_struct_map},
    {"science.order_items_unnest", 5, order_items_unnest},
    {"science.cohort_cte", 5, cohort_cte},
    {"science.group_by", 6, group_by},
    {"science.join_two", 5, join_two},
    {"science.peek", 5, peek},
    {"science.sandbox_ctas", 2, sandbox_ctas},
    {"science.sandbox_sample", 2, sandbox_sample},
    {"science.search_gaps", 3, search_gaps},
    {"science.product_attributes", 2, product_attributes},
};

} // namespace

std::span<const Template> analyst_templates() {
  return kAnalyst;
}

std::span<const Template> science_templates() {
  return kScience;
}

} // namespace athena::samplegen
