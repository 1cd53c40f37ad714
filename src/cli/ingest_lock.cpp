#include "src/cli/ingest_lock.h"

#include <chrono>
#include <iostream>

namespace athena::cli {

std::unique_ptr<store::DbLock> hold_ingest_lock(const std::string& db) {
  bool busy = false;
  std::string error;
  auto lock = store::DbLock::acquire(db, store::LockRole::kIngest, false, std::chrono::hours(1),
                                     &busy, &error);
  if (!lock) {
    std::cerr << "athena-lineage: error: "
              << (busy ? db + ": a push has held its snapshot lock for an hour" : error) << "\n";
  }
  return lock;
}

} // namespace athena::cli
