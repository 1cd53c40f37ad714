#pragma once

#include <string>
#include <string_view>

#include "src/store/lineage_runs.h"

namespace athena::openlineage {

/// A dataset as OpenLineage names it.
struct DatasetName {
  std::string ns;
  std::string name;
  bool s3 = false; ///< an S3 location rather than an Athena table or view
};

/// `awsathena://athena.<region>.amazonaws.com`
std::string athena_namespace(std::string_view region);

/// OpenLineage's naming of a stored table name: `catalog.schema.table` in the Athena
/// namespace; `s3://bucket/prefix/` as namespace `s3://bucket` and name `prefix` (the path
/// without its trailing slash; `/` for the bucket itself).
DatasetName dataset_name(std::string_view table, std::string_view region);

/// The stored name back from an OpenLineage dataset name (the inverse of dataset_name).
std::string stored_name(const DatasetName& dataset);

/// The job of a run: its dbt model as `<project>.<model>` when the query's dbt comment names
/// one (node id `model.<project>.<model>`), else
/// `<workgroup>.<fingerprint as 16 hex digits>` (recurring query shapes are one job).
std::string job_name(const store::LineageRun& run);

} // namespace athena::openlineage
