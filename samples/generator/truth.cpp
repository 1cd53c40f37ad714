#include "samples/generator/truth.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "samples/generator/civil_time.h"

namespace athena::samplegen {

void Truth::add(const Statement& stmt, State state, int64_t day, const std::string& user) {
  const KindInfo info = kind_info(stmt.kind);
  if (stmt.malformed) return; // a syntax error references no table
  // Usage: data statements only; SUCCEEDED counts as a query, FAILED/CANCELLED as a failure,
  // QUEUED/RUNNING not at all. A table read and written counts once.
  if (info.data &&
      (state == State::kSucceeded || state == State::kFailed || state == State::kCancelled)) {
    std::set<std::string> refs = stmt.reads;
    refs.insert(stmt.writes.begin(), stmt.writes.end());
    for (const auto& table : refs) {
      Cell& cell = usage_[{day, table}];
      if (state == State::kSucceeded) {
        ++cell.queries;
        cell.users.insert(user);
      } else {
        ++cell.failures;
      }
    }
  }
  if (state != State::kSucceeded) return;
  // Lineage: only SUCCEEDED statements, by kind (README "Lineage").
  switch (stmt.kind) {
  case Kind::kInsert:
  case Kind::kCtas:
  case Kind::kMerge:
  case Kind::kCreateView:
  case Kind::kUpdate:
    for (const auto& target : stmt.writes) {
      for (const auto& source : stmt.reads)
        if (source != target) edges_.insert({source, target});
      if (stmt.kind == Kind::kCtas && !stmt.write_location.empty())
        edges_.insert({target, stmt.write_location});
    }
    break;
  case Kind::kUnload:
    for (const auto& source : stmt.reads)
      edges_.insert({source, stmt.write_location});
    break;
  case Kind::kCreateExternalTable:
  case Kind::kCreateTable:
    if (!stmt.read_location.empty())
      for (const auto& target : stmt.writes)
        edges_.insert({stmt.read_location, target});
    break;
  default:
    break; // SELECT, DELETE, EXECUTE of a SELECT, DDL without location, utilities: no edges
  }
  for (const auto& edge : stmt.column_edges)
    column_edges_.insert(edge);
}

std::string write_text_file(const std::filesystem::path& path, const std::string& content) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return "cannot write " + path.string() + ": " + std::strerror(errno);
  const size_t n = std::fwrite(content.data(), 1, content.size(), f);
  const bool ok = n == content.size();
  if (std::fclose(f) != 0 || !ok)
    return "cannot write " + path.string() + ": " + std::strerror(errno);
  return {};
}

std::string Truth::write(const std::filesystem::path& dir) const {
  std::string usage = "day,table,queries,failures,users\n";
  // usage_ is ordered by day number, then table: the same as by "YYYY-MM-DD", then table.
  for (const auto& [key, cell] : usage_) {
    usage += format_date(key.first) + "," + key.second + "," + std::to_string(cell.queries) + "," +
             std::to_string(cell.failures) + "," + std::to_string(cell.users.size()) + "\n";
  }
  std::string edges = "source,target\n";
  for (const auto& [source, target] : edges_)
    edges += source + "," + target + "\n";
  std::string columns = "source,target,transform\n";
  for (const auto& [source, target, transform] : column_edges_)
    columns += source + "," + target + "," + transform + "\n";
  for (const auto& [name, content] :
       {std::pair<const char*, const std::string*>{"expected_usage.csv", &usage},
        {"expected_edges.csv", &edges},
        {"expected_column_edges.csv", &columns}}) {
    std::string err = write_text_file(dir / name, *content);
    if (!err.empty()) return err;
  }
  return {};
}

} // namespace athena::samplegen
