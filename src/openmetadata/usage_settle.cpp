#include "src/openmetadata/usage_settle.h"

#include <cstdio>

#include "src/readers/time_text.h"
#include "src/store/push_reader.h"

namespace athena::openmetadata {

util::Result<SettleState> settle_state(store::Store& store, int64_t now_ms, double settle_hours) {
  SettleState s;
  const auto margin_ms = static_cast<int64_t>(settle_hours * 3600.0 * 1000.0);
  // The day now-minus-margin falls in has not ended a margin ago; every day before it has.
  s.first_waiting_day = readers::format_day(now_ms - margin_ms);
  char hours[32];
  std::snprintf(hours, sizeof hours, "%g", settle_hours);
  s.reason = "not yet ended " + std::string(hours) + " h ago";
  auto open = store::PushReader(store).open_executions();
  if (!open) return util::Error{open.error()};
  bool first = true;
  for (const auto& [day, count] : *open) {
    if (first && day < s.first_waiting_day) {
      s.first_waiting_day = day;
      s.reason = "executions still QUEUED or RUNNING";
    }
    first = false;
    if (day >= s.first_waiting_day) s.open_executions += count;
  }
  return s;
}

} // namespace athena::openmetadata
