#pragma once

#include <string>

#include "src/store/store.h"

namespace athena::cli {

/// Fills the store's cost and day options from --price-per-tb and --timezone ("UTC", "Z", or a
/// fixed offset "+02:00" / "-0530"). Returns false with a message naming the bad value.
bool parse_store_options(double price_per_tb, const std::string& timezone, store::StoreOptions& out,
                         std::string* error);

} // namespace athena::cli
