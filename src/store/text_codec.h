#pragma once

// Compressed storage of query texts and raw API records (schema version 9, SCHEMA.md
// "Compact storage"). Pure functions; the SQL side is in texts.{h,cpp}.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;

namespace athena::store {

/// Which deflate dictionary a blob was compressed with. Dictionaries are part of the file
/// format: never change one, add a new tag.
enum class Dictionary : unsigned char {
  kNone = 1,           ///< raw deflate
  kQueryExecution = 2, ///< raw deflate primed with a typical QueryExecution JSON
};

/// `text` as a blob: one tag byte (0 = stored as is, else the Dictionary) and the bytes.
std::string pack_text(std::string_view text, Dictionary dictionary = Dictionary::kNone);
/// The text of a pack_text() blob; nullopt when the blob is damaged or of an unknown format.
std::optional<std::string> unpack_text(std::string_view blob);

/// A raw QueryExecution JSON split into its query text and the rest: `rest` is a blob (a
/// varint giving where the text's JSON string goes + 1, 0 when the text was left inside, then
/// a pack_text() blob of the remainder). join_raw(rest, query) gives the JSON back byte for
/// byte.
struct SplitRaw {
  std::string rest;
  std::optional<std::string> query; ///< the decoded "Query" value, when it was cut out
};
SplitRaw split_raw(std::string_view json);
/// The JSON of a split_raw() result; `query` is ignored when none was cut out. nullopt when
/// the blob is damaged.
std::optional<std::string> join_raw(std::string_view rest, std::string_view query);
/// True when join_raw() needs the query text (it was cut out of the JSON).
bool raw_needs_query(std::string_view rest);

/// A 64-bit FNV-1a hash of `text` (stable across versions: stored in `texts.hash`).
int64_t text_hash(std::string_view text);

/// Registers `athena_text(blob)` (unpack_text; TEXT, or an error for a damaged blob) on a
/// connection, for the `query_texts` view.
void register_text_functions(sqlite3* db);

} // namespace athena::store
