#include "src/store/encoded_text.h"

#include <functional>

#include "src/store/store.h"
#include "src/store/store_impl.h"
#include "src/store/text_codec.h"

namespace athena::store {

EncodedText hash_text(std::string_view text) {
  EncodedText out;
  out.source = text.data();
  out.size = text.size();
  out.hash = text_hash(text);
  out.key = std::hash<std::string_view>{}(text);
  return out;
}

bool TextClaims::claim(int64_t hash, size_t key) {
  std::lock_guard lock(mutex_);
  return claimed_.emplace(hash, key).second;
}

void Store::encode_batch(std::span<AnalyzedQuery> batch) {
  TextClaims& claims = impl_->text_claims;
  for (AnalyzedQuery& item : batch) {
    const std::string& text = item.record.query;
    item.text = hash_text(text);
    if (claims.claim(item.text.hash, item.text.key)) item.text.packed = pack_text(text);
  }
}

} // namespace athena::store
