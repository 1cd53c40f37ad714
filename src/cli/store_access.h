#pragma once

#include <memory>
#include <string>

#include "src/store/store.h"

namespace athena::cli {

/// The database of `report` and `graph`: it must exist and pass `PRAGMA quick_check`. It is
/// opened read-only, so a database in a folder the user cannot write works; only when the
/// user can write it and it needs an upgrade or an aggregate refresh is it opened for writing.
/// nullptr with `*error` set otherwise (exit status 2).
std::unique_ptr<store::Store> open_store_for_reading(const std::string& path, std::string* error);

/// The existing database a sink (`push`, `openlineage`) reads and records its deliveries in,
/// opened for writing; nullptr after saying on stderr why not (no such file: run `analyze` or
/// `pull` first; or SQLite's error). The caller exits with status 2.
std::unique_ptr<store::Store> open_store_for_sink(const std::string& path);

/// Why `analyze` could not write the database at `path` (it or its folder is read-only), or ""
/// when it can. Checked before any input is read.
std::string database_write_problem(const std::string& path);

} // namespace athena::cli
