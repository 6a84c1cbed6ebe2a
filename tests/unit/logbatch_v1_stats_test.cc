// Fluss 1.0 log batches with statistics (magic V1 and V2): batches written by
// Fluss 1.0.0's own Java writer (testing/logstats-golden/GenV1StatsBatches.java)
// decode to the rows and statistics Fluss's own parser reads back; the
// pruning decision skips exactly the batches whose statistics exclude the
// predicate; crafted and truncated statistics fail cleanly.
#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "test_data.h"
#include "expr/bound_predicate.h"
#include "format/arrow/array_json.h"
#include "format/logbatch/batch_statistics.h"
#include "format/logbatch/crc32c.h"
#include "format/logbatch/log_batch_reader.h"
#include "read/log_batch_prune.h"

namespace fluss_native::logbatch {
namespace {

using json = nlohmann::json;

std::string ReadFile(const std::string& name) { return testing_data::Read("logbatch/" + name); }

// A bound as the sidecar writes it (array_json.h conventions).
json BoundJson(const std::optional<Literal>& lit, const DataType& type) {
  if (!lit) return nullptr;
  switch (lit->kind) {
    case LiteralKind::kBoolean: return lit->boolean;
    case LiteralKind::kInteger: return lit->integer;
    case LiteralKind::kDate: return lit->integer;
    case LiteralKind::kDouble: return lit->real;
    case LiteralKind::kString: return lit->text;
    case LiteralKind::kTimestamp:
      if (type.precision <= 3) return lit->integer;
      return lit->integer * 1000 + lit->nanos_of_milli / 1000;
    case LiteralKind::kDecimal: {
      std::string digits = lit->text;
      bool negative = !digits.empty() && digits[0] == '-';
      if (negative) digits.erase(0, 1);
      while (static_cast<int>(digits.size()) <= lit->scale) digits.insert(0, "0");
      if (lit->scale > 0) digits.insert(digits.size() - static_cast<size_t>(lit->scale), ".");
      return (negative ? "-" : "") + digits;
    }
    default: return "unexpected kind " + lit->ToString();
  }
}

void PutLe32(std::string* s, size_t at, int32_t v) {
  for (int i = 0; i < 4; ++i) (*s)[at + static_cast<size_t>(i)] = static_cast<char>((static_cast<uint32_t>(v) >> (8 * i)) & 0xff);
}

void FixCrc(std::string* batch, size_t crc_at) {
  auto* p = reinterpret_cast<uint8_t*>(batch->data());
  PutLe32(batch, crc_at, static_cast<int32_t>(Crc32c(p + crc_at + 4, batch->size() - crc_at - 4)));
}

class FlussV1Stats : public ::testing::Test {
 protected:
  void SetUp() override {
    expected_ = json::parse(ReadFile("v1_stats.json"));
    auto type = ParseDataTypeJson(expected_["type"].dump());
    ASSERT_TRUE(type.ok()) << type.status().ToString();
    ctx_.table_name = "db.v1_stats";
    ctx_.bucket = 0;
    ctx_.row_type = *type;
    ctx_.v1_layout = V1Layout::kStatistics;
    records_ = ReadFile("v1_stats.bin");
  }

  // The i-th batch's bytes.
  std::string Batch(size_t i) const {
    size_t pos = 0;
    for (size_t k = 0; k < i; ++k) pos += expected_["batches"][k]["size"].get<size_t>();
    return records_.substr(pos, expected_["batches"][i]["size"].get<size_t>());
  }

  Result<DecodedLogRecords> Decode(std::string bytes, const LogReadContext& ctx) {
    return DecodeLogRecords(std::make_shared<const std::string>(std::move(bytes)), ctx);
  }

  expr::BoundPredicate Bound(const std::string& text) {
    auto p = ParsePredicate(text);
    EXPECT_TRUE(p.ok()) << text << ": " << p.status().ToString();
    auto b = expr::Bind(*p, ctx_.row_type);
    EXPECT_TRUE(b.ok()) << text << ": " << b.status().ToString();
    return *b;
  }

  json expected_;
  LogReadContext ctx_;
  std::string records_;
};

TEST_F(FlussV1Stats, EveryBatchMatchesTheJavaWriterRowsAndStatistics) {
  auto r = Decode(records_, ctx_);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const json& batches = expected_["batches"];
  ASSERT_EQ(r->batches.size(), batches.size());
  EXPECT_EQ(r->bytes_consumed, records_.size());
  for (size_t i = 0; i < batches.size(); ++i) {
    SCOPED_TRACE("batch " + std::to_string(i));
    const LogBatch& got = r->batches[i];
    const json& want = batches[i];
    EXPECT_EQ(got.header.magic, 1);
    EXPECT_EQ(got.header.header_size, kV1HeaderSize);
    EXPECT_EQ(got.base_offset(), want["base_offset"].get<int64_t>());
    EXPECT_EQ(got.header.append_only(), want["append_only"].get<bool>());
    EXPECT_EQ(got.record_count(), want["record_count"].get<int>());
    EXPECT_EQ(got.commit_timestamp(), want["commit_timestamp"].get<int64_t>());
    EXPECT_EQ(got.header.size_bytes, want["size"].get<size_t>());
    EXPECT_EQ(got.header.statistics_length, want["statistics_length"].get<int32_t>());
    EXPECT_EQ(got.header.leader_epoch, kNoLeaderEpoch);
    EXPECT_FALSE(got.skipped);
    json change_types = json::array();
    for (ChangeType c : got.change_types) change_types.push_back(static_cast<int>(c));
    EXPECT_EQ(change_types, want["change_types"]);

    auto text = arrow::BatchToJson(*got.columns.get(), ctx_.row_type);
    ASSERT_TRUE(text.ok()) << text.status().ToString();
    EXPECT_EQ(json::parse(*text), want["rows"]);

    ASSERT_TRUE(got.statistics.has_value());
    const json& stats = want["stats"];
    ASSERT_EQ(got.statistics->columns.size(), stats.size());
    for (const json& s : stats) {
      const int column = s["column"].get<int>();
      SCOPED_TRACE("column " + std::to_string(column));
      const ColumnStatistics* c = got.statistics->Find(column);
      ASSERT_NE(c, nullptr);
      const DataType& type = ctx_.row_type.children[static_cast<size_t>(column)];
      EXPECT_EQ(c->null_count, s["null_count"].get<int64_t>());
      EXPECT_EQ(BoundJson(c->min, type), s["min"]);
      EXPECT_EQ(BoundJson(c->max, type), s["max"]);
    }
  }
}

TEST_F(FlussV1Stats, ReadAsFluss09LeaderEpochLayoutTheCrcDoesNotMatch) {
  LogReadContext ctx = ctx_;
  ctx.v1_layout = V1Layout::kLeaderEpoch;
  auto r = Decode(records_, ctx);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kCorruption) << r.status().ToString();
}

TEST_F(FlussV1Stats, MayMatchSkipsBatchesWhoseStatisticsExcludeThePredicate) {
  auto r = Decode(records_, ctx_);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->batches.size(), 3u);
  // Batch b holds ids 100*b + i: i32 in [0,4], [100,103], [200,202].
  struct Case {
    std::string where;
    std::string keep;  // per batch: 1 kept, 0 skipped
  };
  const std::vector<Case> cases = {
      {"i32 > 150", "001"},
      {"i32 < 50", "100"},
      {"i32 = 2", "100"},
      {"i32 = 50", "000"},
      {"i32 BETWEEN 101 AND 201", "011"},
      {"i32 IN (3, 202)", "101"},
      {"i32 IS NULL", "111"},          // one NULL per batch
      {"i64 IS NOT NULL", "110"},      // all NULL in batch 2
      {"i64 > 100000000000", "010"},
      {"s = 'sb1'", "010"},
      {"s >= 'sc'", "001"},
      {"s LIKE 'sa%'", "100"},
      {"f64 > 0", "010"},              // batch 0 below, batch 2 all NULL
      {"f64 <= -1.25", "100"},
      {"d = DATE '2019-07-24'", "010"},  // day 18101
      {"d < DATE '2019-04-14'", "000"},  // day 18000 is the least
      {"d < DATE '2019-04-15'", "100"},
      {"ts3 >= TIMESTAMP '2023-11-14 22:15:50'", "001"},
      {"ts6 < TIMESTAMP '2023-11-14 22:13:20.000124'", "100"},
      {"dec > 150.00", "001"},
      {"dec = 4.25", "100"},
      {"dec20 < 10000000000", "100"},
      {"dec20 >= 20012345678.5678", "001"},
      {"i16 > 1", "000"},
      {"b = TRUE", "111"},
      {"i32 < 50 OR s = 'sc1'", "101"},
      {"i32 < 50 AND s = 'sc1'", "000"},
      {"NOT (i32 >= 0)", "000"},
      {"i32 <> 7", "111"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.where);
    expr::BoundPredicate p = Bound(c.where);
    std::string keep;
    for (const LogBatch& b : r->batches) {
      keep += read::BatchMayMatch(p, *b.statistics, b.record_count()) == expr::MatchResult::kNever ? '0' : '1';
    }
    EXPECT_EQ(keep, c.keep);
  }
}

TEST_F(FlussV1Stats, KeepBatchHookSkipsDecodingAndStillAdvancesOffsets) {
  expr::BoundPredicate p = Bound("i32 >= 100 AND i32 < 200");
  LogReadContext ctx = ctx_;
  int asked = 0;
  ctx.keep_batch = [&](const LogBatchHeader& h, const BatchStatistics& s) {
    ++asked;
    return read::BatchMayMatch(p, s, h.record_count) != expr::MatchResult::kNever;
  };
  auto r = Decode(records_, ctx);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->batches.size(), 3u);
  EXPECT_EQ(asked, 3);
  EXPECT_TRUE(r->batches[0].skipped);
  EXPECT_FALSE(r->batches[1].skipped);
  EXPECT_TRUE(r->batches[2].skipped);
  EXPECT_EQ(r->batches[0].columns.get()->release, nullptr);  // not decoded
  EXPECT_EQ(r->batches[1].columns.get()->length, 4);
  EXPECT_EQ(r->next_fetch_offset, 12);
}

TEST_F(FlussV1Stats, V2HeaderWithLeaderEpochCarriesTheSameStatistics) {
  // Fluss 1.0's V2 is V1 with the leader epoch after the commit timestamp,
  // outside the CRC, which therefore stays valid.
  std::string v1 = Batch(1);
  std::string v2 = v1.substr(0, 21) + std::string("\x07\x00\x00\x00", 4) + v1.substr(21);
  v2[kMagicOffset] = 2;
  PutLe32(&v2, kLengthOffset, static_cast<int32_t>(v2.size() - kLogOverhead));
  for (V1Layout layout : {V1Layout::kLeaderEpoch, V1Layout::kStatistics}) {
    LogReadContext ctx = ctx_;
    ctx.v1_layout = layout;  // magic 2 means the same in both
    auto r = Decode(v2, ctx);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_EQ(r->batches.size(), 1u);
    const LogBatch& b = r->batches[0];
    EXPECT_EQ(b.header.header_size, kV2HeaderSize);
    EXPECT_EQ(b.header.leader_epoch, 7);
    EXPECT_EQ(b.record_count(), 4);
    ASSERT_TRUE(b.statistics);
    EXPECT_EQ(b.statistics->Find(0)->min->integer, 100);
    EXPECT_EQ(b.statistics->Find(0)->max->integer, 103);
  }
}

TEST_F(FlussV1Stats, UnknownStatisticsVersionIsIgnoredNotPruned) {
  std::string b = Batch(0);
  b[kV1HeaderSize] = 2;
  FixCrc(&b, 21);
  bool asked = false;
  LogReadContext ctx = ctx_;
  ctx.keep_batch = [&](const LogBatchHeader&, const BatchStatistics&) { return asked = true, false; };
  auto r = Decode(b, ctx);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(r->batches[0].statistics.has_value());
  EXPECT_FALSE(asked);
  EXPECT_FALSE(r->batches[0].skipped);
  EXPECT_EQ(r->batches[0].columns.get()->length, 5);
}

TEST_F(FlussV1Stats, CraftedStatisticsAreCorruptionNotCrashes) {
  const std::string good = Batch(0);
  const size_t s = kV1HeaderSize;  // statistics start
  const int32_t stats_len = expected_["batches"][0]["statistics_length"].get<int32_t>();
  const size_t min_size_at = s + 3 + 11 * 6;
  const size_t min_row = min_size_at + 4;
  struct Mutation {
    std::string name;
    std::function<void(std::string*)> apply;
    std::string message;
  };
  const std::vector<Mutation> mutations = {
      {"statistics length beyond the batch", [&](std::string* b) { PutLe32(b, 48, static_cast<int32_t>(b->size())); },
       "statistics length"},
      {"negative statistics length", [&](std::string* b) { PutLe32(b, 48, -1); }, "statistics length"},
      {"too many columns", [&](std::string* b) { (*b)[s + 1] = '\xff'; (*b)[s + 2] = '\x7f'; }, "too short"},
      {"no columns", [&](std::string* b) { (*b)[s + 1] = 0; (*b)[s + 2] = 0; }, "for 0 columns"},
      {"column index out of range", [&](std::string* b) { (*b)[s + 3] = 11; }, "column 11"},
      {"negative null count", [&](std::string* b) { PutLe32(b, s + 3 + 22, -5); }, "null count"},
      {"min row overruns", [&](std::string* b) { PutLe32(b, min_size_at, stats_len); }, "overruns"},
      {"min row too short", [&](std::string* b) {
         // Shrink the min row to 8 bytes; the max row's size field follows it.
         const int32_t old = static_cast<int32_t>(uint8_t((*b)[min_size_at]) | uint8_t((*b)[min_size_at + 1]) << 8);
         b->erase(min_row + 8, static_cast<size_t>(old - 8));
         PutLe32(b, min_size_at, 8);
         PutLe32(b, 48, stats_len - (old - 8));
         PutLe32(b, kLengthOffset, static_cast<int32_t>(b->size() - kLogOverhead));
       }, "fixed part"},
      {"decimal out of the row", [&](std::string* b) {
         // dec20 (field 8) is stored out of line: point it past the row.
         const size_t slot = min_row + 8 + 8 * 8;
         PutLe32(b, slot + 4, 0x7fff);
       }, "outside"},
      {"string out of the row", [&](std::string* b) {
         // s (field 2) is inline ("sa0"): make it an out-of-line reference.
         const size_t slot = min_row + 8 + 8 * 2;
         PutLe32(b, slot, 16);
         PutLe32(b, slot + 4, 0x00100000);
       }, "outside"},
  };
  for (const Mutation& m : mutations) {
    SCOPED_TRACE(m.name);
    std::string b = good;
    m.apply(&b);
    FixCrc(&b, 21);
    auto r = Decode(b, ctx_);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kCorruption) << r.status().ToString();
    EXPECT_NE(r.status().message().find(m.message), std::string::npos) << r.status().ToString();
    EXPECT_NE(r.status().message().find("db.v1_stats"), std::string::npos) << r.status().ToString();
  }
}

TEST_F(FlussV1Stats, TruncatedOrBitFlippedInputNeverCrashes) {
  LogReadContext ctx = ctx_;
  ctx.verify_crc = false;
  ctx.keep_batch = [](const LogBatchHeader&, const BatchStatistics&) { return true; };
  for (size_t n = 0; n < records_.size(); n += 7) {
    auto r = Decode(records_.substr(0, n), ctx);
    if (r.ok()) EXPECT_LE(r->bytes_consumed, n);
  }
  const std::string b = Batch(0);
  const size_t end = kV1HeaderSize + static_cast<size_t>(expected_["batches"][0]["statistics_length"].get<int>());
  for (size_t i = 44; i < end; ++i) {
    for (uint8_t flip : {0x01, 0x80, 0xff}) {
      std::string m = b;
      m[i] = static_cast<char>(m[i] ^ flip);
      (void)Decode(m, ctx);
    }
  }
}

}  // namespace
}  // namespace fluss_native::logbatch
