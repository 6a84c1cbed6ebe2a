// Per-client counters (seed §7.1). Owned by a Client, never global, so two
// clients in one host process keep separate books. Counters and histograms
// are lock-free; only the named gauges (set rarely, by state changes such as
// a circuit breaker's) take a mutex.
//
// ToText() renders them in the Prometheus text exposition format (0.0.4):
// every family has # HELP and # TYPE lines;
// counters are declared and sampled as <name>_total, histograms have
// cumulative le buckets in seconds, _sum and _count.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
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

// A Prometheus histogram of durations: fixed upper bounds from 100 us to
// 10 s (what an RPC to a Fluss server takes), plus +Inf.
class DurationHistogram {
 public:
  static constexpr std::array<uint64_t, 16> kBoundsMicros = {
      100, 250, 500, 1000, 2500, 5000, 10000, 25000, 50000, 100000, 250000, 500000, 1000000, 2500000, 5000000,
      10000000};
  void Record(std::chrono::steady_clock::duration d);
  uint64_t count() const { return count_.load(std::memory_order_relaxed); }
  // Appends the _bucket, _sum and _count lines of `family` with `labels`
  // (`name="value"` pairs without braces; may be empty).
  void AppendText(const std::string& family, const std::string& labels, std::string* out) const;

 private:
  std::array<std::atomic<uint64_t>, kBoundsMicros.size() + 1> buckets_{};  // not cumulative; last: +Inf
  std::atomic<uint64_t> count_{0};
  std::atomic<uint64_t> sum_micros_{0};
};

// One API key's requests, errors and latency.
struct RpcApiStats {
  std::atomic<const char*> name{nullptr};  // a string literal (rpc::ApiKeyName), set on first use
  std::atomic<uint64_t> requests{0};
  std::atomic<uint64_t> errors{0};
  DurationHistogram latency;
};

// Where rows and bytes come from (label tier=).
enum class ReadTier { kLog = 0, kLake = 1 };
// The split tiers a plan holds (label tier=): LOG_ONLY, LAKE_ONLY, HYBRID.
enum class PlannedTier { kLogOnly = 0, kLakeOnly = 1, kHybrid = 2 };

// Circuit-breaker states as the gauge shows them.
enum class BreakerState { kClosed = 0, kOpen = 1, kHalfOpen = 2 };

class Metrics {
 public:
  std::atomic<uint64_t> connection_attempts{0};
  std::atomic<uint64_t> connection_failures{0};
  std::atomic<uint64_t> rpc_requests{0};
  std::atomic<uint64_t> rpc_errors{0};
  std::atomic<uint64_t> rpc_retries{0};
  // A log scan that lost a bucket's leader (or its server) and went on at
  // the bucket's next offset with a leader found again.
  std::atomic<uint64_t> failovers{0};
  std::atomic<uint64_t> cache_hits{0};
  std::atomic<uint64_t> cache_misses{0};
  std::atomic<uint64_t> cache_evictions{0};
  std::atomic<uint64_t> remote_log_chunks{0};
  std::atomic<uint64_t> remote_log_bytes{0};
  // Keyed merges of a lake bucket with its changelog tail that spilled runs.
  std::atomic<uint64_t> union_spills{0};
  LatencyHistogram rpc_latency;  // every API, for the quantile lines

  // The stats of one API key (`name` a string literal naming it); keys
  // outside Fluss's range 1000..1063 share one "other" slot.
  RpcApiStats& Rpc(int api_key, const char* name);

  void AddRead(ReadTier tier, int64_t rows, int64_t bytes);
  void AddPlannedSplits(PlannedTier tier, int64_t n);

  // A gauge the layers set by name, one sample per label value (e.g. the
  // circuit breaker's state per server). `family` must be a valid metric
  // name, `label` a valid label name; `help` is kept from the first call.
  void SetGauge(const std::string& family, const std::string& help, const std::string& label,
                const std::string& label_value, double value);
  // fluss_circuit_breaker_state{server="host:port"}: 0 closed, 1 open, 2 half-open.
  void SetCircuitBreakerState(const std::string& server, BreakerState state);

  // The Prometheus text exposition of everything above.
  std::string ToText() const;

 private:
  static constexpr int kFirstApiKey = 1000;
  static constexpr int kApiSlots = 64;
  std::array<RpcApiStats, kApiSlots + 1> apis_{};  // the last: keys outside the range
  std::array<std::atomic<uint64_t>, 2> rows_read_{};
  std::array<std::atomic<uint64_t>, 2> bytes_read_{};
  std::array<std::atomic<uint64_t>, 3> splits_planned_{};

  struct GaugeFamily {
    std::string help;
    std::string label;
    std::map<std::string, double> values;  // by label value
  };
  mutable std::mutex gauges_mu_;
  std::map<std::string, GaugeFamily> gauges_;
};

// `value` with \, " and newlines escaped, as a label value must be.
std::string EscapeLabelValue(const std::string& value);

}  // namespace fluss_native::obs
