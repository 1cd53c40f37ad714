#pragma once

// Query texts stored once by content, compressed (schema version 9; SCHEMA.md "Compact
// storage"), and raw API records stored as a compressed remainder plus their text's id.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "src/store/encoded_text.h"
#include "src/store/sqlite_db.h"
#include "src/store/store.h"

namespace athena::store {

/// Interns texts into `texts(id, hash, body)`. Writes inside the caller's transaction.
class TextStore {
public:
  explicit TextStore(Db& db);
  ~TextStore();
  TextStore(const TextStore&) = delete;
  TextStore& operator=(const TextStore&) = delete;

  /// The id of the row holding `text`, added when no row holds it yet. `encoded`, when it
  /// describes `text`, spares hashing (and compressing) it here.
  int64_t intern(std::string_view text, const EncodedText* encoded = nullptr);
  /// Forgets the ids seen so far (after a rollback they may not exist any more).
  void forget() {
    known_.clear();
    complete_ = false;
  }
  /// Call at the start of each write transaction: forgets the ids seen so far when another
  /// connection deleted unreferenced texts since (delete_unreferenced_texts); true then.
  bool sync();

private:
  struct KeyHash {
    size_t operator()(const std::pair<int64_t, size_t>& k) const {
      return static_cast<size_t>(k.first) ^ (k.second * 0x9E3779B97F4A7C15ULL);
    }
  };
  Db& db_;
  std::unique_ptr<Statement> find_;
  std::unique_ptr<Statement> insert_;
  /// (stored hash, std::hash) of texts interned by this connection → id.
  std::unordered_map<std::pair<int64_t, size_t>, int64_t, KeyHash> known_;
  int64_t generation_ = -1; ///< of the deletions `known_` is valid for
  /// `known_` holds every stored text (the table was empty when it started, and no other
  /// connection added one since): a text not in it needs no lookup.
  bool complete_ = false;
  int64_t max_id_ = 0; ///< the largest id in `texts` as this connection last knew it
};

/// A raw record as stored: `rest` (split_raw) and the id of its cut-out text, if any.
struct PackedRaw {
  std::string rest;
  std::optional<int64_t> text_id;
};
PackedRaw pack_raw(TextStore& texts, std::string_view json);
/// The JSON of a stored raw record, byte for byte as it was put; throws SqliteError when the
/// row is damaged.
std::string unpack_raw(Db& db, std::string_view rest, std::optional<int64_t> text_id);

/// The SQL text of the stored query `q` (nullopt when it has none).
std::optional<std::string> read_query_text(Db& db, int64_t q);
/// Deletes texts that no query and no raw record refers to, and column-read sets no query
/// refers to, and tells other connections' TextStore caches (sync()); returns how many texts
/// went. Call inside a write transaction.
int64_t delete_unreferenced_texts(Db& db);

} // namespace athena::store
