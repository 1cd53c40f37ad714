#pragma once

#include <string>
#include <vector>

#include "src/store/store.h"

namespace athena::report {

/// The table edges laid out by Graphviz (`dot`, left to right) as one inline `<svg>` element:
/// each node a box labelled with its name (long names cut in the middle, escaped) and the whole
/// name as its tooltip, locations drawn apart from tables. "" with `*error` set when Graphviz
/// fails.
std::string lineage_svg(const std::vector<store::TableEdge>& edges, std::string* error);

} // namespace athena::report
