#include "src/analysis/fingerprint.h"

#include <vector>

#include <simdjson.h>

#include "parser/lexer.h"

namespace athena::analysis {

namespace {

constexpr uint64_t kFnvOffset = 1469598103934665603ULL;
constexpr uint64_t kFnvPrime = 1099511628211ULL;

bool is_literal(sql::Tok t) {
  switch (t) {
  case sql::Tok::kString:
  case sql::Tok::kUnicodeString:
  case sql::Tok::kBinaryString:
  case sql::Tok::kInteger:
  case sql::Tok::kDecimal:
  case sql::Tok::kDouble:
  case sql::Tok::kQuestion:
    return true;
  default:
    return false;
  }
}

} // namespace

Fingerprint fingerprint(std::string_view sql, size_t max_text) {
  // Token classes that matter for collapsing lists of constants.
  enum Code : uint8_t { kMasked, kComma, kOpen, kClose, kDot, kOther };
  struct Emitted {
    Code code;
    uint32_t start; // offset of the token (and the space before it) in `text`
  };
  sql::Lexer lexer(sql);
  std::string text;
  text.reserve(sql.size());
  std::vector<Emitted> emitted;
  auto code_at = [&](size_t back) { return emitted[emitted.size() - back].code; };
  while (true) {
    const sql::Token t = lexer.next();
    if (t.type == sql::Tok::kEnd) break;
    Code code = kOther;
    if (is_literal(t.type)) {
      code = kMasked;
    } else if (t.type == sql::Tok::kComma) {
      code = kComma;
    } else if (t.type == sql::Tok::kLParen) {
      code = kOpen;
    } else if (t.type == sql::Tok::kRParen) {
      code = kClose;
    } else if (t.type == sql::Tok::kDot) {
      code = kDot;
    }
    const size_t n = emitted.size();
    // `?, ?` -> `?`; then `(?), (?)` -> `(?)`: lists of constants of any length look alike.
    if (code == kMasked && n >= 2 && code_at(1) == kComma && code_at(2) == kMasked) {
      text.resize(emitted[n - 1].start);
      emitted.pop_back();
      continue;
    }
    if (code == kClose && n >= 6 && code_at(1) == kMasked && code_at(2) == kOpen &&
        code_at(3) == kComma && code_at(4) == kClose && code_at(5) == kMasked &&
        code_at(6) == kOpen) {
      text.resize(emitted[n - 3].start);
      emitted.resize(n - 3);
      continue;
    }
    const auto start = static_cast<uint32_t>(text.size());
    const bool glue = n == 0 || code == kComma || code == kClose || code == kDot ||
                      code_at(1) == kOpen || code_at(1) == kDot;
    if (!glue) text += ' ';
    if (code == kMasked) {
      text += '?';
    } else if (t.type == sql::Tok::kIdent) {
      const size_t at = text.size();
      text += t.text(sql);
      for (size_t i = at; i < text.size(); ++i) {
        if (text[i] >= 'A' && text[i] <= 'Z') text[i] = static_cast<char>(text[i] - 'A' + 'a');
      }
    } else {
      text += t.text(sql);
    }
    emitted.push_back({code, start});
  }
  uint64_t hash = kFnvOffset;
  for (char c : text)
    hash = (hash ^ static_cast<unsigned char>(c)) * kFnvPrime;
  if (text.size() > max_text) text.resize(max_text);
  return Fingerprint{hash, std::move(text)};
}

QueryOrigin query_origin(std::string_view sql) {
  QueryOrigin origin;
  size_t i = 0;
  while (i < sql.size() && (sql[i] == ' ' || sql[i] == '\n' || sql[i] == '\r' || sql[i] == '\t')) {
    ++i;
  }
  if (sql.compare(i, 2, "/*") != 0) return origin;
  const size_t end = sql.find("*/", i + 2);
  if (end == std::string_view::npos) return origin;
  std::string_view body = sql.substr(i + 2, end - i - 2);
  const size_t open = body.find('{');
  const size_t close = body.rfind('}');
  if (open == std::string_view::npos || close == std::string_view::npos || close < open) {
    return origin;
  }
  // One parser per thread: its buffers are allocated once, not for every dbt query.
  static thread_local simdjson::dom::parser parser;
  simdjson::padded_string json(body.substr(open, close - open + 1));
  simdjson::dom::element doc;
  if (parser.parse(json).get(doc)) return origin;
  std::string_view app;
  if (!doc["app"].get_string().get(app)) origin.tool = std::string(app);
  std::string_view node;
  if (!doc["node_id"].get_string().get(node)) origin.dbt_model = std::string(node);
  return origin;
}

} // namespace athena::analysis
