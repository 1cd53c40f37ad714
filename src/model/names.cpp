#include "src/model/names.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <string_view>
#include <tuple>

namespace athena::model {

namespace {

/// The characters of a name's text, walked without building it: parts joined with '.'.
class TextCursor {
public:
  explicit TextCursor(const TableName& t, const std::string* column = nullptr) {
    if (!t.location && !t.catalog.empty() && !t.schema.empty()) add(t.catalog);
    if (!t.location && !t.schema.empty()) add(t.schema);
    add(t.table);
    if (column != nullptr) add(*column);
  }

  /// Compares the two texts as std::string compares them (unsigned bytes): the bytes both
  /// current parts still have with one memcmp, a part's end and its '.' byte by byte.
  friend std::strong_ordering compare(TextCursor a, TextCursor b) {
    while (true) {
      const std::string_view ra = a.rest(), rb = b.rest();
      if (const size_t n = std::min(ra.size(), rb.size()); n > 0) {
        if (const int c = std::memcmp(ra.data(), rb.data(), n); c != 0) {
          return c < 0 ? std::strong_ordering::less : std::strong_ordering::greater;
        }
        a.at_ += n;
        b.at_ += n;
        continue;
      }
      const int ca = a.next(), cb = b.next();
      if (ca != cb) return ca < cb ? std::strong_ordering::less : std::strong_ordering::greater;
      if (ca < 0) return std::strong_ordering::equal;
    }
  }

private:
  void add(const std::string& part) { parts_[count_++] = part; }
  // The bytes of the current part not yet walked (empty past the last part).
  [[nodiscard]] std::string_view rest() const {
    return part_ < count_ ? parts_[part_].substr(at_) : std::string_view();
  }
  // The next byte, or -1 at the end.
  int next() {
    while (part_ < count_) {
      if (at_ < parts_[part_].size()) return static_cast<unsigned char>(parts_[part_][at_++]);
      ++part_;
      at_ = 0;
      if (part_ < count_) return '.';
    }
    return -1;
  }

  std::array<std::string_view, 4> parts_{};
  size_t count_ = 0;
  size_t part_ = 0;
  size_t at_ = 0;
};

} // namespace

void TableName::append_text(std::string& out) const {
  if (!location && !catalog.empty() && !schema.empty()) {
    out += catalog;
    out += '.';
  }
  if (!location && !schema.empty()) {
    out += schema;
    out += '.';
  }
  out += table;
}

std::string TableName::text() const {
  std::string out;
  append_text(out);
  return out;
}

std::strong_ordering operator<=>(const TableName& a, const TableName& b) {
  if (auto c = compare(TextCursor(a), TextCursor(b)); std::is_neq(c)) return c;
  return std::tie(a.location, a.catalog, a.schema, a.table) <=>
         std::tie(b.location, b.catalog, b.schema, b.table);
}

std::string ColumnName::text() const {
  std::string out;
  table.append_text(out);
  out += '.';
  out += column;
  return out;
}

std::strong_ordering operator<=>(const ColumnName& a, const ColumnName& b) {
  if (auto c = compare(TextCursor(a.table, &a.column), TextCursor(b.table, &b.column));
      std::is_neq(c)) {
    return c;
  }
  if (auto c = a.table <=> b.table; std::is_neq(c)) return c;
  return a.column <=> b.column;
}

} // namespace athena::model
