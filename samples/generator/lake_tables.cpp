// The fictional company's data lake ("Acme Outdoor", an online shop): every Glue table and view,
// with its columns. Templates refer to these by name; schema.json is written from this list.
#include <string_view>
#include <vector>

#include "samples/generator/lake.h"

namespace athena::samplegen {
namespace {

// "name type; name type; ..." → columns. Types never contain ';'.
std::vector<Column> cols(std::string_view spec) {
  std::vector<Column> out;
  while (!spec.empty()) {
    size_t end = spec.find(';');
    std::string_view item = spec.substr(0, end);
    spec = end == std::string_view::npos ? std::string_view{} : spec.substr(end + 1);
    while (!item.empty() && item.front() == ' ')
      item.remove_prefix(1);
    if (item.empty()) continue;
    const size_t sp = item.find(' ');
    out.push_back({std::string(item.substr(0, sp)), std::string(item.substr(sp + 1))});
  }
  return out;
}

std::string location_for(std::string_view db, std::string_view name) {
  std::string out;
  if (db.starts_with("raw_")) {
    out = "s3://acme-lake-raw/";
    out += db.substr(4);
  } else if (db == "staging" || db == "marts") {
    out = "s3://acme-lake-curated/";
    out += db;
  } else if (db == "analytics") {
    out = "s3://acme-lake-analytics/tables";
  } else {
    out = "s3://acme-lake-sandbox/";
    out += db;
  }
  out += '/';
  out += name;
  out += '/';
  return out;
}

struct Spec {
  std::string_view db;
  std::string_view name;
  TableKind kind;
  StorageFormat format;
  std::string_view columns;
  std::string_view partitions;
};

constexpr TableKind kExt = TableKind::kExternal;
constexpr TableKind kIce = TableKind::kIceberg;
constexpr TableKind kView = TableKind::kView;
constexpr StorageFormat kJson = StorageFormat::kJson;
constexpr StorageFormat kCsv = StorageFormat::kCsv;
constexpr StorageFormat kPq = StorageFormat::kParquet;
constexpr StorageFormat kOrc = StorageFormat::kOrc;
constexpr StorageFormat kNone = StorageFormat::kNone;

// clang-format off
constexpr Spec kSpecs[] = {
  // ---- raw_shop: the web shop's exports, JSON lines partitioned by day ----
  {"raw_shop", "orders", kExt, kJson,
   "order_id bigint; customer_id bigint; order_ts timestamp; status string; currency string; "
   "total_amount decimal(12,2); shipping_address struct<street:string,city:string,zip:string,country:string>; "
   "items array<struct<sku:string,qty:int,unit_price:decimal(10,2)>>; attributes map<string,string>",
   "dt string"},
  {"raw_shop", "order_items", kExt, kJson,
   "order_id bigint; line_no int; sku string; qty int; unit_price decimal(10,2); discount decimal(10,2)",
   "dt string"},
  {"raw_shop", "customers", kExt, kJson,
   "customer_id bigint; email string; first_name string; last_name string; country string; "
   "created_at timestamp; marketing_opt_in boolean; tags array<string>",
   "dt string"},
  {"raw_shop", "products", kExt, kJson,
   "sku string; product_name string; category string; brand string; list_price decimal(10,2); "
   "attributes map<string,string>",
   "dt string"},
  {"raw_shop", "payments", kExt, kJson,
   "payment_id string; order_id bigint; method string; amount decimal(12,2); status string; processed_at timestamp",
   "dt string"},
  {"raw_shop", "shipments", kExt, kJson,
   "shipment_id string; order_id bigint; carrier string; shipped_at timestamp; delivered_at timestamp; "
   "tracking struct<code:string,events:array<struct<ts:timestamp,status:string>>>",
   "dt string"},
  {"raw_shop", "returns", kExt, kCsv,
   "return_id string; order_id bigint; sku string; reason string; refund_amount decimal(10,2); returned_at timestamp",
   "dt string"},
  {"raw_shop", "inventory_snapshots", kExt, kCsv,
   "sku string; warehouse_id string; on_hand int; reserved int; snapshot_ts timestamp",
   "dt string"},
  // ---- raw_web: tracking and CDN logs ----
  {"raw_web", "clickstream", kExt, kJson,
   "event_id string; session_id string; user_id bigint; event_type string; page_url string; referrer string; "
   "device struct<os:string,browser:string,is_mobile:boolean>; geo struct<country:string,city:string>; "
   "properties map<string,string>; event_ts timestamp",
   "dt string; hour string"},
  {"raw_web", "page_views", kExt, kJson,
   "view_id string; session_id string; user_id bigint; url string; title string; duration_ms bigint; viewed_at timestamp",
   "dt string"},
  {"raw_web", "search_events", kExt, kJson,
   "search_id string; session_id string; user_id bigint; query string; results_count int; clicked_sku string; searched_at timestamp",
   "dt string"},
  {"raw_web", "cart_events", kExt, kJson,
   "cart_id string; session_id string; user_id bigint; sku string; action string; qty int; event_ts timestamp",
   "dt string"},
  {"raw_web", "cloudfront_logs", kExt, StorageFormat::kCloudFrontTsv,
   "date date; time string; location string; bytes bigint; request_ip string; method string; host string; "
   "uri string; status int; referrer string; user_agent string; query_string string; cookie string; "
   "result_type string; request_id string",
   "dt string"},
  {"raw_web", "ad_impressions", kExt, kPq,
   "impression_id string; campaign_id string; user_id bigint; placement string; cost_micros bigint; shown_at timestamp",
   "dt string"},
  // ---- raw_crm: the CRM's nightly dumps ----
  {"raw_crm", "accounts", kExt, kCsv,
   "account_id string; account_name string; industry string; owner_email string; annual_revenue decimal(18,2); "
   "created_at timestamp; country string",
   "dt string"},
  {"raw_crm", "contacts", kExt, kCsv,
   "contact_id string; account_id string; email string; full_name string; title string; phone string; created_at timestamp",
   "dt string"},
  {"raw_crm", "opportunities", kExt, kCsv,
   "opportunity_id string; account_id string; stage string; amount decimal(18,2); close_date date; "
   "owner_email string; probability double",
   "dt string"},
  {"raw_crm", "support_tickets", kExt, kJson,
   "ticket_id string; customer_id bigint; channel string; priority string; subject string; body string; "
   "created_at timestamp; resolved_at timestamp; tags array<string>",
   "dt string"},
  {"raw_crm", "nps_responses", kExt, kJson,
   "response_id string; customer_id bigint; score int; comment string; responded_at timestamp",
   "dt string"},
  {"raw_crm", "campaigns", kExt, kCsv,
   "campaign_id string; name string; channel string; budget decimal(12,2); start_date date; end_date date",
   ""},
  // ---- raw_finance: ERP extracts ----
  {"raw_finance", "invoices", kExt, kOrc,
   "invoice_id string; account_id string; amount decimal(18,2); currency string; issued_at timestamp; "
   "due_date date; paid_at timestamp",
   "dt string"},
  {"raw_finance", "fx_rates", kExt, kCsv,
   "currency string; rate_to_usd decimal(18,8); rate_date date",
   "dt string"},
  {"raw_finance", "ledger_entries", kExt, kOrc,
   "entry_id string; account_code string; amount decimal(18,2); entry_type string; posted_at timestamp; "
   "metadata map<string,string>",
   "dt string"},
  // ---- staging: cleaned, typed, deduplicated (dbt and Airflow) ----
  {"staging", "stg_orders", kExt, kPq,
   "order_id bigint; customer_id bigint; order_ts timestamp; status string; currency string; "
   "total_amount_usd decimal(12,2); ship_country string; item_count int",
   "order_date date"},
  {"staging", "stg_order_items", kExt, kPq,
   "order_id bigint; line_no int; sku string; qty int; unit_price_usd decimal(10,2); line_amount_usd decimal(12,2)",
   "order_date date"},
  {"staging", "stg_customers", kIce, kPq,
   "customer_id bigint; email_hash string; first_name string; last_name string; country string; "
   "created_at timestamp; is_opted_in boolean; updated_at timestamp",
   ""},
  {"staging", "stg_products", kExt, kPq,
   "sku string; product_name string; category string; brand string; list_price_usd decimal(10,2)",
   ""},
  {"staging", "stg_payments", kExt, kPq,
   "payment_id string; order_id bigint; method string; amount_usd decimal(12,2); status string; processed_at timestamp",
   "dt string"},
  {"staging", "stg_shipments", kExt, kPq,
   "shipment_id string; order_id bigint; carrier string; shipped_at timestamp; delivered_at timestamp; delivery_days int",
   "dt string"},
  {"staging", "stg_sessions", kIce, kPq,
   "session_id string; user_id bigint; started_at timestamp; ended_at timestamp; page_count int; "
   "event_count int; device_os string; country string; session_date date",
   ""},
  {"staging", "stg_page_views", kExt, kPq,
   "view_id string; session_id string; user_id bigint; url string; duration_ms bigint",
   "view_date date"},
  {"staging", "stg_searches", kExt, kPq,
   "search_id string; session_id string; user_id bigint; search_term string; results_count int; clicked boolean",
   "search_date date"},
  {"staging", "stg_accounts", kExt, kPq,
   "account_id string; account_name string; industry string; owner_email string; annual_revenue_usd decimal(18,2); country string",
   ""},
  {"staging", "stg_opportunities", kExt, kPq,
   "opportunity_id string; account_id string; stage string; amount_usd decimal(18,2); close_date date; is_won boolean",
   ""},
  {"staging", "stg_tickets", kExt, kPq,
   "ticket_id string; customer_id bigint; channel string; priority string; created_at timestamp; "
   "resolved_at timestamp; resolution_hours double; tag string",
   "dt string"},
  {"staging", "stg_invoices", kExt, kPq,
   "invoice_id string; account_id string; amount_usd decimal(18,2); issued_at timestamp; due_date date; "
   "paid_at timestamp; is_overdue boolean",
   ""},
  {"staging", "stg_fx_rates", kExt, kPq,
   "currency string; rate_date date; rate_to_usd decimal(18,8)",
   ""},
  {"staging", "stg_returns", kExt, kPq,
   "return_id string; order_id bigint; sku string; reason string; refund_amount_usd decimal(10,2); returned_at timestamp",
   ""},
  // A dbt seed (a CSV in the dbt project, loaded by `dbt seed`).
  {"staging", "country_codes", kExt, kPq,
   "country_code string; country_name string; region string; is_eu boolean",
   ""},
  // ---- marts: what BI reads ----
  {"marts", "fct_orders", kIce, kPq,
   "order_id bigint; customer_id bigint; order_date date; status string; total_amount_usd decimal(12,2); "
   "item_count int; payment_method string; shipped_at timestamp; delivered_at timestamp; is_returned boolean",
   ""},
  {"marts", "fct_order_items", kExt, kPq,
   "order_id bigint; line_no int; sku string; category string; qty int; line_amount_usd decimal(12,2)",
   "order_date date"},
  {"marts", "dim_customers", kIce, kPq,
   "customer_id bigint; email_hash string; full_name string; country string; segment string; "
   "first_order_date date; lifetime_value_usd decimal(14,2); is_active boolean; updated_at timestamp",
   ""},
  {"marts", "dim_products", kExt, kPq,
   "sku string; product_name string; category string; brand string; list_price_usd decimal(10,2); is_active boolean",
   ""},
  {"marts", "fct_sessions", kIce, kPq,
   "session_id string; user_id bigint; session_date date; page_count int; event_count int; "
   "device_os string; country string; converted boolean",
   ""},
  {"marts", "fct_daily_sales", kExt, kPq,
   "country string; category string; orders bigint; revenue_usd decimal(16,2); units bigint",
   "sales_date date"},
  {"marts", "fct_payments", kExt, kPq,
   "payment_id string; order_id bigint; method string; amount_usd decimal(12,2); status string",
   "processed_date date"},
  {"marts", "dim_accounts", kIce, kPq,
   "account_id string; account_name string; industry string; owner_email string; "
   "annual_revenue_usd decimal(18,2); tier string; updated_at timestamp",
   ""},
  {"marts", "fct_pipeline", kExt, kPq,
   "opportunity_id string; account_id string; stage string; amount_usd decimal(18,2); close_date date; "
   "weighted_amount_usd decimal(18,2)",
   ""},
  {"marts", "fct_support", kExt, kPq,
   "ticket_id string; customer_id bigint; channel string; priority string; created_date date; "
   "resolution_hours double; is_breached boolean",
   ""},
  {"marts", "fct_revenue", kIce, kPq,
   "revenue_date date; account_id string; source string; amount_usd decimal(18,2)",
   ""},
  {"marts", "dim_date", kExt, kPq,
   "date_key date; year int; quarter int; month int; day_of_week int; is_weekend boolean",
   ""},
  // dbt snapshots (type 2 history): Hive, rebuilt each run; Iceberg, merged into.
  {"marts", "orders_snapshot", kExt, kPq,
   "order_id bigint; customer_id bigint; status string; total_amount_usd decimal(12,2); "
   "order_ts timestamp; dbt_unique_key bigint; dbt_valid_from timestamp; dbt_scd_id string; "
   "dbt_change_type string; dbt_valid_to timestamp; is_current_record boolean; "
   "dbt_snapshot_at timestamp",
   ""},
  {"marts", "customers_snapshot", kIce, kPq,
   "customer_id bigint; email_hash string; country string; is_opted_in boolean; "
   "updated_at timestamp; dbt_scd_id string; dbt_updated_at timestamp; "
   "dbt_valid_from timestamp; dbt_valid_to timestamp",
   ""},
  {"marts", "v_orders_enriched", kView, kNone,
   "order_id bigint; order_date date; customer_id bigint; full_name string; country string; "
   "segment string; total_amount_usd decimal(12,2); status string",
   ""},
  {"marts", "v_daily_kpis", kView, kNone,
   "kpi_date date; orders bigint; revenue_usd decimal(16,2); sessions bigint; conversion_rate double",
   ""},
  {"marts", "v_active_customers", kView, kNone,
   "customer_id bigint; full_name string; country string; segment string; last_order_date date",
   ""},
  // ---- analytics: data science outputs ----
  {"analytics", "customer_ltv", kExt, kPq,
   "customer_id bigint; orders bigint; lifetime_value_usd decimal(14,2); first_order_date date; "
   "last_order_date date",
   "country string"},
  {"analytics", "churn_scores", kIce, kPq,
   "customer_id bigint; score double; scored_at timestamp; model_version string",
   ""},
  {"analytics", "cohort_retention", kExt, kPq,
   "cohort_month date; months_since int; customers bigint; retained bigint",
   ""},
  {"analytics", "funnel_daily", kExt, kPq,
   "step string; users bigint",
   "event_date date"},
  {"analytics", "product_affinity", kExt, kPq,
   "sku_a string; sku_b string; pair_count bigint",
   ""},
  {"analytics", "search_terms_weekly", kExt, kPq,
   "week_start date; search_term string; searches bigint; ctr double",
   ""},
  {"analytics", "marketing_attribution", kExt, kPq,
   "order_id bigint; campaign_id string; channel string; attributed_revenue_usd decimal(12,2)",
   ""},
  {"analytics", "v_revenue_by_channel", kView, kNone,
   "channel string; revenue_date date; revenue_usd decimal(16,2)",
   ""},
  // ---- sandbox: analysts' scratch tables ----
  {"sandbox", "tmp_orders_sample", kExt, kPq,
   "order_id bigint; customer_id bigint; total_amount_usd decimal(12,2); order_date date",
   ""},
  {"sandbox", "tmp_big_spenders", kExt, kPq,
   "customer_id bigint; country string; total_usd decimal(14,2)",
   ""},
  {"sandbox", "tmp_search_gaps", kExt, kPq,
   "search_term string; searches bigint; zero_result_share double",
   ""},
};
// clang-format on

} // namespace

std::vector<Table> build_lake_tables() {
  std::vector<Table> out;
  for (const Spec& s : kSpecs) {
    Table t;
    t.database = s.db;
    t.name = s.name;
    t.kind = s.kind;
    t.format = s.format;
    t.columns = cols(s.columns);
    t.partitions = cols(s.partitions);
    if (s.kind != TableKind::kView) t.location = location_for(s.db, s.name);
    out.push_back(std::move(t));
  }
  return out;
}

} // namespace athena::samplegen
