// Every log batch format Fluss 1.0 writes, from Fluss 1.0.0's own writer
// (testing/logstats-golden/GenLogBatchMatrix.java): V0, 1.0's V1 with and
// without statistics, V2 (leader epoch) with and without, each uncompressed,
// LZ4 and ZSTD, append-only and changelog, over every type. The decoder
// reads all of them exactly as the Java writer's rows; the statistics skip
// batches with a predicate and the residual check leaves exactly the rows
// the Java values say match.
#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "expr/bound_predicate.h"
#include "expr/evaluate.h"
#include "golden_log_batches.h"
#include "read/log_batch_prune.h"

namespace fluss_native::logbatch {
namespace {

using json = nlohmann::json;

class Fluss10Matrix : public GoldenLogBatches {
 protected:
  void SetUp() override {
    Load("v10_matrix");
    ctx_.v1_layout = V1Layout::kStatistics;  // what a 1.0 server's ApiVersions decide
  }
};

TEST_F(Fluss10Matrix, EveryFormatAndCodecMatchesTheJavaWriter) {
  auto r = DecodeLogRecords(std::make_shared<const std::string>(records_), ctx_);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const json& batches = expected_["batches"];
  ASSERT_EQ(batches.size(), 15u);
  ASSERT_EQ(r->batches.size(), batches.size());
  for (size_t i = 0; i < batches.size(); ++i) {
    const json& want = batches[i];
    SCOPED_TRACE("batch " + std::to_string(i) + " magic " + want["magic"].dump() + " " +
                 want["compression"].get<std::string>() + " statistics " + want["statistics"].dump());
    const LogBatch& got = r->batches[i];
    ExpectMatches(got, want);
    EXPECT_EQ(got.header.leader_epoch, want["leader_epoch"].get<int>());
    EXPECT_EQ(got.header.has_statistics(), want["statistics"].get<bool>());
    EXPECT_EQ(got.statistics.has_value(), want["statistics"].get<bool>());
  }
  EXPECT_EQ(r->next_fetch_offset, 52);
  EXPECT_EQ(r->truncated_bytes, 0u);
}

TEST_F(Fluss10Matrix, StatisticsSkipBatchesAndTheResidualIsExact) {
  // Rows i >= 40 have i32 = 100003 * i - 2000000000 >= -1995999880 (every
  // fourth row is NULL). The V1 statistics batches hold offsets 21..30.
  const std::string where = "i32 >= -1995999880";
  auto parsed = ParsePredicate(where);
  ASSERT_TRUE(parsed.ok());
  auto bound = expr::Bind(*parsed, ctx_.row_type);
  ASSERT_TRUE(bound.ok()) << bound.status().ToString();
  LogReadContext ctx = ctx_;
  ctx.keep_batch = [&](const LogBatchHeader& h, const BatchStatistics& s) {
    return read::BatchMayMatch(*bound, s, h.record_count) != expr::MatchResult::kNever;
  };
  auto r = DecodeLogRecords(std::make_shared<const std::string>(records_), ctx);
  ASSERT_TRUE(r.ok()) << r.status().ToString();

  // The oracle: the Java writer's i32 values that satisfy the predicate.
  json want = json::array();
  for (const auto& b : expected_["batches"]) {
    for (const auto& row : b["rows"]) {
      if (!row["i32"].is_null() && row["i32"].get<int64_t>() >= -1995999880) want.push_back(row["i32"]);
    }
  }
  ASSERT_FALSE(want.empty());

  json got = json::array();
  int skipped = 0;
  for (const LogBatch& b : r->batches) {
    if (b.skipped) {
      ++skipped;
      EXPECT_TRUE(b.header.has_statistics());
      continue;
    }
    auto selected = expr::SelectRows(*bound, *b.columns.get());
    ASSERT_TRUE(selected.ok()) << selected.status().ToString();
    auto text = arrow::BatchToJson(*b.columns.get(), ctx_.row_type);
    ASSERT_TRUE(text.ok());
    json rows = json::parse(*text);
    for (int64_t i : *selected) got.push_back(rows[static_cast<size_t>(i)]["i32"]);
  }
  EXPECT_EQ(skipped, 3);  // offsets 21..30, all below 40
  EXPECT_EQ(got, want);
  EXPECT_EQ(r->next_fetch_offset, 52);  // skipped batches still advance the offset
}

TEST_F(Fluss10Matrix, TruncatedAndDamagedBytesNeverCrash) {
  for (size_t n = 0; n < records_.size(); n += 97) {
    auto r = DecodeLogRecords(std::make_shared<const std::string>(records_.substr(0, n)), ctx_);
    ASSERT_TRUE(r.ok()) << n << ": " << r.status().ToString();
    EXPECT_EQ(r->bytes_consumed + r->truncated_bytes, n);
  }
  ctx_.arrow_options.max_buffer_bytes = 1 << 20;
  for (size_t i = 0; i < records_.size(); i += 41) {
    std::string damaged = records_;
    damaged[i] = static_cast<char>(damaged[i] ^ 0x5a);
    auto r = DecodeLogRecords(std::make_shared<const std::string>(damaged), ctx_);
    if (!r.ok()) continue;
    for (const auto& b : r->batches) EXPECT_TRUE(arrow::BatchToJson(*b.columns.get(), ctx_.row_type).ok());
  }
}

}  // namespace
}  // namespace fluss_native::logbatch
