#include "parser/keywords.h"

#include "parser/keyword_table.h"

namespace athena::sql {
namespace {

constexpr bool kReserved[] = {false,
#define ATHENA_SQL_KW_RESERVED(name, text, reserved) reserved,
                              ATHENA_SQL_KEYWORDS(ATHENA_SQL_KW_RESERVED)
#undef ATHENA_SQL_KW_RESERVED
};

} // namespace

Kw lookup_keyword(std::string_view word) {
  return detail::find_keyword(word.data(), word.size(), word.size());
}

std::string_view keyword_text(Kw kw) {
  return detail::kKeywordSpelling[static_cast<size_t>(kw)];
}

bool is_reserved(Kw kw) {
  return kReserved[static_cast<size_t>(kw)];
}

} // namespace athena::sql
