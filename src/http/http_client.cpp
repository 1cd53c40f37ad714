#include "src/http/http_client.h"

#include <algorithm>
#include <deque>
#include <map>
#include <mutex>
#include <stdexcept>
#include <utility>

#include <curl/curl.h>

namespace athena::http {
namespace {

/// transport_error of a request its on_send hook cancelled.
constexpr int kCancelled = -1;

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    auto la = static_cast<char>(a[i] >= 'A' && a[i] <= 'Z' ? a[i] - 'A' + 'a' : a[i]);
    auto lb = static_cast<char>(b[i] >= 'A' && b[i] <= 'Z' ? b[i] - 'A' + 'a' : b[i]);
    if (la != lb) return false;
  }
  return true;
}

struct Transfer {
  HttpRequest request;
  HttpClient::Callback done;
  HttpResponse response;
  curl_slist* header_list = nullptr;
  CURL* easy = nullptr;
};

size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  t->response.body.append(data, size * count);
  return size * count;
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  std::string_view line(data, size * count);
  if (line.starts_with("HTTP/")) {
    t->response.headers.clear(); // a new response (after 100-continue or a redirect)
    return size * count;
  }
  size_t colon = line.find(':');
  if (colon != std::string_view::npos) {
    std::string_view name = line.substr(0, colon);
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
      value.remove_prefix(1);
    while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' '))
      value.remove_suffix(1);
    t->response.headers.push_back({std::string(name), std::string(value)});
  }
  return size * count;
}

} // namespace

std::string HttpResponse::header(std::string_view name) const {
  for (const auto& h : headers) {
    if (iequals(h.name, name)) return h.value;
  }
  return {};
}

bool HttpResponse::never_sent() const {
  return transport_error == kCancelled || transport_error == CURLE_COULDNT_CONNECT ||
         transport_error == CURLE_COULDNT_RESOLVE_HOST ||
         transport_error == CURLE_SSL_CONNECT_ERROR;
}

bool is_http_url(std::string_view url) {
  std::string_view rest;
  if (url.starts_with("http://")) {
    rest = url.substr(7);
  } else if (url.starts_with("https://")) {
    rest = url.substr(8);
  } else {
    return false;
  }
  return !rest.empty() && rest.front() != '/';
}

struct HttpClient::Impl {
  CURLM* multi = nullptr;
  std::deque<std::unique_ptr<Transfer>> waiting;
  std::map<CURL*, std::unique_ptr<Transfer>> running;
  std::multimap<SteadyTime, std::function<void()>> timers;
  std::vector<CURL*> idle_handles;
  std::vector<std::unique_ptr<Transfer>> cancelled; // their callbacks run next in run()
  const HttpOptions* options = nullptr;

  ~Impl() {
    for (auto& [easy, t] : running) {
      curl_multi_remove_handle(multi, easy);
      curl_easy_cleanup(easy);
      curl_slist_free_all(t->header_list);
    }
    for (CURL* e : idle_handles)
      curl_easy_cleanup(e);
    if (multi != nullptr) curl_multi_cleanup(multi);
  }

  void launch(std::unique_ptr<Transfer> t) {
    if (t->request.on_send) {
      const util::Status go = t->request.on_send();
      if (!go.ok()) {
        t->response.transport_error = kCancelled;
        t->response.transport_message = go.error();
        cancelled.push_back(std::move(t));
        return;
      }
    }
    CURL* easy = nullptr;
    if (!idle_handles.empty()) {
      easy = idle_handles.back();
      idle_handles.pop_back();
      curl_easy_reset(easy);
    } else {
      easy = curl_easy_init();
      if (easy == nullptr) throw std::runtime_error("libcurl: curl_easy_init failed");
    }
    t->easy = easy;
    const HttpRequest& r = t->request;
    curl_easy_setopt(easy, CURLOPT_URL, r.url.c_str());
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!options->ca_bundle.empty())
      curl_easy_setopt(easy, CURLOPT_CAINFO, options->ca_bundle.c_str());
    curl_easy_setopt(easy, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
    const auto connect =
        r.connect_timeout.count() > 0 ? r.connect_timeout : options->connect_timeout;
    const auto total = r.total_timeout.count() > 0 ? r.total_timeout : options->total_timeout;
    curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(connect.count()));
    curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(total.count()));
    curl_easy_setopt(easy, CURLOPT_USERAGENT, options->user_agent.c_str());
    if (r.fresh_connection) {
      curl_easy_setopt(easy, CURLOPT_FRESH_CONNECT, 1L);
      curl_easy_setopt(easy, CURLOPT_FORBID_REUSE, 1L);
    }
    if (r.method == "GET") {
      curl_easy_setopt(easy, CURLOPT_HTTPGET, 1L);
    } else {
      curl_easy_setopt(easy, CURLOPT_POST, 1L);
      curl_easy_setopt(easy, CURLOPT_POSTFIELDS, r.body.data());
      curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(r.body.size()));
      if (r.method != "POST") curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, r.method.c_str());
    }
    // No `Expect: 100-continue` (it would cost a round trip and is never signed) and no
    // default Content-Type from libcurl: the caller's headers are the ones that were signed.
    t->header_list = curl_slist_append(t->header_list, "Expect:");
    t->header_list = curl_slist_append(t->header_list, "Accept:");
    bool has_content_type = false;
    for (const auto& h : r.headers) {
      if (iequals(h.name, "content-type")) has_content_type = true;
      std::string line = h.name + ": " + h.value;
      t->header_list = curl_slist_append(t->header_list, line.c_str());
    }
    if (!has_content_type && r.method != "GET") {
      t->header_list = curl_slist_append(t->header_list, "Content-Type:");
    }
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, t->header_list);
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, t.get());
    curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, t.get());
    curl_multi_add_handle(multi, easy);
    running.emplace(easy, std::move(t));
  }

  void finish(CURL* easy, CURLcode code) {
    auto it = running.find(easy);
    if (it == running.end()) return;
    std::unique_ptr<Transfer> t = std::move(it->second);
    running.erase(it);
    curl_multi_remove_handle(multi, easy);
    if (code == CURLE_OK) {
      curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &t->response.status);
    } else {
      t->response.status = 0;
      t->response.transport_error = static_cast<int>(code);
      t->response.transport_message = curl_easy_strerror(code);
    }
    curl_slist_free_all(t->header_list);
    t->header_list = nullptr;
    idle_handles.push_back(easy);
    t->done(std::move(t->response));
  }
};

HttpClient::HttpClient(HttpOptions options) : options_(std::move(options)), impl_(new Impl) {
  global_init();
  impl_->options = &options_;
  impl_->multi = curl_multi_init();
  if (impl_->multi == nullptr) throw std::runtime_error("libcurl: curl_multi_init failed");
  curl_multi_setopt(impl_->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS,
                    static_cast<long>(std::max<std::size_t>(options_.max_parallel, 1)));
  curl_multi_setopt(impl_->multi, CURLMOPT_MAXCONNECTS,
                    static_cast<long>(std::max<std::size_t>(options_.max_parallel, 1)));
}

HttpClient::~HttpClient() = default;

void HttpClient::start(HttpRequest request, Callback done) {
  auto t = std::make_unique<Transfer>();
  t->request = std::move(request);
  t->done = std::move(done);
  impl_->waiting.push_back(std::move(t));
}

void HttpClient::schedule(SteadyTime when, std::function<void()> task) {
  impl_->timers.emplace(when, std::move(task));
}

void HttpClient::run() {
  Impl& m = *impl_;
  const std::size_t limit = std::max<std::size_t>(options_.max_parallel, 1);
  while (!m.waiting.empty() || !m.running.empty() || !m.timers.empty() || !m.cancelled.empty()) {
    // Timers that are due run first; they may start requests or schedule more timers.
    const SteadyTime now = SteadyClock::now();
    while (!m.timers.empty() && m.timers.begin()->first <= now) {
      auto task = std::move(m.timers.begin()->second);
      m.timers.erase(m.timers.begin());
      task();
    }
    while (!m.waiting.empty() && m.running.size() < limit) {
      auto t = std::move(m.waiting.front());
      m.waiting.pop_front();
      m.launch(std::move(t));
    }
    if (!m.cancelled.empty()) {
      auto cancelled = std::move(m.cancelled);
      m.cancelled.clear();
      for (auto& t : cancelled)
        t->done(std::move(t->response));
      continue;
    }
    if (m.running.empty()) {
      if (m.waiting.empty() && !m.timers.empty()) {
        const auto wait = m.timers.begin()->first - SteadyClock::now();
        if (wait.count() > 0) {
          int ms = static_cast<int>(
              std::chrono::duration_cast<std::chrono::milliseconds>(wait).count() + 1);
          curl_multi_poll(m.multi, nullptr, 0, ms, nullptr);
        }
      }
      continue;
    }
    int still_running = 0;
    curl_multi_perform(m.multi, &still_running);
    int queued = 0;
    while (CURLMsg* msg = curl_multi_info_read(m.multi, &queued)) {
      if (msg->msg == CURLMSG_DONE) m.finish(msg->easy_handle, msg->data.result);
    }
    if (!m.waiting.empty() && m.running.size() < limit) continue;
    int wait_ms = 100;
    if (!m.timers.empty()) {
      auto until = std::chrono::duration_cast<std::chrono::milliseconds>(m.timers.begin()->first -
                                                                         SteadyClock::now())
                       .count();
      wait_ms = static_cast<int>(std::clamp<long long>(until + 1, 0, 100));
    }
    if (still_running > 0 || !m.running.empty()) {
      curl_multi_poll(m.multi, nullptr, 0, wait_ms, nullptr);
    }
  }
}

HttpResponse HttpClient::perform(HttpRequest request) {
  HttpResponse out;
  start(std::move(request), [&out](HttpResponse&& r) { out = std::move(r); });
  run();
  return out;
}

} // namespace athena::http
