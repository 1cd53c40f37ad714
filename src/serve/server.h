#pragma once

#include <memory>
#include <string>

#include "src/util/result.h"

namespace athena::serve {

struct ServeOptions {
  std::string db_path;
  std::string bind = "127.0.0.1";
  int port = 8080; ///< 0: any free port (see Server::port())
  /// When not empty, every request must carry `Authorization: Bearer <token>`. Never logged.
  std::string token;
  int threads = 64; ///< HTTP worker threads (each keep-alive connection holds one)
};

/// `athena-lineage serve`: the JSON API and the explorer page over HTTP (cpp-httplib), read-only
/// on the database. Thread-safe as a whole: the HTTP threads each lease their own connection.
class Server {
public:
  explicit Server(ServeOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// Opens one connection to check the database, registers the routes and binds the socket;
  /// the error says why it cannot.
  util::Status bind();
  /// The bound port (after bind()).
  [[nodiscard]] int port() const;
  /// Serves until stop(); false when the listening socket failed.
  bool run();
  /// Stops run() (from any thread); waits until run() has started, so a stop right after
  /// bind() is not lost.
  void stop();

  struct Impl;

private:
  std::unique_ptr<Impl> impl_;
};

} // namespace athena::serve
