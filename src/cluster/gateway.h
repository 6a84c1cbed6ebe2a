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
#include "rpc/retry.h"

namespace fluss_native::wire {
class MetadataResponse;
}

namespace fluss_native::cluster {

class Gateway {
 public:
  Gateway(ClientConfig config, std::vector<Endpoint> bootstrap, obs::Metrics* metrics);

  // One request to any live server, retried on retriable failures.
  Result<std::string> CallAny(rpc::ApiKey key, const std::string& body);
  // One request to tablet server `server_id`, without retry (callers that
  // route by leader must re-resolve the leader before retrying).
  Result<std::string> CallServer(int server_id, rpc::ApiKey key, const std::string& body);

  // Fetches the cluster's servers from any reachable server.
  Status RefreshCluster();
  // Records the servers a Metadata response carries (every one does).
  void ApplyClusterMetadata(const wire::MetadataResponse& resp);
  ClusterInfo cluster() const;

  const rpc::RetryPolicy& retry_policy() const { return retry_; }
  obs::Metrics* metrics() const { return metrics_; }
  rpc::ConnectionPool& pool() { return pool_; }

  // Parses a protobuf response body, naming the API on failure.
  template <typename Msg>
  static Result<Msg> Parse(const std::string& body, rpc::ApiKey key) {
    Msg msg;
    if (!msg.ParseFromString(body)) {
      return Status::Corruption(std::string("cannot parse ") + rpc::ApiKeyName(key) + " response");
    }
    return msg;
  }

 private:
  std::vector<Endpoint> Candidates() const;
  rpc::Clock::time_point Deadline() const { return rpc::Clock::now() + config_.request_timeout; }

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
