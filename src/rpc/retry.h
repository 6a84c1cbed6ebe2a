// Bounded exponential backoff for retriable failures (seed §6.4): a call is
// repeated only while its Status is retriable, at most max_retries times,
// sleeping initial·2^k (capped) with ±20% jitter between attempts, and never
// past the call's overall deadline (call_timeout from the first attempt):
// a retry whose backoff would end past the deadline is not made. A caller's
// CancellationToken ends a backoff early: the wait looks at it every
// kCancelPollInterval instead of sleeping the whole pause.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>
#include <random>
#include <string>
#include <thread>

#include "fluss_native/host.h"
#include "fluss_native/status.h"
#include "rpc/cancel_poll.h"

namespace fluss_native::rpc {

struct RetryPolicy {
  int max_retries = 5;
  std::chrono::milliseconds initial_backoff{100};
  std::chrono::milliseconds max_backoff{5000};
  // Overall deadline of one call across all its attempts and backoffs.
  std::chrono::milliseconds call_timeout{60000};

  // Backoff before retry number `attempt` (1-based), before jitter.
  std::chrono::milliseconds BackoffFor(int attempt) const {
    int64_t ms = initial_backoff.count();
    for (int i = 1; i < attempt && ms < max_backoff.count(); ++i) ms *= 2;
    return std::chrono::milliseconds(std::min<int64_t>(ms, max_backoff.count()));
  }
};

// now + `timeout`, saturating instead of overflowing for absurd timeouts.
inline std::chrono::steady_clock::time_point DeadlineAfter(std::chrono::milliseconds timeout) {
  constexpr auto kLongest = std::chrono::hours(24 * 365 * 10);
  auto now = std::chrono::steady_clock::now();
  return timeout > kLongest ? now + kLongest : now + timeout;
}

// Pauses for `pause`, or less when `cancel` (may be null) is cancelled
// meanwhile: returns true then.
inline bool BackoffCancelled(std::chrono::milliseconds pause, const CancellationToken* cancel) {
  if (cancel == nullptr) {
    std::this_thread::sleep_for(pause);
    return false;
  }
  const auto end = std::chrono::steady_clock::now() + pause;
  for (;;) {
    if (cancel->cancelled()) return true;
    const auto now = std::chrono::steady_clock::now();
    if (now >= end) return false;
    std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(end - now, kCancelPollInterval));
  }
}

// Runs `op(deadline)` until it succeeds, fails non-retriably, retries run out
// or the overall deadline (now + policy.call_timeout, or `deadline` when
// earlier) leaves no room for another attempt. `op` receives the overall
// deadline and must not wait past it. `on_retry` runs before each retry (e.g.
// to refresh metadata) and receives the failure that caused it. The final
// failure says how many attempts ran and why retrying stopped. With
// `cancel`, a backoff in progress ends within kCancelPollInterval of its
// Cancel() with a Cancelled error carrying the last failure.
template <typename T>
Result<T> WithRetry(const RetryPolicy& policy, std::chrono::steady_clock::time_point deadline,
                    const std::function<Result<T>(std::chrono::steady_clock::time_point)>& op,
                    const std::function<void(const Status&)>& on_retry = nullptr,
                    const CancellationToken* cancel = nullptr) {
  using Clock = std::chrono::steady_clock;
  thread_local std::minstd_rand jitter_rng(std::random_device{}());
  deadline = std::min(deadline, DeadlineAfter(policy.call_timeout));
  for (int attempt = 0;; ++attempt) {
    if (cancel != nullptr && cancel->cancelled()) return Status::Cancelled("cancelled before attempt " + std::to_string(attempt + 1));
    Result<T> r = op(deadline);
    if (r.ok() || !r.status().retriable()) return r;
    if (attempt >= policy.max_retries) {
      if (attempt == 0) return r;
      return r.status().WithContext("gave up after " + std::to_string(attempt + 1) + " attempts");
    }
    auto base = policy.BackoffFor(attempt + 1).count();
    std::uniform_int_distribution<int64_t> jitter(base * 8 / 10, base * 12 / 10);
    auto backoff = std::chrono::milliseconds(jitter(jitter_rng));
    if (Clock::now() + backoff >= deadline) {
      return r.status().WithContext(
          "gave up after " + std::to_string(attempt + 1) + " attempt" + (attempt ? "s" : "") +
          ": the call's deadline of " + std::to_string(policy.call_timeout.count()) + " ms leaves no room for another");
    }
    if (on_retry) on_retry(r.status());
    if (BackoffCancelled(backoff, cancel)) {
      return Status::Cancelled("cancelled during the " + std::to_string(backoff.count()) + " ms backoff after attempt " +
                               std::to_string(attempt + 1) + " (which failed: " + r.status().ToString() + ")");
    }
  }
}

// As above, for an `op` that bounds each attempt itself (e.g. by the request
// timeout): attempts are still not started past the overall deadline.
template <typename T>
Result<T> WithRetry(const RetryPolicy& policy, const std::function<Result<T>()>& op,
                    const std::function<void(const Status&)>& on_retry = nullptr,
                    const CancellationToken* cancel = nullptr) {
  std::function<Result<T>(std::chrono::steady_clock::time_point)> bounded =
      [&](std::chrono::steady_clock::time_point) { return op(); };
  return WithRetry<T>(policy, std::chrono::steady_clock::time_point::max(), bounded, on_retry, cancel);
}

}  // namespace fluss_native::rpc
