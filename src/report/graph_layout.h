#pragma once

#include <string>
#include <vector>

#include "src/store/store.h"
#include "src/util/result.h"

namespace athena::report {

/// How a laid-out node is drawn.
enum class NodeStyle { kTable, kView, kLocation, kColumn };

/// A node to lay out. `name` is the node's identity (and its SVG `<title>`); the label is the
/// name cut in the middle to `label_max` characters; the tooltip is the whole name unless set.
struct LayoutNode {
  std::string name;
  NodeStyle style = NodeStyle::kTable;
  std::string id;      ///< the SVG element's id ("" lets Graphviz number it)
  std::string tooltip; ///< "" for the name
  std::string label;   ///< "" for the name (cut in the middle to `label_max` characters)
  std::string group;   ///< nodes of one group are drawn in a box labelled with it ("": none)
  bool emphasized = false;
  size_t label_max = 48;
};

/// An edge between two named nodes (added when missing, as tables).
struct LayoutEdge {
  std::string from;
  std::string to;
  std::string id; ///< the SVG element's id ("" lets Graphviz number it)
  std::string tooltip;
  std::string label;   ///< drawn on the edge ("" for none)
  bool dashed = false; ///< condition-only column edges
};

/// The nodes and edges laid out by Graphviz (`dot`, left to right) as one `<svg>` element
/// (no XML prolog): boxes for tables, rounded boxes for views, folders for S3 locations,
/// ellipses for columns; every text escaped by Graphviz. The error says how Graphviz failed.
util::Result<std::string> layout_svg(const std::vector<LayoutNode>& nodes,
                                     const std::vector<LayoutEdge>& edges);

/// The table edges laid out by Graphviz (`dot`, left to right) as one inline `<svg>` element:
/// each node a box labelled with its name (long names cut in the middle, escaped) and the whole
/// name as its tooltip, locations drawn apart from tables. The error says how Graphviz failed.
util::Result<std::string> lineage_svg(const std::vector<store::TableEdge>& edges);

} // namespace athena::report
