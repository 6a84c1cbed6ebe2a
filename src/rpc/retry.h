// Bounded exponential backoff for retriable failures (seed §6.4): a call is
// repeated only while its Status is retriable, at most max_retries times,
// sleeping initial·2^k (capped) with ±20% jitter between attempts.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <random>
#include <thread>

#include "fluss_native/status.h"

namespace fluss_native::rpc {

struct RetryPolicy {
  int max_retries = 5;
  std::chrono::milliseconds initial_backoff{100};
  std::chrono::milliseconds max_backoff{5000};

  // Backoff before retry number `attempt` (1-based), before jitter.
  std::chrono::milliseconds BackoffFor(int attempt) const {
    int64_t ms = initial_backoff.count();
    for (int i = 1; i < attempt && ms < max_backoff.count(); ++i) ms *= 2;
    return std::chrono::milliseconds(std::min<int64_t>(ms, max_backoff.count()));
  }
};

// Runs `op` until it succeeds, fails non-retriably, or retries run out.
// `on_retry` runs before each retry (e.g. to refresh metadata) and receives
// the failure that caused it. The final failure says how many attempts ran.
template <typename T>
Result<T> WithRetry(const RetryPolicy& policy, const std::function<Result<T>()>& op,
                    const std::function<void(const Status&)>& on_retry = nullptr) {
  thread_local std::minstd_rand jitter_rng(std::random_device{}());
  for (int attempt = 0;; ++attempt) {
    Result<T> r = op();
    if (r.ok() || !r.status().retriable()) return r;
    if (attempt >= policy.max_retries) {
      if (attempt == 0) return r;
      return r.status().WithContext("gave up after " + std::to_string(attempt + 1) + " attempts");
    }
    if (on_retry) on_retry(r.status());
    auto base = policy.BackoffFor(attempt + 1).count();
    std::uniform_int_distribution<int64_t> jitter(base * 8 / 10, base * 12 / 10);
    std::this_thread::sleep_for(std::chrono::milliseconds(jitter(jitter_rng)));
  }
}

}  // namespace fluss_native::rpc
