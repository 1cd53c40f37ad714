#include "src/model/query_facts.h"

#include <algorithm>

namespace athena::model {

std::string_view to_string(ErrorKind kind) {
  switch (kind) {
  case ErrorKind::kParse:
    return "parse";
  case ErrorKind::kResolution:
    return "resolution";
  case ErrorKind::kDialect:
    return "dialect";
  }
  return "parse";
}

std::string statement_kind_text(const QueryFacts& facts) {
  std::string out;
  for (const lineage::StatementKind kind : facts.statement_kinds) {
    if (!out.empty()) out += '+';
    out += lineage::to_string(kind);
  }
  return out;
}

bool has_statement_kind(const QueryFacts& facts, lineage::StatementKind kind) {
  return std::find(facts.statement_kinds.begin(), facts.statement_kinds.end(), kind) !=
         facts.statement_kinds.end();
}

} // namespace athena::model
