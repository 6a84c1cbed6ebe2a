// Log batch decoding: batches are built here by a small test-only encoder
// that follows LogRecordBatchFormat, with Arrow bodies from tests/data/arrow.
#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "test_data.h"
#include "format/arrow/array_json.h"
#include "format/logbatch/batch_header.h"
#include "format/logbatch/crc32c.h"
#include "format/logbatch/log_batch_reader.h"

namespace fluss_native::logbatch {
namespace {

using json = nlohmann::json;

std::string ReadArrowFile(const std::string& name) { return testing_data::Read("arrow/" + name); }

// --- test-only encoder --------------------------------------------------

struct TestBatch {
  int8_t magic = kMagicV1;
  int64_t base_offset = 100;
  int64_t commit_timestamp = 1700000000123;
  int32_t leader_epoch = 7;
  int16_t schema_id = 1;
  bool append_only = true;
  int32_t last_offset_delta = -1;  // -1: record_count - 1 (or 0 when empty)
  int64_t writer_id = 42;
  int32_t batch_sequence = 3;
  int32_t record_count = 5;
  std::vector<uint8_t> change_types;
  std::string arrow;  // Arrow IPC message
};

template <typename T>
void PutLe(std::string* out, T v) {
  auto u = static_cast<std::make_unsigned_t<T>>(v);
  for (size_t i = 0; i < sizeof(T); ++i) out->push_back(static_cast<char>((u >> (8 * i)) & 0xff));
}

std::string Encode(const TestBatch& b) {
  std::string tail;  // schema id .. end: what the CRC covers
  PutLe<int16_t>(&tail, b.schema_id);
  PutLe<int8_t>(&tail, b.append_only ? 1 : 0);
  int32_t delta = b.last_offset_delta >= 0 ? b.last_offset_delta
                                           : (b.record_count > 0 ? b.record_count - 1 : 0);
  PutLe<int32_t>(&tail, delta);
  PutLe<int64_t>(&tail, b.writer_id);
  PutLe<int32_t>(&tail, b.batch_sequence);
  PutLe<int32_t>(&tail, b.record_count);
  for (uint8_t c : b.change_types) tail.push_back(static_cast<char>(c));
  tail += b.arrow;

  std::string head;
  PutLe<int64_t>(&head, b.base_offset);
  const size_t header_rest = b.magic == kMagicV1 ? 8 + 4 + 4 : 8 + 4;  // ts, epoch?, crc
  PutLe<int32_t>(&head, static_cast<int32_t>(1 + header_rest + tail.size()));
  PutLe<int8_t>(&head, b.magic);
  PutLe<int64_t>(&head, b.commit_timestamp);
  if (b.magic == kMagicV1) PutLe<int32_t>(&head, b.leader_epoch);
  PutLe<uint32_t>(&head, Crc32c(reinterpret_cast<const uint8_t*>(tail.data()), tail.size()));
  return head + tail;
}

// Recomputes the CRC of a (possibly damaged) encoded V1/V0 batch in place.
void FixCrc(std::string* batch) {
  if (batch->size() < kV1HeaderSize) return;
  size_t crc_at = (*batch)[kMagicOffset] == kMagicV1 ? 25 : 21;
  uint32_t crc = Crc32c(reinterpret_cast<const uint8_t*>(batch->data()) + crc_at + 4,
                        batch->size() - crc_at - 4);
  for (int i = 0; i < 4; ++i) (*batch)[crc_at + i] = static_cast<char>((crc >> (8 * i)) & 0xff);
}

struct Fixture {
  DataType row_type;
  json rows;
};

Fixture IntsFixture() {
  json doc = json::parse(ReadArrowFile("ints.json"));
  auto type = ParseDataTypeJson(doc["type"].dump());
  EXPECT_TRUE(type.ok());
  return {*type, doc["rows"]};
}

LogReadContext Context(const DataType& row_type) {
  LogReadContext ctx;
  ctx.table_name = "db.orders";
  ctx.bucket = 3;
  ctx.partition_id = 12;
  ctx.partition_name = "dt=2026";
  ctx.row_type = row_type;
  return ctx;
}

Result<DecodedLogRecords> Decode(const std::string& records, const LogReadContext& ctx) {
  return DecodeLogRecords(std::make_shared<const std::string>(records), ctx);
}

json Rows(const LogBatch& batch, const DataType& type) {
  auto text = arrow::BatchToJson(*batch.columns.get(), type);
  EXPECT_TRUE(text.ok()) << text.status().ToString();
  return text.ok() ? json::parse(*text) : json();
}

// --- tests --------------------------------------------------------------

TEST(Crc32c, KnownVectorsAndPathsAgree) {
  const std::string check = "123456789";
  EXPECT_EQ(Crc32c(reinterpret_cast<const uint8_t*>(check.data()), check.size()), 0xE3069283u);
  EXPECT_EQ(Crc32c(nullptr, 0), 0u);
  std::string zeros(32, '\0');
  EXPECT_EQ(Crc32c(reinterpret_cast<const uint8_t*>(zeros.data()), 32), 0x8A9136AAu);
  std::mt19937 rng(1);
  for (size_t n = 0; n < 200; ++n) {
    std::string s(n, '\0');
    for (auto& c : s) c = static_cast<char>(rng());
    const auto* p = reinterpret_cast<const uint8_t*>(s.data());
    EXPECT_EQ(Crc32c(p, n), Crc32cPortable(p, n)) << n;
  }
}

TEST(LogBatchReader, AppendOnlyV1Batch) {
  Fixture f = IntsFixture();
  TestBatch b;
  b.arrow = ReadArrowFile("ints.none.arrows");
  auto r = Decode(Encode(b), Context(f.row_type));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->batches.size(), 1u);
  const LogBatch& batch = r->batches[0];
  EXPECT_EQ(batch.base_offset(), 100);
  EXPECT_EQ(batch.last_offset(), 104);
  EXPECT_EQ(batch.next_offset(), 105);
  EXPECT_EQ(batch.commit_timestamp(), 1700000000123);
  EXPECT_EQ(batch.record_count(), 5);
  EXPECT_EQ(batch.header.magic, 1);
  EXPECT_EQ(batch.header.leader_epoch, 7);
  EXPECT_EQ(batch.header.schema_id, 1);
  EXPECT_EQ(batch.header.writer_id, 42);
  EXPECT_EQ(batch.header.batch_sequence, 3);
  EXPECT_TRUE(batch.header.append_only());
  EXPECT_TRUE(batch.change_types.empty());
  EXPECT_EQ(batch.change_type(4), ChangeType::kAppendOnly);
  EXPECT_EQ(Rows(batch, f.row_type), f.rows);
  EXPECT_EQ(r->next_fetch_offset, 105);
  EXPECT_EQ(r->truncated_bytes, 0u);
}

TEST(LogBatchReader, V0BatchHasNoLeaderEpoch) {
  Fixture f = IntsFixture();
  TestBatch b;
  b.magic = kMagicV0;
  b.arrow = ReadArrowFile("ints.lz4.arrows");
  auto r = Decode(Encode(b), Context(f.row_type));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->batches.size(), 1u);
  EXPECT_EQ(r->batches[0].header.header_size, kV0HeaderSize);
  EXPECT_EQ(r->batches[0].header.leader_epoch, kNoLeaderEpoch);
  EXPECT_EQ(r->batches[0].header.writer_id, 42);
  EXPECT_EQ(Rows(r->batches[0], f.row_type), f.rows);
}

TEST(LogBatchReader, ChangeTypesOfChangelogBatch) {
  Fixture f = IntsFixture();
  TestBatch b;
  b.append_only = false;
  b.change_types = {1, 2, 3, 4, 0};
  b.arrow = ReadArrowFile("ints.zstd.arrows");
  auto r = Decode(Encode(b), Context(f.row_type));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const LogBatch& batch = r->batches.at(0);
  ASSERT_EQ(batch.change_types.size(), 5u);
  EXPECT_EQ(batch.change_type(0), ChangeType::kInsert);
  EXPECT_EQ(batch.change_type(1), ChangeType::kUpdateBefore);
  EXPECT_EQ(batch.change_type(2), ChangeType::kUpdateAfter);
  EXPECT_EQ(batch.change_type(3), ChangeType::kDelete);
  EXPECT_STREQ(ChangeTypeShortString(batch.change_type(3)), "-D");
  EXPECT_EQ(Rows(batch, f.row_type), f.rows);
}

std::string ThreeBatches() {
  std::string all;
  TestBatch a;
  a.base_offset = 0;
  a.arrow = ReadArrowFile("ints.none.arrows");
  all += Encode(a);
  TestBatch b;
  b.base_offset = 5;
  b.magic = kMagicV0;
  b.append_only = false;
  b.change_types = {1, 1, 3, 2, 4};
  b.arrow = ReadArrowFile("ints.lz4.arrows");
  all += Encode(b);
  TestBatch c;
  c.base_offset = 10;
  c.record_count = 0;  // CDC batch that only moves the offset on
  c.last_offset_delta = 0;
  all += Encode(c);
  return all;
}

TEST(LogBatchReader, SeveralBatches) {
  Fixture f = IntsFixture();
  std::string all = ThreeBatches();
  auto r = Decode(all, Context(f.row_type));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->batches.size(), 3u);
  EXPECT_EQ(r->batches[1].base_offset(), 5);
  EXPECT_EQ(r->batches[1].change_type(4), ChangeType::kDelete);
  EXPECT_EQ(Rows(r->batches[1], f.row_type), f.rows);
  EXPECT_EQ(r->batches[2].record_count(), 0);
  EXPECT_EQ(r->batches[2].columns->length, 0);
  EXPECT_EQ(r->batches[2].columns->n_children, 2);
  EXPECT_EQ(Rows(r->batches[2], f.row_type), json::array());
  EXPECT_EQ(r->next_fetch_offset, 11);
  EXPECT_EQ(r->bytes_consumed, all.size());
}

TEST(LogBatchReader, TruncatedTailStopsAtLastCompleteBatch) {
  Fixture f = IntsFixture();
  std::string all = ThreeBatches();
  auto full = Decode(all, Context(f.row_type));
  ASSERT_TRUE(full.ok());
  std::vector<size_t> ends;
  size_t end = 0;
  for (const auto& b : full->batches) ends.push_back(end += b.header.size_bytes);
  for (size_t n = 0; n <= all.size(); ++n) {
    auto r = Decode(all.substr(0, n), Context(f.row_type));
    ASSERT_TRUE(r.ok()) << "prefix " << n << ": " << r.status().ToString();
    size_t complete = 0;
    while (complete < ends.size() && ends[complete] <= n) ++complete;
    ASSERT_EQ(r->batches.size(), complete) << n;
    const size_t consumed = complete ? ends[complete - 1] : 0;
    EXPECT_EQ(r->bytes_consumed, consumed);
    EXPECT_EQ(r->truncated_bytes, n - consumed);
    if (complete == 0) {
      EXPECT_FALSE(r->next_fetch_offset.has_value());
    } else {
      EXPECT_EQ(r->next_fetch_offset, full->batches[complete - 1].next_offset());
    }
  }
}

TEST(LogBatchReader, CrcMismatchNamesTableBucketOffset) {
  Fixture f = IntsFixture();
  TestBatch b;
  b.arrow = ReadArrowFile("ints.none.arrows");
  std::string bytes = Encode(b);
  bytes[bytes.size() - 9] ^= 0x10;  // inside the Arrow body
  auto r = Decode(bytes, Context(f.row_type));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kCorruption);
  const std::string& m = r.status().message();
  EXPECT_NE(m.find("db.orders"), std::string::npos) << m;
  EXPECT_NE(m.find("bucket 3"), std::string::npos) << m;
  EXPECT_NE(m.find("dt=2026"), std::string::npos) << m;
  EXPECT_NE(m.find("offset 100"), std::string::npos) << m;
  EXPECT_NE(m.find("CRC mismatch"), std::string::npos) << m;

  // The CRC does not cover the commit timestamp (the server sets it later).
  std::string ts = Encode(b);
  ts[14] ^= 0x55;
  EXPECT_TRUE(Decode(ts, Context(f.row_type)).ok());
}

TEST(LogBatchReader, CrcCheckCanBeDisabledForProjectedFetches) {
  Fixture f = IntsFixture();
  TestBatch b;
  b.arrow = ReadArrowFile("ints.none.arrows");
  std::string bytes = Encode(b);
  bytes[25] ^= 0xff;  // the stored CRC itself
  LogReadContext ctx = Context(f.row_type);
  EXPECT_FALSE(Decode(bytes, ctx).ok());
  ctx.verify_crc = false;
  auto r = Decode(bytes, ctx);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(Rows(r->batches.at(0), f.row_type), f.rows);
}

TEST(LogBatchReader, BadMagicIsRefused) {
  Fixture f = IntsFixture();
  TestBatch b;
  b.arrow = ReadArrowFile("ints.none.arrows");
  for (int8_t magic : {3, -1, 127}) {
    std::string bytes = Encode(b);
    bytes[kMagicOffset] = static_cast<char>(magic);
    auto r = Decode(bytes, Context(f.row_type));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kUnsupported);
    EXPECT_NE(r.status().message().find("magic"), std::string::npos);
  }
}

TEST(LogBatchReader, LyingLengths) {
  Fixture f = IntsFixture();
  TestBatch b;
  b.arrow = ReadArrowFile("ints.none.arrows");
  const std::string good = Encode(b);
  auto with_length = [&](int32_t length) {
    std::string s = good;
    for (int i = 0; i < 4; ++i) s[kLengthOffset + i] = static_cast<char>((length >> (8 * i)) & 0xff);
    return s;
  };
  // Shorter than a header: corruption, not a silent stop.
  for (int32_t len : {0, 1, 20, static_cast<int32_t>(kV1HeaderSize - kLogOverhead - 1)}) {
    auto r = Decode(with_length(len), Context(f.row_type));
    EXPECT_EQ(r.status().code(), StatusCode::kCorruption) << len;
  }
  auto neg = Decode(with_length(-5), Context(f.row_type));
  EXPECT_EQ(neg.status().code(), StatusCode::kCorruption);
  // Longer than the data: indistinguishable from a cut response.
  auto huge = Decode(with_length(INT32_MAX), Context(f.row_type));
  ASSERT_TRUE(huge.ok());
  EXPECT_TRUE(huge->batches.empty());
  EXPECT_EQ(huge->truncated_bytes, good.size());
  // Within the data but cutting the Arrow message: CRC catches it, and
  // without CRC the Arrow reader does.
  std::string cut = with_length(static_cast<int32_t>(good.size() - kLogOverhead - 16));
  EXPECT_FALSE(Decode(cut, Context(f.row_type)).ok());
  LogReadContext no_crc = Context(f.row_type);
  no_crc.verify_crc = false;
  EXPECT_FALSE(Decode(cut, no_crc).ok());
}

TEST(LogBatchReader, RecordCountMustMatchArrowRows) {
  Fixture f = IntsFixture();
  TestBatch b;
  b.record_count = 6;
  b.arrow = ReadArrowFile("ints.none.arrows");
  auto r = Decode(Encode(b), Context(f.row_type));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("rows"), std::string::npos);
}

TEST(LogBatchReader, RecordCountAboveOffsetRangeIsCorruption) {
  // A header claiming more records than offsets (last_offset_delta + 1) is
  // refused before any body is decoded, with a valid CRC so only the count
  // check can catch it.
  Fixture f = IntsFixture();
  TestBatch b;
  b.record_count = 5;
  b.last_offset_delta = 3;  // offsets 100..103: room for 4 records
  b.arrow = ReadArrowFile("ints.none.arrows");
  auto r = Decode(Encode(b), Context(f.row_type));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kCorruption);
  EXPECT_NE(r.status().message().find("record count 5 above last offset delta 3"), std::string::npos)
      << r.status().ToString();
  // The largest count a header can hold against delta 0.
  TestBatch huge;
  huge.record_count = INT32_MAX;
  huge.last_offset_delta = 0;
  auto r2 = Decode(Encode(huge), Context(f.row_type));
  ASSERT_FALSE(r2.ok());
  EXPECT_NE(r2.status().message().find("above last offset delta 0"), std::string::npos) << r2.status().ToString();
  // Fewer records than offsets (a CDC batch) still reads.
  TestBatch cdc;
  cdc.last_offset_delta = 9;
  cdc.arrow = ReadArrowFile("ints.none.arrows");
  auto ok = Decode(Encode(cdc), Context(f.row_type));
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->next_fetch_offset, 110);
}

TEST(LogBatchReader, ChangeTypeVectorIsChecked) {
  Fixture f = IntsFixture();
  TestBatch b;
  b.append_only = false;
  b.change_types = {1, 2, 9, 4, 0};
  b.arrow = ReadArrowFile("ints.none.arrows");
  auto r = Decode(Encode(b), Context(f.row_type));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("change type byte 9"), std::string::npos);

  TestBatch overrun;
  overrun.append_only = false;
  overrun.record_count = 1000;
  auto r2 = Decode(Encode(overrun), Context(f.row_type));
  ASSERT_FALSE(r2.ok());
  EXPECT_EQ(r2.status().code(), StatusCode::kCorruption);
}

TEST(LogBatchReader, OtherLogFormatsAreUnsupported) {
  Fixture f = IntsFixture();
  TestBatch b;
  b.arrow = ReadArrowFile("ints.none.arrows");
  for (LogFormat fmt : {LogFormat::kIndexed, LogFormat::kCompacted}) {
    LogReadContext ctx = Context(f.row_type);
    ctx.log_format = fmt;
    auto r = Decode(Encode(b), ctx);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kUnsupported);
    EXPECT_NE(r.status().message().find(std::string("unsupported log format ") +
                                        LogFormatName(fmt)),
              std::string::npos);
    EXPECT_NE(r.status().message().find("db.orders"), std::string::npos);
  }
}

TEST(LogBatchReader, SchemaResolverPerBatch) {
  Fixture f = IntsFixture();
  TestBatch b;
  b.schema_id = 9;
  b.arrow = ReadArrowFile("ints.none.arrows");
  LogReadContext ctx = Context(DataType{});
  ctx.row_type_for_schema = [&](int16_t id) -> Result<DataType> {
    if (id == 9) return f.row_type;
    return Status(StatusCode::kSchema, "unknown schema id " + std::to_string(id));
  };
  auto r = Decode(Encode(b), ctx);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  b.schema_id = 8;
  auto r2 = Decode(Encode(b), ctx);
  ASSERT_FALSE(r2.ok());
  EXPECT_EQ(r2.status().code(), StatusCode::kSchema);
}

TEST(LogBatchReader, ArraysKeepTheRecordsAlive) {
  Fixture f = IntsFixture();
  TestBatch b;
  b.arrow = ReadArrowFile("ints.none.arrows");
  LogReadContext ctx = Context(f.row_type);
  ctx.arrow_options.align_buffers = false;  // force pointers into the records
  arrow::UniqueArrowArray kept;
  {
    auto records = std::make_shared<const std::string>(Encode(b));
    auto r = DecodeLogRecords(records, ctx);
    ASSERT_TRUE(r.ok());
    kept = std::move(r->batches.at(0).columns);
  }
  auto text = arrow::BatchToJson(*kept.get(), f.row_type);
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(json::parse(*text), f.rows);
}

TEST(LogBatchReader, IteratorStaysFailed) {
  Fixture f = IntsFixture();
  TestBatch b;
  b.arrow = ReadArrowFile("ints.none.arrows");
  std::string bytes = Encode(b);
  bytes[30] ^= 1;
  LogReadContext ctx = Context(f.row_type);
  auto owner = std::make_shared<const std::string>(bytes);
  LogBatchReader reader(reinterpret_cast<const uint8_t*>(owner->data()), owner->size(), owner,
                        &ctx);
  EXPECT_FALSE(reader.Next().ok());
  EXPECT_FALSE(reader.Next().ok());
}

// --- hostile inputs -----------------------------------------------------

void DecodeHostile(const std::string& bytes, const LogReadContext& ctx) {
  auto r = Decode(bytes, ctx);
  if (!r.ok()) {
    EXPECT_FALSE(r.status().message().empty());
    return;
  }
  for (const auto& batch : r->batches) {
    auto text = arrow::BatchToJson(*batch.columns.get(), ctx.row_type);
    EXPECT_TRUE(text.ok());
  }
}

TEST(LogBatchHostile, EveryByteFlipWithAndWithoutCrc) {
  Fixture f = IntsFixture();
  std::string all = ThreeBatches();
  LogReadContext ctx = Context(f.row_type);
  ctx.arrow_options.max_buffer_bytes = 1 << 20;
  for (size_t i = 0; i < all.size(); ++i) {
    for (uint8_t mask : {0x01, 0x40, 0xff}) {
      std::string damaged = all;
      damaged[i] = static_cast<char>(damaged[i] ^ mask);
      ctx.verify_crc = true;
      DecodeHostile(damaged, ctx);
      ctx.verify_crc = false;
      DecodeHostile(damaged, ctx);
    }
  }
}

TEST(LogBatchHostile, RandomDamageWithValidCrc) {
  // Recomputing the CRC after damage sends every mutation past the checksum
  // into the header, change type and Arrow decoders.
  Fixture f = IntsFixture();
  std::mt19937_64 rng(7);
  LogReadContext ctx = Context(f.row_type);
  ctx.arrow_options.max_buffer_bytes = 1 << 20;
  TestBatch b;
  b.append_only = false;
  b.change_types = {1, 2, 3, 4, 1};
  for (const char* codec : {"none", "lz4", "zstd"}) {
    b.arrow = ReadArrowFile(std::string("ints.") + codec + ".arrows");
    const std::string good = Encode(b);
    for (int iter = 0; iter < 3000; ++iter) {
      std::string damaged = good;
      int edits = 1 + static_cast<int>(rng() % 3);
      for (int e = 0; e < edits; ++e) {
        damaged[rng() % damaged.size()] = static_cast<char>(rng());
      }
      if (rng() % 4 == 0) damaged.resize(rng() % damaged.size());
      FixCrc(&damaged);
      DecodeHostile(damaged, ctx);
    }
  }
}

}  // namespace
}  // namespace fluss_native::logbatch
