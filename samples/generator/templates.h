#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "samples/generator/statement.h"

namespace athena::samplegen {

/// When a statement runs: its UTC day (days since the epoch) and the dates templates need.
struct Env {
  int64_t day = 0;
  std::string date;         ///< "YYYY-MM-DD" of the run day
  std::string yesterday;    ///< the day before, which nightly jobs load
  std::string date_compact; ///< "YYYYMMDD"
  int hour = 0;
};

/// A SQL template: writes one statement through the builder, which records the tables.
using TemplateFn = Statement (*)(SqlBuilder&, const Env&);
struct Template {
  std::string_view name;
  uint32_t weight;
  TemplateFn fn;
};

/// `text` with {0}, {1}, ... replaced by `args` (our own tiny formatter).
std::string subst(std::string_view text, std::initializer_list<std::string_view> args);
/// "YYYY-MM-DD" of `env.day + offset`.
std::string day_offset(const Env& env, int64_t offset);

// Template families (one file each).
std::span<const Template> dbt_templates();     ///< templates_etl.cpp: dbt models
std::span<const Template> airflow_templates(); ///< templates_etl.cpp: Airflow jobs
std::span<const Template> ddl_templates();     ///< templates_ddl.cpp: Hive and Iceberg DDL
std::span<const Template> bi_templates();      ///< templates_bi.cpp: dashboards
std::span<const Template> analyst_templates(); ///< templates_adhoc.cpp: ad-hoc SELECTs
std::span<const Template> science_templates(); ///< templates_adhoc.cpp: data science
std::span<const Template> utility_templates(); ///< templates_utility.cpp: SHOW/DESCRIBE/EXPLAIN

/// A large ad-hoc SELECT of about `target_bytes` (long IN lists, wide CASE, UNION ALL).
Statement large_select(SqlBuilder& b, const Env& env, size_t target_bytes);

} // namespace athena::samplegen
