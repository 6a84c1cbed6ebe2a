// What a Client and the streams it opens share: the configuration, the
// metrics, the gateway (connections) and the catalog (metadata cache).
//
// Held by std::shared_ptr: the Client holds one reference and every log
// scan holds one through its scanner (via the aliasing pointers below), so
// a host may destroy the Client before its streams (client.h); the last
// owner closes the connections. Lake scans need nothing of the core once
// opened (they read files through their own PaimonTable).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "catalog/catalog_impl.h"
#include "cluster/gateway.h"
#include "common/endpoint.h"
#include "fluss_native/config.h"
#include "obs/metrics.h"
#include "read/lookup/bucket_leaders.h"

namespace fluss_native::client {

struct ClientCore {
  ClientCore(const ClientConfig& client_config, std::vector<Endpoint> bootstrap)
      : config(client_config), gateway(config, std::move(bootstrap), &metrics), catalog(&gateway, config) {}
  ClientCore(const ClientCore&) = delete;
  ClientCore& operator=(const ClientCore&) = delete;

  const ClientConfig config;
  obs::Metrics metrics;  // before the gateway and catalog, which point at it
  cluster::Gateway gateway;
  catalog::CatalogImpl catalog;
  read::BucketLeaders leaders;  // for lookups: a point read costs one RPC

  // Pointers to a part that keep the whole core alive (shared_ptr aliasing):
  // what the read layer holds, without knowing of ClientCore.
  static std::shared_ptr<cluster::Gateway> SharedGateway(const std::shared_ptr<ClientCore>& core) {
    return std::shared_ptr<cluster::Gateway>(core, &core->gateway);
  }
  static std::shared_ptr<Catalog> SharedCatalog(const std::shared_ptr<ClientCore>& core) {
    return std::shared_ptr<Catalog>(core, &core->catalog);
  }
};

}  // namespace fluss_native::client
