// libFuzzer target for the SQL parser: arbitrary bytes never crash or hang it, and whatever
// parses round-trips (parse -> print -> parse gives the same tree).
// FUZZ_LIBS: athena_parser
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "parser/parser.h"
#include "parser/unparser.h"

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
