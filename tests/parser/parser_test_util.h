#pragma once

// Helpers shared by the parser tests.

#include <string>
#include <string_view>
#include <vector>

#include "parser/parser.h"
#include "parser/token_stream.h"
#include "parser/unparser.h"

namespace athena::sql::testing {

/// The statements StatementSplitter finds in `s`, as source text.
inline std::vector<std::string> split_statements(std::string_view s) {
  std::vector<std::string> out;
  StatementSplitter sp(s);
  std::vector<Token> toks;
  StatementTokens where;
  while (sp.next(toks, where))
    out.emplace_back(s.substr(where.begin, where.end - where.begin));
  return out;
}

/// The outcome of checking that `sql` parses and round-trips: empty when it does, else why not.
inline std::string round_trip_problem(std::string_view sql, const ParseOptions& options = {}) {
  ParseResult first = parse(sql, options);
  if (first.statements().empty()) return "no statement found";
  for (const auto& st : first.statements()) {
    if (!st.ok()) {
      return std::to_string(st.error->line) + ":" + std::to_string(st.error->col) + ": " +
             st.error->message;
    }
    std::string printed = to_sql(st.ast);
    ParseResult second = parse(printed, options);
    if (second.statements().size() != 1 || !second.statements()[0].ok()) {
      return "printed SQL does not parse: " + printed;
    }
    if (dump_ast(st.ast, false) != dump_ast(second.statements()[0].ast, false)) {
      return "tree changed by printing: " + printed;
    }
  }
  return {};
}

/// As round_trip_problem, for a standalone expression.
inline std::string expression_round_trip_problem(std::string_view sql) {
  ExpressionResult first = parse_expression(sql);
  if (first.error) {
    return std::to_string(first.error->line) + ":" + std::to_string(first.error->col) + ": " +
           first.error->message;
  }
  std::string printed = to_sql(first.expr);
  ExpressionResult second = parse_expression(printed);
  if (second.error) return "printed SQL does not parse: " + printed;
  if (dump_ast(first.expr, false) != dump_ast(second.expr, false)) {
    return "tree changed by printing: " + printed;
  }
  return {};
}

/// Splits sqlglot's corpus file into entries (separated by lines holding only `-- next`).
inline std::vector<std::string> split_corpus_entries(const std::string& text) {
  std::vector<std::string> out;
  size_t pos = 0;
  const std::string sep = "\n-- next\n";
  while (pos <= text.size()) {
    size_t e = text.find(sep, pos);
    std::string entry = text.substr(pos, e == std::string::npos ? std::string::npos : e - pos);
    while (!entry.empty() && (entry.back() == '\n' || entry.back() == '\r'))
      entry.pop_back();
    out.push_back(entry);
    if (e == std::string::npos) break;
    pos = e + sep.size();
  }
  return out;
}

} // namespace athena::sql::testing
