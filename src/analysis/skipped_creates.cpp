#include "src/analysis/skipped_creates.h"

#include "lineage/lineage.h"

namespace athena::analysis {

namespace {

lineage::QualifiedName lower(const lineage::QualifiedName& name) {
  return {lineage::to_lower_ascii(name.catalog), lineage::to_lower_ascii(name.schema),
          lineage::to_lower_ascii(name.table)};
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
    const lineage::QualifiedName key = lower(*lineage.if_absent);
    const bool known = catalog.find(*lineage.if_absent) != nullptr || created_.contains(key);
    if (known && !dropped_.contains(key)) {
      lineage::skip_existing(lineage);
      skipped_[id].insert(index);
      return;
    }
  }
  if (lineage.drops) {
    const lineage::QualifiedName key = lower(*lineage.drops);
    dropped_.insert(key);
    created_.erase(key);
  }
  if (lineage.defines) dropped_.erase(lower(lineage.defines->name));
  if (creates_table(lineage)) {
    const lineage::QualifiedName key = lower(lineage.tables.front());
    dropped_.erase(key);
    created_.insert(key);
  }
}

} // namespace athena::analysis
