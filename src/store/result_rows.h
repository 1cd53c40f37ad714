#pragma once

// Private to src/store/: one way to turn a statement's result rows into values, and the row
// mappings and day-window conditions the Store's API and the typed readers share.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "src/store/sqlite_db.h"
#include "src/store/store.h"

namespace athena::store {

/// Steps `st` to its end and returns its rows, each made by `read(st)` from the current row.
template <class Read> auto read_rows(Statement& st, Read&& read) {
  std::vector<std::decay_t<std::invoke_result_t<Read&, const Statement&>>> out;
  while (st.step())
    out.push_back(read(std::as_const(st)));
  return out;
}

/// SQL condition on a `day` column for ?1 = since, ?2 = until ("" = unbounded). A NULL day
/// passes only an unbounded window.
std::string window_sql(std::string_view column);

/// Binds the window's bounds to ?1 and ?2, the parameters of window_sql().
Statement& bind_window(Statement& st, const DayWindow& window);

/// Column `col` of the current row, nullopt when NULL.
std::optional<int64_t> optional_int(const Statement& st, int col);

/// The columns read_column_edge() reads, from `column_edges e` joined to its source `s` and
/// target `t` columns.
inline constexpr std::string_view kColumnEdgeColumns =
    "s.name, t.name, e.transform, e.condition, e.queries, e.first_seen_ms, e.last_seen_ms, "
    "e.last_query_id";

/// The column edge of the current row, selected as kColumnEdgeColumns.
ColumnEdge read_column_edge(const Statement& st);

} // namespace athena::store
