#include "src/config/iam_policy.h"

#include <algorithm>
#include <string_view>
#include <vector>

#include "lineage/json_writer.h"
#include "src/config/aws_settings.h"

namespace athena::config {
namespace {

std::string partition_for(const std::string& region) {
  if (region.starts_with("cn-")) return "aws-cn";
  if (region.starts_with("us-gov-")) return "aws-us-gov";
  return "aws";
}

/// `prefix` then `kind` and `name`: "arn:aws:athena:REGION:ACCOUNT:" "workgroup/" "etl".
std::string arn(const std::string& prefix, std::string_view kind, std::string_view name) {
  std::string out = prefix;
  out += kind;
  out += name;
  return out;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  });
  return s;
}

void statement(lineage::JsonWriter& w, const std::string& sid,
               const std::vector<std::string>& actions, const std::vector<std::string>& resources) {
  w.object("Sid", sid, "Effect", "Allow", "Action", actions, "Resource", resources);
}

} // namespace

std::string least_privilege_policy(const WorkflowConfig& config, const std::string& region) {
  const std::string partition = partition_for(region);
  const std::string reg = region.empty() ? "*" : region;
  const std::string account = config.lineage.account_id.empty() ? "*" : config.lineage.account_id;
  const std::string athena_arn = "arn:" + partition + ":athena:" + reg + ":" + account + ":";

  std::vector<std::string> workgroups = configured_workgroups(config);
  std::vector<std::string> wg_arns;
  if (workgroups.empty()) {
    wg_arns.push_back(athena_arn + "workgroup/*"); // every enabled workgroup is pulled
  } else {
    for (const auto& wg : workgroups)
      wg_arns.push_back(arn(athena_arn, "workgroup/", wg));
  }
  std::vector<std::string> catalog_arns;
  bool glue = false;
  for (const auto& c : configured_catalogs(config)) {
    catalog_arns.push_back(arn(athena_arn, "datacatalog/", c));
    if (lower(c) == "awsdatacatalog") glue = true;
  }

  std::string out;
  lineage::JsonWriter w(out, /*pretty=*/true);
  w.begin_object();
  w.member("Version", "2012-10-17");
  w.key("Statement");
  w.begin_array();
  statement(w, "AthenaListWorkGroupsAndCatalogs",
            {"athena:ListDataCatalogs", "athena:ListWorkGroups"}, {"*"});
  statement(
      w, "AthenaQueryHistory",
      {"athena:BatchGetQueryExecution", "athena:GetQueryExecution", "athena:ListQueryExecutions"},
      wg_arns);
  statement(w, "AthenaCatalogMetadata",
            {"athena:GetDataCatalog", "athena:ListDatabases", "athena:ListTableMetadata"},
            catalog_arns);
  if (glue) {
    const std::string glue_arn = "arn:" + partition + ":glue:" + reg + ":" + account + ":";
    statement(w, "GlueCatalogMetadata",
              {"glue:GetDatabase", "glue:GetDatabases", "glue:GetTable", "glue:GetTables"},
              {glue_arn + "catalog", glue_arn + "database/*", glue_arn + "table/*/*"});
  }
  w.end_array();
  w.end_object();
  out += '\n';
  return out;
}

} // namespace athena::config
