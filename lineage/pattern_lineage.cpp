// Row pattern recognition (MATCH_RECOGNIZE, and MEASURES/DEFINE in a window frame): the
// pattern variables that qualify column references (`A.price`, `PREV(B.price)`) in MEASURES
// and DEFINE name rows of the input relation, so such a reference reads that column.
#include <algorithm>

#include "lineage/analyzer.h"

namespace athena::lineage::detail {
namespace {

void pattern_variables(Analyzer& a, const sql::RowPattern* p, std::vector<std::string_view>& out) {
  if (p == nullptr) return;
  if (p->pattern == sql::RowPatternKind::kVariable && !p->variable.empty()) {
    out.push_back(a.ident(p->variable));
  }
  for (const sql::RowPattern* item : p->items)
    pattern_variables(a, item, out);
}

} // namespace

void Analyzer::bind_pattern_variables(const Scope& input, const sql::RowPattern* pattern,
                                      const sql::RList<sql::SubsetDef*>& subsets,
                                      const sql::RList<sql::VariableDef*>& defines,
                                      Scope& variables, Scope& scope) {
  scope = input;
  // Only a single input relation has rows the variables can stand for unambiguously.
  if (input.bindings.size() != 1) return;
  std::vector<std::string_view> names;
  pattern_variables(*this, pattern, names);
  for (const sql::SubsetDef* s : subsets)
    names.push_back(ident(s->name));
  for (const sql::VariableDef* v : defines)
    names.push_back(ident(v->name));
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  variables.parent = input.parent;
  variables.bindings.clear();
  for (std::string_view name : names) {
    Binding b = input.bindings[0];
    b.alias = name;
    b.aliased = true;
    variables.bindings.push_back(std::move(b));
  }
  // A name the input has resolves there first; `A.x` falls through to the variables.
  scope.parent = &variables;
}

} // namespace athena::lineage::detail
