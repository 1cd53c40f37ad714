#include "src/http/retrying_client.h"

#include <utility>

namespace athena::http {

struct RetryingClient::Call {
  HttpRequest request;
  Done done;
  MayResend may_resend;
  int number = 0;
};

bool RetriedResponse::origin_answered() const {
  return response.status != 0 && response.status != 502 && response.status != 504;
}

bool RetriedResponse::may_apply_later() const {
  return !origin_answered() && !response.never_sent();
}

RetryingClient::RetryingClient(HttpOptions http, RetrySettings retry)
    : http_(std::move(http)), retry_(std::move(retry)), rng_(std::random_device{}()) {}

void RetryingClient::send(HttpRequest request, Done done, MayResend may_resend) {
  auto call = std::make_shared<Call>();
  call->request = std::move(request);
  call->done = std::move(done);
  call->may_resend = std::move(may_resend);
  attempt(call);
}

void RetryingClient::attempt(const std::shared_ptr<Call>& call) {
  ++call->number;
  ++attempts_;
  http_.start(call->request, [this, call](HttpResponse&& r) {
    const bool worth_it = retry_.retry_when
                              ? retry_.retry_when(r)
                              : is_retryable(classify_attempt(r.status, r.transport_error));
    const bool retryable = worth_it && (!call->may_resend || call->may_resend(r));
    if (retryable && call->number < retry_.max_attempts) {
      ++retries_;
      RetryPolicy policy;
      policy.base_seconds = retry_.base_seconds;
      policy.max_backoff_seconds = retry_.max_backoff_seconds;
      const double rand01 =
          retry_.min_jitter +
          (1.0 - retry_.min_jitter) * std::uniform_real_distribution<double>(0, 1)(rng_);
      http_.schedule(SteadyClock::now() + backoff_delay(policy, call->number, rand01),
                     [this, call] { attempt(call); });
      return;
    }
    call->done(RetriedResponse{std::move(r), call->number});
  });
}

RetriedResponse RetryingClient::call(HttpRequest request) {
  RetriedResponse out;
  send(std::move(request), [&out](RetriedResponse&& r) { out = std::move(r); });
  run();
  return out;
}

} // namespace athena::http
