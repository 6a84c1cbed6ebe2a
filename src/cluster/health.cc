#include "cluster/health.h"

#include <algorithm>

#include "rpc/messages/handshake.h"

namespace fluss_native::cluster {

ServerHealth ProbeServer(rpc::ConnectionPool& pool, const std::string& role, const ServerInfo& server,
                         rpc::Clock::time_point deadline) {
  ServerHealth h;
  h.role = role;
  h.server = server;
  const Endpoint ep{server.host, server.port};
  const auto start = rpc::Clock::now();
  Status st;
  auto conn = pool.Get(ep, deadline);
  if (conn.ok()) {
    const std::string body = rpc::messages::ApiVersionsRequest{"fluss-native", "0.1.0"}.Encode();
    auto answer = (*conn)->Call(rpc::ApiKey::kApiVersions, body, deadline);
    if (!answer.ok()) st = answer.status();
  } else {
    st = conn.status();
  }
  if (st.ok()) {
    h.reachable = true;
    h.latency_us = std::max<int64_t>(
        1, std::chrono::duration_cast<std::chrono::microseconds>(rpc::Clock::now() - start).count());
    pool.breaker().RecordSuccess(ep);
  } else {
    h.error = st.WithContext("health check of " + role + " " + ep.ToString()).message();
  }
  h.circuit = rpc::CircuitStateName(pool.breaker().state(ep));
  return h;
}

Result<ClusterHealth> ProbeCluster(Gateway& gateway, std::chrono::milliseconds timeout) {
  FN_RETURN_IF_ERROR(gateway.RefreshCluster());
  const ClusterInfo info = gateway.cluster();
  ClusterHealth out;
  if (info.coordinator) {
    out.servers.push_back(ProbeServer(gateway.pool(), "coordinator", *info.coordinator,
                                      rpc::DeadlineAfter(timeout)));
  }
  std::vector<ServerInfo> tablets = info.tablet_servers;
  std::sort(tablets.begin(), tablets.end(), [](const ServerInfo& a, const ServerInfo& b) { return a.id < b.id; });
  for (const ServerInfo& s : tablets) {
    out.servers.push_back(ProbeServer(gateway.pool(), "tablet-server", s, rpc::DeadlineAfter(timeout)));
  }
  return out;
}

}  // namespace fluss_native::cluster
