#include "obs/metrics.h"

#include <cstdio>

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

void DurationHistogram::Record(std::chrono::steady_clock::duration d) {
  auto us = std::chrono::duration_cast<std::chrono::microseconds>(d).count();
  if (us < 0) us = 0;
  size_t b = 0;
  while (b < kBoundsMicros.size() && static_cast<uint64_t>(us) > kBoundsMicros[b]) ++b;
  buckets_[b].fetch_add(1, std::memory_order_relaxed);
  sum_micros_.fetch_add(static_cast<uint64_t>(us), std::memory_order_relaxed);
  count_.fetch_add(1, std::memory_order_relaxed);
}

namespace {

std::string Seconds(uint64_t micros) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.6g", static_cast<double>(micros) / 1e6);
  return buf;
}

std::string Braced(const std::string& labels, const std::string& more) {
  if (labels.empty() && more.empty()) return std::string();
  if (labels.empty()) return "{" + more + "}";
  if (more.empty()) return "{" + labels + "}";
  return "{" + labels + "," + more + "}";
}

void Header(std::string* out, const std::string& family, const char* type, const std::string& help) {
  *out += "# HELP " + family + " " + help + "\n";
  *out += "# TYPE " + family + " " + type + "\n";
}

void Sample(std::string* out, const std::string& name, const std::string& labels, uint64_t value) {
  *out += name + Braced(labels, std::string()) + " " + std::to_string(value) + "\n";
}

// Counters are declared under their sample name (family_total), as the
// 0.0.4 text format has them (and prometheus_client writes and parses them).
void Counter(std::string* out, const std::string& family, const std::string& help, uint64_t value) {
  Header(out, family + "_total", "counter", help);
  Sample(out, family + "_total", std::string(), value);
}

const char* const kReadTiers[] = {"log", "lake"};
const char* const kPlannedTiers[] = {"LOG_ONLY", "LAKE_ONLY", "HYBRID"};

}  // namespace

void DurationHistogram::AppendText(const std::string& family, const std::string& labels, std::string* out) const {
  uint64_t cumulative = 0;
  for (size_t b = 0; b < kBoundsMicros.size(); ++b) {
    cumulative += buckets_[b].load(std::memory_order_relaxed);
    *out += family + "_bucket" + Braced(labels, "le=\"" + Seconds(kBoundsMicros[b]) + "\"") + " " +
            std::to_string(cumulative) + "\n";
  }
  cumulative += buckets_[kBoundsMicros.size()].load(std::memory_order_relaxed);
  // Count and +Inf from the same loads, so the exposition is self-consistent
  // even while other threads record.
  *out += family + "_bucket" + Braced(labels, "le=\"+Inf\"") + " " + std::to_string(cumulative) + "\n";
  *out += family + "_sum" + Braced(labels, std::string()) + " " + Seconds(sum_micros_.load(std::memory_order_relaxed)) +
          "\n";
  *out += family + "_count" + Braced(labels, std::string()) + " " + std::to_string(cumulative) + "\n";
}

std::string EscapeLabelValue(const std::string& value) {
  std::string s;
  for (char c : value) {
    if (c == '\\') s += "\\\\";
    else if (c == '"') s += "\\\"";
    else if (c == '\n') s += "\\n";
    else s += c;
  }
  return s;
}

RpcApiStats& Metrics::Rpc(int api_key, const char* name) {
  const int slot = api_key - kFirstApiKey;
  RpcApiStats& s = (slot >= 0 && slot < kApiSlots) ? apis_[static_cast<size_t>(slot)] : apis_[kApiSlots];
  if (s.name.load(std::memory_order_relaxed) == nullptr) {
    const char* expected = nullptr;
    const char* mine = (slot >= 0 && slot < kApiSlots) ? name : "other";
    s.name.compare_exchange_strong(expected, mine, std::memory_order_relaxed);
  }
  return s;
}

void Metrics::AddRead(ReadTier tier, int64_t rows, int64_t bytes) {
  const size_t t = static_cast<size_t>(tier);
  if (rows > 0) rows_read_[t].fetch_add(static_cast<uint64_t>(rows), std::memory_order_relaxed);
  if (bytes > 0) bytes_read_[t].fetch_add(static_cast<uint64_t>(bytes), std::memory_order_relaxed);
}

void Metrics::AddPlannedSplits(PlannedTier tier, int64_t n) {
  if (n > 0) splits_planned_[static_cast<size_t>(tier)].fetch_add(static_cast<uint64_t>(n), std::memory_order_relaxed);
}

void Metrics::SetGauge(const std::string& family, const std::string& help, const std::string& label,
                       const std::string& label_value, double value) {
  std::lock_guard<std::mutex> lock(gauges_mu_);
  GaugeFamily& g = gauges_[family];
  if (g.help.empty()) {
    g.help = help;
    g.label = label;
  }
  g.values[label_value] = value;
}

void Metrics::SetCircuitBreakerState(const std::string& server, BreakerState state) {
  SetGauge("fluss_circuit_breaker_state", "Circuit breaker per server: 0 closed, 1 open (failing fast), 2 half-open",
           "server", server, static_cast<double>(state));
}

std::string Metrics::ToText() const {
  std::string s;
  Counter(&s, "fluss_connection_attempts", "Connections opened to Fluss servers, or tried", connection_attempts);
  Counter(&s, "fluss_connection_failures", "Connection attempts that failed", connection_failures);

  Header(&s, "fluss_rpc_requests_total", "counter", "RPC requests sent, by API");
  for (const auto& a : apis_) {
    const char* name = a.name.load(std::memory_order_relaxed);
    if (name) Sample(&s, "fluss_rpc_requests_total", "api=\"" + EscapeLabelValue(name) + "\"", a.requests);
  }
  Header(&s, "fluss_rpc_errors_total", "counter", "RPC requests that failed (no answer, or an error answer), by API");
  for (const auto& a : apis_) {
    const char* name = a.name.load(std::memory_order_relaxed);
    if (name) Sample(&s, "fluss_rpc_errors_total", "api=\"" + EscapeLabelValue(name) + "\"", a.errors);
  }
  Header(&s, "fluss_rpc_latency_seconds", "histogram", "RPC latency from send to answer, by API");
  for (const auto& a : apis_) {
    const char* name = a.name.load(std::memory_order_relaxed);
    if (name) a.latency.AppendText("fluss_rpc_latency_seconds", "api=\"" + EscapeLabelValue(name) + "\"", &s);
  }
  Counter(&s, "fluss_rpc_retries", "RPC attempts retried after a retriable error", rpc_retries);
  Counter(&s, "fluss_failovers", "Log scan buckets that lost their leader and resumed on a new one", failovers);

  Counter(&s, "fluss_metadata_cache_hits", "Metadata cache lookups answered from the cache", cache_hits);
  Counter(&s, "fluss_metadata_cache_misses", "Metadata cache lookups that asked the coordinator", cache_misses);
  Counter(&s, "fluss_metadata_cache_evictions", "Metadata cache entries evicted (size bound)", cache_evictions);
  Counter(&s, "fluss_remote_log_chunks", "Chunks read from remote log segments", remote_log_chunks);
  Counter(&s, "fluss_remote_log_bytes", "Bytes read from remote log segments", remote_log_bytes);

  Header(&s, "fluss_rows_read_total", "counter", "Rows read, by tier (log: decoded from log batches; lake: from lake files)");
  for (size_t t = 0; t < 2; ++t) Sample(&s, "fluss_rows_read_total", std::string("tier=\"") + kReadTiers[t] + "\"", rows_read_[t]);
  Header(&s, "fluss_bytes_read_total", "counter", "Bytes read, by tier (log: FetchLog and remote segments; lake: file bytes)");
  for (size_t t = 0; t < 2; ++t) Sample(&s, "fluss_bytes_read_total", std::string("tier=\"") + kReadTiers[t] + "\"", bytes_read_[t]);
  Header(&s, "fluss_splits_planned_total", "counter", "Splits planned, by split tier");
  for (size_t t = 0; t < 3; ++t) {
    Sample(&s, "fluss_splits_planned_total", std::string("tier=\"") + kPlannedTiers[t] + "\"", splits_planned_[t]);
  }
  Counter(&s, "fluss_union_spills", "Keyed merges of a lake bucket and its changelog tail that spilled to disk",
          union_spills);

  std::lock_guard<std::mutex> lock(gauges_mu_);
  if (gauges_.find("fluss_circuit_breaker_state") == gauges_.end()) {
    // Declared even before any breaker reports, so dashboards find the family.
    Header(&s, "fluss_circuit_breaker_state", "gauge", "Circuit breaker per server: 0 closed, 1 open (failing fast), 2 half-open");
  }
  for (const auto& [family, g] : gauges_) {
    Header(&s, family, "gauge", g.help);
    for (const auto& [value, v] : g.values) {
      char buf[40];
      std::snprintf(buf, sizeof(buf), "%.17g", v);
      s += family + "{" + g.label + "=\"" + EscapeLabelValue(value) + "\"} " + buf + "\n";
    }
  }
  return s;
}

}  // namespace fluss_native::obs
