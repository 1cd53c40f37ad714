#pragma once

#include <string>
#include <vector>

#include "src/model/query_record.h"
#include "src/store/pull_state.h"
#include "src/util/result.h"

namespace athena::pull {

/// The views of the catalog metadata cache whose SQL Glue gave (ViewOriginalText), each as a
/// `CREATE OR REPLACE VIEW catalog.database.name AS <its SQL>` record: analyzed before the
/// history, they give lineage from the views to their base tables even when the history does
/// not hold the views' DDL. Each record is SUCCEEDED, has no submission time (so it counts in
/// no day's usage), a synthetic id hashed from its content (an unchanged view is stored once
/// however often it is analyzed; a redefined one again) and its catalog and database are
/// those the view's SQL was written in. Sorted by name.
/// The error is the store's when the cache cannot be read.
util::Result<std::vector<model::QueryRecord>> cached_view_definitions(store::CatalogCache& cache);

} // namespace athena::pull
