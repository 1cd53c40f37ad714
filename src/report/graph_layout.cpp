// The HTML report's lineage picture, laid out by Graphviz (libgvc + libcgraph) instead of by
// hand: layered layout with crossing reduction is what `dot` is for.
#include "src/report/graph_layout.h"

#include <map>
#include <memory>
#include <mutex>

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include "src/report/report_sections.h"
#include "src/util/text_escape.h"

// Graphviz and the font libraries its plugins load keep some allocations for the life of the
// process (plugin tables, font caches); they are not ours to free. Only read by LeakSanitizer
// builds.
// NOLINTNEXTLINE(bugprone-reserved-identifier,readability-identifier-naming): LSan's name
extern "C" const char* __lsan_default_suppressions();
extern "C" const char* __lsan_default_suppressions() {
  // Its plugins load fontconfig (and, with pango, glib and cairo), which cache fonts for good.
  return "leak:libgvc\nleak:libcgraph\nleak:libcdt\nleak:libgvplugin\nleak:libpathplan\n"
         "leak:libfontconfig\nleak:libfreetype\nleak:libpango\nleak:libcairo\nleak:libglib\n"
         "leak:libgobject\nleak:libharfbuzz\nleak:libgd\n";
}

namespace athena::report {

namespace {

/// Graphviz reads backslashes in labels as escapes (`\N`, `\n`, `\l`) and passes entities
/// (`&amp;`, `&lt;`) through to the SVG, where they are decoded: keep both literal.
std::string graphviz_text(const std::string& s) {
  std::string out;
  for (char c : util::escape_control(s)) {
    if (c == '\\') out += '\\';
    if (c == '&') {
      out += "&amp;";
      continue;
    }
    out += c;
  }
  return out;
}

/// A node's Graphviz name (its SVG `<title>`): printable, a NUL cannot cut it short, and an
/// entity in it stays literal text.
std::string graphviz_name(const std::string& s) {
  std::string out;
  for (char c : util::escape_control(s))
    out += c == '&' ? std::string("&amp;") : std::string(1, c);
  return out;
}

std::string short_label(const std::string& name, size_t max) {
  std::string flat = util::escape_control(name);
  if (flat.size() <= max) return flat;
  size_t head = max / 2 - 1, tail = flat.size() - (max - head - 1);
  while (head > 0 && (static_cast<unsigned char>(flat[head]) & 0xC0) == 0x80)
    --head;
  while (tail < flat.size() && (static_cast<unsigned char>(flat[tail]) & 0xC0) == 0x80)
    ++tail;
  return flat.substr(0, head) + "\u2026" + flat.substr(tail);
}

void set(void* object, const char* key, const std::string& value) {
  agsafeset(object, const_cast<char*>(key), const_cast<char*>(value.c_str()),
            const_cast<char*>(""));
}

void style_node(Agnode_t* n, const LayoutNode& node) {
  switch (node.style) {
  case NodeStyle::kLocation:
    set(n, "shape", "folder");
    set(n, "style", "rounded,filled");
    set(n, "fillcolor", "#fff4e0");
    break;
  case NodeStyle::kView:
    set(n, "shape", "box");
    set(n, "style", "rounded,filled,dashed");
    set(n, "fillcolor", "#eefaf0");
    break;
  case NodeStyle::kColumn:
    set(n, "shape", "ellipse");
    set(n, "style", "filled");
    set(n, "fillcolor", "#f4f0fc");
    break;
  case NodeStyle::kTable:
    set(n, "shape", "box");
    set(n, "style", "rounded,filled");
    set(n, "fillcolor", "#eef3fc");
    break;
  }
  set(n, "color", node.emphasized ? "#c0392b" : "#4a7bd0");
  if (node.emphasized) set(n, "penwidth", "2");
  set(n, "fontname", "Helvetica");
  set(n, "fontsize", "10");
  set(n, "label",
      graphviz_text(short_label(node.label.empty() ? node.name : node.label, node.label_max)));
  set(n, "tooltip", graphviz_text(node.tooltip.empty() ? node.name : node.tooltip));
  if (!node.id.empty()) set(n, "id", graphviz_text(node.id));
}

} // namespace

util::Result<std::string> layout_svg(const std::vector<LayoutNode>& nodes,
                                     const std::vector<LayoutEdge>& edges) {
  // Graphviz is not thread-safe (global and static state), so one layout at a time. And one
  // context for the whole process, never freed: Graphviz 2.42's pango plugin keeps a pointer
  // to the last font name, which a freed context's font table owned, and reads it in the next
  // layout (a use after free, found by `serve` laying out graph after graph).
  static std::mutex graphviz;
  const std::lock_guard<std::mutex> one_at_a_time(graphviz);
  static GVC_t* const process_gvc = gvContext();
  struct Context {
    GVC_t* gvc = process_gvc;
    Agraph_t* graph = nullptr;
    bool laid_out = false;
    ~Context() {
      if (laid_out) gvFreeLayout(gvc, graph);
      if (graph != nullptr) agclose(graph);
    }
  } cx;
  if (cx.gvc == nullptr) {
    return util::Error{"graphviz: cannot create a context"};
  }
  char name[] = "lineage";
  cx.graph = agopen(name, Agdirected, nullptr);
  set(cx.graph, "rankdir", "LR");
  set(cx.graph, "nodesep", "0.15");
  set(cx.graph, "ranksep", "0.5");
  set(cx.graph, "fontname", "Helvetica");
  std::map<std::string, Agnode_t*> by_name;
  std::map<std::string, Agraph_t*> groups;
  auto group = [&](const std::string& label) {
    auto it = groups.find(label);
    if (it != groups.end()) return it->second;
    // Graphviz draws a subgraph as a box only when its name starts with "cluster".
    std::string id = "cluster" + std::to_string(groups.size());
    Agraph_t* g = agsubg(cx.graph, id.data(), 1);
    set(g, "label", graphviz_text(short_label(label, 64)));
    set(g, "style", "rounded");
    set(g, "color", "#b8c4dc");
    set(g, "fontname", "Helvetica");
    set(g, "fontsize", "10");
    groups.emplace(label, g);
    return g;
  };
  auto add = [&](const LayoutNode& node) {
    auto it = by_name.find(node.name);
    if (it != by_name.end()) return it->second;
    std::string id = graphviz_name(node.name);
    Agnode_t* n = agnode(cx.graph, id.data(), 1);
    style_node(n, node);
    if (!node.group.empty()) agsubnode(group(node.group), n, 1);
    by_name.emplace(node.name, n);
    return n;
  };
  for (const auto& n : nodes)
    add(n);
  for (const auto& e : edges) {
    LayoutNode from, to;
    from.name = e.from;
    to.name = e.to;
    Agedge_t* edge = agedge(cx.graph, add(from), add(to), nullptr, 1);
    set(edge, "color", "#777777");
    if (!e.tooltip.empty()) set(edge, "tooltip", graphviz_text(e.tooltip));
    if (!e.id.empty()) set(edge, "id", graphviz_text(e.id));
    if (e.dashed) set(edge, "style", "dashed");
    if (!e.label.empty()) {
      set(edge, "label", graphviz_text(e.label));
      set(edge, "fontname", "Helvetica");
      set(edge, "fontsize", "8");
      set(edge, "fontcolor", "#555555");
    }
  }
  if (gvLayout(cx.gvc, cx.graph, "dot") != 0) {
    return util::Error{"graphviz: the dot layout failed"};
  }
  cx.laid_out = true;
  char* data = nullptr;
  unsigned int length = 0;
  if (gvRenderData(cx.gvc, cx.graph, "svg", &data, &length) != 0 || data == nullptr) {
    return util::Error{"graphviz: cannot render SVG"};
  }
  std::string svg(data, length);
  gvFreeRenderData(data);
  // Inline in HTML: drop the XML prolog, DOCTYPE and comments before the element.
  const size_t start = svg.find("<svg");
  if (start == std::string::npos) {
    return util::Error{"graphviz: no <svg> element in its output"};
  }
  return svg.substr(start);
}

util::Result<std::string> lineage_svg(const std::vector<store::TableEdge>& edges) {
  std::vector<LayoutNode> nodes;
  std::vector<LayoutEdge> layout_edges;
  for (const auto& e : edges) {
    for (const std::string* table : {&e.source, &e.target}) {
      LayoutNode node;
      node.name = *table;
      if (table->rfind("s3://", 0) == 0) node.style = NodeStyle::kLocation;
      nodes.push_back(std::move(node));
    }
    LayoutEdge edge;
    edge.from = e.source;
    edge.to = e.target;
    edge.tooltip = e.source + " -> " + e.target + " (" + std::to_string(e.queries) +
                   (e.queries == 1 ? " query)" : " queries)");
    layout_edges.push_back(std::move(edge));
  }
  return layout_svg(nodes, layout_edges);
}

} // namespace athena::report
