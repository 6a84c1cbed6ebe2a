// One shared connection per server, for the catalog and every scan of a
// client. Thread-safe. A broken or suspect (timed-out) connection is replaced
// on the next Get(), so reconnection after a failure needs no caller action
// beyond a retry. Connecting and destroying a replaced connection happen
// outside the pool's mutex, so one slow server never stalls calls to others.
#pragma once

#include <map>
#include <memory>
#include <mutex>

#include "common/endpoint.h"
#include "obs/metrics.h"
#include "rpc/circuit_breaker.h"
#include "rpc/connection.h"

namespace fluss_native::rpc {

// A request started through the pool: waits for its answer with the deadline
// it was started with and books the same metrics as ConnectionPool::Call
// (one request, its latency from Start, an error when it fails).
class PooledCall {
 public:
  // An empty call (what Result<PooledCall> holds on an error); Wait fails.
  PooledCall() = default;
  PooledCall(std::shared_ptr<PendingCall> call, Clock::time_point start, Clock::time_point deadline,
             obs::Metrics* metrics, CircuitBreaker* breaker = nullptr)
      : call_(std::move(call)), start_(start), deadline_(deadline), metrics_(metrics), breaker_(breaker) {}

  // Blocks until the answer or the call's deadline; call once. Errors name the
  // API and the server.
  // With `cancel`: Cancelled within kCancelPollInterval of its Cancel().
  Result<std::string> Wait(const CancellationToken* cancel = nullptr);

  Clock::time_point deadline() const { return deadline_; }

 private:
  std::shared_ptr<PendingCall> call_;
  Clock::time_point start_;
  Clock::time_point deadline_;
  obs::Metrics* metrics_ = nullptr;
  CircuitBreaker* breaker_ = nullptr;  // the pool's; outlives the call's use of it
};

// Every call through the pool passes the pool's circuit breaker: a server
// with an open circuit fails fast (circuit_breaker.h).
class ConnectionPool {
 public:
  ConnectionPool(ConnectionOptions options, obs::Metrics* metrics, CircuitBreakerOptions breaker = {},
                 CircuitBreaker::NowFn now = &Clock::now)
      : options_(std::move(options)), metrics_(metrics), breaker_(breaker, std::move(now)) {}

  // The usable connection to `endpoint`, opened (before `deadline`) when
  // there is none.
  Result<std::shared_ptr<ServerConnection>> Get(const Endpoint& endpoint, Clock::time_point deadline);
  Result<std::shared_ptr<ServerConnection>> Get(const Endpoint& endpoint);

  // Sends one request to `endpoint`, opening or replacing the connection as
  // needed. Errors name the API and the server.
  Result<std::string> Call(const Endpoint& endpoint, ApiKey key, std::string_view body,
                           Clock::time_point deadline);
  // Sends one request and returns at once; PooledCall::Wait gets the answer.
  // Call == Start + Wait.
  Result<PooledCall> Start(const Endpoint& endpoint, ApiKey key, std::string_view body,
                           Clock::time_point deadline);

  void CloseAll();
  size_t size() const;
  CircuitBreaker& breaker() { return breaker_; }
  const CircuitBreaker& breaker() const { return breaker_; }

 private:
  const ConnectionOptions options_;
  obs::Metrics* metrics_;
  CircuitBreaker breaker_;
  mutable std::mutex mu_;
  std::map<Endpoint, std::shared_ptr<ServerConnection>> connections_;
};

}  // namespace fluss_native::rpc
