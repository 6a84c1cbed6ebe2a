// Log batches that Fluss's own Java writer produced (tests/data/logbatch/,
// written by GenFlussBatches.java with 0.9.1 and GenLogBatchMatrix.java with
// 1.0.0, both over LogBatchRows.java's rows), with the expected header
// fields and rows the generators wrote next to them.
#pragma once

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "format/arrow/array_json.h"
#include "format/logbatch/log_batch_reader.h"
#include "test_data.h"

namespace fluss_native::logbatch {

class GoldenLogBatches : public ::testing::Test {
 protected:
  // Reads logbatch/<stem>.json and logbatch/<stem>.records; the context reads
  // them as bucket 0 of table db.<stem>.
  void Load(const std::string& stem) {
    expected_ = nlohmann::json::parse(testing_data::Read("logbatch/" + stem + ".json"));
    auto type = ParseDataTypeJson(expected_["type"].dump());
    ASSERT_TRUE(type.ok()) << type.status().ToString();
    ctx_.table_name = "db." + stem;
    ctx_.bucket = 0;
    ctx_.row_type = *type;
    records_ = testing_data::Read("logbatch/" + stem + ".records");
  }

  // The fields every generator writes: offsets, magic, flags, count, commit
  // time, size, change types and the rows.
  void ExpectMatches(const LogBatch& got, const nlohmann::json& want) const {
    EXPECT_EQ(got.base_offset(), want["base_offset"].get<int64_t>());
    EXPECT_EQ(got.header.magic, want["magic"].get<int>());
    EXPECT_EQ(got.header.append_only(), want["append_only"].get<bool>());
    EXPECT_EQ(got.record_count(), want["record_count"].get<int>());
    EXPECT_EQ(got.commit_timestamp(), want["commit_timestamp"].get<int64_t>());
    EXPECT_EQ(got.header.size_bytes, want["size"].get<size_t>());
    EXPECT_EQ(got.last_offset(), got.base_offset() + got.record_count() - 1);
    nlohmann::json change_types = nlohmann::json::array();
    for (ChangeType c : got.change_types) change_types.push_back(static_cast<int>(c));
    EXPECT_EQ(change_types, want["change_types"]);
    auto text = arrow::BatchToJson(*got.columns.get(), ctx_.row_type);
    ASSERT_TRUE(text.ok()) << text.status().ToString();
    nlohmann::json rows = nlohmann::json::parse(*text);
    ASSERT_EQ(rows.size(), want["rows"].size());
    for (size_t row = 0; row < rows.size(); ++row) EXPECT_EQ(rows[row], want["rows"][row]) << "row " << row;
  }

  nlohmann::json expected_;
  LogReadContext ctx_;
  std::string records_;
};

}  // namespace fluss_native::logbatch
