#pragma once

#include <string>

namespace athena::serve {

class ReaderPool;

/// What every route of `serve` shares: the database's path and its pool of read-only
/// connections (one leased per request, so requests on different threads never share one).
struct ServeContext {
  std::string db_path;
  ReaderPool* readers = nullptr;
};

} // namespace athena::serve
