// Dashboards (Looker, Tableau, QuickSight service users; workgroup bi): the SQL those tools
// generate against marts tables and views, with their aliasing habits and leading comments.
#include "samples/generator/templates.h"

namespace athena::samplegen {
namespace {

std::string range_days(SqlBuilder& b) {
  return std::to_string(b.rng().pick({1, 7, 7, 14, 30, 30, 90}));
}

Statement looker_revenue_by_day(SqlBuilder& b, const Env&) {
  const std::string slug = std::to_string(b.rng().range(10000, 99999));
  std::string sql = subst(
      R"(-- Looker Query Context '{"user_id":{1},"history_slug":"{2}","instance_slug":"a1b2c3"}'
SELECT
    fct_orders.order_date  AS "fct_orders.order_date",
    COALESCE(SUM(fct_orders.total_amount_usd ), 0) AS "fct_orders.total_revenue",
    COUNT(DISTINCT fct_orders.order_id ) AS "fct_orders.count"
FROM {0}  AS fct_orders
WHERE ((( fct_orders.order_date  ) >= ((DATE_ADD('day', -{3}, CURRENT_DATE))) AND ( fct_orders.order_date  ) < ((DATE_ADD('day', 1, CURRENT_DATE)))))
GROUP BY
    1
ORDER BY
    1 DESC
LIMIT 500)",
      {b.read("marts", "fct_orders"), std::to_string(b.rng().range(2, 90)), slug, range_days(b)});
  return b.finish(Kind::kSelect, std::move(sql), 24);
}

Statement looker_segments(SqlBuilder& b, const Env&) {
  std::string sql = subst(R"(SELECT
    v_orders_enriched.segment  AS "v_orders_enriched.segment",
    v_orders_enriched.country  AS "v_orders_enriched.country",
    COUNT(*) AS "v_orders_enriched.count",
    AVG(v_orders_enriched.total_amount_usd ) AS "v_orders_enriched.average_order_value"
FROM {0}  AS v_orders_enriched
WHERE (v_orders_enriched.order_date ) >= DATE_ADD('day', -{1}, CURRENT_DATE)
GROUP BY
    1,
    2
ORDER BY
    3 DESC
LIMIT 500)",
                          {b.read("marts", "v_orders_enriched"), range_days(b)});
  return b.finish(Kind::kSelect, std::move(sql), 25);
}

Statement tableau_daily_sales(SqlBuilder& b, const Env& e) {
  std::string sql = subst(
      R"(SELECT "fct_daily_sales"."country" AS "country",
  "fct_daily_sales"."category" AS "category",
  SUM("fct_daily_sales"."revenue_usd") AS "sum:revenue_usd:ok",
  SUM("fct_daily_sales"."units") AS "sum:units:ok"
FROM {0} "fct_daily_sales"
WHERE ("fct_daily_sales"."sales_date" >= DATE '{1}')
GROUP BY 1,
  2)",
      {b.read("marts", "fct_daily_sales"), day_offset(e, -b.rng().range(7, 60))});
  return b.finish(Kind::kSelect, std::move(sql), 20);
}

Statement kpi_tiles(SqlBuilder& b, const Env& e) {
  std::string sql = subst(R"(SELECT kpi_date, orders, revenue_usd, sessions,
       round(conversion_rate * 100, 2) AS conversion_pct
FROM {0}
WHERE kpi_date BETWEEN DATE '{1}' AND DATE '{2}'
ORDER BY kpi_date)",
                          {b.read("marts", "v_daily_kpis"), day_offset(e, -28), e.yesterday});
  return b.finish(Kind::kSelect, std::move(sql), 22);
}

Statement quicksight_active_customers(SqlBuilder& b, const Env&) {
  std::string sql = subst(R"(SELECT "country", "segment", COUNT(*) AS "customers"
FROM (SELECT * FROM {0}) AS "v_active_customers"
GROUP BY "country", "segment")",
                          {b.read("marts", "v_active_customers")});
  return b.finish(Kind::kSelect, std::move(sql), 21);
}

Statement pipeline_by_stage(SqlBuilder& b, const Env&) {
  std::string sql = subst(R"(SELECT a.tier, p.stage, count(*) AS opportunities,
       sum(p.amount_usd) AS pipeline_usd, sum(p.weighted_amount_usd) AS weighted_usd
FROM {0} p
JOIN {1} a ON a.account_id = p.account_id
WHERE p.close_date >= current_date
GROUP BY a.tier, p.stage
ORDER BY weighted_usd DESC)",
                          {b.read("marts", "fct_pipeline"), b.read("marts", "dim_accounts")});
  return b.finish(Kind::kSelect, std::move(sql), 18);
}

Statement support_sla(SqlBuilder& b, const Env& e) {
  std::string sql = subst(R"(SELECT created_date, channel, priority, count(*) AS tickets,
       count_if(is_breached) AS breached,
       approx_percentile(resolution_hours, 0.9) AS p90_resolution_hours
FROM {0}
WHERE created_date >= DATE '{1}'
GROUP BY 1, 2, 3)",
                          {b.read("marts", "fct_support"), day_offset(e, -30)});
  return b.finish(Kind::kSelect, std::move(sql), 21);
}

Statement revenue_by_channel(SqlBuilder& b, const Env& e) {
  std::string sql = subst(R"(SELECT channel, date_trunc('week', revenue_date) AS week,
       sum(revenue_usd) AS revenue_usd
FROM {0}
WHERE revenue_date >= DATE '{1}'
GROUP BY 1, 2
ORDER BY 2, 3 DESC)",
                          {b.read("analytics", "v_revenue_by_channel"), day_offset(e, -84)});
  return b.finish(Kind::kSelect, std::move(sql), 23);
}

Statement conversion_by_device(SqlBuilder& b, const Env& e) {
  std::string sql = subst(R"(SELECT device_os, session_date, count(*) AS sessions,
       avg(CAST(converted AS integer)) AS conversion_rate
FROM {0}
WHERE session_date >= DATE '{1}'
GROUP BY device_os, session_date)",
                          {b.read("marts", "fct_sessions"), day_offset(e, -14)});
  return b.finish(Kind::kSelect, std::move(sql), 27);
}

Statement payment_mix(SqlBuilder& b, const Env& e) {
  std::string sql = subst(R"(SELECT method, processed_date, sum(amount_usd) AS amount_usd,
       count_if(status = 'failed') AS failed_payments
FROM {0}
WHERE processed_date BETWEEN DATE '{1}' AND DATE '{2}'
GROUP BY 1, 2)",
                          {b.read("marts", "fct_payments"), day_offset(e, -7), e.yesterday});
  return b.finish(Kind::kSelect, std::move(sql), 23);
}

Statement top_products(SqlBuilder& b, const Env& e) {
  std::string sql = subst(
      R"(WITH ranked AS (
  SELECT p.category, p.product_name, sum(i.line_amount_usd) AS revenue_usd,
         rank() OVER (PARTITION BY p.category ORDER BY sum(i.line_amount_usd) DESC) AS rnk
  FROM {0} i
  JOIN {1} p ON p.sku = i.sku
  WHERE i.order_date >= DATE '{2}'
  GROUP BY p.category, p.product_name
)
SELECT category, product_name, revenue_usd
FROM ranked
WHERE rnk <= 10
ORDER BY category, rnk)",
      {b.read("marts", "fct_order_items"), b.read("marts", "dim_products"), day_offset(e, -30)});
  return b.finish(Kind::kSelect, std::move(sql), 26);
}

Statement weekend_sales(SqlBuilder& b, const Env& e) {
  std::string sql =
      subst(R"(SELECT d.is_weekend, d.day_of_week, sum(s.revenue_usd) AS revenue_usd
FROM {0} s
JOIN {1} d ON d.date_key = s.sales_date
WHERE d.year = {2}
GROUP BY 1, 2
ORDER BY 2)",
            {b.read("marts", "fct_daily_sales"), b.read("marts", "dim_date"), e.date.substr(0, 4)});
  return b.finish(Kind::kSelect, std::move(sql), 19);
}

constexpr Template kBi[] = {
    {"bi.looker_revenue_by_day", 12, looker_revenue_by_day},
    {"bi.looker_segments", 8, looker_segments},
    {"bi.tableau_daily_sales", 10, tableau_daily_sales},
    {"bi.kpi_tiles", 10, kpi_tiles},
    {"bi.quicksight_active_customers", 6, quicksight_active_customers},
    {"bi.pipeline_by_stage", 5, pipeline_by_stage},
    {"bi.support_sla", 5, support_sla},
    {"bi.revenue_by_channel", 5, revenue_by_channel},
    {"bi.conversion_by_device", 6, conversion_by_device},
    {"bi.payment_mix", 4, payment_mix},
    {"bi.top_products", 6, top_products},
    {"bi.weekend_sales", 3, weekend_sales},
};

} // namespace

std::span<const Template> bi_templates() {
  return kBi;
}

} // namespace athena::samplegen
