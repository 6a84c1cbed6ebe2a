// Hand-built byte streams for the level/index and delta decoders, including
// streams that lie about their lengths.
#include <cstdint>
#include <vector>

#include <gtest/gtest.h>

#include "format/parquet/delta.h"
#include "format/parquet/rle.h"

namespace fluss_native::parquet {
namespace {

TEST(RleDecoder, RleRunThenBitPackedRun) {
  // RLE run: 5 x 4; bit-packed run: one group of 0..7 at width 3 (the
  // example of Encodings.md).
  const std::vector<uint8_t> bytes = {10, 4, 3, 0x88, 0xC6, 0xFA};
  RleBitPackedDecoder d(bytes.data(), bytes.size(), 3);
  uint32_t out[13];
  ASSERT_TRUE(d.GetBatch(out, 13).ok());
  const uint32_t want[13] = {4, 4, 4, 4, 4, 0, 1, 2, 3, 4, 5, 6, 7};
  for (int i = 0; i < 13; ++i) EXPECT_EQ(out[i], want[i]) << i;
  EXPECT_FALSE(d.GetBatch(out, 1).ok());  // nothing left
}

TEST(RleDecoder, RejectsTruncatedAndOverwideRuns) {
  const std::vector<uint8_t> no_value = {10};
  RleBitPackedDecoder a(no_value.data(), no_value.size(), 3);
  int16_t out[8];
  EXPECT_EQ(a.GetBatch(out, 1).code(), StatusCode::kCorruption);

  const std::vector<uint8_t> too_wide = {10, 9};  // 9 needs 4 bits
  RleBitPackedDecoder b(too_wide.data(), too_wide.size(), 3);
  EXPECT_EQ(b.GetBatch(out, 1).code(), StatusCode::kCorruption);

  const std::vector<uint8_t> endless_varint(20, 0xff);
  RleBitPackedDecoder c(endless_varint.data(), endless_varint.size(), 1);
  EXPECT_EQ(c.GetBatch(out, 1).code(), StatusCode::kCorruption);

  // A packed run claiming 50 groups with 1 byte of data yields 8 values
  // at width 1, then fails instead of reading past the end.
  const std::vector<uint8_t> short_packed = {101, 0xff};
  RleBitPackedDecoder e(short_packed.data(), short_packed.size(), 1);
  ASSERT_TRUE(e.GetBatch(out, 8).ok());
  EXPECT_EQ(out[7], 1);
  EXPECT_FALSE(e.GetBatch(out, 1).ok());
}

TEST(RleDecoder, BitWidthZeroIsAllZeros) {
  const std::vector<uint8_t> bytes = {0xC8, 0x01};  // varint 200: RLE run of 100
  RleBitPackedDecoder d(bytes.data(), bytes.size(), 0);
  uint32_t out[100];
  ASSERT_TRUE(d.GetBatch(out, 100).ok());
  for (uint32_t v : out) EXPECT_EQ(v, 0u);
}

TEST(DeltaBinaryPacked, SpecExample) {
  // 1, 2, 3, 4, 5: block 128 with 4 miniblocks, min delta 1, widths 0.
  const std::vector<uint8_t> bytes = {0x80, 0x01, 0x04, 0x05, 0x02, 0x02, 0, 0, 0, 0};
  std::vector<int64_t> out;
  size_t used = 0;
  ASSERT_TRUE(DecodeDeltaBinaryPacked(bytes.data(), bytes.size(), 5, &out, &used).ok());
  EXPECT_EQ(out, (std::vector<int64_t>{1, 2, 3, 4, 5}));
  EXPECT_EQ(used, bytes.size());
}

TEST(DeltaBinaryPacked, WrapsAroundLikeTheSpec) {
  // first = INT64_MAX (zigzag 2^64-2), then +1 wraps to INT64_MIN.
  std::vector<uint8_t> bytes = {0x80, 0x01, 0x04, 0x02};
  uint64_t z = 0xFFFFFFFFFFFFFFFEull;
  while (z >= 0x80) { bytes.push_back(static_cast<uint8_t>(z | 0x80)); z >>= 7; }
  bytes.push_back(static_cast<uint8_t>(z));
  bytes.insert(bytes.end(), {0x02, 0, 0, 0, 0});  // min delta 1, widths 0
  std::vector<int64_t> out;
  size_t used;
  ASSERT_TRUE(DecodeDeltaBinaryPacked(bytes.data(), bytes.size(), 2, &out, &used).ok());
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0], INT64_MAX);
  EXPECT_EQ(out[1], INT64_MIN);
}

TEST(DeltaBinaryPacked, RejectsLies) {
  std::vector<int64_t> out;
  size_t used;
  const std::vector<uint8_t> too_many = {0x80, 0x01, 0x04, 0x05, 0x02, 0x02, 0, 0, 0, 0};
  EXPECT_EQ(DecodeDeltaBinaryPacked(too_many.data(), too_many.size(), 3, &out, &used).code(),
            StatusCode::kCorruption);
  const std::vector<uint8_t> bad_block = {0x07, 0x04, 0x05, 0x02};
  EXPECT_EQ(DecodeDeltaBinaryPacked(bad_block.data(), bad_block.size(), 5, &out, &used).code(),
            StatusCode::kCorruption);
  // Width 8 for a 32-value miniblock needs 32 bytes; only 2 present.
  const std::vector<uint8_t> short_mini = {0x80, 0x01, 0x04, 0x05, 0x02, 0x02, 8, 0, 0, 0, 1, 2};
  EXPECT_EQ(DecodeDeltaBinaryPacked(short_mini.data(), short_mini.size(), 5, &out, &used).code(),
            StatusCode::kCorruption);
  const std::vector<uint8_t> wide = {0x80, 0x01, 0x04, 0x05, 0x02, 0x02, 65, 0, 0, 0};
  EXPECT_EQ(DecodeDeltaBinaryPacked(wide.data(), wide.size(), 5, &out, &used).code(), StatusCode::kCorruption);
}

}  // namespace
}  // namespace fluss_native::parquet
