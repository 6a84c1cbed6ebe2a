#include "rpc/connection_pool.h"

namespace fluss_native::rpc {

Result<std::shared_ptr<ServerConnection>> ConnectionPool::Get(const Endpoint& endpoint) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = connections_.find(endpoint);
    if (it != connections_.end() && !it->second->broken()) return it->second;
  }
  // Connect outside the lock so one slow server does not stall calls to others.
  metrics_->connection_attempts.fetch_add(1);
  auto opened = ServerConnection::Open(endpoint, options_);
  if (!opened.ok()) {
    metrics_->connection_failures.fetch_add(1);
    return opened.status();
  }
  std::lock_guard<std::mutex> lock(mu_);
  auto& slot = connections_[endpoint];
  if (slot && !slot->broken()) return slot;  // another thread won the race
  slot = *opened;
  return slot;
}

Result<std::string> ConnectionPool::Call(const Endpoint& endpoint, ApiKey key,
                                         std::string_view body, Clock::time_point deadline) {
  auto start = Clock::now();
  metrics_->rpc_requests.fetch_add(1);
  auto conn = Get(endpoint);
  Result<std::string> result = conn.ok() ? (*conn)->Call(key, body, deadline) : conn.status();
  metrics_->rpc_latency.Record(Clock::now() - start);
  if (!result.ok()) {
    metrics_->rpc_errors.fetch_add(1);
    return result.status().WithContext(std::string(ApiKeyName(key)) + " to server " +
                                       endpoint.ToString());
  }
  return result;
}

void ConnectionPool::CloseAll() {
  std::map<Endpoint, std::shared_ptr<ServerConnection>> connections;
  {
    std::lock_guard<std::mutex> lock(mu_);
    connections.swap(connections_);
  }
  for (auto& [ep, conn] : connections) conn->Close();
}

size_t ConnectionPool::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return connections_.size();
}

}  // namespace fluss_native::rpc
