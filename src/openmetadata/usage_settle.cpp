#include "src/openmetadata/usage_settle.h"

#include <cstdio>

#include "src/readers/time_text.h"
#include "src/store/sqlite_db.h"

namespace athena::openmetadata {

SettleState settle_state(store::Db& db, int64_t now_ms, double settle_hours) {
  SettleState s;
  const auto margin_ms = static_cast<int64_t>(settle_hours * 3600.0 * 1000.0);
  // The day now-minus-margin falls in has not ended a margin ago; every day before it has.
  s.first_waiting_day = readers::format_day(now_ms - margin_ms);
  char hours[32];
  std::snprintf(hours, sizeof hours, "%g", settle_hours);
  s.reason = "not yet ended " + std::string(hours) + " h ago";
  store::Statement open(db, "SELECT day, count(*) FROM queries WHERE state IN ('QUEUED', "
                            "'RUNNING') AND day IS NOT NULL GROUP BY day ORDER BY day");
  bool first = true;
  while (open.step()) {
    const std::string day = open.text(0);
    if (first && day < s.first_waiting_day) {
      s.first_waiting_day = day;
      s.reason = "executions still QUEUED or RUNNING";
    }
    first = false;
    if (day >= s.first_waiting_day) s.open_executions += open.int64(1);
  }
  return s;
}

} // namespace athena::openmetadata
