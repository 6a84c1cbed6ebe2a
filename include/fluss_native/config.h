// Client configuration. Every key can be given as a string property, the way
// a host engine's catalog passes them (Doris: every `fluss.*` catalog property
// goes to the client with the prefix stripped).
//
// Keys (defaults in brackets):
//   bootstrap.servers              host:port[,host:port...]   (required)
//   client.connect-timeout         duration [5s]
//   client.request-timeout         duration [30s], one attempt of a request
//   client.call-timeout            duration [60s], a call across all its retries
//   client.retries                 attempts after the first [5]
//   client.retry.backoff           first backoff [100ms], doubled each retry
//   client.retry.max-backoff       backoff cap [5s]
//   client.max-frame-size          bytes [268435456]
//   client.tcp.keepalive-idle      duration [30s] of silence before keepalive
//                                  probes (whole seconds); 0 disables them
//   client.tcp.keepalive-interval  duration [5s] between probes
//   client.tcp.keepalive-count     unanswered probes that drop a connection [3]
//   client.tcp.user-timeout        duration [30s] sent data may stay
//                                  unacknowledged (TCP_USER_TIMEOUT); 0: kernel default
//   client.circuit-breaker.failure-threshold
//                                  consecutive transport failures (connect,
//                                  read/write, timeout) against one server
//                                  that open its circuit [5]; 0: no breaker
//   client.circuit-breaker.cooldown
//                                  duration [2s] calls to an open circuit fail
//                                  fast before one probe is let through
//   metadata.cache.ttl             duration [5min]; 0 disables the cache
//   metadata.cache.max-tables      entries [1000]
//   client.security.protocol       PLAINTEXT | SASL [PLAINTEXT]
//   client.security.sasl.mechanism PLAIN [PLAIN]
//   client.security.sasl.username / client.security.sasl.password
//   lake.paimon.<option>           overrides the Paimon catalog option the
//                                  server reports for a table (as
//                                  table.datalake.paimon.<option>), e.g.
//                                  lake.paimon.warehouse when the host sees the
//                                  warehouse at another path (Doris:
//                                  fluss.lake.paimon.warehouse)
// Durations: "250ms", "30s", "5min", "1h", or a bare number of milliseconds.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "fluss_native/export.h"
#include "fluss_native/status.h"

namespace fluss_native {

struct FN_EXPORT ClientConfig {
  std::vector<std::string> bootstrap_servers;
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds request_timeout{30000};
  int max_retries = 5;
  std::chrono::milliseconds retry_backoff{100};
  std::chrono::milliseconds retry_max_backoff{5000};
  int64_t max_frame_bytes = 256ll << 20;
  std::chrono::milliseconds metadata_cache_ttl{5 * 60 * 1000};
  size_t metadata_cache_max_tables = 1000;
  std::string security_protocol = "PLAINTEXT";
  std::string sasl_mechanism = "PLAIN";
  std::string sasl_username;
  std::string sasl_password;
  // Paimon catalog options by name without the "lake.paimon." prefix.
  std::map<std::string, std::string> lake_paimon_overrides;
  // Appended after the older fields so their offsets stay put.
  std::chrono::milliseconds call_timeout{60000};
  std::chrono::milliseconds tcp_keepalive_idle{30000};
  std::chrono::milliseconds tcp_keepalive_interval{5000};
  int tcp_keepalive_count = 3;
  std::chrono::milliseconds tcp_user_timeout{30000};
  int circuit_breaker_failure_threshold = 5;
  std::chrono::milliseconds circuit_breaker_cooldown{2000};

  // Builds a config from properties; a key with a `fluss.` prefix is read
  // without it. Unknown keys are ignored (a host may pass its own); a known
  // key with a bad value is an InvalidArgument naming the key and value.
  static Result<ClientConfig> FromProperties(const std::map<std::string, std::string>& props);

  // Checks the invariants the client relies on (a bootstrap server, positive
  // timeouts, a known security protocol).
  Status Validate() const;
};

// Parses "250ms", "30s", "5min", "1h", "2d" or a bare millisecond count.
FN_EXPORT Result<std::chrono::milliseconds> ParseDuration(const std::string& text);

}  // namespace fluss_native
