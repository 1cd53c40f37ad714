// Stored queries read back as records to analyze again (dbt's temporary relations, the
// definitions earlier runs stored).
#include "src/store/stored_records.h"

namespace athena::store {

model::QueryRecord record_of(const Statement& st) {
  model::QueryRecord r;
  r.id = st.text(0);
  r.state = model::parse_query_state(st.text(1));
  r.catalog = st.text(2);
  r.database = st.text(3);
  r.workgroup = st.text(4);
  if (!st.is_null(5)) r.submission_ms = st.int64(5);
  r.statement_type = st.text(6);
  r.substatement_type = st.text(7);
  return r;
}

util::Result<std::vector<model::QueryRecord>> records_of(Store& store, Statement& st) {
  std::vector<model::QueryRecord> out;
  while (st.step())
    out.push_back(record_of(st));
  std::vector<model::QueryRecord> with_text;
  for (auto& r : out) {
    auto text = store.query_text(r.id);
    if (!text) return util::Error{text.error()};
    if (!*text) continue;
    r.query = std::move(**text);
    with_text.push_back(std::move(r));
  }
  return with_text;
}

} // namespace athena::store
