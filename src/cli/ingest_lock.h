#pragma once

#include <memory>
#include <string>

#include "src/store/db_lock.h"

namespace athena::cli {

/// Holds the database's ingest lock shared while pull/analyze write (store/db_lock.h), so a
/// concurrent push reads its snapshot only before or after them. Waits while a push reads
/// its snapshot; nullptr after printing the error when the lock cannot be taken.
std::unique_ptr<store::DbLock> hold_ingest_lock(const std::string& db);

} // namespace athena::cli
