// Per-client counters (seed §7.1). Owned by a Client, never global, so two
// clients in one host process keep separate books. All fields are lock-free.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

namespace fluss_native::obs {

// Latency histogram over power-of-two microsecond buckets; quantiles are
// answered to the bucket's upper bound, enough for p50/p95 dashboards.
class LatencyHistogram {
 public:
  static constexpr int kBuckets = 40;
  void Record(std::chrono::steady_clock::duration d);
  uint64_t count() const;
  // Upper bound in microseconds of the bucket holding quantile q in [0, 1].
  uint64_t QuantileMicros(double q) const;

 private:
  std::array<std::atomic<uint64_t>, kBuckets> buckets_{};
};

struct Metrics {
  std::atomic<uint64_t> connection_attempts{0};
  std::atomic<uint64_t> connection_failures{0};
  std::atomic<uint64_t> rpc_requests{0};
  std::atomic<uint64_t> rpc_errors{0};
  std::atomic<uint64_t> rpc_retries{0};
  std::atomic<uint64_t> cache_hits{0};
  std::atomic<uint64_t> cache_misses{0};
  std::atomic<uint64_t> cache_evictions{0};
  std::atomic<uint64_t> remote_log_chunks{0};
  std::atomic<uint64_t> remote_log_bytes{0};
  LatencyHistogram rpc_latency;

  // "name value" lines, Prometheus text style, for the CLI and tests.
  std::string ToText() const;
};

}  // namespace fluss_native::obs
