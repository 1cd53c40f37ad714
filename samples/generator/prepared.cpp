// Prepared statements: PREPARE / EXECUTE ... USING / DEALLOCATE PREPARE, per workgroup, with the
// bookkeeping that gives each EXECUTE the tables of the latest PREPARE of its name.
#include "samples/generator/prepared.h"

#include <iterator>

namespace athena::samplegen {
namespace {

struct PreparedText {
  std::string_view name;
  Statement (*build)(SqlBuilder&, const Env&, bool variant);
  std::string (*args)(Rng&, const Env&);
};

const PreparedText kPrepared[] = {
    {"orders_by_status",
     [](SqlBuilder& b, const Env&, bool variant) {
       std::string sql =
           "PREPARE orders_by_status FROM\nSELECT order_id, order_date, "
           "total_amount_usd\nFROM " +
           (variant ? b.read("marts", "v_orders_enriched") : b.read("marts", "fct_orders")) +
           "\nWHERE status = ? AND order_date >= ?";
       return b.finish(Kind::kPrepare, std::move(sql), 0);
     },
     [](Rng& rng, const Env& e) {
       const std::string status(rng.pick({"shipped", "delivered", "cancelled", "pending"}));
       return "'" + status + "', DATE '" + day_offset(e, -rng.range(1, 30)) + "'";
     }},
    {"customer_lookup",
     [](SqlBuilder& b, const Env&, bool variant) {
       std::string sql =
           variant ? "PREPARE customer_lookup FROM\nSELECT customer_id, full_name, segment, "
                     "last_order_date\nFROM " +
                         b.read("marts", "v_active_customers") + "\nWHERE customer_id = ?"
                   : "PREPARE customer_lookup FROM\nSELECT customer_id, full_name, segment, "
                     "lifetime_value_usd\nFROM " +
                         b.read("marts", "dim_customers") + "\nWHERE customer_id = ?";
       return b.finish(Kind::kPrepare, std::move(sql), 0);
     },
     [](Rng& rng, const Env&) { return std::to_string(rng.range(100000, 999999)); }},
    {"daily_kpis",
     [](SqlBuilder& b, const Env&, bool) {
       std::string sql = "PREPARE daily_kpis FROM\nSELECT * FROM " +
                         b.read("marts", "v_daily_kpis") + " WHERE kpi_date BETWEEN ? AND ?";
       return b.finish(Kind::kPrepare, std::move(sql), 0);
     },
     [](Rng& rng, const Env& e) {
       return "DATE '" + day_offset(e, -rng.range(7, 60)) + "', DATE '" + e.yesterday + "'";
     }},
    {"zero_result_searches",
     [](SqlBuilder& b, const Env&, bool) {
       std::string sql = "PREPARE zero_result_searches FROM\nSELECT search_term, count(*) AS "
                         "searches\nFROM " +
                         b.read("staging", "stg_searches") +
                         "\nWHERE results_count = 0 AND search_date = ?\nGROUP BY search_term\n"
                         "ORDER BY 2 DESC\nLIMIT ?";
       return b.finish(Kind::kPrepare, std::move(sql), 0);
     },
     [](Rng& rng, const Env& e) {
       return "DATE '" + e.yesterday + "', " + std::to_string(rng.pick({10, 50, 100}));
     }},
};

} // namespace

Statement PreparedRegistry::next(Rng& rng, const std::string& workgroup, const Env& env) {
  auto& known = by_workgroup_[workgroup];
  if (known.empty() || rng.chance(200)) {
    const auto which = static_cast<size_t>(rng.below(std::size(kPrepared)));
    const PreparedText& p = kPrepared[which];
    // PREPARE bodies always qualify their names: the EXECUTE may run in another context.
    const ExecContext none{ExecContext::Shape::kAbsent, {}, {}};
    SqlBuilder b(rng, none, NameStyle::kPlain);
    Statement s = p.build(b, env, rng.chance(400));
    s.prepared_name = std::string(p.name);
    known[s.prepared_name] = s.reads;
    return s;
  }
  auto it = known.begin();
  std::advance(it, static_cast<long>(rng.below(known.size())));
  Statement s;
  s.prepared_name = it->first;
  if (rng.chance(80)) {
    s.kind = Kind::kDeallocate;
    s.sql = "DEALLOCATE PREPARE " + it->first;
    known.erase(it);
    return s;
  }
  const PreparedText* p = &kPrepared[0];
  for (const auto& candidate : kPrepared)
    if (candidate.name == s.prepared_name) p = &candidate;
  s.kind = Kind::kExecute;
  s.sql = "EXECUTE " + it->first + " USING " + p->args(rng, env);
  s.reads = it->second; // the tables of the latest PREPARE of that name in this workgroup
  s.scan_scale_log2 = 24;
  return s;
}

} // namespace athena::samplegen
