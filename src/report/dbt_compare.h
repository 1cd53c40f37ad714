#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "src/report/dbt_manifest.h"
#include "src/store/dbt_activity.h"

namespace athena::report {

/// A table a model's queries read although the model declares no ref() or source() for it.
struct DbtUndeclaredRead {
  std::string table;
  int64_t queries = 0; ///< of the model's statements that read it
};

/// What the history says about one model against what its manifest entry declares.
struct DbtModelFindings {
  std::string model;                                ///< unique_id
  std::string relation;                             ///< the relation it builds
  int64_t queries = 0;                              ///< its statements in the window
  std::vector<DbtUndeclaredRead> undeclared_reads;  ///< sorted by table
  std::vector<std::string> unobserved_dependencies; ///< declared relations it never read
};

/// A model whose relation no statement outside its own builds (and dbt's tests) read in the
/// window.
struct DbtUnreadModel {
  std::string model;
  std::string relation;
  int64_t builds = 0; ///< its statements in the window (0: not built in the window either)
  int64_t bytes_scanned = 0;
  double build_cost_usd = 0;
};

/// Declared (manifest) against observed (query history) lineage of a dbt project.
struct DbtComparison {
  std::string manifest;     ///< the file read
  int64_t models = 0;       ///< models with a relation (ephemeral ones have none)
  int64_t models_built = 0; ///< of those, with statements in the window
  /// Built models with an undeclared read or an unobserved dependency, sorted by id.
  std::vector<DbtModelFindings> findings;
  /// Sorted by build cost (highest first), then id.
  std::vector<DbtUnreadModel> unread;
  /// dbt node ids in the history that the manifest does not have (renamed or deleted).
  std::vector<std::string> unknown_nodes;
};

/// Compares. A model's reads of its own relation and of its temporary relations
/// (`<relation>__dbt_tmp`, `__ha`, ... : any `<relation>__` suffix) are not dependencies;
/// dependencies through ephemeral models count as the model's own.
DbtComparison compare_dbt(const DbtManifest& manifest, const store::DbtActivity& activity);

} // namespace athena::report
