#include "src/store/result_rows.h"

namespace athena::store {

std::string window_sql(std::string_view column) {
  std::string c(column);
  return "(?1 = '' OR " + c + " >= ?1) AND (?2 = '' OR " + c + " <= ?2)";
}

Statement& bind_window(Statement& st, const DayWindow& window) {
  return st.bind(1, window.since).bind(2, window.until);
}

std::optional<int64_t> optional_int(const Statement& st, int col) {
  if (st.is_null(col)) return std::nullopt;
  return st.int64(col);
}

ColumnEdge read_column_edge(const Statement& st) {
  return ColumnEdge{.source = st.text(0),
                    .target = st.text(1),
                    .transform = st.text(2),
                    .condition = st.int64(3) != 0,
                    .queries = st.int64(4),
                    .first_seen_ms = optional_int(st, 5),
                    .last_seen_ms = optional_int(st, 6),
                    .last_query_id = st.text(7)};
}

} // namespace athena::store
