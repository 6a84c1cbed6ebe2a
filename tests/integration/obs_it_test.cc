// Observability against the fixture cluster: the CLI's SHOW METRICS after
// union reads, parsed by prometheus_client (tests/integration/metrics_parse.py),
// and the per-scan profile EXPLAIN ANALYZE shows, against the Java client's
// row counts (the fixture's rows/ files).
#include "integration/it_env.h"

#include <sys/wait.h>

#include <cstdio>
#include <map>

namespace fluss_native::it {
namespace {

size_t JavaRows(const std::string& file) {
  const std::string s = ReadFile(std::string(FN_IT_DIR) + "/rows/" + file);
  return static_cast<size_t>(std::count(s.begin(), s.end(), '\n'));
}

// The profile's "  - Name: value" line as a number (times in ms).
double ProfileValue(const std::string& out, const std::string& name) {
  const std::string key = "  - " + name + ": ";
  const size_t at = out.find(key);
  if (at == std::string::npos) return -1;
  return std::atof(out.c_str() + at + key.size());
}

TEST(ObsIT, ShowMetricsIsPrometheusTextAfterUnionReads) {
  const std::string b = "--bootstrap " + Bootstrap();
  CliRun r = RunCli(b + " -e 'SELECT COUNT(*) FROM fn_union.log_part_int WHERE id >= 0; "
                          "SELECT COUNT(*) FROM fn_union.pk_float; SHOW METRICS'");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  const std::string file = std::string(FN_IT_DIR) + "/obs_metrics.txt";
  {
    FILE* f = std::fopen(file.c_str(), "w");
    ASSERT_NE(f, nullptr);
    std::fwrite(r.out.data(), 1, r.out.size(), f);
    std::fclose(f);
  }
  CliRun check = Shell("python3 " + std::string(FN_SOURCE_DIR) + "/tests/integration/metrics_parse.py " + file +
                       " fluss_connection_attempts:counter fluss_connection_failures:counter"
                       " fluss_rpc_requests:counter:api fluss_rpc_errors:counter:api"
                       " fluss_rpc_latency_seconds:histogram:api fluss_rpc_retries:counter fluss_failovers:counter"
                       " fluss_metadata_cache_hits:counter fluss_metadata_cache_misses:counter"
                       " fluss_metadata_cache_evictions:counter fluss_rows_read:counter:tier"
                       " fluss_bytes_read:counter:tier fluss_splits_planned:counter:tier fluss_union_spills:counter"
                       " fluss_circuit_breaker_state:gauge"
                       " 'nonzero=fluss_rpc_requests_total{api=FetchLog}'"
                       " 'nonzero=fluss_rpc_latency_seconds_count{api=FetchLog}'"
                       " 'nonzero=fluss_rows_read_total{tier=log}' 'nonzero=fluss_rows_read_total{tier=lake}'"
                       " 'nonzero=fluss_bytes_read_total{tier=log}' 'nonzero=fluss_bytes_read_total{tier=lake}'"
                       " 'nonzero=fluss_splits_planned_total{tier=LAKE_ONLY}'"
                       " 'nonzero=fluss_splits_planned_total{tier=HYBRID}'"
                       " 'nonzero=fluss_connection_attempts_total' 'nonzero=fluss_metadata_cache_misses_total' 2>&1");
  EXPECT_EQ(check.exit_code, 0) << check.out << "\n" << r.out;
}

TEST(ObsIT, ExplainAnalyzeShowsTheProfileOfALogTableUnionRead) {
  const size_t java = JavaRows("fn_union.log_part_int.jsonl");
  CliRun r = RunCli("--bootstrap " + Bootstrap() + " -e 'EXPLAIN ANALYZE SELECT * FROM fn_union.log_part_int'");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  ASSERT_NE(r.out.find("analyze: " + std::to_string(java) + " rows"), std::string::npos) << r.out;
  ASSERT_NE(r.out.find("profile:"), std::string::npos) << r.out;
  const double lake = ProfileValue(r.out, "RowsReturnedLakeOnly");
  const double log = ProfileValue(r.out, "RowsReturnedLogOnly");
  EXPECT_GT(lake, 0) << r.out;
  EXPECT_GT(log, 0) << r.out;  // the fixture writes a tail past the lake snapshot
  EXPECT_EQ(lake + log + ProfileValue(r.out, "RowsReturnedHybrid"), static_cast<double>(java)) << r.out;
  EXPECT_GT(ProfileValue(r.out, "FlussLakeReadTime"), 0) << r.out;
  EXPECT_GT(ProfileValue(r.out, "FlussUnionTailReadTime"), 0) << r.out;
  EXPECT_EQ(ProfileValue(r.out, "FlussLogReadTime"), 0) << r.out;  // every log split is the union's tail
  EXPECT_GT(ProfileValue(r.out, "LakeSplitsKept"), 0) << r.out;
  EXPECT_GE(ProfileValue(r.out, "LakeSplitsSuppressed"), 0) << r.out;
  EXPECT_GT(ProfileValue(r.out, "LogBytesFetched"), 0) << r.out;
  EXPECT_GT(ProfileValue(r.out, "LakeBytesRead"), 0) << r.out;
  // Decompressed column chunks are at least as large as... anything read.
  EXPECT_GT(ProfileValue(r.out, "BytesDecompressed"), 0) << r.out;
  EXPECT_EQ(ProfileValue(r.out, "Retries"), 0) << r.out;  // a quiet cluster
  EXPECT_GT(ProfileValue(r.out, "MemoryHighWaterBytes"), 0) << r.out;
}

TEST(ObsIT, ExplainAnalyzeShowsTheProfileOfAPrimaryKeyUnionRead) {
  const size_t java = JavaRows("fn_union.pk_float.state.jsonl");
  CliRun r = RunCli("--bootstrap " + Bootstrap() + " -e 'EXPLAIN ANALYZE SELECT * FROM fn_union.pk_float'");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  ASSERT_NE(r.out.find("analyze: " + std::to_string(java) + " rows"), std::string::npos) << r.out;
  EXPECT_EQ(ProfileValue(r.out, "RowsReturnedHybrid"), static_cast<double>(java)) << r.out;
  EXPECT_EQ(ProfileValue(r.out, "RowsReturnedLogOnly") + ProfileValue(r.out, "RowsReturnedLakeOnly"), 0) << r.out;
  EXPECT_GT(ProfileValue(r.out, "FlussLakeReadTime"), 0) << r.out;
  EXPECT_GT(ProfileValue(r.out, "FlussUnionTailReadTime"), 0) << r.out;
  EXPECT_GT(ProfileValue(r.out, "LakeSplitsKept"), 0) << r.out;
  EXPECT_GT(ProfileValue(r.out, "LakeRowsRead"), 0) << r.out;
  EXPECT_GT(ProfileValue(r.out, "MemoryHighWaterBytes"), 0) << r.out;  // the keyed merge's peak
}

// SHOW TABLE STATUS FROM db: a log table's rows are exact (the Java
// client's rows); a primary-key table's are an estimate, never below the
// Java client's current state, and marked so.
TEST(ObsIT, ShowTableStatusCountsRowsLikeTheJavaClient) {
  CliRun r = RunCli("--bootstrap " + Bootstrap() + " --format json -e 'SHOW TABLE STATUS FROM fn_union'");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  auto rows = nlohmann::json::parse(r.out);
  std::map<std::string, nlohmann::json> by_name;
  for (const auto& row : rows) by_name[row["Name"].get<std::string>()] = row;
  ASSERT_TRUE(by_name.count("log_part_int")) << r.out;
  ASSERT_TRUE(by_name.count("pk_float")) << r.out;
  const auto& log = by_name["log_part_int"];
  EXPECT_EQ(log["Rows_exact"], "exact") << log;
  EXPECT_EQ(log["Rows"].get<int64_t>(), static_cast<int64_t>(JavaRows("fn_union.log_part_int.jsonl"))) << log;
  EXPECT_GT(log["Lake_files"].get<int64_t>(), 0) << log;
  EXPECT_GT(log["Lake_bytes"].get<int64_t>(), 0) << log;
  EXPECT_GT(log["Lake_lag_offsets"].get<int64_t>(), 0) << log;  // the fixture's tail past the lake
  const auto& pk = by_name["pk_float"];
  EXPECT_EQ(pk["Rows_exact"], "estimated") << pk;
  EXPECT_GE(pk["Rows"].get<int64_t>(), static_cast<int64_t>(JavaRows("fn_union.pk_float.state.jsonl"))) << pk;
}

}  // namespace
}  // namespace fluss_native::it
