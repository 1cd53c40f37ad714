// Trino's aggregate and window functions, by name: they decide a column's transform.
#include <algorithm>
#include <array>
#include <string_view>

#include "lineage/analyzer.h"

namespace athena::lineage::detail {

namespace {

// From Trino's function reference: aggregate functions, and the window-only ranking and value
// functions. Both tables are sorted (checked at compile time) for binary search.
constexpr std::array<std::string_view, 59> kAggregates = {
    "any_value",
    "approx_distinct",
    "approx_most_frequent",
    "approx_percentile",
    "approx_set",
    "arbitrary",
    "array_agg",
    "avg",
    "bitwise_and_agg",
    "bitwise_or_agg",
    "bitwise_xor_agg",
    "bool_and",
    "bool_or",
    "checksum",
    "convex_hull_agg",
    "corr",
    "count",
    "count_if",
    "covar_pop",
    "covar_samp",
    "entropy",
    "every",
    "geometric_mean",
    "geometry_union_agg",
    "histogram",
    "khyperloglog_agg",
    "kurtosis",
    "learn_classifier",
    "learn_libsvm_classifier",
    "learn_libsvm_regressor",
    "learn_regressor",
    "listagg",
    "make_set_digest",
    "map_agg",
    "map_union",
    "max",
    "max_by",
    "merge",
    "merge_set_digest",
    "min",
    "min_by",
    "multimap_agg",
    "numeric_histogram",
    "qdigest_agg",
    "reduce_agg",
    "regr_intercept",
    "regr_slope",
    "set_agg",
    "set_union",
    "skewness",
    "spatial_partitioning",
    "stddev",
    "stddev_pop",
    "stddev_samp",
    "sum",
    "tdigest_agg",
    "var_pop",
    "var_samp",
    "variance",
};

constexpr std::array<std::string_view, 11> kWindowOnly = {
    "cume_dist", "dense_rank", "first_value",  "lag",  "last_value", "lead",
    "nth_value", "ntile",      "percent_rank", "rank", "row_number",
};

template <size_t N> constexpr bool is_sorted_table(const std::array<std::string_view, N>& t) {
  for (size_t i = 1; i < N; ++i) {
    if (!(t[i - 1] < t[i])) return false;
  }
  return true;
}

static_assert(is_sorted_table(kAggregates), "aggregate table must stay sorted");
static_assert(is_sorted_table(kWindowOnly), "window function table must stay sorted");

} // namespace

bool is_aggregate_function(std::string_view name) {
  return std::binary_search(kAggregates.begin(), kAggregates.end(), name);
}

bool is_window_function(std::string_view name) {
  return std::binary_search(kWindowOnly.begin(), kWindowOnly.end(), name);
}

} // namespace athena::lineage::detail
