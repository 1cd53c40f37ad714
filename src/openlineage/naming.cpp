#include "src/openlineage/naming.h"

#include <cstdio>

namespace athena::openlineage {

std::string athena_namespace(std::string_view region) {
  return "awsathena://athena." + std::string(region) + ".amazonaws.com";
}

DatasetName dataset_name(std::string_view table, std::string_view region) {
  constexpr std::string_view kS3 = "s3://";
  if (table.starts_with(kS3)) {
    const size_t slash = table.find('/', kS3.size());
    std::string_view path =
        slash == std::string_view::npos ? std::string_view() : table.substr(slash + 1);
    while (path.ends_with('/'))
      path.remove_suffix(1);
    return {std::string(table.substr(0, slash)), path.empty() ? "/" : std::string(path), true};
  }
  return {athena_namespace(region), std::string(table), false};
}

std::string stored_name(const DatasetName& dataset) {
  if (!dataset.ns.starts_with("s3://")) return dataset.name;
  if (dataset.name == "/") return dataset.ns + "/";
  return dataset.ns + "/" + dataset.name + "/";
}

std::string job_name(const store::LineageRun& run) {
  // dbt's node id is `<resource type>.<project>.<name>`: the job is `<project>.<name>`.
  if (!run.dbt_model.empty()) {
    const size_t dot = run.dbt_model.find('.');
    if (dot != std::string::npos && dot + 1 < run.dbt_model.size())
      return run.dbt_model.substr(dot + 1);
    return run.dbt_model;
  }
  char fp[17];
  std::snprintf(fp, sizeof fp, "%016llx", static_cast<unsigned long long>(run.fingerprint));
  return (run.workgroup.empty() ? std::string("unknown-workgroup") : run.workgroup) + "." + fp;
}

} // namespace athena::openlineage
