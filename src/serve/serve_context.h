#pragma once

#include <string>

namespace athena::serve {

class ReaderPool;
class ResponseCache;

/// What every route of `serve` shares: the database's path and its pool of read-only
/// connections (one leased per request, so requests on different threads never share one).
struct ServeContext {
  std::string db_path;
  ReaderPool* readers = nullptr;
  /// Answers kept until the database changes (see ResponseCache); may be null.
  ResponseCache* cache = nullptr;
};

} // namespace athena::serve
