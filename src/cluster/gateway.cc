#include "cluster/gateway.h"

#include <algorithm>
#include <functional>


namespace fluss_native::cluster {
namespace {

rpc::ConnectionOptions ToConnectionOptions(const ClientConfig& c) {
  rpc::ConnectionOptions o;
  o.connect_timeout = c.connect_timeout;
  o.max_frame_bytes = c.max_frame_bytes;
  o.sasl = c.security_protocol != "PLAINTEXT";
  o.sasl_username = c.sasl_username;
  o.sasl_password = c.sasl_password;
  o.keepalive_idle = std::chrono::ceil<std::chrono::seconds>(c.tcp_keepalive_idle);
  o.keepalive_interval = std::chrono::ceil<std::chrono::seconds>(c.tcp_keepalive_interval);
  o.keepalive_count = c.tcp_keepalive_count;
  o.tcp_user_timeout = c.tcp_user_timeout;
  return o;
}

}  // namespace

Gateway::Gateway(ClientConfig config, std::vector<Endpoint> bootstrap, obs::Metrics* metrics)
    : config_(std::move(config)),
      bootstrap_(std::move(bootstrap)),
      metrics_(metrics),
      retry_{config_.max_retries, config_.retry_backoff, config_.retry_max_backoff, config_.call_timeout},
      pool_(ToConnectionOptions(config_), metrics,
            rpc::CircuitBreakerOptions{config_.circuit_breaker_failure_threshold, config_.circuit_breaker_cooldown}) {}

std::vector<Endpoint> Gateway::Candidates() const {
  std::vector<Endpoint> out;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (cluster_.coordinator) out.push_back({cluster_.coordinator->host, cluster_.coordinator->port});
  }
  for (const auto& b : bootstrap_) {
    if (std::find(out.begin(), out.end(), b) == out.end()) out.push_back(b);
  }
  return out;
}

Result<std::string> Gateway::CallAny(rpc::ApiKey key, const std::string& body, const CancellationToken* cancel) {
  size_t rotation = 0;
  std::function<Result<std::string>(rpc::Clock::time_point)> op =
      [&](rpc::Clock::time_point overall) -> Result<std::string> {
    auto candidates = Candidates();
    if (candidates.empty()) return Status::InvalidArgument("no bootstrap server to send " +
                                                           std::string(rpc::ApiKeyName(key)) + " to");
    const Endpoint& ep = candidates[rotation % candidates.size()];
    if (cancel == nullptr) return pool_.Call(ep, key, body, AttemptDeadline(overall));
    FN_ASSIGN_OR_RETURN(rpc::PooledCall call, pool_.Start(ep, key, body, AttemptDeadline(overall)));
    return call.Wait(cancel);
  };
  std::function<void(const Status&)> on_retry = [&](const Status&) {
    metrics_->rpc_retries.fetch_add(1);
    ++rotation;  // the next attempt tries another server when there is one
  };
  return rpc::WithRetry<std::string>(retry_, rpc::Clock::time_point::max(), op, on_retry, cancel);
}

Result<Endpoint> Gateway::ServerEndpoint(int server_id) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = servers_by_id_.find(server_id);
    if (it != servers_by_id_.end()) return it->second;
  }
  FN_RETURN_IF_ERROR(RefreshCluster());
  std::lock_guard<std::mutex> lock(mu_);
  auto it = servers_by_id_.find(server_id);
  if (it == servers_by_id_.end()) {
    return Status(StatusCode::kNotLeader,
                  "tablet server " + std::to_string(server_id) + " is not in the cluster", true);
  }
  return it->second;
}

Result<std::string> Gateway::CallServer(int server_id, rpc::ApiKey key, const std::string& body) {
  FN_ASSIGN_OR_RETURN(PendingServerCall call, StartServer(server_id, key, body));
  return call.Wait();
}

Result<PendingServerCall> Gateway::StartServer(int server_id, rpc::ApiKey key, const std::string& body) {
  FN_ASSIGN_OR_RETURN(Endpoint ep, ServerEndpoint(server_id));
  return pool_.Start(ep, key, body, AttemptDeadline());
}

Result<rpc::ServerFeatures> Gateway::ServerFeaturesOf(int server_id) {
  FN_ASSIGN_OR_RETURN(Endpoint ep, ServerEndpoint(server_id));
  FN_ASSIGN_OR_RETURN(auto connection, pool_.Get(ep, AttemptDeadline()));
  return connection->features();
}

Status Gateway::RefreshCluster() {
  rpc::messages::MetadataRequest req;  // no tables: only the servers
  FN_ASSIGN_OR_RETURN(std::string body, CallAny(req.kApiKey, req.Encode()));
  FN_ASSIGN_OR_RETURN(auto resp, rpc::messages::MetadataResponse::Decode(body));
  ApplyClusterMetadata(resp);
  return Status::OK();
}

void Gateway::ApplyClusterMetadata(const rpc::messages::MetadataResponse& resp) {
  ClusterInfo info;
  std::map<int, Endpoint> by_id;
  info.coordinator = resp.coordinator;
  for (const auto& ts : resp.tablet_servers) {
    info.tablet_servers.push_back(ts);
    by_id[ts.id] = Endpoint{ts.host, ts.port};
  }
  std::sort(info.tablet_servers.begin(), info.tablet_servers.end(),
            [](const ServerInfo& a, const ServerInfo& b) { return a.id < b.id; });
  std::lock_guard<std::mutex> lock(mu_);
  cluster_ = std::move(info);
  servers_by_id_ = std::move(by_id);
}

ClusterInfo Gateway::cluster() const {
  std::lock_guard<std::mutex> lock(mu_);
  return cluster_;
}

}  // namespace fluss_native::cluster
