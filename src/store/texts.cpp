#include "src/store/texts.h"

#include <algorithm>
#include <functional>

#include "src/store/store_impl.h"
#include "src/store/text_codec.h"

namespace athena::store {

TextStore::TextStore(Db& db) : db_(db) {}

TextStore::~TextStore() = default;

int64_t TextStore::intern(std::string_view text, const EncodedText* encoded) {
  const bool ready = encoded != nullptr && encoded->describes(text);
  const int64_t hash = ready ? encoded->hash : text_hash(text);
  const std::pair<int64_t, size_t> key{hash,
                                       ready ? encoded->key : std::hash<std::string_view>{}(text)};
  if (auto it = known_.find(key); it != known_.end()) return it->second;
  if (!find_) {
    find_ = std::make_unique<Statement>(db_, "SELECT id, body FROM texts WHERE hash = ?1");
    insert_ = std::make_unique<Statement>(db_, "INSERT INTO texts(hash, body) VALUES(?1, ?2)");
  }
  std::optional<int64_t> id;
  if (!complete_) {
    find_->bind(1, hash);
    while (!id && find_->step()) {
      if (unpack_text(find_->text(1)) == text) id = find_->int64(0);
    }
    find_->reset();
  }
  if (!id) {
    insert_->bind(1, hash);
    if (ready && !encoded->packed.empty()) {
      insert_->bind_blob(2, encoded->packed);
    } else {
      insert_->bind_blob(2, pack_text(text));
    }
    insert_->run();
    id = db_.last_insert_rowid();
    max_id_ = std::max(max_id_, *id);
  }
  known_.emplace(key, *id);
  return *id;
}

namespace {
constexpr std::string_view kGenerationKey = "texts_deleted";

int64_t generation(Db& db) {
  Statement st(db, "SELECT value FROM meta WHERE key = ?1");
  st.bind(1, kGenerationKey);
  return st.step() ? std::stoll(st.text(0)) : 0;
}
} // namespace

bool TextStore::sync() {
  const int64_t g = generation(db_);
  const int64_t max_id = db_.scalar("SELECT ifnull(max(id), 0) FROM texts");
  const bool forgot = g != generation_;
  if (forgot) {
    known_.clear();
    generation_ = g;
  }
  // Complete while nobody else added a text since this connection last wrote or looked.
  complete_ = (known_.empty() && max_id == 0) || (complete_ && !forgot && max_id == max_id_);
  max_id_ = max_id;
  return forgot;
}

PackedRaw pack_raw(TextStore& texts, std::string_view json) {
  SplitRaw split = split_raw(json);
  PackedRaw out;
  out.rest = std::move(split.rest);
  if (split.query) out.text_id = texts.intern(*split.query);
  return out;
}

std::string unpack_raw(Db& db, std::string_view rest, std::optional<int64_t> text_id) {
  std::string query;
  if (raw_needs_query(rest)) {
    if (!text_id) throw SqliteError(db.path() + ": a raw execution lost its query text");
    Statement st(db, "SELECT body FROM texts WHERE id = ?1");
    st.bind(1, *text_id);
    std::optional<std::string> text;
    if (st.step()) text = unpack_text(st.text(0));
    if (!text) throw SqliteError(db.path() + ": damaged query text " + std::to_string(*text_id));
    query = std::move(*text);
  }
  std::optional<std::string> json = join_raw(rest, query);
  if (!json) throw SqliteError(db.path() + ": damaged raw execution record");
  return std::move(*json);
}

std::optional<std::string> read_query_text(Db& db, int64_t q) {
  Statement st(db, "SELECT t.body FROM query_text_refs r JOIN texts t ON t.id = r.text_id "
                   "WHERE r.q = ?1");
  st.bind(1, q);
  if (!st.step()) return std::nullopt;
  std::optional<std::string> text = unpack_text(st.text(0));
  if (!text) throw SqliteError(db.path() + ": damaged text of query " + std::to_string(q));
  return text;
}

int64_t delete_unreferenced_texts(Db& db) {
  db.exec("DELETE FROM texts WHERE id NOT IN (SELECT text_id FROM query_text_refs) AND id NOT IN "
          "(SELECT text_id FROM raw_executions WHERE text_id IS NOT NULL)");
  const int64_t n = db.changes();
  db.exec("DELETE FROM read_sets WHERE id NOT IN (SELECT set_id FROM query_read_refs)");
  if (n + db.changes() > 0) {
    Statement st(db, "INSERT OR REPLACE INTO meta(key, value) VALUES(?1, ?2)");
    st.bind(1, kGenerationKey).bind(2, std::to_string(generation(db) + 1));
    st.run();
  }
  return n;
}

util::Result<std::optional<std::string>> Store::query_text(const std::string& id) {
  try {
    Statement st(impl_->db, "SELECT q FROM queries WHERE id = ?1");
    st.bind(1, id);
    if (!st.step()) return std::optional<std::string>();
    return read_query_text(impl_->db, st.int64(0));
  } catch (const SqliteError& e) {
    return util::Error{e.what()};
  }
}

util::Result<std::optional<RawExecution>> Store::raw_execution(const std::string& id) {
  try {
    Statement st(impl_->db, "SELECT workgroup, submitted_ms, state, raw, text_id "
                            "FROM raw_executions WHERE id = ?1");
    st.bind(1, id);
    if (!st.step()) return std::optional<RawExecution>();
    RawExecution r;
    r.id = id;
    r.workgroup = st.text(0);
    if (!st.is_null(1)) r.submitted_ms = st.int64(1);
    r.state = st.text(2);
    std::optional<int64_t> text_id;
    if (!st.is_null(4)) text_id = st.int64(4);
    r.json = unpack_raw(impl_->db, st.text(3), text_id);
    return std::optional<RawExecution>(std::move(r));
  } catch (const SqliteError& e) {
    return util::Error{e.what()};
  }
}

} // namespace athena::store
