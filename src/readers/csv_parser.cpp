#include "src/readers/csv_parser.h"

namespace athena::readers {

bool CsvParser::next(CsvRow& row) {
  row.fields.clear();
  row.too_large = false;
  row.unterminated = false;
  row.line = in_.line();
  int c = in_.peek();
  if (c == Input::kEof) return false;
  size_t bytes = 0;
  std::string field;
  bool quoted = false;     // inside quotes
  bool was_quoted = false; // the field began with a quote
  auto add = [&](int ch) {
    if (++bytes > max_row_bytes_) {
      row.too_large = true;
      return;
    }
    field.push_back(static_cast<char>(ch));
  };
  while (true) {
    c = in_.get();
    if (c == Input::kEof) {
      if (quoted) row.unterminated = true;
      row.fields.push_back(std::move(field));
      return true;
    }
    if (quoted) {
      if (c == '"') {
        if (in_.peek() == '"') {
          in_.get();
          add('"');
        } else {
          quoted = false;
        }
      } else {
        add(c);
      }
      continue;
    }
    if (c == ',') {
      row.fields.push_back(std::move(field));
      field.clear();
      was_quoted = false;
      continue;
    }
    if (c == '\n') {
      if (!was_quoted && !field.empty() && field.back() == '\r') field.pop_back();
      row.fields.push_back(std::move(field));
      return true;
    }
    if (c == '\r' && in_.peek() == '\n') {
      in_.get();
      row.fields.push_back(std::move(field));
      return true;
    }
    if (c == '"' && field.empty() && !was_quoted) {
      quoted = true;
      was_quoted = true;
      continue;
    }
    add(c);
  }
}

} // namespace athena::readers
