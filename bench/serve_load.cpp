// serve_load: N concurrent HTTP clients (keep-alive connections) requesting paths of a running
// `athena-lineage serve` in turn, then latency percentiles. Used by serve_bench.sh.
//   serve_load --port P [--clients 50] [--requests 200] [--token T] PATH...
// Prints one line: requests, errors, seconds, requests per second, p50/p90/p99/max in ms,
// then the same per path.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>

namespace {

struct Sample {
  size_t path;
  double ms;
};

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t i = static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

void print(const char* what, const std::vector<double>& ms) {
  std::printf("%s n=%zu p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f\n", what, ms.size(),
              percentile(ms, 0.50), percentile(ms, 0.90), percentile(ms, 0.99),
              ms.empty() ? 0.0 : *std::max_element(ms.begin(), ms.end()));
}

int usage() {
  std::fprintf(stderr,
               "usage: serve_load --port P [--clients N] [--requests N] [--token T] PATH...\n");
  return 2;
}

} // namespace

int main(int argc, char** argv) {
  int port = 0, clients = 50, requests = 200;
  std::string token;
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--port") {
      port = std::atoi(next().c_str());
    } else if (a == "--clients") {
      clients = std::atoi(next().c_str());
    } else if (a == "--requests") {
      requests = std::atoi(next().c_str());
    } else if (a == "--token") {
      token = next();
    } else if (!a.empty() && a[0] == '/') {
      paths.push_back(a);
    } else {
      return usage();
    }
  }
  if (port <= 0 || clients <= 0 || requests <= 0 || paths.empty()) return usage();
  std::mutex mutex;
  std::vector<Sample> samples;
  int errors = 0;
  std::string first_error;
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      httplib::Client client("127.0.0.1", port);
      client.set_keep_alive(true);
      client.set_tcp_nodelay(true);
      client.set_read_timeout(60);
      httplib::Headers headers;
      if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
      std::vector<Sample> mine;
      int my_errors = 0;
      std::string my_error;
      for (int r = 0; r < requests; ++r) {
        const size_t p = static_cast<size_t>(c + r) % paths.size();
        const auto t0 = std::chrono::steady_clock::now();
        auto res = client.Get(paths[p], headers);
        const auto t1 = std::chrono::steady_clock::now();
        if (!res || res->status != 200) {
          ++my_errors;
          if (my_error.empty()) {
            my_error = paths[p] + ": " +
                       (res ? std::to_string(res->status) + " " + res->body.substr(0, 200)
                            : httplib::to_string(res.error()));
          }
          continue;
        }
        mine.push_back({p, std::chrono::duration<double, std::milli>(t1 - t0).count()});
      }
      std::lock_guard<std::mutex> lock(mutex);
      samples.insert(samples.end(), mine.begin(), mine.end());
      errors += my_errors;
      if (first_error.empty()) first_error = my_error;
    });
  }
  for (auto& t : threads)
    t.join();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::vector<double> all;
  std::map<size_t, std::vector<double>> by_path;
  for (const auto& s : samples) {
    all.push_back(s.ms);
    by_path[s.path].push_back(s.ms);
  }
  std::printf("clients=%d requests=%zu errors=%d seconds=%.1f rps=%.0f\n", clients, all.size(),
              errors, seconds, static_cast<double>(all.size()) / seconds);
  print("all", all);
  for (const auto& [p, ms] : by_path)
    print(paths[p].c_str(), ms);
  if (!first_error.empty()) std::fprintf(stderr, "first error: %s\n", first_error.c_str());
  return errors == 0 ? 0 : 1;
}
