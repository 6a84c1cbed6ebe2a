#include "rpc/connection_pool.h"

namespace fluss_native::rpc {

Result<std::shared_ptr<ServerConnection>> ConnectionPool::Get(const Endpoint& endpoint) {
  return Get(endpoint, Clock::now() + options_.connect_timeout);
}

Result<std::shared_ptr<ServerConnection>> ConnectionPool::Get(const Endpoint& endpoint,
                                                              Clock::time_point deadline) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = connections_.find(endpoint);
    if (it != connections_.end() && it->second->usable()) return it->second;
  }
  // Connect outside the lock so one slow server does not stall calls to others.
  metrics_->connection_attempts.fetch_add(1);
  auto opened = ServerConnection::Open(endpoint, options_, deadline);
  if (!opened.ok()) {
    metrics_->connection_failures.fetch_add(1);
    return opened.status();
  }
  // Declared before the lock: a replaced connection (or ours, when another
  // thread won the race) is destroyed after the mutex is released.
  std::shared_ptr<ServerConnection> retired;
  std::lock_guard<std::mutex> lock(mu_);
  auto& slot = connections_[endpoint];
  if (slot && slot->usable()) {
    retired = std::move(*opened);
    return slot;
  }
  retired = std::move(slot);
  slot = std::move(*opened);
  return slot;
}

namespace {

Status Named(const Status& status, ApiKey key, const Endpoint& endpoint) {
  return status.WithContext(std::string(ApiKeyName(key)) + " to server " + endpoint.ToString());
}

// The breaker's state for `endpoint` as the fluss_circuit_breaker_state gauge.
void PublishBreakerState(const CircuitBreaker& breaker, const Endpoint& endpoint, obs::Metrics& metrics) {
  obs::BreakerState state = obs::BreakerState::kClosed;
  switch (breaker.state(endpoint)) {
    case CircuitState::kClosed: state = obs::BreakerState::kClosed; break;
    case CircuitState::kOpen: state = obs::BreakerState::kOpen; break;
    case CircuitState::kHalfOpen: state = obs::BreakerState::kHalfOpen; break;
  }
  metrics.SetCircuitBreakerState(endpoint.ToString(), state);
}

}  // namespace

Result<std::string> PooledCall::Wait(const CancellationToken* cancel) {
  if (!call_ || !metrics_) return Status::Internal("wait on a call that was never started");
  Result<std::string> result = call_->Wait(deadline_, cancel);
  if (!result.ok() && result.status().code() == StatusCode::kCancelled) return result;
  if (breaker_ != nullptr) {
    if (!result.ok() && CircuitBreaker::IsServerFailure(result.status())) {
      breaker_->RecordFailure(call_->endpoint());
    } else {
      breaker_->RecordSuccess(call_->endpoint());
    }
    PublishBreakerState(*breaker_, call_->endpoint(), *metrics_);
  }
  const auto took = Clock::now() - start_;
  metrics_->rpc_latency.Record(took);
  obs::RpcApiStats& api = metrics_->Rpc(static_cast<int>(call_->key()), ApiKeyName(call_->key()));
  api.latency.Record(took);
  if (!result.ok()) {
    metrics_->rpc_errors.fetch_add(1);
    api.errors.fetch_add(1, std::memory_order_relaxed);
    return Named(result.status(), call_->key(), call_->endpoint());
  }
  return result;
}

Result<PooledCall> ConnectionPool::Start(const Endpoint& endpoint, ApiKey key, std::string_view body,
                                         Clock::time_point deadline) {
  auto start = Clock::now();
  metrics_->rpc_requests.fetch_add(1);
  obs::RpcApiStats& api = metrics_->Rpc(static_cast<int>(key), ApiKeyName(key));
  api.requests.fetch_add(1, std::memory_order_relaxed);
  Status admitted = breaker_.Admit(endpoint);
  PublishBreakerState(breaker_, endpoint, *metrics_);
  if (!admitted.ok()) {
    metrics_->rpc_errors.fetch_add(1);
    api.errors.fetch_add(1, std::memory_order_relaxed);
    return Named(admitted, key, endpoint);
  }
  auto conn = Get(endpoint, deadline);
  auto call = conn.ok() ? (*conn)->Start(key, body, deadline)
                        : Result<std::shared_ptr<PendingCall>>(conn.status());
  if (!call.ok()) {
    if (CircuitBreaker::IsServerFailure(call.status())) breaker_.RecordFailure(endpoint);
    PublishBreakerState(breaker_, endpoint, *metrics_);
    metrics_->rpc_latency.Record(Clock::now() - start);
    api.latency.Record(Clock::now() - start);
    metrics_->rpc_errors.fetch_add(1);
    api.errors.fetch_add(1, std::memory_order_relaxed);
    return Named(call.status(), key, endpoint);
  }
  return PooledCall(std::move(call).value(), start, deadline, metrics_, &breaker_);
}

Result<std::string> ConnectionPool::Call(const Endpoint& endpoint, ApiKey key,
                                         std::string_view body, Clock::time_point deadline) {
  FN_ASSIGN_OR_RETURN(PooledCall call, Start(endpoint, key, body, deadline));
  return call.Wait();
}

void ConnectionPool::CloseAll() {
  std::map<Endpoint, std::shared_ptr<ServerConnection>> connections;
  {
    std::lock_guard<std::mutex> lock(mu_);
    connections.swap(connections_);
  }
  for (auto& [ep, conn] : connections) conn->Close();
  // Destroyed here, outside the mutex; Close made each destructor prompt.
}

size_t ConnectionPool::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return connections_.size();
}

}  // namespace fluss_native::rpc
