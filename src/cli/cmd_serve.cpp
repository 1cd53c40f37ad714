// `athena-lineage serve`: the explorer page and the JSON API over HTTP, read-only.
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>

#include <pthread.h>

#include "src/cli/commands.h"
#include "src/cli/store_access.h"
#include "src/serve/server.h"

namespace athena::cli {

namespace {

struct ServeArgs {
  std::string db = "athena-lineage.db";
  std::string bind = "127.0.0.1";
  int port = 8080;
  std::string token_env;
};

int fail(const std::string& message) {
  std::fprintf(stderr, "athena-lineage: error: %s\n", message.c_str());
  return static_cast<int>(ExitCode::kUsageOrIo);
}

int run_serve(const ServeArgs& args) {
  if (args.port < 0 || args.port > 65535) return fail("--port must be 0 to 65535");
  serve::ServeOptions options;
  options.db_path = args.db;
  options.bind = args.bind;
  options.port = args.port;
  if (!args.token_env.empty()) {
    const char* token = std::getenv(args.token_env.c_str());
    if (token == nullptr || *token == '\0') {
      return fail("--token-env " + args.token_env + ": that environment variable is not set");
    }
    options.token = token;
  }
  {
    // Checks (and, when it can and must, upgrades) the database once, as `graph` does.
    if (const auto opened = open_store_for_reading(args.db); !opened) return fail(opened.error());
  }
  // SIGINT and SIGTERM are taken by one thread (the HTTP threads inherit the mask), which stops
  // the server so it ends cleanly.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  serve::Server server(options);
  if (const util::Status bound = server.bind(); !bound) return fail(bound.error());
  std::fprintf(stderr, "athena-lineage: serving %s on http://%s:%d/ (API under /api/%s)\n",
               args.db.c_str(), args.bind.c_str(), server.port(),
               options.token.empty() ? "" : ", bearer token required");
  std::thread waiter([&server, signals] {
    int sig = 0;
    sigwait(&signals, &sig);
    server.stop();
  });
  const bool ok = server.run();
  // A stop that did not come from a signal: wake the waiter. SIGTERM is blocked in every thread
  // and taken by the waiter's sigwait, so it ends that wait, not the process.
  // NOLINTNEXTLINE(bugprone-bad-signal-to-kill-thread): see above
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  if (!ok) return fail("the server stopped: its listening socket failed");
  return static_cast<int>(ExitCode::kOk);
}

} // namespace

void add_serve_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ServeArgs>();
  auto* cmd = app.add_subcommand("serve", "Lineage explorer page and JSON API over HTTP "
                                          "(read-only on the database)");
  cmd->add_option("--db", args->db,
                  "SQLite database file, opened read-only (default "
                  "athena-lineage.db)");
  cmd->add_option("--bind", args->bind, "Address to listen on (default 127.0.0.1, loopback only)");
  cmd->add_option("--port", args->port, "TCP port (default 8080; 0 picks a free one)");
  cmd->add_option("--token-env", args->token_env,
                  "Environment variable holding a token every request must send as "
                  "'Authorization: Bearer <token>'");
  cmd->callback([args, &exit_code] { exit_code = run_serve(*args); });
}

} // namespace athena::cli
