#include "samples/generator/outcome.h"

#include <cctype>

namespace athena::samplegen {
namespace {

constexpr std::string_view kExpectingStatement =
    "Expecting: 'ALTER', 'ANALYZE', 'CALL', 'COMMENT', 'COMMIT', 'CREATE', 'DEALLOCATE', "
    "'DELETE', 'DENY', 'DESC', 'DESCRIBE', 'DROP', 'EXECUTE', 'EXPLAIN', 'GRANT', 'INSERT', "
    "'MERGE', 'PREPARE', 'REFRESH', 'RESET', 'REVOKE', 'ROLLBACK', 'SET', 'SHOW', 'START', "
    "'TRUNCATE', 'UPDATE', 'USE', <query>";

// 1-based line and column of byte offset `pos`, as Trino reports positions.
std::string line_col(std::string_view sql, size_t pos) {
  size_t line = 1;
  size_t col = 1;
  for (size_t i = 0; i < pos && i < sql.size(); ++i) {
    if (sql[i] == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
  }
  return "line " + std::to_string(line) + ":" + std::to_string(col);
}

// Offset of the first keyword after leading whitespace and comments.
size_t first_token(std::string_view sql) {
  size_t i = 0;
  while (i < sql.size()) {
    if (std::isspace(static_cast<unsigned char>(sql[i]))) {
      ++i;
    } else if (sql.substr(i, 2) == "--") {
      const size_t nl = sql.find('\n', i);
      i = nl == std::string_view::npos ? sql.size() : nl + 1;
    } else if (sql.substr(i, 2) == "/*") {
      const size_t end = sql.find("*/", i + 2);
      i = end == std::string_view::npos ? sql.size() : end + 2;
    } else {
      break;
    }
  }
  return i;
}

void fail(Outcome& out, int category, int type, bool retryable, std::string message) {
  out.state = State::kFailed;
  out.has_error = true;
  out.error_category = category;
  out.error_type = type;
  out.retryable = retryable;
  out.reason = message;
  out.error_message = std::move(message);
}

} // namespace

std::string_view to_string(State state) {
  switch (state) {
  case State::kSucceeded:
    return "SUCCEEDED";
  case State::kFailed:
    return "FAILED";
  case State::kCancelled:
    return "CANCELLED";
  case State::kRunning:
    return "RUNNING";
  case State::kQueued:
    return "QUEUED";
  }
  return "SUCCEEDED";
}

Failure pick_failure(Rng& rng, const Statement& stmt) {
  if (!kind_info(stmt.kind).data) return Failure::kNone;
  const bool iceberg_write =
      stmt.kind == Kind::kMerge || stmt.kind == Kind::kUpdate || stmt.kind == Kind::kDelete;
  const uint32_t x = static_cast<uint32_t>(rng.below(10000));
  if (iceberg_write && x < 150) return Failure::kIcebergCommit;
  // Per ten thousand, after the band [0, 150) kept for Iceberg commit conflicts: 5.5%
  // failures, 2.2% cancels.
  static constexpr struct {
    uint32_t upto;
    Failure failure;
  } kTable[] = {{300, Failure::kSyntax},         {420, Failure::kTableNotFound},
                {450, Failure::kSchemaNotFound}, {540, Failure::kPermission},
                {590, Failure::kTimeout},        {650, Failure::kResources},
                {700, Failure::kBadData},        {920, Failure::kCancelled}};
  if (x < 150) return Failure::kNone;
  for (const auto& row : kTable)
    if (x < row.upto) return row.failure;
  return Failure::kNone;
}

void make_malformed(Rng& rng, Statement& stmt, Outcome& out) {
  std::string& sql = stmt.sql;
  const size_t from = sql.find("\nFROM ");
  const size_t kw = first_token(sql);
  const size_t variant = rng.weighted({50, from != std::string::npos ? 30u : 0u, 20});
  std::string message;
  if (variant == 0) {
    // Misspell the leading keyword by swapping two of its letters.
    size_t end = kw;
    while (end < sql.size() && std::isalpha(static_cast<unsigned char>(sql[end])))
      ++end;
    if (end - kw >= 3) std::swap(sql[kw + 1], sql[kw + 2]);
    message = line_col(sql, kw) + ": mismatched input '" + sql.substr(kw, end - kw) + "'. " +
              std::string(kExpectingStatement);
  } else if (variant == 1) {
    // (a single-char insert: GCC 12 warns falsely about insert(pos, const char*) here)
    sql.insert(sql.begin() + static_cast<std::ptrdiff_t>(from), ',');
    message = line_col(sql, from + 2) + ": mismatched input 'FROM'. Expecting: <expression>";
  } else {
    sql += ")";
    message = line_col(sql, sql.size() - 1) + ": extraneous input ')' expecting <EOF>";
  }
  stmt.malformed = true;
  stmt.reads.clear();
  stmt.writes.clear();
  stmt.read_location.clear();
  stmt.write_location.clear();
  stmt.column_edges.clear();
  fail(out, 2, 1006, false, std::move(message));
  out.failure = Failure::kSyntax;
}

Statement missing_table_select(SqlBuilder& b, const Env& env, bool missing_schema, Outcome& out) {
  const Table& real = b.rng().pick(Lake::get().tables());
  std::string db = real.database;
  std::string name = real.name;
  if (missing_schema) {
    db = std::string(b.rng().pick({"mart", "stage", "raw", "analytics_old", "reporting"}));
  } else {
    switch (b.rng().below(4)) {
    case 0:
      name += "_v2";
      break;
    case 1:
      name = "tmp_" + name;
      break;
    case 2:
      name += "_old";
      break;
    default:
      name.pop_back(); // a typo: the last letter forgotten
      // ... unless that leaves a reserved word ("orders" → "order"), a syntax error instead.
      for (const char* reserved : {"order", "group", "table", "values", "user", "case"})
        if (name == reserved) name += "s_tmp";
    }
  }
  const std::string spelled = b.read_missing(db, name);
  std::string sql = "SELECT *\nFROM " + spelled;
  if (b.rng().chance(500)) sql += "\nWHERE dt = '" + env.yesterday + "'";
  sql += "\nLIMIT 100";
  const std::string where = line_col(sql, sql.find(spelled));
  std::string message = missing_schema
                            ? "SCHEMA_NOT_FOUND: " + where + ": Schema '" + db + "' does not exist"
                            : "TABLE_NOT_FOUND: " + where + ": Table '" + std::string(kCatalog) +
                                  "." + db + "." + name + "' does not exist";
  fail(out, 2, missing_schema ? 1301 : 1110, false, std::move(message));
  out.failure = missing_schema ? Failure::kSchemaNotFound : Failure::kTableNotFound;
  return b.finish(Kind::kSelect, std::move(sql), 0);
}

void describe_failure(Rng& rng, const Statement& stmt, const Env& env, Failure failure,
                      Outcome& out) {
  out.failure = failure;
  const std::string table =
      stmt.reads.empty() ? (stmt.writes.empty() ? "" : *stmt.writes.begin()) : *stmt.reads.begin();
  switch (failure) {
  case Failure::kPermission:
    if (rng.chance(500) && !table.empty()) {
      fail(out, 2, 1500, false,
           "Insufficient Lake Formation permission(s): Required Select on " +
               table.substr(table.find('.') + 1));
    } else {
      fail(out, 2, 1500, false,
           "Permission denied on S3 path: s3://acme-lake-raw/shop/orders/dt=" + env.yesterday +
               "/part-00000-" + std::to_string(rng.range(1000, 9999)) + ".json.gz");
    }
    break;
  case Failure::kTimeout:
    fail(out, 1, 206, true, "Query timeout");
    break;
  case Failure::kResources:
    fail(out, 2, 4, false,
         "Query exhausted resources at this scale factor. Try reducing the amount of data "
         "processed by the query");
    break;
  case Failure::kBadData:
    fail(out, 2, 1001, false,
         "HIVE_BAD_DATA: Error parsing field value '" + env.date.substr(0, 5) +
             "13-45' for field 2: For input string: \"" + env.date.substr(0, 5) + "13-45\"");
    break;
  case Failure::kIcebergCommit:
    fail(out, 1, 233, true,
         "ICEBERG_COMMIT_ERROR: Failed to commit Iceberg update to table: " +
             (stmt.writes.empty() ? table : *stmt.writes.begin()));
    break;
  case Failure::kCancelled:
    out.state = State::kCancelled;
    out.reason = rng.chance(800) ? "Query cancelled by user" : "Query was cancelled by the user";
    break;
  case Failure::kNone:
  case Failure::kSyntax:
  case Failure::kTableNotFound:
  case Failure::kSchemaNotFound:
    break;
  }
}

} // namespace athena::samplegen
