// Airflow jobs (IAM user svc-airflow, workgroup etl): plain db.table names, INSERT ... SELECT,
// UPDATE/DELETE/MERGE on Iceberg tables, UNLOAD exports, CTAS with external_location and
// partitioned_by, CROSS JOIN UNNEST.
#include "samples/generator/templates.h"

namespace athena::samplegen {
namespace {

Statement stg_fx_rates(SqlBuilder& b, const Env& e) {
  const auto& dst = Lake::get().table("staging", "stg_fx_rates");
  const auto& src = Lake::get().table("raw_finance", "fx_rates");
  std::string sql = subst(R"(INSERT INTO {0} (currency, rate_date, rate_to_usd)
SELECT upper(currency), rate_date, rate_to_usd
FROM {1}
WHERE dt = '{2}')",
                          {b.write(dst), b.read(src), e.yesterday});
  b.column_edge(src, "currency", dst, "currency", "expression");
  b.column_edge(src, "rate_date", dst, "rate_date", "identity");
  b.column_edge(src, "rate_to_usd", dst, "rate_to_usd", "identity");
  return b.finish(Kind::kInsert, std::move(sql), 14);
}

Statement stg_payments(SqlBuilder& b, const Env& e) {
  std::string sql =
      subst(R"(INSERT INTO {0}
SELECT p.payment_id, p.order_id, lower(p.method) AS method,
       CAST(p.amount * coalesce(fx.rate_to_usd, 1) AS decimal(12,2)) AS amount_usd,
       p.status, p.processed_at, p.dt
FROM {1} p
JOIN {2} o ON o.order_id = p.order_id AND o.dt = p.dt
LEFT JOIN {3} fx ON fx.currency = o.currency AND fx.rate_date = DATE '{4}'
WHERE p.dt = '{4}')",
            {b.write("staging", "stg_payments"), b.read("raw_shop", "payments"),
             b.read("raw_shop", "orders"), b.read("staging", "stg_fx_rates"), e.yesterday});
  return b.finish(Kind::kInsert, std::move(sql), 30);
}

Statement stg_shipments(SqlBuilder& b, const Env& e) {
  const auto& dst = Lake::get().table("staging", "stg_shipments");
  const auto& src = Lake::get().table("raw_shop", "shipments");
  std::string sql = subst(R"(INSERT INTO {0}
SELECT shipment_id, order_id, upper(carrier) AS carrier, shipped_at, delivered_at,
       CAST(date_diff('day', shipped_at, delivered_at) AS integer) AS delivery_days, dt
FROM {1}
WHERE dt = '{2}' AND shipped_at IS NOT NULL)",
                          {b.write(dst), b.read(src), e.yesterday});
  b.column_edge(src, "shipment_id", dst, "shipment_id", "identity");
  b.column_edge(src, "order_id", dst, "order_id", "identity");
  b.column_edge(src, "carrier", dst, "carrier", "expression");
  b.column_edge(src, "shipped_at", dst, "shipped_at", "identity");
  b.column_edge(src, "delivered_at", dst, "delivered_at", "identity");
  b.column_edge(src, "shipped_at", dst, "delivery_days", "expression");
  b.column_edge(src, "delivered_at", dst, "delivery_days", "expression");
  b.column_edge(src, "dt", dst, "dt", "identity");
  return b.finish(Kind::kInsert, std::move(sql), 27);
}

Statement stg_page_views(SqlBuilder& b, const Env& e) {
  std::string sql =
      subst(R"(INSERT INTO {0}
SELECT view_id, session_id, user_id, url_extract_path(url) AS url, duration_ms,
       CAST(viewed_at AS date) AS view_date
FROM {1}
WHERE dt = '{2}' AND duration_ms > 0)",
            {b.write("staging", "stg_page_views"), b.read("raw_web", "page_views"), e.yesterday});
  return b.finish(Kind::kInsert, std::move(sql), 33);
}

Statement stg_searches(SqlBuilder& b, const Env& e) {
  std::string sql =
      subst(R"(INSERT INTO {0}
SELECT search_id, session_id, user_id, lower(trim(query)) AS search_term, results_count,
       clicked_sku IS NOT NULL AS clicked, CAST(searched_at AS date) AS search_date
FROM {1}
WHERE dt = '{2}')",
            {b.write("staging", "stg_searches"), b.read("raw_web", "search_events"), e.yesterday});
  return b.finish(Kind::kInsert, std::move(sql), 30);
}

Statement stg_tickets(SqlBuilder& b, const Env& e) {
  std::string sql =
      subst(R"(INSERT INTO {0}
SELECT t.ticket_id, t.customer_id, t.channel, t.priority, t.created_at, t.resolved_at,
       date_diff('minute', t.created_at, t.resolved_at) / 60.0 AS resolution_hours,
       tag, t.dt
FROM {1} t
CROSS JOIN UNNEST(t.tags) AS x(tag)
WHERE t.dt = '{2}')",
            {b.write("staging", "stg_tickets"), b.read("raw_crm", "support_tickets"), e.yesterday});
  return b.finish(Kind::kInsert, std::move(sql), 24);
}

Statement stg_invoices(SqlBuilder& b, const Env& e) {
  std::string sql = subst(R"(INSERT INTO {0}
SELECT i.invoice_id, i.account_id,
       CAST(i.amount * coalesce(fx.rate_to_usd, 1) AS decimal(18,2)) AS amount_usd,
       i.issued_at, i.due_date, i.paid_at,
       i.paid_at IS NULL AND i.due_date < DATE '{3}' AS is_overdue
FROM {1} i
LEFT JOIN {2} fx ON fx.currency = i.currency AND fx.rate_date = CAST(i.issued_at AS date)
WHERE i.dt = '{3}')",
                          {b.write("staging", "stg_invoices"), b.read("raw_finance", "invoices"),
                           b.read("staging", "stg_fx_rates"), e.yesterday});
  return b.finish(Kind::kInsert, std::move(sql), 25);
}

Statement stg_returns(SqlBuilder& b, const Env& e) {
  std::string sql =
      subst(R"(INSERT INTO {0}
SELECT return_id, order_id, sku, lower(reason) AS reason,
       CAST(refund_amount AS decimal(10,2)) AS refund_amount_usd, returned_at
FROM {1}
WHERE dt = '{2}')",
            {b.write("staging", "stg_returns"), b.read("raw_shop", "returns"), e.yesterday});
  return b.finish(Kind::kInsert, std::move(sql), 22);
}

Statement stg_opportunities(SqlBuilder& b, const Env& e) {
  std::string sql = subst(
      R"(INSERT INTO {0}
SELECT opportunity_id, account_id, lower(stage) AS stage, amount AS amount_usd, close_date,
       lower(stage) = 'closed won' AS is_won
FROM {1}
WHERE dt = '{2}')",
      {b.write("staging", "stg_opportunities"), b.read("raw_crm", "opportunities"), e.yesterday});
  return b.finish(Kind::kInsert, std::move(sql), 22);
}

Statement fct_payments(SqlBuilder& b, const Env& e) {
  std::string sql =
      subst(R"(INSERT INTO {0}
SELECT payment_id, order_id, method, amount_usd, status, CAST(processed_at AS date) AS processed_date
FROM {1}
WHERE dt = '{2}')",
            {b.write("marts", "fct_payments"), b.read("staging", "stg_payments"), e.yesterday});
  return b.finish(Kind::kInsert, std::move(sql), 26);
}

Statement fct_revenue(SqlBuilder& b, const Env& e) {
  std::string sql =
      subst(R"(MERGE INTO {0} AS t
USING (
  SELECT CAST(issued_at AS date) AS revenue_date, account_id, 'invoice' AS source,
         sum(amount_usd) AS amount_usd
  FROM {1}
  WHERE issued_at >= TIMESTAMP '{2} 00:00:00'
  GROUP BY CAST(issued_at AS date), account_id
) AS s
ON t.revenue_date = s.revenue_date AND t.account_id = s.account_id AND t.source = s.source
WHEN MATCHED THEN UPDATE SET amount_usd = s.amount_usd
WHEN NOT MATCHED THEN INSERT (revenue_date, account_id, source, amount_usd)
  VALUES (s.revenue_date, s.account_id, s.source, s.amount_usd))",
            {b.write("marts", "fct_revenue"), b.read("staging", "stg_invoices"), e.yesterday});
  return b.finish(Kind::kMerge, std::move(sql), 24);
}

Statement dim_accounts(SqlBuilder& b, const Env&) {
  std::string sql = subst(R"(MERGE INTO {0} t
USING (
  SELECT a.account_id, a.account_name, a.industry, a.owner_email, a.annual_revenue_usd,
         CASE WHEN sum(o.amount_usd) FILTER (WHERE o.is_won) >= 1000000 THEN 'strategic'
              WHEN a.annual_revenue_usd >= 10000000 THEN 'enterprise'
              ELSE 'smb' END AS tier
  FROM {1} a
  LEFT JOIN {2} o ON o.account_id = a.account_id
  GROUP BY a.account_id, a.account_name, a.industry, a.owner_email, a.annual_revenue_usd
) s
ON t.account_id = s.account_id
WHEN MATCHED THEN UPDATE SET account_name = s.account_name, industry = s.industry,
  owner_email = s.owner_email, annual_revenue_usd = s.annual_revenue_usd, tier = s.tier,
  updated_at = current_timestamp
WHEN NOT MATCHED THEN INSERT (account_id, account_name, industry, owner_email,
  annual_revenue_usd, tier, updated_at)
  VALUES (s.account_id, s.account_name, s.industry, s.owner_email, s.annual_revenue_usd, s.tier,
          current_timestamp))",
                          {b.write("marts", "dim_accounts"), b.read("staging", "stg_accounts"),
                           b.read("staging", "stg_opportunities")});
  return b.finish(Kind::kMerge, std::move(sql), 22);
}

Statement fct_support(SqlBuilder& b, const Env& e) {
  std::string sql =
      subst(R"(INSERT INTO {0}
SELECT ticket_id, arbitrary(customer_id), arbitrary(channel), arbitrary(priority),
       CAST(arbitrary(created_at) AS date) AS created_date, max(resolution_hours),
       max(resolution_hours) > CASE arbitrary(priority) WHEN 'urgent' THEN 4 WHEN 'high' THEN 24 ELSE 72 END AS is_breached
FROM {1}
WHERE dt = '{2}'
GROUP BY ticket_id)",
            {b.write("marts", "fct_support"), b.read("staging", "stg_tickets"), e.yesterday});
  return b.finish(Kind::kInsert, std::move(sql), 23);
}

Statement fct_pipeline(SqlBuilder& b, const Env&) {
  const auto& dst = Lake::get().table("marts", "fct_pipeline");
  const auto& src = Lake::get().table("staging", "stg_opportunities");
  std::string sql = subst(R"(INSERT INTO {0}
SELECT opportunity_id, account_id, stage, amount_usd, close_date,
       CAST(amount_usd * CASE stage WHEN 'closed won' THEN 1.0 WHEN 'negotiation' THEN 0.6 WHEN 'proposal' THEN 0.3 ELSE 0.1 END AS decimal(18,2)) AS weighted_amount_usd
FROM {1}
WHERE NOT is_won)",
                          {b.write(dst), b.read(src)});
  b.column_edge(src, "opportunity_id", dst, "opportunity_id", "identity");
  b.column_edge(src, "account_id", dst, "account_id", "identity");
  b.column_edge(src, "stage", dst, "stage", "identity");
  b.column_edge(src, "amount_usd", dst, "amount_usd", "identity");
  b.column_edge(src, "close_date", dst, "close_date", "identity");
  b.column_edge(src, "amount_usd", dst, "weighted_amount_usd", "expression");
  return b.finish(Kind::kInsert, std::move(sql), 21);
}

Statement update_returns(SqlBuilder& b, const Env& e) {
  std::string sql =
      subst(R"(UPDATE {0}
SET is_returned = true
WHERE order_id IN (SELECT order_id FROM {1} WHERE returned_at >= TIMESTAMP '{2} 00:00:00'))",
            {b.write("marts", "fct_orders"), b.read("staging", "stg_returns"), e.yesterday});
  return b.finish(Kind::kUpdate, std::move(sql), 27);
}

Statement update_churn(SqlBuilder& b, const Env& e) {
  std::string sql =
      subst(R"(UPDATE {0}
SET segment = 'churn_risk', updated_at = current_timestamp
WHERE customer_id IN (
  SELECT customer_id FROM {1} WHERE score >= 0.8 AND scored_at >= TIMESTAMP '{2} 00:00:00'
))",
            {b.write("marts", "dim_customers"), b.read("analytics", "churn_scores"), e.yesterday});
  return b.finish(Kind::kUpdate, std::move(sql), 25);
}

Statement update_tier(SqlBuilder& b, const Env&) {
  std::string sql = subst(R"(UPDATE {0}
SET tier = CASE WHEN annual_revenue_usd >= 10000000 THEN 'enterprise' ELSE 'smb' END,
    updated_at = current_timestamp
WHERE tier IS NULL)",
                          {b.write("marts", "dim_accounts")});
  return b.finish(Kind::kUpdate, std::move(sql), 20);
}

Statement delete_old_sessions(SqlBuilder& b, const Env& e) {
  std::string sql = subst("DELETE FROM {0} WHERE session_date < DATE '{1}'",
                          {b.write("marts", "fct_sessions"), day_offset(e, -400)});
  return b.finish(Kind::kDelete, std::move(sql), 26);
}

Statement delete_gdpr(SqlBuilder& b, const Env& e) {
  std::string sql = subst(
      R"(DELETE FROM {0}
WHERE customer_id IN (
  SELECT customer_id FROM {1}
  WHERE dt = '{2}' AND subject = 'GDPR erasure request'
))",
      {b.write("staging", "stg_customers"), b.read("raw_crm", "support_tickets"), e.yesterday});
  return b.finish(Kind::kDelete, std::move(sql), 24);
}

Statement unload_daily_sales(SqlBuilder& b, const Env& e) {
  std::string location = "s3://acme-exports/finance/daily_sales/" + e.yesterday + "/";
  std::string sql = subst(R"(UNLOAD (
  SELECT sales_date, country, category, orders, revenue_usd, units
  FROM {0}
  WHERE sales_date = DATE '{1}'
)
TO '{2}'
WITH (format = 'PARQUET', compression = 'SNAPPY'))",
                          {b.read("marts", "fct_daily_sales"), e.yesterday, location});
  b.set_write_location(location);
  return b.finish(Kind::kUnload, std::move(sql), 22);
}

Statement unload_partner_feed(SqlBuilder& b, const Env& e) {
  std::string location = "s3://acme-partner-feeds/logistics/orders/" + e.date_compact + "/";
  std::string sql = subst(
      R"(UNLOAD (
  SELECT o.order_id, o.order_date, c.country, o.item_count, o.shipped_at, o.delivered_at
  FROM {0} o
  JOIN {1} c ON c.customer_id = o.customer_id
  WHERE o.order_date = DATE '{2}' AND o.status = 'shipped'
)
TO '{3}'
WITH (format = 'TEXTFILE', field_delimiter = ',', compression = 'GZIP'))",
      {b.read("marts", "fct_orders"), b.read("marts", "dim_customers"), e.yesterday, location});
  b.set_write_location(location);
  return b.finish(Kind::kUnload, std::move(sql), 26);
}

Statement ctas_customer_ltv(SqlBuilder& b, const Env& e) {
  const auto& dst = Lake::get().table("analytics", "customer_ltv");
  std::string location = dst.location + "run=" + e.date_compact + "/";
  std::string sql = subst(
      R"(CREATE TABLE {0}
WITH (format = 'PARQUET', external_location = '{3}', partitioned_by = ARRAY['country'])
AS
SELECT o.customer_id, count(*) AS orders,
       CAST(sum(o.total_amount_usd) AS decimal(14,2)) AS lifetime_value_usd,
       min(o.order_date) AS first_order_date, max(o.order_date) AS last_order_date, c.country
FROM {1} o
JOIN {2} c ON c.customer_id = o.customer_id
WHERE o.status NOT IN ('cancelled', 'fraud')
GROUP BY o.customer_id, c.country)",
      {b.write(dst), b.read("marts", "fct_orders"), b.read("marts", "dim_customers"), location});
  b.set_write_location(location);
  return b.finish(Kind::kCtas, std::move(sql), 29);
}

Statement ctas_cohort_retention(SqlBuilder& b, const Env& e) {
  const auto& dst = Lake::get().table("analytics", "cohort_retention");
  std::string location = dst.location + "run=" + e.date_compact + "/";
  std::string sql = subst(R"(CREATE TABLE {0}
WITH (format = 'PARQUET', external_location = '{2}')
AS
WITH firsts AS (
  SELECT customer_id, date_trunc('month', min(order_date)) AS cohort_month
  FROM {1}
  GROUP BY customer_id
),
activity AS (
  SELECT DISTINCT o.customer_id, f.cohort_month,
         date_diff('month', f.cohort_month, date_trunc('month', o.order_date)) AS months_since
  FROM {1} o
  JOIN firsts f ON f.customer_id = o.customer_id
)
SELECT cohort_month, CAST(months_since AS integer) AS months_since,
       max(count(*)) OVER (PARTITION BY cohort_month) AS customers, count(*) AS retained
FROM activity
GROUP BY cohort_month, months_since)",
                          {b.write(dst), b.read("marts", "fct_orders"), location});
  b.set_write_location(location);
  return b.finish(Kind::kCtas, std::move(sql), 28);
}

Statement ctas_funnel(SqlBuilder& b, const Env& e) {
  const auto& dst = Lake::get().table("analytics", "funnel_daily");
  std::string location = dst.location + "run=" + e.date_compact + "/";
  std::string sql = subst(
      R"(CREATE TABLE {0}
WITH (format = 'PARQUET', external_location = '{2}', partitioned_by = ARRAY['event_date'],
      bucketed_by = ARRAY['step'], bucket_count = 4)
AS
SELECT s.step, count(DISTINCT c.user_id) AS users, CAST(c.event_ts AS date) AS event_date
FROM {1} c
CROSS JOIN UNNEST(ARRAY['page_view', 'add_to_cart', 'checkout', 'purchase']) AS s(step)
WHERE c.dt BETWEEN '{3}' AND '{4}' AND c.event_type = s.step
GROUP BY s.step, CAST(c.event_ts AS date))",
      {b.write(dst), b.read("raw_web", "clickstream"), location, day_offset(e, -7), e.yesterday});
  b.set_write_location(location);
  return b.finish(Kind::kCtas, std::move(sql), 35);
}

Statement ctas_marketing_attribution(SqlBuilder& b, const Env& e) {
  const auto& dst = Lake::get().table("analytics", "marketing_attribution");
  std::string location = dst.location + "run=" + e.date_compact + "/";
  std::string sql =
      subst(R"(CREATE TABLE {0}
WITH (format = 'PARQUET', external_location = '{4}')
AS
WITH last_touch AS (
  SELECT i.user_id, i.campaign_id,
         row_number() OVER (PARTITION BY i.user_id ORDER BY i.shown_at DESC) AS rn
  FROM {1} i
  WHERE i.dt >= '{5}'
)
SELECT o.order_id, t.campaign_id, k.channel,
       CAST(o.total_amount_usd AS decimal(12,2)) AS attributed_revenue_usd
FROM {2} o
JOIN last_touch t ON t.user_id = o.customer_id AND t.rn = 1
JOIN {3} k ON k.campaign_id = t.campaign_id
WHERE o.order_date >= DATE '{5}')",
            {b.write(dst), b.read("raw_web", "ad_impressions"), b.read("marts", "fct_orders"),
             b.read("raw_crm", "campaigns"), location, day_offset(e, -30)});
  b.set_write_location(location);
  return b.finish(Kind::kCtas, std::move(sql), 31);
}

Statement ctas_product_affinity(SqlBuilder& b, const Env& e) {
  const auto& dst = Lake::get().table("analytics", "product_affinity");
  std::string location = dst.location + "run=" + e.date_compact + "/";
  std::string sql =
      subst(R"(CREATE TABLE {0}
WITH (format = 'PARQUET', external_location = '{2}')
AS
SELECT a.sku AS sku_a, b.sku AS sku_b, count(*) AS pair_count
FROM {1} a
JOIN {1} b ON a.order_id = b.order_id AND a.sku < b.sku
WHERE a.order_date >= DATE '{3}'
GROUP BY a.sku, b.sku
HAVING count(*) >= 5)",
            {b.write(dst), b.read("marts", "fct_order_items"), location, day_offset(e, -90)});
  b.set_write_location(location);
  return b.finish(Kind::kCtas, std::move(sql), 30);
}

Statement insert_churn_scores(SqlBuilder& b, const Env&) {
  std::string sql = subst(R"(INSERT INTO {0}
WITH orders AS (
  SELECT customer_id, date_diff('day', max(order_date), current_date) AS days_since_order,
         count(*) AS orders
  FROM {1}
  GROUP BY customer_id
),
tickets AS (
  SELECT customer_id, count_if(is_breached) AS breached
  FROM {2}
  GROUP BY customer_id
)
SELECT o.customer_id,
       least(1.0, o.days_since_order / 365.0 + coalesce(t.breached, 0) * 0.1 - o.orders * 0.01) AS score,
       current_timestamp AS scored_at, 'v3.2' AS model_version
FROM orders o
LEFT JOIN tickets t ON t.customer_id = o.customer_id)",
                          {b.write("analytics", "churn_scores"), b.read("marts", "fct_orders"),
                           b.read("marts", "fct_support")});
  return b.finish(Kind::kInsert, std::move(sql), 28);
}

Statement search_terms_weekly(SqlBuilder& b, const Env& e) {
  std::string sql = subst(R"(INSERT INTO {0}
SELECT date_trunc('week', search_date) AS week_start, search_term, count(*) AS searches,
       avg(CASE WHEN clicked THEN 1.0 ELSE 0.0 END) AS ctr
FROM {1}
WHERE search_date BETWEEN DATE '{2}' AND DATE '{3}'
GROUP BY 1, 2
HAVING count(*) >= 10)",
                          {b.write("analytics", "search_terms_weekly"),
                           b.read("staging", "stg_searches"), day_offset(e, -7), e.yesterday});
  return b.finish(Kind::kInsert, std::move(sql), 26);
}

Statement v_revenue_by_channel(SqlBuilder& b, const Env&) {
  std::string sql =
      subst(R"(CREATE OR REPLACE VIEW {0} AS
SELECT a.channel, o.order_date AS revenue_date, sum(a.attributed_revenue_usd) AS revenue_usd
FROM {1} a
JOIN {2} o ON o.order_id = a.order_id
GROUP BY a.channel, o.order_date)",
            {b.write("analytics", "v_revenue_by_channel"),
             b.read("analytics", "marketing_attribution"), b.read("marts", "fct_orders")});
  return b.finish(Kind::kCreateView, std::move(sql), 0);
}

constexpr Template kAirflow[] = {
    {"airflow.stg_fx_rates", 6, stg_fx_rates},
    {"airflow.stg_payments", 6, stg_payments},
    {"airflow.stg_shipments", 5, stg_shipments},
    {"airflow.stg_page_views", 5, stg_page_views},
    {"airflow.stg_searches", 5, stg_searches},
    {"airflow.stg_tickets", 4, stg_tickets},
    {"airflow.stg_invoices", 4, stg_invoices},
    {"airflow.stg_returns", 4, stg_returns},
    {"airflow.stg_opportunities", 3, stg_opportunities},
    {"airflow.fct_payments", 4, fct_payments},
    {"airflow.fct_revenue", 3, fct_revenue},
    {"airflow.dim_accounts", 3, dim_accounts},
    {"airflow.fct_support", 3, fct_support},
    {"airflow.fct_pipeline", 3, fct_pipeline},
    {"airflow.update_returns", 3, update_returns},
    {"airflow.update_churn", 2, update_churn},
    {"airflow.update_tier", 2, update_tier},
    {"airflow.delete_old_sessions", 2, delete_old_sessions},
    {"airflow.delete_gdpr", 2, delete_gdpr},
    {"airflow.unload_daily_sales", 3, unload_daily_sales},
    {"airflow.unload_partner_feed", 3, unload_partner_feed},
    {"airflow.ctas_customer_ltv", 2, ctas_customer_ltv},
    {"airflow.ctas_cohort_retention", 2, ctas_cohort_retention},
    {"airflow.ctas_funnel", 2, ctas_funnel},
    {"airflow.ctas_marketing_attribution", 2, ctas_marketing_attribution},
    {"airflow.ctas_product_affinity", 1, ctas_product_affinity},
    {"airflow.insert_churn_scores", 2, insert_churn_scores},
    {"airflow.search_terms_weekly", 2, search_terms_weekly},
    {"airflow.v_revenue_by_channel", 1, v_revenue_by_channel},
};

} // namespace

std::span<const Template> airflow_templates() {
  return kAirflow;
}

} // namespace athena::samplegen
