#include "src/cli/store_access.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include <unistd.h>

#include "src/store/migrations.h"

namespace athena::cli {

namespace {

std::filesystem::path folder_of(const std::string& path) {
  std::filesystem::path dir = std::filesystem::path(path).parent_path();
  return dir.empty() ? std::filesystem::path(".") : dir;
}

} // namespace

std::unique_ptr<store::Store> open_store_for_sink(const std::string& path) {
  std::error_code ec;
  if (path.empty() || !std::filesystem::exists(path, ec)) {
    std::fprintf(stderr,
                 "athena-lineage: error: %s: no such database (run `athena-lineage analyze` or "
                 "`pull` first)\n",
                 path.empty() ? "--db" : path.c_str());
    return nullptr;
  }
  auto opened = store::Store::open(path, {});
  if (!opened) {
    std::fprintf(stderr, "athena-lineage: error: %s\n", opened.error().c_str());
    return nullptr;
  }
  return std::move(opened).value();
}

util::Status check_database_writable(const std::string& path) {
  std::error_code ec;
  const auto dir = folder_of(path);
  if (!std::filesystem::is_directory(dir, ec)) {
    return util::Error{"cannot create database '" + path + "': folder '" + dir.string() +
                       "' does not exist"};
  }
  if (std::filesystem::exists(path, ec)) {
    if (std::filesystem::is_directory(path, ec)) {
      return util::Error{"database '" + path + "' is a directory"};
    }
    if (::access(path.c_str(), R_OK | W_OK) != 0) {
      return util::Error{"cannot write database '" + path + "': " + std::strerror(errno)};
    }
  }
  // SQLite writes its write-ahead log and shared-memory files beside the database.
  if (::access(dir.c_str(), W_OK | X_OK) != 0) {
    return util::Error{"cannot write database '" + path + "': folder '" + dir.string() +
                       "' is not writable (" + std::strerror(errno) + ")"};
  }
  return util::Status::success();
}

util::Result<std::unique_ptr<store::Store>> open_store_for_reading(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return util::Error{"database '" + path +
                       "' does not exist (run 'athena-lineage analyze' first)"};
  }
  auto opened = store::Store::open_read_only(path, store::StoreOptions{});
  if (!opened) return opened;
  auto store = std::move(opened).value();
  if (const util::Status checked = store->quick_check(); !checked)
    return util::Error{checked.error()};
  const int version = store->schema_version();
  const int latest = store::latest_schema_version();
  const bool writable = check_database_writable(path).ok();
  if (version <= 0) {
    return util::Error{path + " is not an athena-lineage database (it has no schema version)"};
  }
  if (version > latest) {
    return util::Error{path + " has schema version " + std::to_string(version) +
                       " and this build reads " + std::to_string(latest) + "; use a newer release"};
  }
  if (version < latest && !writable) {
    return util::Error{
        path + " has schema version " + std::to_string(version) + " and this build reads " +
        std::to_string(latest) +
        "; run 'athena-lineage analyze' on it once as a user who can write it, to upgrade it"};
  }
  const int64_t dirty = store->dirty_count();
  if (version == latest && dirty == 0) return store;
  if (!writable) {
    std::fprintf(stderr,
                 "athena-lineage: warning: %s has queries not yet counted in its aggregates (an "
                 "analysis was interrupted) and cannot be written here; totals may be short\n",
                 path.c_str());
    return store;
  }
  // Upgrade or refresh: the one case that writes.
  store.reset();
  return store::Store::open(path, store::StoreOptions{});
}

} // namespace athena::cli
