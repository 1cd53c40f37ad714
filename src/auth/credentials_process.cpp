// `credential_process` (spec §5.4): run the command without a shell, read JSON from stdout.
#include <cerrno>
#include <cstring>
#include <vector>

#include <poll.h>
#include <simdjson.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "src/auth/credential_provider.h"
#include "src/auth/time_util.h"
#include "src/util/shell_words.h"

extern char** environ;

namespace athena::aws {
namespace {

struct ProcessOutput {
  int exit_status = -1;
  std::string out, err;
};

util::Result<ProcessOutput> run_process(const std::vector<std::string>& argv,
                                        const std::string& label) {
  int out_pipe[2];
  int err_pipe[2];
  if (pipe(out_pipe) != 0) return util::Error{label + ": pipe failed"};
  if (pipe(err_pipe) != 0) {
    close(out_pipe[0]);
    close(out_pipe[1]);
    return util::Error{label + ": pipe failed"};
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
  posix_spawn_file_actions_addclose(&actions, out_pipe[0]);
  posix_spawn_file_actions_addclose(&actions, err_pipe[0]);
  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  for (const auto& a : argv)
    args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(out_pipe[1]);
  close(err_pipe[1]);
  ProcessOutput result;
  if (rc != 0) {
    close(out_pipe[0]);
    close(err_pipe[0]);
    return util::Error{label + ": cannot run '" + argv[0] + "': " + std::strerror(rc)};
  }
  pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  std::string* sinks[2] = {&result.out, &result.err};
  int open_fds = 2;
  char buf[4096];
  while (open_fds > 0) {
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) == 0) continue;
      ssize_t n = read(fds[i].fd, buf, sizeof buf);
      if (n > 0) {
        sinks[i]->append(buf, static_cast<size_t>(n));
      } else {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_fds;
      }
    }
  }
  for (auto& f : fds) {
    if (f.fd >= 0) close(f.fd);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  result.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

class ProcessProvider : public CredentialProvider {
public:
  ProcessProvider(std::string profile, std::string command)
      : profile_(std::move(profile)), command_(std::move(command)) {}
  [[nodiscard]] std::string name() const override { return "process:" + profile_; }

  util::Result<Credentials> fetch() override {
    const std::string label = "credential_process of profile '" + profile_ + "'";
    auto argv = util::split_shell_words(command_);
    if (argv.empty()) return util::Error{label + " is empty"};
    util::Result<ProcessOutput> ran = run_process(argv, label);
    if (!ran) return util::Error{ran.error()};
    ProcessOutput& r = *ran;
    if (r.exit_status != 0) {
      std::string err = r.err.substr(0, 500);
      while (!err.empty() && (err.back() == '\n' || err.back() == '\r'))
        err.pop_back();
      return util::Error{label + " exited with status " + std::to_string(r.exit_status) +
                         (err.empty() ? "" : ": " + err)};
    }
    simdjson::dom::parser parser;
    simdjson::dom::element doc;
    if (parser.parse(r.out).get(doc) != simdjson::SUCCESS || !doc.is_object()) {
      return util::Error{label + " did not print a JSON object on stdout"};
    }
    int64_t version = 0;
    if (doc["Version"].get(version) != simdjson::SUCCESS || version != 1) {
      return util::Error{label + ": \"Version\" must be the number 1"};
    }
    std::string_view key, secret, token, exp, account;
    if (doc["AccessKeyId"].get(key) != simdjson::SUCCESS ||
        doc["SecretAccessKey"].get(secret) != simdjson::SUCCESS || key.empty() || secret.empty()) {
      return util::Error{label + ": output lacks AccessKeyId or SecretAccessKey"};
    }
    Credentials c;
    c.access_key_id = std::string(key);
    c.secret_access_key = util::Secret(std::string(secret));
    if (doc["SessionToken"].get(token) == simdjson::SUCCESS)
      c.session_token = util::Secret(std::string(token));
    if (doc["AccountId"].get(account) == simdjson::SUCCESS) c.account_id = std::string(account);
    if (doc["Expiration"].get(exp) == simdjson::SUCCESS) {
      c.expiration = parse_iso8601(exp);
      if (!c.expiration) {
        return util::Error{label + ": \"Expiration\" is not an ISO-8601 time: '" +
                           std::string(exp) + "'"};
      }
    }
    return c;
  }

private:
  std::string profile_;
  std::string command_;
};

} // namespace

ProviderPtr make_process_provider(std::string profile, std::string command) {
  return std::make_shared<ProcessProvider>(std::move(profile), std::move(command));
}

} // namespace athena::aws
