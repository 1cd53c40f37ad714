#pragma once

// Internal: the AST dumper shared by ast_dump*.cpp.

#include <string>
#include <string_view>
#include <vector>

#include "parser/unparser.h"
#include "parser/unparser_impl.h"

namespace athena::sql::detail {

class Dumper {
public:
  explicit Dumper(bool spans) : spans_(spans) {}
  std::string out;

  /// Dumps `n` and its subtree, depth first, with an explicit stack: left-deep chains of any
  /// length (`a OR b OR ...`, UNION ALL, joins) do not recurse.
  void tree(const Node* n);
  /// The number of nodes on the longest path down from `n`, with an explicit stack.
  uint32_t height(const Node* n);

private:
  // One node's header line is built in `line_`; children are queued and printed after it.
  struct Child {
    std::string label;
    const Node* node;
  };

  void attr(std::string_view name, std::string_view value) {
    if (value.empty() || !text_) return;
    line_ += ' ';
    line_ += name;
    line_ += '=';
    line_ += value;
  }
  void flag(std::string_view name, bool on) {
    if (!on || !text_) return;
    line_ += ' ';
    line_ += name;
  }
  void ident(std::string_view name, const Identifier& id) {
    if (!id.empty()) attr(name, id.sql());
  }
  template <class Ids> void idents(std::string_view name, const Ids& ids) {
    if (ids.empty() || !text_) return;
    std::string v = "(";
    for (size_t i = 0; i < ids.size(); ++i) {
      if (i) v += ",";
      v += ids[i].sql();
    }
    v += ")";
    attr(name, v);
  }
  void qname(std::string_view name, const QualifiedName& q) {
    if (q.empty() || !text_) return;
    std::string v;
    for (size_t i = 0; i < q.parts.size(); ++i) {
      if (i) v += '.';
      v += q.parts[i].sql();
    }
    attr(name, v);
  }
  void views(std::string_view name, const List<std::string_view>& vs) {
    if (vs.empty() || !text_) return;
    std::string v = "[";
    for (size_t i = 0; i < vs.size(); ++i) {
      if (i) v += "|";
      v += vs[i];
    }
    v += "]";
    attr(name, v);
  }
  void child(std::string_view label, const Node* n) {
    if (n != nullptr) children_.push_back({text_ ? std::string(label) : std::string(), n});
  }
  template <class T> void list(std::string_view label, const RList<T*>& l) {
    list(label, l.view());
  }
  template <class T> void list(std::string_view label, const List<T*>& l) {
    for (size_t i = 0; i < l.size(); ++i) {
      if (l[i] == nullptr) continue;
      if (!text_) {
        children_.push_back({std::string(), l[i]});
        continue;
      }
      children_.push_back({std::string(label) + "[" + std::to_string(i) + "]", l[i]});
    }
  }
  /// Writes `n`'s attributes to `line_` and queues its children.
  void describe(const Node* n);
  bool describe_expr(const Node* n);      ///< ast_dump_expr.cpp; false when not an expression
  void describe_statement(const Node* n); ///< ast_dump_statement.cpp: queries, relations, DDL, DML

  bool spans_;
  bool text_ = true; ///< false while measuring: only the children are collected
  std::string line_;
  std::vector<Child> children_;
};

inline std::string_view quantifier(SetQuantifier q) {
  return q == SetQuantifier::kDistinct ? "DISTINCT" : q == SetQuantifier::kAll ? "ALL" : "";
}

} // namespace athena::sql::detail
