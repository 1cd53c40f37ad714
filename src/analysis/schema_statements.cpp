#include "src/analysis/schema_statements.h"

#include <algorithm>
#include <cstring>

#include "parser/lexer.h"

namespace athena::analysis {

namespace {

// True for the first words of the statements that may define a schema or a prepared statement.
bool is_defining_word(std::string_view word) {
  const auto is = [&](std::string_view upper) {
    return std::equal(word.begin(), word.end(), upper.begin(), upper.end(), [](char c, char u) {
      return (c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c) == u;
    });
  };
  return is("CREATE") || is("ALTER") || is("DROP") || is("PREPARE");
}

// Decodes the start of a JSON string, `raw` being what follows its opening quote, into `out`
// (at most `cap` bytes; `complete` once the closing quote is reached). False on what it does
// not decode (a \u escape, a bad escape, a control byte): the caller then parses the JSON.
bool decode_json_start(std::string_view raw, char* out, size_t cap, size_t& size, bool& complete) {
  size = 0;
  complete = false;
  for (size_t i = 0; i < raw.size() && size < cap; ++i) {
    const auto c = static_cast<unsigned char>(raw[i]);
    if (c == '"') {
      complete = true;
      return true;
    }
    if (c < 0x20) return false;
    if (c != '\\') {
      out[size++] = static_cast<char>(c);
      continue;
    }
    if (++i == raw.size()) return false;
    switch (raw[i]) {
    case '"':
    case '\\':
    case '/':
      out[size++] = raw[i];
      break;
    case 'b':
      out[size++] = '\b';
      break;
    case 'f':
      out[size++] = '\f';
      break;
    case 'n':
      out[size++] = '\n';
      break;
    case 'r':
      out[size++] = '\r';
      break;
    case 't':
      out[size++] = '\t';
      break;
    default:
      return false;
    }
  }
  return true;
}

} // namespace

bool may_define_schema(std::string_view sql) {
  // Most queries start with another word (SELECT, INSERT, WITH): a first letter that begins
  // none of the four answers without lexing.
  const size_t first = sql.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return false;
  const char lead = static_cast<char>(sql[first] | 0x20);
  if (lead >= 'a' && lead <= 'z' && lead != 'c' && lead != 'a' && lead != 'd' && lead != 'p') {
    return false;
  }
  sql::Lexer lexer(sql);
  sql::Token t = lexer.next();
  return t.type == sql::Tok::kIdent && is_defining_word(t.text(sql));
}

bool line_cannot_define_schema(std::string_view line) {
  // memchr for rare bytes ('Q', '\\'), not find("\"Query\""): JSON has a '"' every few bytes.
  const auto next = [&](char c, size_t from) -> size_t {
    if (from >= line.size()) return std::string_view::npos;
    const void* at = std::memchr(line.data() + from, c, line.size() - from);
    return at == nullptr ? std::string_view::npos
                         : static_cast<size_t>(static_cast<const char*>(at) - line.data());
  };
  constexpr std::string_view kKey = "\"Query\"";
  size_t key = std::string_view::npos;
  for (size_t q = next('Q', 1); q != std::string_view::npos; q = next('Q', q + 1)) {
    if (line.substr(q - 1, kKey.size()) != kKey) continue;
    if (key != std::string_view::npos) return false; // several records, or a nested "Query"
    key = q - 1;
  }
  if (key == std::string_view::npos) return false;
  // A key may be spelt with escapes ("\u0051uery"): then the one plain "Query" may be another.
  for (size_t b = next('\\', 0); b != std::string_view::npos; b = next('\\', b + 2)) {
    if (b + 1 < line.size() && line[b + 1] == 'u') return false;
  }
  const size_t value = key + kKey.size();
  if (line.substr(value, 2) != ":\"") return false;
  const std::string_view raw = line.substr(value + 2);
  // The first token decides: a short prefix usually holds it, a dbt comment needs more.
  char text[4096];
  for (const size_t cap : {size_t{64}, sizeof text}) {
    size_t size = 0;
    bool complete = false;
    if (!decode_json_start(raw, text, cap, size, complete)) return false;
    const std::string_view sql(text, size);
    if (complete) return !may_define_schema(sql);
    sql::Lexer lexer(sql);
    const sql::Token t = lexer.next();
    // A token that ends before the prefix does is the whole text's first token too.
    if (t.type != sql::Tok::kEnd && t.type != sql::Tok::kError && t.end() < size) {
      return t.type != sql::Tok::kIdent || !is_defining_word(t.text(sql));
    }
  }
  return false;
}

} // namespace athena::analysis
