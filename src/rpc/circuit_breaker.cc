#include "rpc/circuit_breaker.h"

#include <string>

namespace fluss_native::rpc {

const char* CircuitStateName(CircuitState state) {
  switch (state) {
    case CircuitState::kClosed: return "closed";
    case CircuitState::kOpen: return "open";
    case CircuitState::kHalfOpen: return "half-open";
  }
  return "unknown";
}

bool CircuitBreaker::IsServerFailure(const Status& status) {
  return status.code() == StatusCode::kNetwork || status.code() == StatusCode::kTimeout;
}

void CircuitBreaker::Open(Entry& e, Clock::time_point now) {
  e.state = CircuitState::kOpen;
  e.opened_at = now;
  e.probe_in_flight = false;
  ++trips_;
}

Status CircuitBreaker::Admit(const Endpoint& endpoint) {
  if (options_.failure_threshold <= 0) return Status::OK();
  const Clock::time_point now = now_();
  std::lock_guard<std::mutex> lock(mu_);
  auto it = entries_.find(endpoint);
  if (it == entries_.end() || it->second.state == CircuitState::kClosed) return Status::OK();
  Entry& e = it->second;
  if (e.state == CircuitState::kOpen && now - e.opened_at >= options_.cooldown) {
    e.state = CircuitState::kHalfOpen;
    e.probe_in_flight = false;
  }
  // A probe whose outcome never came back (its caller gave up) does not
  // hold the circuit half-open forever: after a cooldown another may go.
  if (e.state == CircuitState::kHalfOpen &&
      (!e.probe_in_flight || now - e.probe_started >= options_.cooldown)) {
    e.probe_in_flight = true;
    e.probe_started = now;
    return Status::OK();
  }
  ++rejected_;
  const auto wait = e.state == CircuitState::kOpen
                        ? std::chrono::duration_cast<std::chrono::milliseconds>(options_.cooldown - (now - e.opened_at))
                        : std::chrono::milliseconds(0);
  return Status(StatusCode::kNetwork,
                "circuit breaker open for server " + endpoint.ToString() + " after " +
                    std::to_string(e.consecutive_failures) + " consecutive failures; " +
                    (e.state == CircuitState::kOpen ? "next probe in " + std::to_string(wait.count()) + " ms"
                                                    : std::string("a probe is in flight")),
                /*retriable=*/true);
}

void CircuitBreaker::RecordSuccess(const Endpoint& endpoint) {
  if (options_.failure_threshold <= 0) return;
  std::lock_guard<std::mutex> lock(mu_);
  auto it = entries_.find(endpoint);
  if (it == entries_.end()) return;
  entries_.erase(it);  // closed with no failures: nothing to remember
}

void CircuitBreaker::RecordFailure(const Endpoint& endpoint) {
  if (options_.failure_threshold <= 0) return;
  const Clock::time_point now = now_();
  std::lock_guard<std::mutex> lock(mu_);
  Entry& e = entries_[endpoint];
  ++e.consecutive_failures;
  if (e.state == CircuitState::kHalfOpen) {
    Open(e, now);  // the probe failed
  } else if (e.state == CircuitState::kClosed && e.consecutive_failures >= options_.failure_threshold) {
    Open(e, now);
  }
  // Already open: a call admitted before the circuit opened failed late.
}

CircuitState CircuitBreaker::state(const Endpoint& endpoint) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = entries_.find(endpoint);
  return it == entries_.end() ? CircuitState::kClosed : it->second.state;
}

int64_t CircuitBreaker::open_circuits() const {
  std::lock_guard<std::mutex> lock(mu_);
  int64_t n = 0;
  for (const auto& [ep, e] : entries_) n += e.state != CircuitState::kClosed ? 1 : 0;
  return n;
}

int64_t CircuitBreaker::trips() const {
  std::lock_guard<std::mutex> lock(mu_);
  return trips_;
}

int64_t CircuitBreaker::rejected_calls() const {
  std::lock_guard<std::mutex> lock(mu_);
  return rejected_;
}

}  // namespace fluss_native::rpc
