#pragma once

// A query text's stored form, computed on an analysis thread (Store::encode_batch) so the
// writer thread only runs SQLite: its content hashes and, for the first query to name a text,
// its compressed blob (text_codec.h).

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>

namespace athena::store {

struct EncodedText {
  const char* source = nullptr; ///< the text it was computed for: data() and size()
  size_t size = 0;
  int64_t hash = 0;   ///< text_hash(), stored in `texts.hash`
  size_t key = 0;     ///< std::hash of the text, the second half of TextStore's cache key
  std::string packed; ///< pack_text(), or empty when another query claimed the text first

  /// True when this was computed for `text`: the same address and size (a sanity check for
  /// moved or replaced strings; a text must not be edited in place after encoding).
  [[nodiscard]] bool describes(std::string_view text) const {
    return source != nullptr && source == text.data() && size == text.size();
  }
};

/// The hashes of `text`, without its blob.
EncodedText hash_text(std::string_view text);

/// Texts whose blob some batch already computed: each distinct text is compressed once per
/// run, on whichever analysis thread sees it first. Thread-safe.
class TextClaims {
public:
  /// True the first time it is asked for this (hash, key).
  bool claim(int64_t hash, size_t key);

private:
  struct PairHash {
    size_t operator()(const std::pair<int64_t, size_t>& k) const {
      return static_cast<size_t>(k.first) ^ (k.second * 0x9E3779B97F4A7C15ULL);
    }
  };
  std::mutex mutex_;
  std::unordered_set<std::pair<int64_t, size_t>, PairHash> claimed_;
};

} // namespace athena::store
