#pragma once
// Typed names for hand-made facts in tests, written as their text. Test names are plain
// (no dots inside a part), so their parts are the text's dots: `catalog.schema.table`, a
// column after the last dot, and `s3://...` a location. Product code never splits names.
#include <string>
#include <string_view>

#include "src/model/names.h"

namespace athena::testing {

inline model::TableName tn(std::string_view text) {
  if (text.starts_with("s3://")) return model::TableName::of_location(std::string(text));
  model::TableName t;
  const size_t a = text.find('.');
  if (a == std::string_view::npos) {
    t.table = text;
    return t;
  }
  const size_t b = text.find('.', a + 1);
  if (b == std::string_view::npos) {
    t.schema = text.substr(0, a);
    t.table = text.substr(a + 1);
    return t;
  }
  t.catalog = text.substr(0, a);
  t.schema = text.substr(a + 1, b - a - 1);
  t.table = text.substr(b + 1);
  return t;
}

inline model::ColumnName cn(std::string_view text) {
  const size_t dot = text.rfind('.');
  if (dot == std::string_view::npos) return model::ColumnName{{}, std::string(text)};
  return model::ColumnName{tn(text.substr(0, dot)), std::string(text.substr(dot + 1))};
}

} // namespace athena::testing
