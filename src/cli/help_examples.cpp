// The examples at the end of each subcommand's --help, kept together so they read alike.
#include <string>
#include <utility>
#include <vector>

#include "src/cli/help_text.h"

namespace athena::cli {

namespace {

struct Examples {
  const char* command;
  std::vector<std::pair<const char*, const char*>> lines; ///< command line, what it does
};

const std::vector<Examples>& all_examples() {
  static const std::vector<Examples> examples = {
      {"parse",
       {{"athena-lineage parse etl/*.sql", "report every statement that does not parse"},
        {"athena-lineage parse --stats --format json queries.sql",
         "one JSON line per failure, then the totals"},
        {"cat query.sql | athena-lineage parse --dialect trino -",
         "check that a query from standard input is plain Trino SQL"}}},
      {"lineage",
       {{"athena-lineage lineage --schema schema.json etl/*.sql",
         "one JSON object per statement, SELECT * expanded from the schema file"},
        {"echo 'INSERT INTO mart.t SELECT a FROM raw.s' | athena-lineage lineage --format text -",
         "readable column lineage of one statement"},
        {"athena-lineage lineage --format dot etl/*.sql | dot -Tsvg > lineage.svg",
         "the table graph of a whole folder, drawn by Graphviz"}}},
      {"analyze",
       {{"athena-lineage analyze --db lineage.db history.json cloudtrail.json",
         "queries, with their users from CloudTrail, into lineage.db"},
        {"athena-lineage analyze --db lineage.db --schema schema.json --price-per-tb 6.25 "
         "logs/*.jsonl.gz",
         "with known table schemas (for SELECT *) and another price per TB"},
        {"athena-lineage analyze --db lineage.db --timezone +02:00 query_log.csv",
         "OpenMetadata's query-log CSV, days counted in UTC+2"}}},
      {"report",
       {{"athena-lineage report --db lineage.db --since 2025-01-01 --top 20",
         "the top 20 of every list since January 1st, as text"},
        {"athena-lineage report --db lineage.db --format html --out report.html",
         "one self-contained page to open in a browser"},
        {"athena-lineage report --db lineage.db --format csv > report.csv",
         "every row of every section, for a spreadsheet"}}},
      {"graph",
       {{"athena-lineage graph --db lineage.db mart.daily_sales --upstream",
         "every table and S3 location mart.daily_sales is built from"},
        {"athena-lineage graph --db lineage.db raw.orders --downstream --depth 2",
         "what raw.orders feeds, two hops deep"},
        {"athena-lineage graph --db lineage.db --columns mart.daily_sales.total --format dot "
         "| dot -Tsvg > total.svg",
         "where one column comes from and what it feeds, drawn by Graphviz"}}},
      {"serve",
       {{"athena-lineage serve --db lineage.db",
         "the explorer at http://127.0.0.1:8080/ and the JSON API under /api/"},
        {"curl -s 'http://127.0.0.1:8080/api/lineage/mart.daily_sales?direction=up&depth=3'",
         "the table graph three hops upstream, as JSON"},
        {"API_TOKEN=$(cat token) athena-lineage serve --db lineage.db --bind 0.0.0.0 --port "
         "9000 --token-env API_TOKEN",
         "on every interface, each request needing 'Authorization: Bearer <token>'"}}},
      {"pull",
       {{"athena-lineage pull --config athena.yaml --db lineage.db",
         "fetch what is new since the last pull, then analyze it"},
        {"athena-lineage pull --config athena.yaml --db lineage.db --days 7 --workgroup etl",
         "the last 7 days of one workgroup"},
        {"athena-lineage pull --config athena.yaml --db lineage.db --no-metadata --quiet",
         "without catalog metadata or progress output"}}},
      {"push",
       {{"athena-lineage push --config athena.yaml --db lineage.db",
         "send lineage, usage and queries to OpenMetadata"},
        {"athena-lineage push --config athena.yaml --db lineage.db --dry-run --out requests.jsonl",
         "write the requests instead of sending them"},
        {"athena-lineage push --config athena.yaml --db lineage.db --retry-failed --json",
         "send again what OpenMetadata refused, with a JSON summary"}}},
      {"run",
       {{"athena-lineage run --quiet --config athena.yaml --db lineage.db",
         "the nightly job: pull, analyze and push"},
        {"athena-lineage run --config athena.yaml --db lineage.db --no-push --json",
         "pull and analyze only, with a JSON summary"},
        {"athena-lineage run --config athena.yaml --db lineage.db --dry-run --out requests.jsonl",
         "everything but sending: the push's requests go to a file"}}},
      {"check",
       {{"athena-lineage check --config athena.yaml",
         "which credentials are used and whether every permission is granted"},
        {"AWS_PROFILE=prod athena-lineage check --config athena.yaml",
         "the same with another profile of ~/.aws/config"},
        {"athena-lineage check --dbt-profiles ~/.dbt/profiles.yml --dbt-target prod",
         "the connection of dbt's prod target"}}},
      {"iam-policy",
       {{"athena-lineage iam-policy --config athena.yaml > policy.json",
         "the least-privilege policy for the configured workgroups and catalogs"},
        {"aws iam put-role-policy --role-name athena-lineage --policy-name athena-lineage "
         "--policy-document \"$(athena-lineage iam-policy --config athena.yaml)\"",
         "attach it to a role"}}},
      {"prune",
       {{"athena-lineage prune --db lineage.db --keep-days 90 --dry-run",
         "what keeping 90 days of per-query rows would remove (nothing changes)"},
        {"athena-lineage prune --db lineage.db --keep-days 90 --keep-raw-days 45",
         "remove them, and raw API records older than 45 days; aggregates and edges stay"}}},
      {"reanalyze",
       {{"athena-lineage reanalyze --db lineage.db --schema schema.json",
         "every stored query analyzed again with this release (run it again if interrupted)"},
        {"athena-lineage reanalyze --db lineage.db --since 2026-01-01",
         "only the queries of 2026"}}},
  };
  return examples;
}

} // namespace

void add_help_examples(CLI::App& app) {
  for (const Examples& e : all_examples()) {
    CLI::App* cmd = nullptr;
    try {
      cmd = app.get_subcommand(e.command);
    } catch (const CLI::OptionNotFound&) {
      continue; // not registered in this build
    }
    std::string footer = "\nExamples:\n";
    for (const auto& [line, what] : e.lines)
      footer += std::string("  ") + line + "\n      " + what + "\n";
    cmd->footer(footer);
  }
}

} // namespace athena::cli
