// The indented AST dump used by golden tests and round-trip comparison: the walk (with an
// explicit stack) and the public entry points. Each node's attributes are in ast_dump_expr.cpp
// and ast_dump_statement.cpp.
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "parser/ast_dump_impl.h"

namespace athena::sql {
namespace detail {

void Dumper::tree(const Node* root) {
  struct Pending {
    const Node* node;
    std::string label;
    int depth;
  };
  std::vector<Pending> todo{{root, std::string(), 0}};
  while (!todo.empty()) {
    Pending p = std::move(todo.back());
    todo.pop_back();
    line_.clear();
    children_.clear();
    describe(p.node);
    // Indentation stops growing at kMaxIndent levels, so that a tree 100,000 levels deep does
    // not dump in quadratic space; deeper lines say their depth instead.
    constexpr int kMaxIndent = 100;
    std::string header(static_cast<size_t>(std::min(p.depth, kMaxIndent)) * 2, ' ');
    if (p.depth > kMaxIndent) header += "<" + std::to_string(p.depth) + "> ";
    if (!p.label.empty()) {
      header += p.label;
      header += ": ";
    }
    header += node_kind_name(p.node->kind);
    if (spans_) {
      header +=
          " [" + std::to_string(p.node->span.begin) + "-" + std::to_string(p.node->span.end) + "]";
    }
    out += header;
    out += line_;
    out += '\n';
    // Reversed, so that the first child is dumped next.
    for (size_t i = children_.size(); i-- > 0;)
      todo.push_back({children_[i].node, std::move(children_[i].label), p.depth + 1});
  }
}

uint32_t Dumper::height(const Node* root) {
  text_ = false;
  uint32_t most = 0;
  std::vector<std::pair<const Node*, uint32_t>> todo{{root, 1}};
  while (!todo.empty()) {
    const auto [n, depth] = todo.back();
    todo.pop_back();
    most = std::max(most, depth);
    children_.clear();
    describe(n);
    for (const Child& c : children_)
      todo.emplace_back(c.node, depth + 1);
  }
  return most;
}

void Dumper::describe(const Node* n) {
  if (!describe_expr(n)) describe_statement(n);
}

} // namespace detail

std::string dump_ast(const Node* node, bool with_spans) {
  detail::Dumper d(with_spans);
  d.tree(node);
  return std::move(d.out);
}

uint32_t ast_height(const Node* node) {
  if (node == nullptr) return 0;
  detail::Dumper d(false);
  return d.height(node);
}

} // namespace athena::sql
