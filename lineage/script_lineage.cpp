// Lineage of a script through its intermediate tables (script_lineage.h).
#include "lineage/script_lineage.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>

namespace athena::lineage {

namespace {

struct Sources {
  std::set<std::string> values, conditions;
  Transform transform = Transform::kIdentity;
  bool unresolved = false;
};

class Combiner {
public:
  explicit Combiner(const std::vector<StatementLineage>& statements) {
    // Written, then read by a later statement that writes: an intermediate.
    std::set<std::string> written;
    for (const StatementLineage& s : statements) {
      for (const auto& src : s.sources) {
        // Read by a statement that writes: a step towards its target. A SELECT's reading a
        // table does not make it an intermediate.
        if (written.contains(src)) {
          if (!s.targets.empty()) intermediates_.insert(src);
        } else {
          sources_.insert(src);
        }
      }
      for (const auto& t : s.targets)
        written.insert(t);
      for (const ColumnLineage& c : s.columns) {
        if (s.targets.empty()) continue; // a SELECT's outputs are not table columns
        Sources& into = columns_[c.target];
        into.values.insert(c.sources.begin(), c.sources.end());
        into.conditions.insert(c.conditions.begin(), c.conditions.end());
        into.transform = c.transform; // the last statement that wrote it
        into.unresolved = into.unresolved || c.unresolved;
      }
    }
    for (const auto& w : written) {
      if (!intermediates_.contains(w)) targets_.insert(w);
    }
  }

  StatementLineage result() {
    StatementLineage out;
    out.kind = StatementKind::kOther;
    out.targets.assign(targets_.begin(), targets_.end());
    out.sources.assign(sources_.begin(), sources_.end());
    for (const auto& [target, direct] : columns_) {
      if (is_intermediate_column(target)) continue;
      ColumnLineage c;
      c.target = target;
      std::set<std::string> values, conditions, seen;
      for (const auto& v : direct.values)
        follow(v, false, values, conditions, seen);
      for (const auto& v : direct.conditions)
        follow(v, true, values, conditions, seen);
      for (const auto& v : values)
        conditions.erase(v);
      c.sources.assign(values.begin(), values.end());
      c.conditions.assign(conditions.begin(), conditions.end());
      c.transform = direct.transform;
      c.unresolved = direct.unresolved;
      out.columns.push_back(std::move(c));
    }
    for (const auto& s : out.sources) {
      for (const auto& t : out.targets) {
        if (s != t) out.table_edges.push_back(TableEdge{s, t});
      }
    }
    return out;
  }

private:
  [[nodiscard]] bool is_intermediate_column(const std::string& column) const {
    for (const auto& t : intermediates_) {
      if (column.size() > t.size() && column.compare(0, t.size(), t) == 0 &&
          column[t.size()] == '.') {
        return true;
      }
    }
    return false;
  }

  // Adds `column`'s sources through intermediates (`as_condition`: all of them as conditions).
  void follow(const std::string& column, bool as_condition, std::set<std::string>& values,
              std::set<std::string>& conditions, std::set<std::string>& seen) {
    auto it = columns_.find(column);
    if (!is_intermediate_column(column) || it == columns_.end()) {
      (as_condition ? conditions : values).insert(column);
      return;
    }
    if (!seen.insert(column).second) return;
    for (const auto& v : it->second.values)
      follow(v, as_condition, values, conditions, seen);
    for (const auto& v : it->second.conditions)
      follow(v, true, values, conditions, seen);
  }

  std::set<std::string> intermediates_, targets_, sources_;
  std::map<std::string, Sources> columns_;
};

} // namespace

StatementLineage combine_script(const std::vector<StatementLineage>& statements) {
  return Combiner(statements).result();
}

} // namespace athena::lineage
