#include "src/store/text_codec.h"

#include <cstring>
#include <stdexcept>

#include <sqlite3.h>
#include <zlib.h>

#include "lineage/json_writer.h"

namespace athena::store {

namespace {

constexpr unsigned char kStored = 0;

/// Primes the compressor for API records: their keys and usual values, most frequent last
/// (deflate finds the nearest earlier match). Part of the file format: never edit.
constexpr std::string_view kQueryExecutionDictionary =
    R"({"StateChangeReason":"","AthenaError":{"ErrorCategory":2,"ErrorType":1301,)"
    R"("Retryable":false,"ErrorMessage":""},"FAILED","CANCELLED","QUEUED","RUNNING",)"
    R"("EncryptionConfiguration":{"EncryptionOption":"SSE_S3"},"ExpectedBucketOwner":"",)"
    R"("ExecutionParameters":[""],"ResultReuseConfiguration":{"ResultReuseByAgeConfiguration":)"
    R"({"Enabled":true,"MaxAgeInMinutes":60}},"ResultReuseInformation":{"ReusedPreviousResult":)"
    R"(true}},"StatementType":"DDL","SubstatementType":"CREATE_TABLE","StatementType":"UTILITY",)"
    R"("SubstatementType":"SHOW_TABLES","SubstatementType":"CREATE_TABLE_AS_SELECT",)"
    R"("SubstatementType":"INSERT","SubstatementType":"UNLOAD","SubstatementType":"MERGE",)"
    R"("Catalog":"awsdatacatalog","Unsaved/","s3://aws-athena-query-results-","-us-east-1/",)"
    R"(".csv.metadata","-manifest.csv",".txt",)"
    R"({"QueryExecutionId":"","Query":"","StatementType":"DML","ResultConfiguration":)"
    R"({"OutputLocation":"s3://"},"ResultReuseConfiguration":{"ResultReuseByAgeConfiguration":)"
    R"({"Enabled":false}},"QueryExecutionContext":{"Database":"","Catalog":"AwsDataCatalog"},)"
    R"("Status":{"State":"SUCCEEDED","SubmissionDateTime":1,"CompletionDateTime":1},)"
    R"("Statistics":{"EngineExecutionTimeInMillis":1,"DataScannedInBytes":0,)"
    R"("TotalExecutionTimeInMillis":1,"QueryQueueTimeInMillis":1,)"
    R"("ServicePreProcessingTimeInMillis":1,"QueryPlanningTimeInMillis":1,)"
    R"("ServiceProcessingTimeInMillis":1,"DataManifestLocation":"s3://","ResultReuseInformation":)"
    R"({"ReusedPreviousResult":false}},"WorkGroup":"primary","EngineVersion":)"
    R"({"SelectedEngineVersion":"AUTO","EffectiveEngineVersion":"Athena engine version 3"},)"
    R"("SubstatementType":"SELECT"})";

std::string_view dictionary_bytes(Dictionary d) {
  return d == Dictionary::kQueryExecution ? kQueryExecutionDictionary : std::string_view();
}

void put_varint(std::string& out, uint64_t v) {
  while (v >= 0x80) {
    out += static_cast<char>((v & 0x7F) | 0x80);
    v >>= 7;
  }
  out += static_cast<char>(v);
}

std::optional<uint64_t> get_varint(std::string_view& in) {
  uint64_t v = 0;
  for (int shift = 0; shift < 64 && !in.empty(); shift += 7) {
    const auto b = static_cast<unsigned char>(in.front());
    in.remove_prefix(1);
    v |= static_cast<uint64_t>(b & 0x7F) << shift;
    if ((b & 0x80) == 0) return v;
  }
  return std::nullopt;
}

/// One deflate and one inflate state per thread, reset between uses (initializing one costs
/// more than compressing a short text).
/// `window_bits` and `mem_level` size the window and the match hash table, which a reset
/// clears: texts that fit a small window get a small deflater (the stream is plain raw deflate,
/// which any inflater with the full window reads).
struct Deflater {
  z_stream z{};
  bool ok = false;
  Deflater(int window_bits, int mem_level) {
    ok = deflateInit2(&z, 6, Z_DEFLATED, -window_bits, mem_level, Z_DEFAULT_STRATEGY) == Z_OK;
  }
  ~Deflater() {
    if (ok) deflateEnd(&z);
  }
  Deflater(const Deflater&) = delete;
  Deflater& operator=(const Deflater&) = delete;
};

struct Inflater {
  z_stream z{};
  bool ok = false;
  Inflater() { ok = inflateInit2(&z, -15) == Z_OK; }
  ~Inflater() {
    if (ok) inflateEnd(&z);
  }
  Inflater(const Inflater&) = delete;
  Inflater& operator=(const Inflater&) = delete;
};

Bytef* bytes(std::string_view s) {
  return reinterpret_cast<Bytef*>(const_cast<char*>(s.data()));
}

/// Appends the raw deflate of `text` to `out`; false when zlib fails.
bool deflate_into(std::string& out, std::string_view text, Dictionary dictionary) {
  // A 4 KiB window serves a text that fits it with its lookahead (262 bytes) as well as the
  // full 32 KiB one, and resets in a fraction of the time; primed ones keep the full window.
  constexpr size_t kSmallWindowText = 4096 - 262;
  thread_local Deflater full(15, 9);
  thread_local Deflater small(12, 6);
  const std::string_view dict = dictionary_bytes(dictionary);
  Deflater& d = dict.empty() && text.size() <= kSmallWindowText ? small : full;
  if (!d.ok || deflateReset(&d.z) != Z_OK) return false;
  if (!dict.empty() &&
      deflateSetDictionary(&d.z, bytes(dict), static_cast<uInt>(dict.size())) != Z_OK) {
    return false;
  }
  const size_t start = out.size();
  out.resize(start + deflateBound(&d.z, static_cast<uLong>(text.size())));
  d.z.next_in = bytes(text);
  d.z.avail_in = static_cast<uInt>(text.size());
  d.z.next_out = reinterpret_cast<Bytef*>(out.data() + start);
  d.z.avail_out = static_cast<uInt>(out.size() - start);
  if (deflate(&d.z, Z_FINISH) != Z_STREAM_END) return false;
  out.resize(out.size() - d.z.avail_out);
  return true;
}

bool inflate_into(std::string& out, std::string_view in, size_t size, Dictionary dictionary) {
  thread_local Inflater f;
  if (!f.ok || inflateReset(&f.z) != Z_OK) return false;
  const std::string_view dict = dictionary_bytes(dictionary);
  if (!dict.empty() &&
      inflateSetDictionary(&f.z, bytes(dict), static_cast<uInt>(dict.size())) != Z_OK) {
    return false;
  }
  out.resize(size);
  f.z.next_in = bytes(in);
  f.z.avail_in = static_cast<uInt>(in.size());
  f.z.next_out = reinterpret_cast<Bytef*>(out.data());
  f.z.avail_out = static_cast<uInt>(size);
  const int rc = inflate(&f.z, Z_FINISH);
  return rc == Z_STREAM_END && f.z.avail_out == 0 && f.z.avail_in == 0;
}

/// Decodes the JSON string literal starting at json[pos] (a '"'); sets `end` past its closing
/// quote. Only the escapes lineage::append_json_string() writes are accepted (others make the
/// record stay whole); nullopt otherwise.
std::optional<std::string> decode_json_string(std::string_view json, size_t pos, size_t& end) {
  std::string out;
  for (size_t i = pos + 1; i < json.size(); ++i) {
    const char c = json[i];
    if (c == '"') {
      end = i + 1;
      return out;
    }
    if (c != '\\') {
      out += c;
      continue;
    }
    if (++i >= json.size()) return std::nullopt;
    switch (json[i]) {
    case '"':
      out += '"';
      break;
    case '\\':
      out += '\\';
      break;
    case 'n':
      out += '\n';
      break;
    case 'r':
      out += '\r';
      break;
    case 't':
      out += '\t';
      break;
    case 'b':
      out += '\b';
      break;
    case 'f':
      out += '\f';
      break;
    case 'u': {
      if (i + 4 >= json.size() || json.substr(i + 1, 2) != "00") return std::nullopt;
      unsigned v = 0;
      for (size_t k = i + 3; k <= i + 4; ++k) {
        const char h = json[k];
        v <<= 4;
        if (h >= '0' && h <= '9') {
          v |= static_cast<unsigned>(h - '0');
        } else if (h >= 'a' && h <= 'f') {
          v |= static_cast<unsigned>(h - 'a' + 10);
        } else {
          return std::nullopt;
        }
      }
      out += static_cast<char>(v);
      i += 4;
      break;
    }
    default:
      return std::nullopt;
    }
  }
  return std::nullopt;
}

void sql_text(sqlite3_context* ctx, int /*argc*/, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
    sqlite3_result_null(ctx);
    return;
  }
  const auto* p = static_cast<const char*>(sqlite3_value_blob(argv[0]));
  const auto n = static_cast<size_t>(sqlite3_value_bytes(argv[0]));
  std::optional<std::string> text = unpack_text(std::string_view(p != nullptr ? p : "", n));
  if (!text) {
    sqlite3_result_error(ctx, "athena_text: damaged text blob", -1);
    return;
  }
  const std::string& unpacked = *text;
  sqlite3_result_text64(ctx, unpacked.data(), unpacked.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}

} // namespace

std::string pack_text(std::string_view text, Dictionary dictionary) {
  std::string out;
  out.reserve(text.size() / 2 + 16);
  out += static_cast<char>(dictionary);
  put_varint(out, text.size());
  if (text.size() >= 16 && deflate_into(out, text, dictionary) && out.size() < text.size() + 1) {
    return out;
  }
  out.clear();
  out += static_cast<char>(kStored);
  out.append(text);
  return out;
}

std::optional<std::string> unpack_text(std::string_view blob) {
  if (blob.empty()) return std::nullopt;
  const auto tag = static_cast<unsigned char>(blob.front());
  blob.remove_prefix(1);
  if (tag == kStored) return std::string(blob);
  if (tag != static_cast<unsigned char>(Dictionary::kNone) &&
      tag != static_cast<unsigned char>(Dictionary::kQueryExecution)) {
    return std::nullopt;
  }
  const std::optional<uint64_t> size = get_varint(blob);
  if (!size || *size > (uint64_t{1} << 31)) return std::nullopt;
  std::string out;
  if (!inflate_into(out, blob, static_cast<size_t>(*size), static_cast<Dictionary>(tag))) {
    return std::nullopt;
  }
  return out;
}

SplitRaw split_raw(std::string_view json) {
  SplitRaw out;
  constexpr std::string_view kKey = R"("Query":)";
  const size_t key = json.find(kKey);
  size_t value = key == std::string_view::npos ? key : key + kKey.size();
  size_t end = 0;
  if (value != std::string_view::npos && value < json.size() && json[value] == '"') {
    std::optional<std::string> query = decode_json_string(json, value, end);
    if (query) {
      std::string again;
      lineage::append_json_string(again, *query, lineage::InvalidUtf8::kKeep);
      if (json.substr(value, end - value) == again) out.query = std::move(query);
    }
  }
  if (out.query) {
    put_varint(out.rest, value + 1);
    std::string remainder(json.substr(0, value));
    remainder.append(json.substr(end));
    out.rest += pack_text(remainder, Dictionary::kQueryExecution);
  } else {
    put_varint(out.rest, 0);
    out.rest += pack_text(json, Dictionary::kQueryExecution);
  }
  return out;
}

bool raw_needs_query(std::string_view rest) {
  std::optional<uint64_t> at = get_varint(rest);
  return at && *at > 0;
}

std::optional<std::string> join_raw(std::string_view rest, std::string_view query) {
  const std::optional<uint64_t> at = get_varint(rest);
  if (!at) return std::nullopt;
  std::optional<std::string> remainder = unpack_text(rest);
  if (!remainder) return std::nullopt;
  if (*at == 0) return remainder;
  const auto pos = static_cast<size_t>(*at - 1);
  if (pos > remainder->size()) return std::nullopt;
  std::string out(remainder->substr(0, pos));
  lineage::append_json_string(out, query, lineage::InvalidUtf8::kKeep);
  out.append(remainder->substr(pos));
  return out;
}

int64_t text_hash(std::string_view text) {
  uint64_t h = 14695981039346656037ULL;
  for (char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return static_cast<int64_t>(h);
}

void register_text_functions(sqlite3* db) {
  sqlite3_create_function_v2(db, "athena_text", 1,
                             SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, nullptr,
                             &sql_text, nullptr, nullptr, nullptr);
}

} // namespace athena::store
