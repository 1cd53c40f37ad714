// Declared vs observed dbt lineage: a model's manifest dependencies against the tables its
// statements (recognised by the node id in dbt's query comment) actually read.
#include "src/report/dbt_compare.h"

#include <algorithm>
#include <map>
#include <set>

namespace athena::report {

namespace {

/// The relations `node` declares: its dependencies' relations, looking through ephemeral
/// models (inlined as CTEs, so their own dependencies are what the SQL reads).
void declared_relations(const DbtManifest& m, const DbtNode& node, std::set<std::string>& out,
                        std::set<std::string>& visited) {
  for (const auto& id : node.depends_on) {
    if (!visited.insert(id).second) continue;
    const auto it = m.nodes.find(id);
    if (it == m.nodes.end()) continue;
    if (!it->second.relation.empty()) {
      out.insert(it->second.relation);
    } else if (it->second.materialized == "ephemeral") {
      declared_relations(m, it->second, out, visited);
    }
  }
}

/// The model's own relation, or one of the temporary relations its materialization uses.
bool is_own(const std::string& table, const std::string& relation) {
  return table == relation || (table.size() > relation.size() + 2 && table.starts_with(relation) &&
                               table.compare(relation.size(), 2, "__") == 0);
}

} // namespace

DbtComparison compare_dbt(const DbtManifest& manifest, const store::DbtActivity& activity) {
  DbtComparison out;
  std::map<std::string, const store::DbtNodeActivity*> by_node;
  for (const auto& n : activity.nodes) {
    by_node[n.node_id] = &n;
    if (manifest.nodes.find(n.node_id) == manifest.nodes.end())
      out.unknown_nodes.push_back(n.node_id);
  }
  // Reads of each table by statements of other nodes (or of no node at all).
  std::map<std::string, std::vector<const store::TableReaders*>> readers;
  for (const auto& r : activity.readers)
    readers[r.table].push_back(&r);

  for (const auto& [id, node] : manifest.nodes) {
    if (node.resource_type != "model" || node.relation.empty()) continue;
    ++out.models;
    const auto act = by_node.find(id);
    const store::DbtNodeActivity* a = act != by_node.end() ? act->second : nullptr;
    if (a != nullptr && a->queries > 0) ++out.models_built;

    int64_t read_by_others = 0;
    if (const auto r = readers.find(node.relation); r != readers.end()) {
      for (const store::TableReaders* t : r->second) {
        // dbt's tests read what they test: that is no use of the model.
        if (t->node_id != id && !t->node_id.starts_with("test.")) read_by_others += t->queries;
      }
    }
    if (read_by_others == 0) {
      out.unread.push_back({id, node.relation, a != nullptr ? a->queries : 0,
                            a != nullptr ? a->bytes_scanned : 0, a != nullptr ? a->cost_usd : 0});
    }
    if (a == nullptr || a->queries == 0) continue;

    std::set<std::string> declared, visited;
    declared_relations(manifest, node, declared, visited);
    DbtModelFindings f{id, node.relation, a->queries, {}, {}};
    std::set<std::string> observed;
    for (const auto& [table, count] : a->reads) {
      if (is_own(table, node.relation)) continue;
      observed.insert(table);
      if (declared.count(table) == 0) f.undeclared_reads.push_back({table, count});
    }
    for (const auto& d : declared) {
      if (observed.count(d) == 0) f.unobserved_dependencies.push_back(d);
    }
    if (!f.undeclared_reads.empty() || !f.unobserved_dependencies.empty())
      out.findings.push_back(std::move(f));
  }
  std::stable_sort(out.unread.begin(), out.unread.end(),
                   [](const DbtUnreadModel& a, const DbtUnreadModel& b) {
                     return a.build_cost_usd > b.build_cost_usd;
                   });
  return out;
}

} // namespace athena::report
