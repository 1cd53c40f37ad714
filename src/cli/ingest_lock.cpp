#include "src/cli/ingest_lock.h"

#include <chrono>
#include <iostream>

namespace athena::cli {

std::unique_ptr<store::DbLock> hold_ingest_lock(const std::string& db) {
  auto lock = store::DbLock::acquire(db, store::LockRole::kIngest, false, std::chrono::hours(1));
  if (!lock || *lock == nullptr) {
    std::cerr << "athena-lineage: error: "
              << (lock ? db + ": a push has held its snapshot lock for an hour" : lock.error())
              << "\n";
    return nullptr;
  }
  return std::move(*lock);
}

} // namespace athena::cli
