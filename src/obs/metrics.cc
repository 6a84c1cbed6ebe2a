#include "obs/metrics.h"

namespace fluss_native::obs {

void LatencyHistogram::Record(std::chrono::steady_clock::duration d) {
  auto us = std::chrono::duration_cast<std::chrono::microseconds>(d).count();
  int b = 0;
  while (b < kBuckets - 1 && (int64_t{1} << b) < us) ++b;
  buckets_[b].fetch_add(1, std::memory_order_relaxed);
}

uint64_t LatencyHistogram::count() const {
  uint64_t n = 0;
  for (const auto& b : buckets_) n += b.load(std::memory_order_relaxed);
  return n;
}

uint64_t LatencyHistogram::QuantileMicros(double q) const {
  uint64_t total = count();
  if (total == 0) return 0;
  uint64_t rank = static_cast<uint64_t>(q * static_cast<double>(total - 1)) + 1;
  uint64_t seen = 0;
  for (int b = 0; b < kBuckets; ++b) {
    seen += buckets_[b].load(std::memory_order_relaxed);
    if (seen >= rank) return uint64_t{1} << b;
  }
  return uint64_t{1} << (kBuckets - 1);
}

std::string Metrics::ToText() const {
  std::string s;
  auto line = [&](const char* name, uint64_t v) { s += std::string(name) + " " + std::to_string(v) + "\n"; };
  line("fluss_connection_attempts", connection_attempts);
  line("fluss_connection_failures", connection_failures);
  line("fluss_rpc_requests", rpc_requests);
  line("fluss_rpc_errors", rpc_errors);
  line("fluss_rpc_retries", rpc_retries);
  line("fluss_metadata_cache_hits", cache_hits);
  line("fluss_metadata_cache_misses", cache_misses);
  line("fluss_metadata_cache_evictions", cache_evictions);
  line("fluss_remote_log_chunks", remote_log_chunks);
  line("fluss_remote_log_bytes", remote_log_bytes);
  line("fluss_rpc_latency_p50_us", rpc_latency.QuantileMicros(0.5));
  line("fluss_rpc_latency_p95_us", rpc_latency.QuantileMicros(0.95));
  return s;
}

}  // namespace fluss_native::obs
