// Health checks (seed §6.1): one ApiVersions round trip per server, through
// the pool's connection to it (opened if needed), timed. The check bypasses
// the circuit breaker so it reports what the server does now, and a server
// that answers closes its circuit.
#pragma once

#include "cluster/gateway.h"
#include "fluss_native/table_info.h"

namespace fluss_native::cluster {

// Probes one server; never fails: an unreachable server is reachable = false
// with the reason.
ServerHealth ProbeServer(rpc::ConnectionPool& pool, const std::string& role, const ServerInfo& server,
                         rpc::Clock::time_point deadline);

// Refreshes the cluster metadata, then probes the coordinator and every
// tablet server, one after another, each within `timeout`. Fails only when
// no server could be asked for the metadata.
Result<ClusterHealth> ProbeCluster(Gateway& gateway, std::chrono::milliseconds timeout);

}  // namespace fluss_native::cluster
