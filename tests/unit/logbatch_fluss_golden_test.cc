// Decodes log batches written by Fluss 0.9.1's own Java writer
// (tests/data/logbatch/GenFlussBatches.java): V0 and V1 headers, append-only
// and changelog batches, uncompressed, LZ4 and ZSTD Arrow bodies, every type.
#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "format/arrow/array_json.h"
#include "format/logbatch/log_batch_reader.h"

namespace fluss_native::logbatch {
namespace {

using json = nlohmann::json;

std::string ReadFile(const std::string& name) {
  std::ifstream in(std::string(FN_SOURCE_DIR) + "/tests/data/logbatch/" + name, std::ios::binary);
  EXPECT_TRUE(in.good()) << name;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class FlussGolden : public ::testing::Test {
 protected:
  void SetUp() override {
    expected_ = json::parse(ReadFile("all_types.json"));
    auto type = ParseDataTypeJson(expected_["type"].dump());
    ASSERT_TRUE(type.ok()) << type.status().ToString();
    ctx_.table_name = "db.all_types";
    ctx_.bucket = 0;
    ctx_.row_type = *type;
    records_ = ReadFile("all_types.records");
  }

  json expected_;
  LogReadContext ctx_;
  std::string records_;
};

TEST_F(FlussGolden, EveryBatchMatchesTheJavaWriter) {
  auto r = DecodeLogRecords(std::make_shared<const std::string>(records_), ctx_);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const json& batches = expected_["batches"];
  ASSERT_EQ(r->batches.size(), batches.size());
  for (size_t i = 0; i < batches.size(); ++i) {
    SCOPED_TRACE("batch " + std::to_string(i));
    const LogBatch& got = r->batches[i];
    const json& want = batches[i];
    EXPECT_EQ(got.base_offset(), want["base_offset"].get<int64_t>());
    EXPECT_EQ(got.header.magic, want["magic"].get<int>());
    EXPECT_EQ(got.header.append_only(), want["append_only"].get<bool>());
    EXPECT_EQ(got.record_count(), want["record_count"].get<int>());
    EXPECT_EQ(got.commit_timestamp(), want["commit_timestamp"].get<int64_t>());
    EXPECT_EQ(got.header.size_bytes, want["size"].get<size_t>());
    EXPECT_EQ(got.last_offset(), got.base_offset() + got.record_count() - 1);
    if (got.header.magic == 1) {
      EXPECT_EQ(got.header.leader_epoch, 3);
    }
    json change_types = json::array();
    for (ChangeType c : got.change_types) change_types.push_back(static_cast<int>(c));
    EXPECT_EQ(change_types, want["change_types"]);
    auto text = arrow::BatchToJson(*got.columns.get(), ctx_.row_type);
    ASSERT_TRUE(text.ok()) << text.status().ToString();
    json rows = json::parse(*text);
    ASSERT_EQ(rows.size(), want["rows"].size());
    for (size_t row = 0; row < rows.size(); ++row) {
      EXPECT_EQ(rows[row], want["rows"][row]) << "row " << row;
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
