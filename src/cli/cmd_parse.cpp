// `athena-lineage parse`: split and parse SQL files, report failures as FILE:LINE:COL
// (CONTRACT.md).
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "lineage/json_writer.h"
#include "parser/parser.h"
#include "parser/source_location.h"
#include "src/cli/commands.h"
#include "src/util/file_io.h"

namespace athena::cli {
namespace {

struct ParseArgs {
  bool stats = false;
  std::string format; // "", "text" or "json"
  std::string dialect = "athena";
  std::vector<std::string> inputs;
};

int run_parse(const ParseArgs& args) {
  const auto start = std::chrono::steady_clock::now();
  size_t statements = 0;
  size_t failed = 0;
  size_t bytes = 0;
  bool io_error = false;
  int index = 0;
  for (const auto& path : args.inputs) {
    auto text = util::read_input(path);
    if (!text) {
      std::fprintf(stderr, "athena-lineage: error: %s\n", text.error().c_str());
      io_error = true;
      continue;
    }
    const std::string name = util::display_name(path);
    bytes += text->size();
    sql::ParseOptions options;
    options.dialect = args.dialect == "trino"  ? sql::Dialect::kTrino
                      : args.dialect == "hive" ? sql::Dialect::kHive
                                               : sql::Dialect::kAthena;
    sql::ParseResult result = sql::parse(*text, options);
    std::optional<sql::LineIndex> lines;
    if (!args.format.empty()) lines.emplace(*text);
    for (const sql::ParsedStatement& st : result.statements()) {
      ++statements;
      ++index;
      if (!st.ok()) {
        ++failed;
        std::fprintf(stderr, "%s:%u:%u: error: %s\n", name.c_str(), st.error->line, st.error->col,
                     st.error->message.c_str());
      }
      if (args.format.empty()) continue;
      const sql::LineCol lc = lines->at(st.span.begin);
      const std::string_view kind = sql::statement_kind_name(st.kind);
      if (args.format == "json") {
        std::string line;
        lineage::JsonWriter w(line, false);
        w.begin_object();
        w.member_int("statement", index);
        w.member("file", name);
        w.member("kind", kind);
        w.member_int("begin", st.span.begin);
        w.member_int("end", st.span.end);
        w.member_int("line", lc.line);
        w.member_int("col", lc.col);
        w.member_bool("ok", st.ok());
        if (!st.ok()) {
          w.key("error");
          w.begin_object();
          w.member("message", st.error->message);
          w.member_int("line", st.error->line);
          w.member_int("col", st.error->col);
          w.end_object();
        }
        w.end_object();
        line += '\n';
        std::fputs(line.c_str(), stdout);
      } else {
        std::printf("%s:%u:%u: %s [%u-%u] %s\n", name.c_str(), lc.line, lc.col,
                    std::string(kind).c_str(), st.span.begin, st.span.end,
                    st.ok() ? "ok" : "error");
      }
    }
  }
  if (args.stats) {
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::string line =
        lineage::json_object("statements", statements, "ok", statements - failed, "failed", failed,
                             "bytes", bytes, "seconds", lineage::JsonWriter::Fixed{seconds, 6});
    line += '\n';
    std::fputs(line.c_str(), stdout);
  }
  std::fflush(stdout);
  if (io_error && statements == 0) return static_cast<int>(ExitCode::kUsageOrIo);
  if (io_error || failed > 0) return static_cast<int>(ExitCode::kPartial);
  return static_cast<int>(ExitCode::kOk);
}

} // namespace

void add_parse_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ParseArgs>();
  auto* cmd = app.add_subcommand(
      "parse", "Split SQL files on ';' and parse every statement (Athena: Trino SQL + Hive DDL)");
  cmd->add_flag("--stats", args->stats,
                "print a JSON summary {statements, ok, failed, bytes, seconds} as the last line");
  cmd->add_option("--format", args->format, "print each statement's kind and span")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->add_option(
         "--dialect", args->dialect,
         "athena (Trino SQL and Hive DDL, the default); trino rejects Hive syntax "
         "(backquoted names, CREATE EXTERNAL TABLE, MSCK); hive also accepts Hive/Spark DML "
         "and backquoted names in DML")
      ->check(CLI::IsMember({"athena", "trino", "hive"}));
  cmd->add_option("inputs", args->inputs, "SQL files, or - for standard input")->required();
  cmd->callback([args, &exit_code] { exit_code = run_parse(*args); });
}

} // namespace athena::cli
