#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <utility>

#include "samples/generator/outcome.h"
#include "samples/generator/statement.h"

namespace athena::samplegen {

/// What the generator knows to be true about the history it wrote, following README.md
/// "What counts": usage per (UTC day, table) and table- and column-level lineage edges.
class Truth {
public:
  /// Records one query. `day` is the UTC day number of its SubmissionDateTime.
  void add(const Statement& stmt, State state, int64_t day, const std::string& user);

  /// Writes expected_usage.csv, expected_edges.csv and expected_column_edges.csv into `dir`.
  /// Returns an error message, or "" on success.
  std::string write(const std::filesystem::path& dir) const;

  size_t usage_rows() const { return usage_.size(); }
  size_t edge_count() const { return edges_.size(); }
  size_t column_edge_count() const { return column_edges_.size(); }

private:
  struct Cell {
    int64_t queries = 0;
    int64_t failures = 0;
    std::set<std::string> users;
  };
  std::map<std::pair<int64_t, std::string>, Cell> usage_;
  std::set<std::pair<std::string, std::string>> edges_;
  std::set<std::tuple<std::string, std::string, std::string>> column_edges_;
};

/// Writes `content` to `path` in binary mode; returns an error message naming the path, or "".
std::string write_text_file(const std::filesystem::path& path, const std::string& content);

} // namespace athena::samplegen
