#include "cluster/gateway.h"

#include "fluss_native/wire/fluss_api.pb.h"

namespace fluss_native::cluster {
namespace {

rpc::ConnectionOptions ToConnectionOptions(const ClientConfig& c) {
  rpc::ConnectionOptions o;
  o.connect_timeout = c.connect_timeout;
  o.max_frame_bytes = c.max_frame_bytes;
  o.sasl = c.security_protocol != "PLAINTEXT";
  o.sasl_username = c.sasl_username;
  o.sasl_password = c.sasl_password;
  return o;
}

ServerInfo ToServerInfo(const wire::ServerNode& n) {
  return ServerInfo{n.node_id(), n.host(), n.port(), n.rack()};
}

}  // namespace

Gateway::Gateway(ClientConfig config, std::vector<Endpoint> bootstrap, obs::Metrics* metrics)
    : config_(std::move(config)),
      bootstrap_(std::move(bootstrap)),
      metrics_(metrics),
      retry_{config_.max_retries, config_.retry_backoff, config_.retry_max_backoff},
      pool_(ToConnectionOptions(config_), metrics) {}

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

Result<std::string> Gateway::CallAny(rpc::ApiKey key, const std::string& body) {
  size_t rotation = 0;
  std::function<Result<std::string>()> op = [&]() -> Result<std::string> {
    auto candidates = Candidates();
    const Endpoint& ep = candidates[rotation % candidates.size()];
    return pool_.Call(ep, key, body, Deadline());
  };
  std::function<void(const Status&)> on_retry = [&](const Status&) {
    metrics_->rpc_retries.fetch_add(1);
    ++rotation;  // the next attempt tries another server when there is one
  };
  return rpc::WithRetry<std::string>(retry_, op, on_retry);
}

Result<std::string> Gateway::CallServer(int server_id, rpc::ApiKey key, const std::string& body) {
  std::optional<Endpoint> ep;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = servers_by_id_.find(server_id);
    if (it != servers_by_id_.end()) ep = it->second;
  }
  if (!ep) {
    FN_RETURN_IF_ERROR(RefreshCluster());
    std::lock_guard<std::mutex> lock(mu_);
    auto it = servers_by_id_.find(server_id);
    if (it == servers_by_id_.end()) {
      return Status(StatusCode::kNotLeader,
                    "tablet server " + std::to_string(server_id) + " is not in the cluster", true);
    }
    ep = it->second;
  }
  return pool_.Call(*ep, key, body, Deadline());
}

Status Gateway::RefreshCluster() {
  wire::MetadataRequest req;
  FN_ASSIGN_OR_RETURN(std::string body, CallAny(rpc::ApiKey::kGetMetadata, req.SerializeAsString()));
  FN_ASSIGN_OR_RETURN(auto resp, Parse<wire::MetadataResponse>(body, rpc::ApiKey::kGetMetadata));
  ApplyClusterMetadata(resp);
  return Status::OK();
}

void Gateway::ApplyClusterMetadata(const wire::MetadataResponse& resp) {
  ClusterInfo info;
  std::map<int, Endpoint> by_id;
  if (resp.has_coordinator_server()) info.coordinator = ToServerInfo(resp.coordinator_server());
  for (const auto& ts : resp.tablet_servers()) {
    info.tablet_servers.push_back(ToServerInfo(ts));
    by_id[ts.node_id()] = Endpoint{ts.host(), ts.port()};
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
