#include "src/serve/server.h"

#include <atomic>
#include <chrono>
#include <thread>

#include <httplib.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include "src/serve/api_routes.h"
#include "src/serve/explorer_routes.h"
#include "src/serve/http_json.h"
#include "src/serve/reader_pool.h"
#include "src/serve/response_cache.h"
#include "src/serve/router.h"
#include "src/store/sqlite_db.h"

namespace athena::serve {

namespace {

/// Compares in time independent of where the strings differ, so response times say nothing
/// about the token.
bool same_secret(std::string_view a, std::string_view b) {
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (size_t i = 0; i < a.size(); ++i) {
    diff |= static_cast<unsigned char>(a[i] ^ (b.empty() ? 0 : b[i % b.size()]));
  }
  return diff == 0;
}

bool authorized(const httplib::Request& req, const std::string& token) {
  const std::string header = req.get_header_value("Authorization");
  constexpr std::string_view kBearer = "Bearer ";
  if (header.size() < kBearer.size()) return false;
  for (size_t i = 0; i < kBearer.size(); ++i) {
    // The scheme is case-insensitive (RFC 7235).
    if (std::tolower(static_cast<unsigned char>(header[i])) !=
        std::tolower(static_cast<unsigned char>(kBearer[i]))) {
      return false;
    }
  }
  return same_secret(std::string_view(header).substr(kBearer.size()), token);
}

} // namespace

struct Server::Impl {
  explicit Impl(ServeOptions o)
      : options(std::move(o)), pool(options.db_path), context{options.db_path, &pool, &cache},
        router(http) {}

  ServeOptions options;
  httplib::Server http;
  ReaderPool pool;
  ResponseCache cache;
  ServeContext context;
  Router router;
  int port = -1;
  int listen_socket = -1;
  std::atomic<bool> run_started{false};
  std::atomic<bool> run_finished{false};
  std::atomic<bool> stop_requested{false};

  void install_handlers();
};

void Server::Impl::install_handlers() {
  const int threads = options.threads > 0 ? options.threads : 1;
  http.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  http.set_keep_alive_timeout(5);
  // Our own socket options replace httplib's: address reuse as it does, and no Nagle delay
  // (a response's headers and body are separate writes; accepted sockets inherit it). The
  // listening socket is kept to widen its backlog after bind (httplib listens with 5, and 50
  // clients connecting at once would see SYNs dropped and retried a second later).
  http.set_socket_options([this](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    ::setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
    listen_socket = sock;
  });
  http.set_payload_max_length(size_t{64} * 1024); // GET only: no request needs a body
  http.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    if (!options.token.empty() && !authorized(req, options.token)) {
      res.set_header("WWW-Authenticate", "Bearer");
      send_error(res, 401, "this server requires the header 'Authorization: Bearer <token>'");
      return httplib::Server::HandlerResponse::Handled;
    }
    if (req.method != "GET" && req.method != "HEAD") {
      if (router.matches(req.path)) {
        res.set_header("Allow", "GET, HEAD");
        send_error(res, 405,
                   "method " + req.method + " is not allowed on " + req.path +
                       " (the server is read-only: use GET)");
      } else {
        send_error(res, 404, "no such path: " + req.path);
      }
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  // Called for every status >= 400; routes that said why keep their body.
  http.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    if (res.status == 404) {
      send_error(res, 404, "no such path: " + req.path);
    } else {
      send_error(res, res.status, "request failed with HTTP status " + std::to_string(res.status));
    }
  });
  http.set_exception_handler(
      [](const httplib::Request& req, httplib::Response& res, const std::exception_ptr& ep) {
        std::string what = "unknown error";
        try {
          if (ep) std::rethrow_exception(ep);
        } catch (const std::exception& e) {
          what = e.what();
        } catch (...) {
        }
        send_error(res, 500, "internal error answering " + req.path + ": " + what);
      });
  add_api_routes(router, context);
  add_explorer_routes(router, context);
}

Server::Server(ServeOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}

Server::~Server() {
  stop();
}

util::Status Server::bind() {
  try {
    auto probe = impl_->pool.lease(); // opens the database once: fail now, not per request
  } catch (const store::SqliteError& e) {
    return util::Error{e.what()};
  }
  impl_->install_handlers();
  const ServeOptions& o = impl_->options;
  if (o.port == 0) {
    impl_->port = impl_->http.bind_to_any_port(o.bind);
  } else if (impl_->http.bind_to_port(o.bind, o.port)) {
    impl_->port = o.port;
  }
  if (impl_->port > 0 && impl_->listen_socket >= 0) ::listen(impl_->listen_socket, SOMAXCONN);
  if (impl_->port <= 0) {
    return util::Error{"cannot listen on " + o.bind + ":" + std::to_string(o.port) +
                       " (address in use, or not an address of this machine)"};
  }
  return util::Status::success();
}

int Server::port() const {
  return impl_->port;
}

bool Server::run() {
  impl_->run_started = true;
  if (impl_->stop_requested) {
    impl_->run_finished = true;
    return true;
  }
  const bool ok = impl_->http.listen_after_bind();
  impl_->run_finished = true;
  return ok || impl_->stop_requested;
}

void Server::stop() {
  impl_->stop_requested = true;
  if (!impl_->run_started) return;
  while (!impl_->http.is_running() && !impl_->run_finished) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  impl_->http.stop();
}

} // namespace athena::serve
