// Crafted Avro container files aimed at the reader's size arithmetic and
// at value amplification (issue 14's decoder hardening). Each input is built
// by hand here; the well-formed variants check the limits do not refuse
// honest data.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "format/avro/avro_reader.h"

namespace fluss_native::avro {
namespace {

std::string Varint(int64_t v) {
  uint64_t z = (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
  std::string out;
  while (z >= 0x80) {
    out.push_back(static_cast<char>((z & 0x7f) | 0x80));
    z >>= 7;
  }
  out.push_back(static_cast<char>(z));
  return out;
}

struct Block {
  int64_t count;
  std::string bytes;
};

// An uncompressed container file with the given schema and blocks.
std::string Container(const std::string& schema, const std::vector<Block>& blocks) {
  std::string f = std::string("Obj\x01", 4);
  f += Varint(1) + Varint(11) + "avro.schema" + Varint(static_cast<int64_t>(schema.size())) + schema + Varint(0);
  const std::string sync(16, 'S');
  f += sync;
  for (const Block& b : blocks) {
    f += Varint(b.count) + Varint(static_cast<int64_t>(b.bytes.size())) + b.bytes + sync;
  }
  return f;
}

std::string FixedRecord(const std::string& size_text, int fields) {
  std::string s = R"({"type":"record","name":"r","fields":[)";
  for (int i = 0; i < fields; ++i) {
    if (i) s += ",";
    s += R"({"name":"f)" + std::to_string(i) + R"(","type":)";
    s += i == 0 ? R"({"type":"fixed","name":"big","size":)" + size_text + "}" : std::string(R"("big")");
    s += "}";
  }
  return s + "]}";
}

TEST(AvroHostile, FixedSizeNearInt64MaxIsRefusedNotOverflowed) {
  // Before the fix a record of two such fields summed their minimum sizes
  // past INT64_MAX (undefined behaviour; UBSan reports it).
  for (const std::string size : {"9223372036854775807", "9223372036854775800", "18446744073709551615",
                                 "4611686018427387904"}) {
    for (int fields : {1, 2, 3}) {
      auto r = AvroFileReader::FromBytes("big_fixed.avro", Container(FixedRecord(size, fields), {{1, "x"}}));
      ASSERT_FALSE(r.ok()) << size << " x" << fields;
      EXPECT_EQ(r.status().code(), StatusCode::kCorruption);
      EXPECT_NE(r.status().message().find("big_fixed.avro"), std::string::npos) << r.status().ToString();
      EXPECT_NE(r.status().message().find("fixed big"), std::string::npos) << r.status().ToString();
    }
  }
}

TEST(AvroHostile, LargeFixedWithinTheBlockLimitStillBoundsCounts) {
  // 256 MiB fixed fields in a map: the minimum sizes saturate instead of
  // overflowing, and a count that the bytes cannot back fails cleanly.
  const std::string schema =
      R"({"type":"record","name":"r","fields":[{"name":"m","type":{"type":"map","values":)"
      R"({"type":"fixed","name":"f","size":268435456}}}]})";
  auto r = AvroFileReader::FromBytes("map_fixed.avro", Container(schema, {{1, Varint(3) + "k"}}));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_GT(r->schema().root().min_encoded_size, 0);
  auto all = r->ReadAll();
  ASSERT_FALSE(all.ok());
  EXPECT_NE(all.status().message().find("exceeds the bytes left"), std::string::npos) << all.status().ToString();
  // A record of many large fixed fields keeps a positive, capped minimum.
  auto many = AvroFileReader::FromBytes("many_fixed.avro", Container(FixedRecord("268435456", 5000), {}));
  ASSERT_TRUE(many.ok()) << many.status().ToString();
  EXPECT_GT(many->schema().root().min_encoded_size, int64_t{1} << 30);
  EXPECT_LE(many->schema().root().min_encoded_size, int64_t{1} << 40);
}

const std::string kNestedNulls =
    R"({"type":"record","name":"r","fields":[{"name":"a","type":{"type":"array","items":{"type":"array","items":"null"}}}]})";

// One record: `outer` inner arrays of `inner` nulls each (~4 bytes apiece).
std::string NestedNulls(int64_t outer, int64_t inner) {
  std::string b = Varint(outer);
  for (int64_t i = 0; i < outer; ++i) b += Varint(inner) + Varint(0);
  return b + Varint(0);
}

TEST(AvroHostile, NestedZeroSizeArraysAreCappedPerBlock) {
  // 1200 bytes that would expand into 314 million null values (tens of GiB)
  // if each inner array were capped on its own.
  const int64_t inner = (int64_t{1} << 20) - 1;
  const std::string block = NestedNulls(300, inner);
  ASSERT_LT(block.size(), 1300u);
  auto r = AvroFileReader::FromBytes("nested_nulls.avro", Container(kNestedNulls, {{1, block}}));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  auto all = r->ReadAll();
  ASSERT_FALSE(all.ok());
  EXPECT_EQ(all.status().code(), StatusCode::kCorruption);
  EXPECT_NE(all.status().message().find("zero-size items in one block"), std::string::npos)
      << all.status().ToString();
  EXPECT_NE(all.status().message().find("nested_nulls.avro"), std::string::npos);

  // The budget spans the records of a block, not just one record.
  std::vector<Block> split_records = {{3, NestedNulls(1, 400000) + NestedNulls(1, 400000) + NestedNulls(1, 400000)}};
  auto r2 = AvroFileReader::FromBytes("records.avro", Container(kNestedNulls, split_records));
  ASSERT_TRUE(r2.ok());
  EXPECT_FALSE(r2->ReadAll().ok());
}

TEST(AvroHostile, ZeroSizeBudgetIsPerBlockSoHonestFilesRead) {
  // Two blocks of 600k nulls each: over the per-block cap in total, under it
  // in each block.
  std::vector<Block> blocks = {{1, NestedNulls(2, 300000)}, {1, NestedNulls(3, 200000)}};
  auto r = AvroFileReader::FromBytes("ok.avro", Container(kNestedNulls, blocks));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  auto all = r->ReadAll();
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  ASSERT_EQ(all->size(), 2u);
  const AvroValue* a0 = (*all)[0].Field("a");
  ASSERT_NE(a0, nullptr);
  ASSERT_EQ(a0->items.size(), 2u);
  EXPECT_EQ(a0->items[1].items.size(), 300000u);
  EXPECT_EQ((*all)[1].Field("a")->items.size(), 3u);
}

}  // namespace
}  // namespace fluss_native::avro
