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
  sql::Lexer lexer(sql);
  std::vector<std::string> tokens;
  while (true) {
    sql::Token t = lexer.next();
    if (t.type == sql::Tok::kEnd) break;
    std::string piece;
    if (is_literal(t.type)) {
      piece = "?";
    } else {
      piece = t.text(sql);
      if (t.type == sql::Tok::kIdent) {
        for (char& c : piece) {
          if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        }
      }
    }
    tokens.push_back(std::move(piece));
    const size_t n = tokens.size();
    // `?, ?` -> `?`; then `(?), (?)` -> `(?)`: lists of constants of any length look alike.
    if (n >= 3 && tokens[n - 1] == "?" && tokens[n - 2] == "," && tokens[n - 3] == "?") {
      tokens.resize(n - 2);
    } else if (n >= 7 && tokens[n - 1] == ")" && tokens[n - 2] == "?" && tokens[n - 3] == "(" &&
               tokens[n - 4] == "," && tokens[n - 5] == ")" && tokens[n - 6] == "?" &&
               tokens[n - 7] == "(") {
      tokens.resize(n - 4);
    }
  }
  std::string text;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const std::string& t = tokens[i];
    const bool glue =
        i == 0 || t == "," || t == ")" || t == "." || tokens[i - 1] == "(" || tokens[i - 1] == ".";
    if (!glue) text += ' ';
    text += t;
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
  simdjson::dom::parser parser;
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
