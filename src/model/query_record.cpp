#include "src/model/query_record.h"

#include <array>
#include <cctype>
#include <utility>

namespace athena::model {

namespace {
constexpr std::array<std::pair<QueryState, std::string_view>, 5> kStateNames{{
    {QueryState::kQueued, "QUEUED"},
    {QueryState::kRunning, "RUNNING"},
    {QueryState::kSucceeded, "SUCCEEDED"},
    {QueryState::kFailed, "FAILED"},
    {QueryState::kCancelled, "CANCELLED"},
}};

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(a[i])) !=
        std::toupper(static_cast<unsigned char>(b[i])))
      return false;
  }
  return true;
}
} // namespace

std::string_view to_string(QueryState state) {
  for (const auto& [s, name] : kStateNames) {
    if (s == state) return name;
  }
  return "UNKNOWN";
}

QueryState parse_query_state(std::string_view text) {
  for (const auto& [s, name] : kStateNames) {
    if (iequals(text, name)) return s;
  }
  return QueryState::kUnknown;
}

bool is_terminal(QueryState state) {
  return state == QueryState::kSucceeded || state == QueryState::kFailed ||
         state == QueryState::kCancelled;
}

} // namespace athena::model
