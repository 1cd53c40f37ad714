#pragma once

#include <string>

#include "src/store/store.h"
#include "src/util/result.h"

namespace athena::cli {

/// Fills the store's cost and day options from --price-per-tb and --timezone ("UTC", "Z", or a
/// fixed offset "+02:00" / "-0530"). The error names the bad value.
util::Status parse_store_options(double price_per_tb, const std::string& timezone,
                                 store::StoreOptions& out);

} // namespace athena::cli
