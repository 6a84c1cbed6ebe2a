// The Prometheus text of obs::Metrics: every family declared once with
// HELP and TYPE, counters as <name>_total, labelled RPC samples, cumulative
// histogram buckets, and the gauges the layers set by name (the circuit
// breaker's). The integration test parses a live client's text with
// prometheus_client (tests/integration/metrics_parse.py).
#include "obs/metrics.h"

#include <gtest/gtest.h>

#include <map>
#include <sstream>
#include <vector>

namespace fluss_native::obs {
namespace {

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

TEST(MetricsText, EveryFamilyHasHelpAndTypeAndEverySampleBelongsToTheFamilyAbove) {
  Metrics m;
  m.Rpc(1015, "FetchLog").requests += 3;
  m.Rpc(1015, "FetchLog").latency.Record(std::chrono::milliseconds(3));
  m.Rpc(1012, "GetMetadata").requests += 1;
  m.AddRead(ReadTier::kLake, 10, 100);
  std::map<std::string, std::string> types;
  std::string family;
  for (const auto& line : Lines(m.ToText())) {
    if (line.rfind("# HELP ", 0) == 0) {
      family = line.substr(7, line.find(' ', 7) - 7);
      EXPECT_EQ(types.count(family), 0u) << "declared twice: " << family;
      continue;
    }
    if (line.rfind("# TYPE ", 0) == 0) {
      const std::string name = line.substr(7, line.find(' ', 7) - 7);
      ASSERT_EQ(name, family) << line;
      types[family] = line.substr(line.rfind(' ') + 1);
      if (types[family] == "counter") EXPECT_EQ(family.substr(family.size() - 6), "_total") << family;
      continue;
    }
    ASSERT_FALSE(family.empty()) << line;
    const std::string sample = line.substr(0, line.find_first_of("{ "));
    if (types[family] == "histogram") {
      EXPECT_TRUE(sample == family + "_bucket" || sample == family + "_sum" || sample == family + "_count") << line;
    } else {
      EXPECT_EQ(sample, family) << line;
    }
  }
  EXPECT_EQ(types["fluss_rpc_latency_seconds"], "histogram");
  EXPECT_EQ(types["fluss_circuit_breaker_state"], "gauge");
  EXPECT_EQ(types["fluss_rows_read_total"], "counter");
}

TEST(MetricsText, RpcSamplesAreLabelledByApiAndHistogramsAreCumulative) {
  Metrics m;
  auto& fetch = m.Rpc(1015, "FetchLog");
  fetch.requests += 2;
  fetch.errors += 1;
  fetch.latency.Record(std::chrono::microseconds(50));    // first bucket
  fetch.latency.Record(std::chrono::milliseconds(30));    // le=0.05
  fetch.latency.Record(std::chrono::seconds(60));         // +Inf only
  const std::string text = m.ToText();
  EXPECT_NE(text.find("fluss_rpc_requests_total{api=\"FetchLog\"} 2\n"), std::string::npos) << text;
  EXPECT_NE(text.find("fluss_rpc_errors_total{api=\"FetchLog\"} 1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("fluss_rpc_latency_seconds_bucket{api=\"FetchLog\",le=\"0.0001\"} 1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("fluss_rpc_latency_seconds_bucket{api=\"FetchLog\",le=\"0.025\"} 1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("fluss_rpc_latency_seconds_bucket{api=\"FetchLog\",le=\"0.05\"} 2\n"), std::string::npos) << text;
  EXPECT_NE(text.find("fluss_rpc_latency_seconds_bucket{api=\"FetchLog\",le=\"10\"} 2\n"), std::string::npos) << text;
  EXPECT_NE(text.find("fluss_rpc_latency_seconds_bucket{api=\"FetchLog\",le=\"+Inf\"} 3\n"), std::string::npos) << text;
  EXPECT_NE(text.find("fluss_rpc_latency_seconds_count{api=\"FetchLog\"} 3\n"), std::string::npos) << text;
  EXPECT_NE(text.find("fluss_rpc_latency_seconds_sum{api=\"FetchLog\"} 60.03"), std::string::npos) << text;
  // An API never called has no samples.
  EXPECT_EQ(text.find("api=\"Lookup\""), std::string::npos);
}

TEST(MetricsText, KeysOutsideTheRangeShareOneSlot) {
  Metrics m;
  m.Rpc(7, "Weird").requests += 1;
  m.Rpc(5000, "Other").requests += 1;
  EXPECT_NE(m.ToText().find("fluss_rpc_requests_total{api=\"other\"} 2\n"), std::string::npos) << m.ToText();
}

TEST(MetricsText, TiersAndSplitsAndSpills) {
  Metrics m;
  m.AddRead(ReadTier::kLog, 5, 50);
  m.AddRead(ReadTier::kLake, 7, 70);
  m.AddPlannedSplits(PlannedTier::kHybrid, 2);
  m.union_spills += 1;
  const std::string text = m.ToText();
  EXPECT_NE(text.find("fluss_rows_read_total{tier=\"log\"} 5\n"), std::string::npos);
  EXPECT_NE(text.find("fluss_rows_read_total{tier=\"lake\"} 7\n"), std::string::npos);
  EXPECT_NE(text.find("fluss_bytes_read_total{tier=\"lake\"} 70\n"), std::string::npos);
  EXPECT_NE(text.find("fluss_splits_planned_total{tier=\"HYBRID\"} 2\n"), std::string::npos);
  EXPECT_NE(text.find("fluss_splits_planned_total{tier=\"LOG_ONLY\"} 0\n"), std::string::npos);
  EXPECT_NE(text.find("fluss_union_spills_total 1\n"), std::string::npos);
}

TEST(MetricsText, GaugesSetByNameWithEscapedLabels) {
  Metrics m;
  m.SetCircuitBreakerState("ts-1:9123", BreakerState::kOpen);
  m.SetCircuitBreakerState("ts-2:9123", BreakerState::kClosed);
  m.SetCircuitBreakerState("ts-1:9123", BreakerState::kHalfOpen);  // replaces
  m.SetGauge("fluss_test_gauge", "a test", "where", "a\"b\\c\nd", 1.5);
  const std::string text = m.ToText();
  EXPECT_NE(text.find("# TYPE fluss_circuit_breaker_state gauge\n"), std::string::npos);
  EXPECT_NE(text.find("fluss_circuit_breaker_state{server=\"ts-1:9123\"} 2\n"), std::string::npos) << text;
  EXPECT_NE(text.find("fluss_circuit_breaker_state{server=\"ts-2:9123\"} 0\n"), std::string::npos) << text;
  EXPECT_EQ(text.find("# TYPE fluss_circuit_breaker_state"), text.rfind("# TYPE fluss_circuit_breaker_state"));
  EXPECT_NE(text.find("fluss_test_gauge{where=\"a\\\"b\\\\c\\nd\"} 1.5\n"), std::string::npos) << text;
}

TEST(MetricsText, TwoClientsKeepSeparateBooks) {
  Metrics a, b;
  a.failovers += 4;
  EXPECT_NE(a.ToText().find("fluss_failovers_total 4\n"), std::string::npos);
  EXPECT_NE(b.ToText().find("fluss_failovers_total 0\n"), std::string::npos);
}

}  // namespace
}  // namespace fluss_native::obs
