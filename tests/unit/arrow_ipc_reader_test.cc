// Decodes the pyarrow-written messages of tests/data/arrow (see gen.py) and
// compares every value with the expected JSON; then feeds damaged copies.
#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <nlohmann/json.hpp>
#include <random>
#include <string>

#include "test_data.h"
#include "format/arrow/array_json.h"
#include "format/arrow/c_export.h"
#include "format/arrow/ipc_reader.h"
#include "format/arrow/stream.h"

namespace fluss_native::arrow {
namespace {

using json = nlohmann::json;

std::string ReadFile(const std::string& name) { return testing_data::Read("arrow/" + name); }

struct Case {
  DataType type;
  json rows;
};

Case LoadCase(const std::string& name) {
  json doc = json::parse(ReadFile(name + ".json"));
  auto type = ParseDataTypeJson(doc["type"].dump());
  EXPECT_TRUE(type.ok()) << type.status().ToString();
  return Case{type.ok() ? *type : DataType{}, doc["rows"]};
}

Result<DecodedRecordBatch> Decode(const std::string& bytes, const DataType& type,
                                  const IpcReadOptions& options = {}) {
  auto owner = std::make_shared<const std::string>(bytes);
  return DecodeRecordBatch(reinterpret_cast<const uint8_t*>(owner->data()), owner->size(), owner,
                           type, options);
}

class GoldenTest : public ::testing::TestWithParam<std::tuple<std::string, std::string>> {};

TEST_P(GoldenTest, ValuesMatchPyarrow) {
  const auto& [name, codec] = GetParam();
  Case c = LoadCase(name);
  std::string bytes = ReadFile(name + "." + codec + ".arrows");
  auto decoded = Decode(bytes, c.type);
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(decoded->num_rows, static_cast<int64_t>(c.rows.size()));
  EXPECT_EQ(decoded->message_size, bytes.size());
  EXPECT_EQ(decoded->array->n_children, static_cast<int64_t>(c.type.children.size()));
  auto text = BatchToJson(*decoded->array.get(), c.type);
  ASSERT_TRUE(text.ok()) << text.status().ToString();
  EXPECT_EQ(json::parse(*text), c.rows);
}

INSTANTIATE_TEST_SUITE_P(
    AllCases, GoldenTest,
    ::testing::Combine(::testing::Values("primitives", "nested", "empty", "ints"),
                       ::testing::Values("none", "lz4", "zstd")),
    [](const auto& info) {
      return std::get<0>(info.param) + "_" + std::get<1>(info.param);
    });

TEST(ArrowIpcReader, ZeroCopyWhenAlignedAndUncompressed) {
  Case c = LoadCase("ints");
  // std::string storage from the heap is at least 8-aligned.
  auto aligned = Decode(ReadFile("ints.none.arrows"), c.type);
  ASSERT_TRUE(aligned.ok());
  EXPECT_TRUE(aligned->zero_copy);
  auto compressed = Decode(ReadFile("ints.zstd.arrows"), c.type);
  ASSERT_TRUE(compressed.ok());
  EXPECT_FALSE(compressed->zero_copy);
}

TEST(ArrowIpcReader, MisalignedInputIsRealignedUnlessAsked) {
  Case c = LoadCase("nested");
  std::string bytes = ReadFile("nested.none.arrows");
  for (size_t shift = 1; shift < 8; ++shift) {
    auto owner = std::make_shared<std::string>(std::string(shift, '\0') + bytes);
    const auto* p = reinterpret_cast<const uint8_t*>(owner->data()) + shift;
    auto decoded = DecodeRecordBatch(p, bytes.size(), owner, c.type);
    ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
    EXPECT_FALSE(decoded->zero_copy);
    auto text = BatchToJson(*decoded->array.get(), c.type);
    ASSERT_TRUE(text.ok());
    EXPECT_EQ(json::parse(*text), c.rows) << "shift " << shift;

    IpcReadOptions raw;
    raw.align_buffers = false;
    auto unaligned = DecodeRecordBatch(p, bytes.size(), owner, c.type, raw);
    ASSERT_TRUE(unaligned.ok()) << unaligned.status().ToString();
    EXPECT_TRUE(unaligned->zero_copy);
  }
}

TEST(ArrowIpcReader, ArraysOutliveTheCallersPayloadHandle) {
  Case c = LoadCase("primitives");
  UniqueArrowArray kept;
  {
    auto decoded = Decode(ReadFile("primitives.none.arrows"), c.type);
    ASSERT_TRUE(decoded.ok());
    ASSERT_TRUE(decoded->zero_copy);
    kept = std::move(decoded->array);
  }  // the only other handle to the payload is gone
  auto text = BatchToJson(*kept.get(), c.type);
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(json::parse(*text), c.rows);
}

TEST(ArrowIpcReader, ChildMovedOutSurvivesParentRelease) {
  Case c = LoadCase("nested");
  auto decoded = Decode(ReadFile("nested.lz4.arrows"), c.type);
  ASSERT_TRUE(decoded.ok());
  ArrowArray column;
  ArrowArray* child = decoded->array.get()->children[0];
  column = *child;
  child->release = nullptr;  // moved, as the C Data Interface allows
  decoded->array.reset();
  EXPECT_EQ(column.length, 8);
  const auto* offsets = static_cast<const int32_t*>(column.buffers[1]);
  EXPECT_EQ(offsets[8] - offsets[0], 15);
  column.release(&column);
  EXPECT_EQ(column.release, nullptr);
}

TEST(ArrowIpcReader, WrongSchemaIsRefused) {
  Case ints = LoadCase("ints");
  Case prims = LoadCase("primitives");
  auto st = Decode(ReadFile("primitives.none.arrows"), ints.type);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.status().code(), StatusCode::kCorruption);
  auto st2 = Decode(ReadFile("ints.none.arrows"), prims.type);
  EXPECT_FALSE(st2.ok());
  DataType not_a_row;
  auto st3 = Decode(ReadFile("ints.none.arrows"), not_a_row);
  EXPECT_EQ(st3.status().code(), StatusCode::kInvalidArgument);
}

TEST(ArrowIpcReader, NullsInNotNullColumnAreCorruption) {
  Case c = LoadCase("ints");
  c.type.children[0].nullable = false;  // "id" has a null in row 2
  auto st = Decode(ReadFile("ints.none.arrows"), c.type);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.status().message().find("NOT NULL"), std::string::npos);
}

TEST(ArrowIpcReader, DecompressionLimitIsEnforced) {
  Case c = LoadCase("primitives");
  IpcReadOptions small;
  small.max_buffer_bytes = 16;
  auto st = Decode(ReadFile("primitives.zstd.arrows"), c.type, small);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.status().message().find("limit"), std::string::npos) << st.status().ToString();
}

TEST(ArrowCExport, RowSchemaFormats) {
  Case c = LoadCase("nested");
  UniqueArrowSchema schema;
  ASSERT_TRUE(ExportRowSchema(c.type, schema.get()).ok());
  EXPECT_STREQ(schema->format, "+s");
  ASSERT_EQ(schema->n_children, 6);
  EXPECT_STREQ(schema->children[0]->format, "+l");
  EXPECT_STREQ(schema->children[0]->name, "arr");
  EXPECT_STREQ(schema->children[0]->children[0]->format, "i");
  const ArrowSchema* m = schema->children[2];
  EXPECT_STREQ(m->format, "+m");
  ASSERT_EQ(m->n_children, 1);
  EXPECT_STREQ(m->children[0]->format, "+s");
  EXPECT_EQ(m->children[0]->flags & ARROW_FLAG_NULLABLE, 0);
  EXPECT_STREQ(m->children[0]->children[0]->name, "key");
  EXPECT_EQ(m->children[0]->children[0]->flags & ARROW_FLAG_NULLABLE, 0);
  EXPECT_STREQ(m->children[0]->children[1]->name, "value");
  EXPECT_EQ(schema->children[5]->flags & ARROW_FLAG_NULLABLE, 0);

  Case p = LoadCase("primitives");
  UniqueArrowSchema ps;
  ASSERT_TRUE(ExportRowSchema(p.type, ps.get()).ok());
  const char* want[] = {"b",   "c",    "s",    "i",    "l",   "f",    "g",      "d:10,2",
                        "d:38,10", "u", "u",   "w:3",  "z",   "tdD",  "tts",    "ttm",
                        "ttu", "ttn",  "tss:", "tsm:", "tsu:", "tsn:", "tsm:UTC", "tsu:UTC",
                        "i"};
  ASSERT_EQ(ps->n_children, 25);
  for (int i = 0; i < 25; ++i) EXPECT_STREQ(ps->children[i]->format, want[i]) << i;
}

TEST(ArrowStream, HandsOutBatchesThenEnds) {
  Case c = LoadCase("ints");
  std::vector<UniqueArrowArray> batches;
  for (const char* codec : {"none", "lz4", "zstd"}) {
    auto d = Decode(ReadFile(std::string("ints.") + codec + ".arrows"), c.type);
    ASSERT_TRUE(d.ok());
    batches.push_back(std::move(d->array));
  }
  ArrowArrayStream stream;
  ASSERT_TRUE(ExportArrayStream(c.type, std::move(batches), &stream).ok());
  ArrowSchema schema;
  ASSERT_EQ(stream.get_schema(&stream, &schema), 0);
  EXPECT_EQ(schema.n_children, 2);
  schema.release(&schema);
  int seen = 0;
  while (true) {
    ArrowArray a;
    ASSERT_EQ(stream.get_next(&stream, &a), 0);
    if (a.release == nullptr) break;
    EXPECT_EQ(a.length, 5);
    a.release(&a);
    ++seen;
  }
  EXPECT_EQ(seen, 3);
  stream.release(&stream);
}

TEST(ArrowStream, SourceErrorBecomesLastError) {
  Case c = LoadCase("ints");
  ArrowArrayStream stream;
  ASSERT_TRUE(ExportArrayStream(
                  c.type, [](ArrowArray*) -> Result<bool> { return Status::Corruption("boom"); },
                  &stream)
                  .ok());
  ArrowArray a;
  EXPECT_NE(stream.get_next(&stream, &a), 0);
  EXPECT_EQ(a.release, nullptr);
  EXPECT_STREQ(stream.get_last_error(&stream), "Corruption: boom");
  stream.release(&stream);
}

// Inputs the fuzzer (fuzz/fuzz_arrow_ipc.cc) once failed on: byte 0 picks
// the type as the fuzz target does, the rest is the message.
TEST(ArrowIpcHostile, FuzzRegressions) {
  const std::string bytes = ReadFile("regress/misaligned_buffer_vector.bin");
  ASSERT_GT(bytes.size(), 1u);
  const char* names[] = {"ints", "nested", "primitives"};
  Case c = LoadCase(names[static_cast<uint8_t>(bytes[0]) % 3]);
  auto r = Decode(bytes.substr(1), c.type);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("misaligned"), std::string::npos) << r.status().ToString();
}

// Decodes, and when that succeeds renders every value so ASan sees each read.
void DecodeHostile(const std::string& bytes, const DataType& type) {
  IpcReadOptions options;
  options.max_buffer_bytes = 1 << 20;
  auto decoded = Decode(bytes, type, options);
  if (decoded.ok()) {
    auto text = BatchToJson(*decoded->array.get(), type);
    EXPECT_TRUE(text.ok());
  } else {
    EXPECT_FALSE(decoded.status().message().empty());
  }
}

TEST(ArrowIpcHostile, EveryTruncationFailsCleanly) {
  for (const char* name : {"ints", "nested"}) {
    Case c = LoadCase(name);
    for (const char* codec : {"none", "lz4", "zstd"}) {
      std::string bytes = ReadFile(std::string(name) + "." + codec + ".arrows");
      for (size_t n = 0; n < bytes.size(); ++n) {
        auto r = Decode(bytes.substr(0, n), c.type);
        EXPECT_FALSE(r.ok()) << name << "." << codec << " prefix " << n;
      }
    }
  }
}

TEST(ArrowIpcHostile, EveryByteFlipIsSafe) {
  for (const char* name : {"ints", "nested"}) {
    Case c = LoadCase(name);
    for (const char* codec : {"none", "lz4", "zstd"}) {
      std::string bytes = ReadFile(std::string(name) + "." + codec + ".arrows");
      for (size_t i = 0; i < bytes.size(); ++i) {
        for (uint8_t mask : {0x01, 0x80, 0xff}) {
          std::string damaged = bytes;
          damaged[i] = static_cast<char>(damaged[i] ^ mask);
          DecodeHostile(damaged, c.type);
        }
      }
    }
  }
}

TEST(ArrowIpcHostile, RandomDamageIsSafe) {
  std::mt19937_64 rng(42);
  Case c = LoadCase("primitives");
  for (const char* codec : {"none", "lz4", "zstd"}) {
    std::string bytes = ReadFile(std::string("primitives.") + codec + ".arrows");
    for (int iter = 0; iter < 3000; ++iter) {
      std::string damaged = bytes;
      int edits = 1 + static_cast<int>(rng() % 4);
      for (int e = 0; e < edits; ++e) {
        size_t pos = rng() % damaged.size();
        damaged[pos] = static_cast<char>(rng());
      }
      DecodeHostile(damaged, c.type);
    }
  }
}

}  // namespace
}  // namespace fluss_native::arrow
