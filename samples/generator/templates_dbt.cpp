// dbt models (service user "dbt", workgroup etl): three-part quoted names, CTE chains, MERGE into
// Iceberg, CTAS with external_location, CREATE OR REPLACE VIEW. Each template names every table
// through the builder, which records it as read or written.
#include "samples/generator/templates.h"

namespace athena::samplegen {
namespace {

Statement stg_orders(SqlBuilder& b, const Env& e) {
  const auto& dst = Lake::get().table("staging", "stg_orders");
  const auto& src = Lake::get().table("raw_shop", "orders");
  std::string sql =
      subst(R"(INSERT INTO {0}
WITH src AS (
  SELECT o.order_id, o.customer_id, o.order_ts, lower(o.status) AS status, o.currency,
         o.total_amount, o.shipping_address.country AS ship_country,
         cardinality(o.items) AS item_count,
         row_number() OVER (PARTITION BY o.order_id ORDER BY o.order_ts DESC) AS rn
  FROM {1} o
  WHERE o.dt = '{3}'
),
fx AS (
  SELECT currency, rate_to_usd
  FROM {2}
  WHERE rate_date = DATE '{3}'
)
SELECT s.order_id, s.customer_id, s.order_ts, s.status, s.currency,
       CAST(s.total_amount * coalesce(fx.rate_to_usd, 1) AS decimal(12,2)) AS total_amount_usd,
       s.ship_country, CAST(s.item_count AS integer) AS item_count,
       CAST(s.order_ts AS date) AS order_date
FROM src s
LEFT JOIN fx ON fx.currency = s.currency
WHERE s.rn = 1)",
            {b.write(dst), b.read(src), b.read("staging", "stg_fx_rates"), e.yesterday});
  // No column edges here: the struct field, the window filter and the CTE chain leave room for
  // interpretation, and the column truth lists only statements known exactly.
  return b.finish(Kind::kInsert, std::move(sql), 31);
}

Statement stg_order_items(SqlBuilder& b, const Env& e) {
  std::string sql =
      subst(R"(INSERT INTO {0}
WITH items AS (
  SELECT i.order_id, i.line_no, i.sku, i.qty, i.unit_price, i.discount
  FROM {1} i
  WHERE i.dt = '{4}'
),
orders AS (
  SELECT order_id, currency, CAST(order_ts AS date) AS order_date
  FROM {2}
  WHERE dt = '{4}'
),
fx AS (
  SELECT currency, rate_to_usd FROM {3} WHERE rate_date = DATE '{4}'
)
SELECT items.order_id, items.line_no, items.sku, items.qty,
       CAST(items.unit_price * coalesce(fx.rate_to_usd, 1) AS decimal(10,2)) AS unit_price_usd,
       CAST((items.unit_price - items.discount) * items.qty * coalesce(fx.rate_to_usd, 1) AS decimal(12,2)) AS line_amount_usd,
       orders.order_date
FROM items
JOIN orders ON orders.order_id = items.order_id
LEFT JOIN fx ON fx.currency = orders.currency)",
            {b.write("staging", "stg_order_items"), b.read("raw_shop", "order_items"),
             b.read("raw_shop", "orders"), b.read("staging", "stg_fx_rates"), e.yesterday});
  return b.finish(Kind::kInsert, std::move(sql), 31);
}

Statement stg_customers(SqlBuilder& b, const Env& e) {
  std::string sql =
      subst(R"(MERGE INTO {0} AS t
USING (
  SELECT customer_id, to_hex(sha256(to_utf8(lower(email)))) AS email_hash, first_name, last_name,
         upper(country) AS country, created_at, marketing_opt_in AS is_opted_in
  FROM (
    SELECT c.*, row_number() OVER (PARTITION BY c.customer_id ORDER BY c.created_at DESC) AS rn
    FROM {1} c
    WHERE c.dt = '{2}'
  )
  WHERE rn = 1
) AS s
ON t.customer_id = s.customer_id
WHEN MATCHED THEN
  UPDATE SET email_hash = s.email_hash, first_name = s.first_name, last_name = s.last_name,
             country = s.country, is_opted_in = s.is_opted_in, updated_at = current_timestamp
WHEN NOT MATCHED THEN
  INSERT (customer_id, email_hash, first_name, last_name, country, created_at, is_opted_in, updated_at)
  VALUES (s.customer_id, s.email_hash, s.first_name, s.last_name, s.country, s.created_at,
          s.is_opted_in, current_timestamp))",
            {b.write("staging", "stg_customers"), b.read("raw_shop", "customers"), e.yesterday});
  return b.finish(Kind::kMerge, std::move(sql), 27);
}

Statement fct_orders(SqlBuilder& b, const Env& e) {
  std::string sql = subst(R"(INSERT INTO {0}
WITH orders AS (
  SELECT order_id, customer_id, order_date, status, total_amount_usd, item_count
  FROM {1}
  WHERE order_date = DATE '{4}'
),
payments AS (
  SELECT order_id, max_by(method, processed_at) AS payment_method
  FROM {2}
  WHERE dt = '{4}' AND status = 'captured'
  GROUP BY order_id
),
shipments AS (
  SELECT order_id, min(shipped_at) AS shipped_at, max(delivered_at) AS delivered_at
  FROM {3}
  WHERE dt >= '{5}'
  GROUP BY order_id
)
SELECT o.order_id, o.customer_id, o.order_date, o.status, o.total_amount_usd, o.item_count,
       p.payment_method, s.shipped_at, s.delivered_at, false AS is_returned
FROM orders o
LEFT JOIN payments p ON p.order_id = o.order_id
LEFT JOIN shipments s ON s.order_id = o.order_id)",
                          {b.write("marts", "fct_orders"), b.read("staging", "stg_orders"),
                           b.read("staging", "stg_payments"), b.read("staging", "stg_shipments"),
                           e.yesterday, day_offset(e, -14)});
  return b.finish(Kind::kInsert, std::move(sql), 29);
}

Statement fct_order_items(SqlBuilder& b, const Env& e) {
  const auto& dst = Lake::get().table("marts", "fct_order_items");
  const auto& items = Lake::get().table("staging", "stg_order_items");
  const auto& products = Lake::get().table("staging", "stg_products");
  std::string sql = subst(R"(INSERT INTO {0}
SELECT i.order_id, i.line_no, i.sku, coalesce(p.category, 'unknown') AS category, i.qty,
       i.line_amount_usd, i.order_date
FROM {1} i
LEFT JOIN {2} p ON p.sku = i.sku
WHERE i.order_date = DATE '{3}')",
                          {b.write(dst), b.read(items), b.read(products), e.yesterday});
  b.column_edge(items, "order_id", dst, "order_id", "identity");
  b.column_edge(items, "line_no", dst, "line_no", "identity");
  b.column_edge(items, "sku", dst, "sku", "identity");
  b.column_edge(products, "category", dst, "category", "expression");
  b.column_edge(items, "qty", dst, "qty", "identity");
  b.column_edge(items, "line_amount_usd", dst, "line_amount_usd", "identity");
  b.column_edge(items, "order_date", dst, "order_date", "identity");
  return b.finish(Kind::kInsert, std::move(sql), 28);
}

Statement fct_daily_sales(SqlBuilder& b, const Env& e) {
  std::string sql =
      subst(R"(INSERT INTO {0}
SELECT c.country, i.category, count(DISTINCT o.order_id) AS orders,
       sum(i.line_amount_usd) AS revenue_usd, sum(i.qty) AS units, o.order_date AS sales_date
FROM {1} o
JOIN {2} i ON i.order_id = o.order_id
JOIN {3} c ON c.customer_id = o.customer_id
WHERE o.order_date = DATE '{4}' AND o.status <> 'cancelled'
GROUP BY c.country, i.category, o.order_date)",
            {b.write("marts", "fct_daily_sales"), b.read("marts", "fct_orders"),
             b.read("marts", "fct_order_items"), b.read("marts", "dim_customers"), e.yesterday});
  return b.finish(Kind::kInsert, std::move(sql), 27);
}

Statement dim_customers(SqlBuilder& b, const Env& e) {
  std::string sql = subst(R"(MERGE INTO {0} t
USING (
  WITH orders AS (
    SELECT customer_id, min(order_date) AS first_order_date, max(order_date) AS last_order_date,
           sum(total_amount_usd) AS ltv
    FROM {1}
    GROUP BY customer_id
  )
  SELECT c.customer_id, c.email_hash, concat(c.first_name, ' ', c.last_name) AS full_name,
         c.country,
         CASE WHEN o.ltv >= 5000 THEN 'vip' WHEN o.ltv >= 500 THEN 'regular' ELSE 'new' END AS segment,
         o.first_order_date, CAST(coalesce(o.ltv, 0) AS decimal(14,2)) AS lifetime_value_usd,
         coalesce(o.last_order_date >= DATE '{3}' - INTERVAL '180' DAY, false) AS is_active
  FROM {2} c
  LEFT JOIN orders o ON o.customer_id = c.customer_id
  WHERE c.updated_at >= TIMESTAMP '{3} 00:00:00'
) s
ON t.customer_id = s.customer_id
WHEN MATCHED AND s.segment <> t.segment THEN
  UPDATE SET segment = s.segment, lifetime_value_usd = s.lifetime_value_usd,
             is_active = s.is_active, updated_at = current_timestamp
WHEN MATCHED THEN
  UPDATE SET lifetime_value_usd = s.lifetime_value_usd, is_active = s.is_active,
             updated_at = current_timestamp
WHEN NOT MATCHED THEN
  INSERT (customer_id, email_hash, full_name, country, segment, first_order_date,
          lifetime_value_usd, is_active, updated_at)
  VALUES (s.customer_id, s.email_hash, s.full_name, s.country, s.segment, s.first_order_date,
          s.lifetime_value_usd, s.is_active, current_timestamp))",
                          {b.write("marts", "dim_customers"), b.read("marts", "fct_orders"),
                           b.read("staging", "stg_customers"), e.yesterday});
  return b.finish(Kind::kMerge, std::move(sql), 28);
}

Statement v_orders_enriched(SqlBuilder& b, const Env&) {
  const auto& dst = Lake::get().table("marts", "v_orders_enriched");
  const auto& o = Lake::get().table("marts", "fct_orders");
  const auto& c = Lake::get().table("marts", "dim_customers");
  std::string sql = subst(R"(CREATE OR REPLACE VIEW {0} AS
SELECT o.order_id, o.order_date, o.customer_id, c.full_name, c.country, c.segment,
       o.total_amount_usd, o.status
FROM {1} o
LEFT JOIN {2} c ON c.customer_id = o.customer_id)",
                          {b.write(dst), b.read(o), b.read(c)});
  b.column_edge(o, "order_id", dst, "order_id", "identity");
  b.column_edge(o, "order_date", dst, "order_date", "identity");
  b.column_edge(o, "customer_id", dst, "customer_id", "identity");
  b.column_edge(c, "full_name", dst, "full_name", "identity");
  b.column_edge(c, "country", dst, "country", "identity");
  b.column_edge(c, "segment", dst, "segment", "identity");
  b.column_edge(o, "total_amount_usd", dst, "total_amount_usd", "identity");
  b.column_edge(o, "status", dst, "status", "identity");
  return b.finish(Kind::kCreateView, std::move(sql), 0);
}

Statement v_daily_kpis(SqlBuilder& b, const Env&) {
  std::string sql = subst(R"(CREATE OR REPLACE VIEW {0} AS
WITH sales AS (
  SELECT sales_date, sum(orders) AS orders, sum(revenue_usd) AS revenue_usd
  FROM {1}
  GROUP BY sales_date
),
sessions AS (
  SELECT session_date, count(*) AS sessions, count_if(converted) AS converted
  FROM {2}
  GROUP BY session_date
)
SELECT s.sales_date AS kpi_date, s.orders, s.revenue_usd, x.sessions,
       CAST(x.converted AS double) / nullif(x.sessions, 0) AS conversion_rate
FROM sales s
LEFT JOIN sessions x ON x.session_date = s.sales_date)",
                          {b.write("marts", "v_daily_kpis"), b.read("marts", "fct_daily_sales"),
                           b.read("marts", "fct_sessions")});
  return b.finish(Kind::kCreateView, std::move(sql), 0);
}

Statement v_active_customers(SqlBuilder& b, const Env&) {
  std::string sql = subst(R"(CREATE OR REPLACE VIEW {0} AS
SELECT c.customer_id, c.full_name, c.country, c.segment, max(o.order_date) AS last_order_date
FROM {1} c
JOIN {2} o ON o.customer_id = c.customer_id
WHERE c.is_active
GROUP BY c.customer_id, c.full_name, c.country, c.segment)",
                          {b.write("marts", "v_active_customers"), b.read("marts", "dim_customers"),
                           b.read("marts", "fct_orders")});
  return b.finish(Kind::kCreateView, std::move(sql), 0);
}

Statement stg_sessions(SqlBuilder& b, const Env& e) {
  std::string sql =
      subst(R"(INSERT INTO {0}
WITH events AS (
  SELECT session_id, user_id, event_ts, event_type, device.os AS device_os, geo.country AS country,
         lag(event_ts) OVER (PARTITION BY session_id ORDER BY event_ts) AS prev_ts
  FROM {1}
  WHERE dt = '{2}'
),
sessions AS (
  SELECT session_id, arbitrary(user_id) AS user_id, min(event_ts) AS started_at,
         max(event_ts) AS ended_at, count_if(event_type = 'page_view') AS page_count,
         count(*) AS event_count, arbitrary(device_os) AS device_os, arbitrary(country) AS country,
         max(date_diff('minute', prev_ts, event_ts)) AS max_gap_minutes
  FROM events
  GROUP BY session_id
)
SELECT session_id, user_id, started_at, ended_at, CAST(page_count AS integer) AS page_count,
       CAST(event_count AS integer) AS event_count, device_os, country,
       CAST(started_at AS date) AS session_date
FROM sessions
WHERE max_gap_minutes IS NULL OR max_gap_minutes < 30)",
            {b.write("staging", "stg_sessions"), b.read("raw_web", "clickstream"), e.yesterday});
  return b.finish(Kind::kInsert, std::move(sql), 34);
}

Statement fct_sessions(SqlBuilder& b, const Env& e) {
  std::string sql = subst(R"(INSERT INTO {0}
SELECT s.session_id, s.user_id, s.session_date, s.page_count, s.event_count, s.device_os,
       s.country, coalesce(c.checked_out, false) AS converted
FROM {1} s
LEFT JOIN (
  SELECT session_id, bool_or(action = 'checkout') AS checked_out
  FROM {2}
  WHERE dt = '{3}'
  GROUP BY session_id
) c ON c.session_id = s.session_id
WHERE s.session_date = DATE '{3}')",
                          {b.write("marts", "fct_sessions"), b.read("staging", "stg_sessions"),
                           b.read("raw_web", "cart_events"), e.yesterday});
  return b.finish(Kind::kInsert, std::move(sql), 30);
}

Statement stg_products(SqlBuilder& b, const Env& e) {
  const auto& dst = Lake::get().table("staging", "stg_products");
  const auto& src = Lake::get().table("raw_shop", "products");
  std::string location = dst.location + "run=" + e.date_compact + "/";
  std::string sql = subst(R"(CREATE TABLE {0}
WITH (table_type = 'HIVE', format = 'PARQUET', write_compression = 'SNAPPY',
      external_location = '{2}')
AS
SELECT sku, trim(product_name) AS product_name, lower(category) AS category, brand,
       CAST(list_price AS decimal(10,2)) AS list_price_usd
FROM {1}
WHERE dt = '{3}')",
                          {b.write(dst), b.read(src), location, e.yesterday});
  b.set_write_location(location);
  b.column_edge(src, "sku", dst, "sku", "identity");
  b.column_edge(src, "product_name", dst, "product_name", "expression");
  b.column_edge(src, "category", dst, "category", "expression");
  b.column_edge(src, "brand", dst, "brand", "identity");
  b.column_edge(src, "list_price", dst, "list_price_usd", "expression");
  return b.finish(Kind::kCtas, std::move(sql), 24);
}

Statement stg_accounts(SqlBuilder& b, const Env& e) {
  const auto& dst = Lake::get().table("staging", "stg_accounts");
  std::string location = dst.location + "run=" + e.date_compact + "/";
  std::string sql = subst(R"(CREATE TABLE {0}
WITH (format = 'PARQUET', external_location = '{3}')
AS
SELECT a.account_id, a.account_name, lower(a.industry) AS industry, lower(a.owner_email) AS owner_email,
       CAST(a.annual_revenue * coalesce(fx.rate_to_usd, 1) AS decimal(18,2)) AS annual_revenue_usd,
       upper(a.country) AS country
FROM {1} a
LEFT JOIN {2} fx ON fx.currency = 'EUR' AND fx.rate_date = DATE '{4}'
WHERE a.dt = '{4}')",
                          {b.write(dst), b.read("raw_crm", "accounts"),
                           b.read("staging", "stg_fx_rates"), location, e.yesterday});
  b.set_write_location(location);
  return b.finish(Kind::kCtas, std::move(sql), 22);
}

Statement dim_products(SqlBuilder& b, const Env& e) {
  const auto& dst = Lake::get().table("marts", "dim_products");
  std::string location = dst.location + "run=" + e.date_compact + "/";
  std::string sql = subst(R"(CREATE TABLE {0}
WITH (format = 'PARQUET', write_compression = 'ZSTD', external_location = '{3}')
AS
WITH stock AS (
  SELECT sku, sum(on_hand - reserved) AS available
  FROM {2}
  WHERE dt = '{4}'
  GROUP BY sku
)
SELECT p.sku, p.product_name, p.category, p.brand, p.list_price_usd,
       coalesce(s.available > 0, false) AS is_active
FROM {1} p
LEFT JOIN stock s ON s.sku = p.sku)",
                          {b.write(dst), b.read("staging", "stg_products"),
                           b.read("raw_shop", "inventory_snapshots"), location, e.yesterday});
  b.set_write_location(location);
  return b.finish(Kind::kCtas, std::move(sql), 24);
}

constexpr Template kDbt[] = {
    {"dbt.stg_orders", 10, stg_orders},          {"dbt.stg_order_items", 8, stg_order_items},
    {"dbt.stg_customers", 6, stg_customers},     {"dbt.fct_orders", 8, fct_orders},
    {"dbt.fct_order_items", 6, fct_order_items}, {"dbt.fct_daily_sales", 6, fct_daily_sales},
    {"dbt.dim_customers", 5, dim_customers},     {"dbt.v_orders_enriched", 2, v_orders_enriched},
    {"dbt.v_daily_kpis", 2, v_daily_kpis},       {"dbt.v_active_customers", 2, v_active_customers},
    {"dbt.stg_sessions", 7, stg_sessions},       {"dbt.fct_sessions", 6, fct_sessions},
    {"dbt.stg_products", 4, stg_products},       {"dbt.stg_accounts", 3, stg_accounts},
    {"dbt.dim_products", 3, dim_products},
};

} // namespace

std::span<const Template> dbt_templates() {
  return kDbt;
}

} // namespace athena::samplegen
