// Routes requests to the right server and retries transient failures.
//
// Catalog reads go to any live server (the coordinator when known, else a
// bootstrap server); bucket-level calls go to a server by id. Server ids are
// resolved from cluster metadata, refreshed on demand and after retriable
// failures, so a restarted or moved server is found again.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "common/endpoint.h"
#include "fluss_native/config.h"
#include "fluss_native/table_info.h"
#include "obs/metrics.h"
#include "rpc/connection_pool.h"
#include "rpc/messages/metadata.h"
#include "rpc/retry.h"

namespace fluss_native::cluster {

// A request to a tablet server in flight (Gateway::StartServer). Wait() blocks
// the calling thread until the answer or the call's deadline and books
// metrics the way CallServer does.
using PendingServerCall = rpc::PooledCall;

class Gateway {
 public:
  Gateway(ClientConfig config, std::vector<Endpoint> bootstrap, obs::Metrics* metrics);

  // One request to any live server, retried on retriable failures. Each
  // attempt has the request timeout, the whole call config.call_timeout.
  // With `cancel` (a scan's token), a wait for the answer or in a retry
  // backoff ends with Cancelled within rpc::kCancelPollInterval of Cancel().
  Result<std::string> CallAny(rpc::ApiKey key, const std::string& body, const CancellationToken* cancel = nullptr);
  // One request to tablet server `server_id`, without retry (callers that
  // route by leader must re-resolve the leader before retrying).
  Result<std::string> CallServer(int server_id, rpc::ApiKey key, const std::string& body);
  // Sends a request to tablet server `server_id` and returns at once, without
  // retry; CallServer == StartServer + Wait. Requests to several servers can
  // be started, then waited on one thread one after another.
  Result<PendingServerCall> StartServer(int server_id, rpc::ApiKey key, const std::string& body);

  // What tablet server `server_id` can do (its connection's ApiVersions
  // answer; connects when there is no connection yet).
  Result<rpc::ServerFeatures> ServerFeaturesOf(int server_id);

  // Fetches the cluster's servers from any reachable server.
  Status RefreshCluster();
  // Records the servers a Metadata response carries (every one does).
  void ApplyClusterMetadata(const rpc::messages::MetadataResponse& resp);
  ClusterInfo cluster() const;

  const rpc::RetryPolicy& retry_policy() const { return retry_; }
  obs::Metrics* metrics() const { return metrics_; }
  rpc::ConnectionPool& pool() { return pool_; }

 private:
  std::vector<Endpoint> Candidates() const;
  // The address of tablet server `server_id`, refreshing cluster metadata
  // once when it is unknown.
  Result<Endpoint> ServerEndpoint(int server_id);
  // One attempt's deadline: the request timeout, within the call's overall one.
  rpc::Clock::time_point AttemptDeadline(
      rpc::Clock::time_point overall = rpc::Clock::time_point::max()) const {
    return std::min(rpc::DeadlineAfter(config_.request_timeout), overall);
  }

  const ClientConfig config_;
  const std::vector<Endpoint> bootstrap_;
  obs::Metrics* metrics_;
  rpc::RetryPolicy retry_;
  rpc::ConnectionPool pool_;

  mutable std::mutex mu_;
  ClusterInfo cluster_;
  std::map<int, Endpoint> servers_by_id_;
};

}  // namespace fluss_native::cluster
