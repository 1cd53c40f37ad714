#include "src/config/connection_check.h"

#include <optional>

#include <simdjson.h>

#include "lineage/json_writer.h"
#include "src/athena/athena_client.h"
#include "src/athena/glue_catalog.h"
#include "src/config/aws_settings.h"

namespace athena::config {
namespace {

using lineage::json_object;

std::string masked_key(const std::string& key) {
  if (key.size() <= 8) return "****";
  return key.substr(0, 4) + "****" + key.substr(key.size() - 4);
}

std::string lower(std::string s) {
  for (char& ch : s) {
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  }
  return s;
}

bool is_denied(const aws::AwsError& e) {
  return e.code == "AccessDeniedException" || e.code == "AccessDenied" ||
         e.message.find("not authorized") != std::string::npos;
}

class Checker {
public:
  Checker(aws::AthenaClient& client, std::ostream& out) : client_(client), out_(out) {}

  /// One call; prints its line. Returns the body on success.
  std::optional<std::string> step(const std::string& op, const std::string& scope, std::string body,
                                  bool optional = false) {
    return step_on(client_, "athena", op, scope, std::move(body), optional);
  }

  /// The same on another service's client ("glue").
  std::optional<std::string> step_on(aws::AthenaClient& client, const std::string& service,
                                     const std::string& op, const std::string& scope,
                                     std::string body, bool optional = false) {
    aws::AwsResult<aws::CallReply> r = client.call(op, std::move(body));
    const std::string action = service + ":" + op;
    const std::string label = action + (scope.empty() ? "" : " (" + scope + ")");
    if (r.ok()) {
      out_ << "  ok       " << label << "\n";
      ++passed_;
      return r->body;
    }
    if (aws::is_credentials_error(r.error())) {
      out_ << "  REFUSED  " << label << ": AWS rejected the credentials: " << r.error().describe()
           << "\n";
      if (credentials_error_.empty()) credentials_error_ = r.error().describe();
    } else if (is_denied(r.error())) {
      out_ << "  MISSING  " << label << ": the credentials may not call " << action
           << (scope.empty() ? "" : " on " + scope) << "; grant " << action
           << " (AWS said: " << r.error().code << (r.error().message.empty() ? "" : ": ")
           << r.error().message << ")" << (optional ? " [optional]" : "") << "\n";
    } else {
      out_ << "  FAILED   " << label << ": " << r.error().describe()
           << (optional ? " [optional]" : "") << "\n";
    }
    if (!optional) ++failed_;
    return std::nullopt;
  }

  [[nodiscard]] int passed() const { return passed_; }
  /// The first call refused for the credentials themselves, "" when none was.
  [[nodiscard]] const std::string& credentials_error() const { return credentials_error_; }
  [[nodiscard]] int failed() const { return failed_; }

private:
  aws::AthenaClient& client_;
  std::ostream& out_;
  int passed_ = 0;
  int failed_ = 0;
  std::string credentials_error_;
};

std::vector<std::string> string_list(const std::string& body, const char* array_key,
                                     const char* field) {
  std::vector<std::string> out;
  simdjson::dom::parser p;
  simdjson::dom::element doc;
  simdjson::dom::array arr;
  if (p.parse(body).get(doc) != simdjson::SUCCESS || doc[array_key].get(arr) != simdjson::SUCCESS) {
    return out;
  }
  for (auto item : arr) {
    std::string_view v;
    if ((field == nullptr ? item.get(v) : item[field].get(v)) == simdjson::SUCCESS) {
      out.emplace_back(v);
    }
  }
  return out;
}

} // namespace

int run_connection_check(const WorkflowConfig& config, std::ostream& out, std::ostream& err) {
  util::Result<aws::ResolvedCredentials> resolved =
      aws::resolve_credentials(credential_settings(config));
  util::Result<aws::Credentials> current =
      resolved ? resolved->credentials->get() : util::Error{resolved.error()};
  if (!current) {
    out << "credentials: FAILED\n";
    err << "athena-lineage: error: credentials: " << current.error() << "\n";
    return 2;
  }
  const aws::ResolvedCredentials& creds = *resolved;
  out << "credentials: ok, from " << creds.provider << " (access key "
      << masked_key(current->access_key_id) << ")\n";
  aws::Endpoint endpoint = aws::resolve_athena_endpoint(endpoint_settings(config, creds.region));
  if (!endpoint.error.empty()) {
    out << "endpoint: FAILED\n";
    err << "athena-lineage: error: endpoint: " << endpoint.error << "\n";
    return 2;
  }
  out << "region: " << endpoint.signing_region << "\nendpoint: " << endpoint.url << "\n";
  aws::AthenaClientOptions options = client_options(config, endpoint);
  options.retry.max_attempts = std::min(options.retry.max_attempts, 2);
  aws::AthenaClient client(options, creds.credentials);
  Checker c(client, out);
  out << "calls:\n";

  std::vector<std::string> workgroups = configured_workgroups(config);
  // ListWorkGroups is optional: without it the job falls back to the primary workgroup.
  if (auto body = c.step("ListWorkGroups", "", json_object("MaxResults", 50), workgroups.empty())) {
    if (workgroups.empty()) {
      for (const auto& w : string_list(*body, "WorkGroups", "Name")) {
        workgroups.push_back(w);
        if (workgroups.size() == 3) break; // a sample is enough to prove access
      }
    }
  }
  if (workgroups.empty()) workgroups.emplace_back("primary");
  for (const auto& wg : workgroups) {
    const std::string scope = "workgroup " + wg;
    auto body = c.step("ListQueryExecutions", scope, json_object("WorkGroup", wg, "MaxResults", 1));
    if (!body) continue;
    auto ids = string_list(*body, "QueryExecutionIds", nullptr);
    if (ids.empty()) {
      out << "  skipped  athena:BatchGetQueryExecution (" << scope
          << "): no query executions to read\n";
      continue;
    }
    // Optional: the job falls back to GetQueryExecution per id when it is refused.
    ids.resize(1);
    c.step("BatchGetQueryExecution", scope, json_object("QueryExecutionIds", ids), true);
    c.step("GetQueryExecution", scope, json_object("QueryExecutionId", ids[0]));
  }
  c.step("ListDataCatalogs", "", json_object("MaxResults", 50), true);
  // AwsDataCatalog is Glue: the job reads its tables with glue:GetTables (locations, view
  // text) and falls back to ListTableMetadata, so either one suffices there.
  std::optional<aws::AthenaClient> glue;
  const aws::Endpoint glue_endpoint = aws::resolve_service_endpoint(
      "glue", glue_endpoint_settings(config, endpoint.signing_region));
  for (const auto& catalog : configured_catalogs(config)) {
    const std::string scope = "catalog " + catalog;
    auto body =
        c.step("ListDatabases", scope, json_object("CatalogName", catalog, "MaxResults", 1));
    const bool glue_catalog = lower(catalog) == "awsdatacatalog" && glue_endpoint.error.empty();
    if (glue_catalog && !glue) {
      glue.emplace(aws::glue_client_options(options, glue_endpoint), creds.credentials);
    }
    std::string database = config.database_name;
    if (glue_catalog && database.empty()) {
      // The job lists AwsDataCatalog's databases with Glue (ListDatabases as the fallback).
      auto names = c.step_on(*glue, "glue", "GetDatabases", "", json_object("MaxResults", 1), true);
      if (names) {
        auto listed = string_list(*names, "DatabaseList", "Name");
        if (!listed.empty()) database = listed[0];
      }
    }
    if (body && database.empty()) {
      auto names = string_list(*body, "DatabaseList", "Name");
      if (!names.empty()) database = names[0];
    }
    if (database.empty()) continue;
    bool glue_ok = false;
    if (lower(catalog) == "awsdatacatalog") {
      if (!glue_catalog) {
        out << "  skipped  glue:GetTables: no Glue endpoint (" << glue_endpoint.error << ")\n";
      } else {
        glue_ok = c.step_on(*glue, "glue", "GetTables", "database " + database,
                            json_object("DatabaseName", database, "MaxResults", 1), true)
                      .has_value();
      }
    }
    c.step("ListTableMetadata", std::string(scope).append(", database ").append(database),
           json_object("CatalogName", catalog, "DatabaseName", database, "MaxResults", 1), glue_ok);
  }
  if (!c.credentials_error().empty()) {
    out << "result: the credentials were refused\n";
    err << "athena-lineage: error: credentials: AWS refused them: " << c.credentials_error()
        << "\n";
    return 2;
  }
  if (c.failed() == 0) {
    out << "result: ok, " << c.passed() << " calls passed\n";
    return 0;
  }
  out << "result: " << c.failed() << " required call(s) failed, " << c.passed() << " passed\n";
  return 1;
}

} // namespace athena::config
