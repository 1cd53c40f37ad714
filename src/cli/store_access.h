#pragma once

#include <memory>
#include <string>

#include "src/store/store.h"
#include "src/util/result.h"

namespace athena::cli {

/// The database of `report` and `graph`: it must exist and pass `PRAGMA quick_check`. It is
/// opened read-only, so a database in a folder the user cannot write works; only when the
/// user can write it and it needs an upgrade or an aggregate refresh is it opened for writing.
/// The error says why not (exit status 2).
util::Result<std::unique_ptr<store::Store>> open_store_for_reading(const std::string& path);

/// The existing database a sink (`push`, `openlineage`) reads and records its deliveries in,
/// opened for writing; nullptr after saying on stderr why not (no such file: run `analyze` or
/// `pull` first; or SQLite's error). The caller exits with status 2.
std::unique_ptr<store::Store> open_store_for_sink(const std::string& path);

/// Whether `analyze` can write the database at `path`; the error says why not (it or its folder
/// is read-only). Checked before any input is read.
util::Status check_database_writable(const std::string& path);

} // namespace athena::cli
