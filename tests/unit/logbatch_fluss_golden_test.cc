// Decodes log batches written by Fluss 0.9.1's own Java writer
// (tests/data/logbatch/GenFlussBatches.java): V0 and V1 headers, append-only
// and changelog batches, uncompressed, LZ4 and ZSTD Arrow bodies, every type.
#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "golden_log_batches.h"

namespace fluss_native::logbatch {
namespace {

using json = nlohmann::json;

class FlussGolden : public GoldenLogBatches {
 protected:
  void SetUp() override { Load("all_types"); }
};

TEST_F(FlussGolden, EveryBatchMatchesTheJavaWriter) {
  auto r = DecodeLogRecords(std::make_shared<const std::string>(records_), ctx_);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const json& batches = expected_["batches"];
  ASSERT_EQ(r->batches.size(), batches.size());
  for (size_t i = 0; i < batches.size(); ++i) {
    SCOPED_TRACE("batch " + std::to_string(i));
    const LogBatch& got = r->batches[i];
    ExpectMatches(got, batches[i]);
    if (got.header.magic == 1) {
      EXPECT_EQ(got.header.leader_epoch, 3);
    }
  }
  EXPECT_EQ(r->next_fetch_offset, 16);
  EXPECT_EQ(r->truncated_bytes, 0u);
}

TEST_F(FlussGolden, TruncatedResponsesStopAtBatchBoundaries) {
  auto full = DecodeLogRecords(std::make_shared<const std::string>(records_), ctx_);
  ASSERT_TRUE(full.ok());
  for (size_t n = 0; n < records_.size(); n += 7) {
    auto r = DecodeLogRecords(std::make_shared<const std::string>(records_.substr(0, n)), ctx_);
    ASSERT_TRUE(r.ok()) << n << ": " << r.status().ToString();
    EXPECT_EQ(r->bytes_consumed + r->truncated_bytes, n);
  }
}

TEST_F(FlussGolden, FlippedBytesNeverCrash) {
  for (bool crc : {true, false}) {
    ctx_.verify_crc = crc;
    ctx_.arrow_options.max_buffer_bytes = 1 << 20;
    for (size_t i = 0; i < records_.size(); i += 3) {
      std::string damaged = records_;
      damaged[i] = static_cast<char>(damaged[i] ^ 0x5a);
      auto r = DecodeLogRecords(std::make_shared<const std::string>(damaged), ctx_);
      if (!r.ok()) continue;
      for (const auto& b : r->batches) {
        EXPECT_TRUE(arrow::BatchToJson(*b.columns.get(), ctx_.row_type).ok());
      }
    }
  }
}

}  // namespace
}  // namespace fluss_native::logbatch
