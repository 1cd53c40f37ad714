#include "src/analysis/skipped_creates.h"

#include <utility>

#include "lineage/qualified_name.h"

namespace athena::analysis {

namespace {

// Names compare without regard to case, as Athena compares them.
std::string key(const lineage::QualifiedName& name) {
  return lineage::to_lower_ascii(name.str());
}

bool creates_table(const lineage::StatementLineage& lineage) {
  return (lineage.kind == lineage::StatementKind::kCtas ||
          lineage.kind == lineage::StatementKind::kCreateTable) &&
         !lineage.tables.empty();
}

} // namespace

void SkippedCreates::judge(const std::string& id, size_t index, lineage::StatementLineage& lineage,
                           const lineage::SchemaCatalog& catalog) {
  if (lineage.if_absent) {
    const std::string name = key(*lineage.if_absent);
    const bool known = catalog.find(*lineage.if_absent) != nullptr || created_.contains(name);
    if (known && !dropped_.contains(name)) {
      lineage::skip_existing(lineage);
      skipped_[id].insert(index);
      return;
    }
  }
  if (lineage.drops) {
    std::string name = key(*lineage.drops);
    created_.erase(name);
    dropped_.insert(std::move(name));
  }
  if (lineage.defines) dropped_.erase(key(lineage.defines->name));
  if (creates_table(lineage)) {
    std::string name = key(lineage.tables.front());
    dropped_.erase(name);
    created_.insert(std::move(name));
  }
}

} // namespace athena::analysis
