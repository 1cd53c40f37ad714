// libFuzzer target for the SQL parser: arbitrary bytes never crash or hang it, whatever parses
// round-trips (parse -> print -> parse gives the same tree), the Trino dialect accepts no more
// than Athena's (but for the statements Athena does not run), and the batch lexer yields exactly
// the tokens of the one-at-a-time lexer. FUZZ_LIBS: athena_parser
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "parser/lexer.h"
#include "parser/parser.h"
#include "parser/unparser.h"

namespace {

bool same_token(const athena::sql::Token& a, const athena::sql::Token& b) {
  return a.begin == b.begin && a.length == b.length && a.type == b.type && a.error == b.error &&
         a.kw == b.kw;
}

// Lexer::next_batch (small batches, so that batch boundaries fall everywhere) against next().
void check_batches(std::string_view sql) {
  athena::sql::Lexer one(sql);
  athena::sql::Lexer batched(sql);
  athena::sql::Token buffer[3];
  while (true) {
    size_t n = batched.next_batch(buffer, 3);
    if (n == 0) std::abort();
    for (size_t i = 0; i < n; ++i) {
      if (!same_token(one.next(), buffer[i])) std::abort();
      if (buffer[i].type == athena::sql::Tok::kEnd) return;
    }
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view sql(reinterpret_cast<const char*>(data), size);
  athena::sql::ParseResult result = athena::sql::parse(sql);
  for (const auto& st : result.statements()) {
    if (!st.ok()) {
      if (st.error->offset > sql.size() || st.error->message.empty()) std::abort();
      continue;
    }
    std::string printed = athena::sql::to_sql(st.ast);
    athena::sql::ParseResult again = athena::sql::parse(printed);
    if (again.statements().size() != 1 || !again.statements()[0].ok()) std::abort();
    if (athena::sql::dump_ast(st.ast, false) !=
        athena::sql::dump_ast(again.statements()[0].ast, false)) {
      std::abort();
    }
  }
  athena::sql::ParseOptions trino;
  trino.dialect = athena::sql::Dialect::kTrino;
  athena::sql::ParseResult strict = athena::sql::parse(sql, trino);
  if (strict.statements().size() != result.statements().size()) std::abort();
  for (size_t i = 0; i < strict.statements().size(); ++i) {
    // Except Trino's administration statements (CREATE ROLE, ...), which Athena does not run.
    if (strict.statements()[i].ok() && !result.statements()[i].ok() &&
        result.statements()[i].error->message.rfind("Athena does not support", 0) != 0) {
      std::abort();
    }
  }
  check_batches(sql);
  athena::sql::ExpressionResult expr = athena::sql::parse_expression(sql);
  if (expr.expr != nullptr) {
    std::string printed = athena::sql::to_sql(expr.expr);
    athena::sql::ExpressionResult again = athena::sql::parse_expression(printed);
    if (again.expr == nullptr) std::abort();
    if (athena::sql::dump_ast(expr.expr, false) != athena::sql::dump_ast(again.expr, false)) {
      std::abort();
    }
  }
  return 0;
}
