#include "lineage/lineage_text.h"

#include "lineage/text_escape.h"

namespace athena::lineage {

std::string lineage_text(int statement, std::string_view file, const StatementLineage& lin,
                         const std::vector<PositionedError>& errors,
                         const std::vector<PositionedError>& warnings) {
  // Names and messages come from the SQL: control characters in them are shown escaped.
  const auto esc = [](std::string_view s) { return escape_control(s); };
  std::string out = "statement " + std::to_string(statement) + " (" + esc(file) +
                    "): " + std::string(to_string(lin.kind)) + "\n";
  auto list = [&](const char* label, const std::vector<std::string>& items) {
    if (items.empty()) return;
    out += "  ";
    out += label;
    out += ":";
    for (const auto& i : items)
      out += " " + esc(i);
    out += "\n";
  };
  list("targets", lin.targets);
  list("sources", lin.sources);
  for (const auto& c : lin.columns) {
    out += "  " + esc(c.target) + " <- ";
    if (c.sources.empty()) out += c.unresolved ? "(unresolved)" : "(none)";
    if (c.unresolved && !c.sources.empty()) out += "(unresolved), ";
    for (size_t i = 0; i < c.sources.size(); ++i)
      out += (i > 0 ? ", " : "") + esc(c.sources[i]);
    out += " [" + std::string(to_string(c.transform));
    if (c.mapped != Mapped::kNone) {
      out += ", by " + std::string(to_string(c.mapped));
    }
    out += "]";
    if (!c.conditions.empty()) {
      out += " if";
      for (const auto& cond : c.conditions)
        out += " " + esc(cond);
    }
    out += "\n";
  }
  for (const auto& e : lin.table_edges)
    out += "  edge " + esc(e.source) + " -> " + esc(e.target) + "\n";
  for (const auto& e : lin.schema_edges)
    out += "  schema edge " + esc(e.source) + " -> " + esc(e.target) + "\n";
  for (const auto& r : lin.reads) {
    out += "  read " + std::string(to_string(r.clause)) + " " + esc(r.column) + "\n";
  }
  for (const auto& j : lin.joins) {
    out += "  join " + j.join_type + " " + esc(j.left) + " ~ " + esc(j.right);
    for (const auto& [l, r] : j.columns)
      out += " " + esc(l) + "=" + esc(r);
    out += "\n";
  }
  list("functions", lin.functions);
  if (!lin.complete || !errors.empty()) out += "  incomplete\n";
  for (const auto& e : errors) {
    out += "  error " + std::to_string(e.line) + ":" + std::to_string(e.col) + ": " +
           esc(e.message) + "\n";
  }
  for (const auto& w : warnings) {
    out += "  warning " + std::to_string(w.line) + ":" + std::to_string(w.col) + ": " +
           esc(w.message) + "\n";
  }
  return out;
}

} // namespace athena::lineage
