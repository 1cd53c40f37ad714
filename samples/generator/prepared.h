#pragma once

#include <map>
#include <set>
#include <string>

#include "samples/generator/rng.h"
#include "samples/generator/statement.h"
#include "samples/generator/templates.h"

namespace athena::samplegen {

/// Statements a workgroup has prepared, and the next prepared-statement query to run there.
/// Queries are generated in submission order, so a PREPARE always precedes its EXECUTEs.
class PreparedRegistry {
public:
  /// A PREPARE (new or redefined name), an EXECUTE of a prepared name whose reads are the
  /// tables of the latest PREPARE of that name in `workgroup`, or a DEALLOCATE PREPARE.
  Statement next(Rng& rng, const std::string& workgroup, const Env& env);

private:
  std::map<std::string, std::map<std::string, std::set<std::string>>> by_workgroup_;
};

} // namespace athena::samplegen
