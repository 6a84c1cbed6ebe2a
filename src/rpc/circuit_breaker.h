// A circuit breaker per server (seed §6.1): after `failure_threshold`
// consecutive transport failures (connect, read/write, timeout) against one
// endpoint, calls to it fail fast for `cooldown` instead of each waiting out
// a connect or request timeout; then one probe call is let through
// (half-open). The probe's success closes the circuit; its failure opens it
// for another cooldown. An answer from the server, even an error answer
// (unknown table, not leader), is a success: the server is reachable.
//
// Thread-safe. The clock is injected so tests can step through cooldowns.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>

#include "common/endpoint.h"
#include "fluss_native/status.h"

namespace fluss_native::rpc {

struct CircuitBreakerOptions {
  // Consecutive failures that open a circuit; 0 turns the breaker off.
  int failure_threshold = 5;
  std::chrono::milliseconds cooldown{2000};
};

enum class CircuitState { kClosed, kOpen, kHalfOpen };
const char* CircuitStateName(CircuitState state);

class CircuitBreaker {
 public:
  using Clock = std::chrono::steady_clock;
  using NowFn = std::function<Clock::time_point()>;

  explicit CircuitBreaker(CircuitBreakerOptions options, NowFn now = &Clock::now)
      : options_(options), now_(std::move(now)) {}

  // OK when a call to `endpoint` may go ahead (closed, or this is the
  // half-open probe); else a retriable Network error that names the server,
  // the failures that opened the circuit and when the next probe may run.
  Status Admit(const Endpoint& endpoint);
  // The outcome of an admitted call.
  void RecordSuccess(const Endpoint& endpoint);
  void RecordFailure(const Endpoint& endpoint);
  // Whether a call's status counts against the server: transport failures
  // (Network, Timeout), not server answers or cancellation.
  static bool IsServerFailure(const Status& status);

  CircuitState state(const Endpoint& endpoint) const;
  // Circuits currently open or half-open (for a breaker-state metric).
  int64_t open_circuits() const;
  // Times any circuit has opened, and calls refused while open.
  int64_t trips() const;
  int64_t rejected_calls() const;

 private:
  struct Entry {
    CircuitState state = CircuitState::kClosed;
    int consecutive_failures = 0;
    Clock::time_point opened_at{};
    bool probe_in_flight = false;
    Clock::time_point probe_started{};
  };
  void Open(Entry& e, Clock::time_point now);

  const CircuitBreakerOptions options_;
  const NowFn now_;
  mutable std::mutex mu_;
  std::map<Endpoint, Entry> entries_;
  int64_t trips_ = 0;
  int64_t rejected_ = 0;
};

}  // namespace fluss_native::rpc
