// Hand-built Arrow IPC messages (through our own generated FlatBuffers code)
// for the cases pyarrow never writes: buffers left uncompressed inside a
// compressed body (Arrow Java does this when compression does not pay off),
// legacy framing, and every kind of lying length or offset.
#include <gtest/gtest.h>
#include <lz4frame.h>
#include <zstd.h>

#include <cstring>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "format/arrow/array_json.h"
#include "format/arrow/ipc_message_generated.h"
#include "format/arrow/ipc_reader.h"

namespace fluss_native::arrow {
namespace {

namespace fb = arrow_ipc;
using json = nlohmann::json;

template <typename T>
std::string Bytes(const std::vector<T>& v) {
  return std::string(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
}

std::string Le64(int64_t v) {
  std::string s(8, '\0');
  std::memcpy(s.data(), &v, 8);
  return s;
}

std::string Lz4(const std::string& raw) {
  std::string out(LZ4F_compressFrameBound(raw.size(), nullptr), '\0');
  size_t n = LZ4F_compressFrame(out.data(), out.size(), raw.data(), raw.size(), nullptr);
  out.resize(n);
  return out;
}

std::string Zstd(const std::string& raw) {
  std::string out(ZSTD_compressBound(raw.size()), '\0');
  size_t n = ZSTD_compress(out.data(), out.size(), raw.data(), raw.size(), 1);
  out.resize(n);
  return out;
}

struct Message {
  int64_t length = 0;
  std::vector<fb::FieldNode> nodes;
  std::vector<fb::Buffer> buffers;
  std::optional<fb::CompressionType> codec;
  fb::MetadataVersion version = fb::MetadataVersion::V5;
  fb::MessageHeader header_type = fb::MessageHeader::RecordBatch;
  bool legacy_framing = false;
  std::string body;
  std::optional<int64_t> body_length;  // defaults to body.size()

  // Appends a buffer at the next 8-byte boundary.
  void AddBuffer(const std::string& bytes) {
    while (body.size() % 8) body.push_back('\0');
    buffers.emplace_back(static_cast<int64_t>(body.size()), static_cast<int64_t>(bytes.size()));
    body += bytes;
  }

  std::string Encode() const {
    flatbuffers::FlatBufferBuilder fbb;
    auto nodes_off = fbb.CreateVectorOfStructs(nodes);
    auto buffers_off = fbb.CreateVectorOfStructs(buffers);
    flatbuffers::Offset<fb::BodyCompression> comp = 0;
    if (codec) comp = fb::CreateBodyCompression(fbb, *codec, fb::BodyCompressionMethod::BUFFER);
    flatbuffers::Offset<void> header;
    if (header_type == fb::MessageHeader::RecordBatch) {
      header = fb::CreateRecordBatch(fbb, length, nodes_off, buffers_off, comp).Union();
    } else {
      header = fb::CreateSchema(fbb).Union();
    }
    std::string padded_body = body;
    while (padded_body.size() % 8) padded_body.push_back('\0');
    fbb.Finish(fb::CreateMessage(fbb, version, header_type, header,
                                 body_length.value_or(static_cast<int64_t>(padded_body.size()))));
    std::string meta(reinterpret_cast<const char*>(fbb.GetBufferPointer()), fbb.GetSize());
    const size_t prefix = legacy_framing ? 4 : 8;
    while ((meta.size() + prefix) % 8) meta.push_back('\0');
    std::string out;
    if (!legacy_framing) out += std::string(4, '\xff');
    int32_t size = static_cast<int32_t>(meta.size());
    out.append(reinterpret_cast<const char*>(&size), 4);
    return out + meta + padded_body;
  }
};

DataType Int(bool nullable = true) {
  DataType t;
  t.root = TypeRoot::kInt;
  t.nullable = nullable;
  return t;
}

DataType Str() {
  DataType t;
  t.root = TypeRoot::kString;
  return t;
}

DataType Row(std::vector<DataType> children) {
  DataType t;
  t.root = TypeRoot::kRow;
  for (size_t i = 0; i < children.size(); ++i) {
    t.field_names.push_back("f" + std::to_string(i));
    t.field_ids.push_back(static_cast<int>(i));
    t.field_descriptions.emplace_back();
  }
  t.children = std::move(children);
  return t;
}

DataType List(DataType elem) {
  DataType t;
  t.root = TypeRoot::kArray;
  t.children.push_back(std::move(elem));
  return t;
}

Result<DecodedRecordBatch> Decode(const std::string& bytes, const DataType& type) {
  auto owner = std::make_shared<const std::string>(bytes);
  return DecodeRecordBatch(reinterpret_cast<const uint8_t*>(owner->data()), owner->size(), owner,
                           type);
}

json Rows(const Result<DecodedRecordBatch>& r, const DataType& type) {
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  if (!r.ok()) return json();
  auto text = BatchToJson(*r->array.get(), type);
  EXPECT_TRUE(text.ok());
  return json::parse(*text);
}

// One nullable INT column: 1, null, 3.
Message IntColumn() {
  Message m;
  m.length = 3;
  m.nodes = {fb::FieldNode(3, 1)};
  m.AddBuffer(std::string(1, '\x05'));
  m.AddBuffer(Bytes(std::vector<int32_t>{1, 0, 3}));
  return m;
}

const json kIntRows = json::parse(R"([{"f0":1},{"f0":null},{"f0":3}])");

TEST(ArrowIpcCrafted, PlainAndLegacyFraming) {
  EXPECT_EQ(Rows(Decode(IntColumn().Encode(), Row({Int()})), Row({Int()})), kIntRows);
  Message legacy = IntColumn();
  legacy.legacy_framing = true;
  EXPECT_EQ(Rows(Decode(legacy.Encode(), Row({Int()})), Row({Int()})), kIntRows);
}

TEST(ArrowIpcCrafted, MixedCompressedAndStoredBuffers) {
  for (auto codec : {fb::CompressionType::LZ4_FRAME, fb::CompressionType::ZSTD}) {
    Message m;
    m.codec = codec;
    m.length = 3;
    m.nodes = {fb::FieldNode(3, 1)};
    // Validity stored raw (-1 prefix), values compressed.
    m.AddBuffer(Le64(-1) + std::string(1, '\x05'));
    std::string values = Bytes(std::vector<int32_t>{1, 0, 3});
    m.AddBuffer(Le64(static_cast<int64_t>(values.size())) +
                (codec == fb::CompressionType::ZSTD ? Zstd(values) : Lz4(values)));
    EXPECT_EQ(Rows(Decode(m.Encode(), Row({Int()})), Row({Int()})), kIntRows);
  }
}

TEST(ArrowIpcCrafted, EmptyCompressedBuffers) {
  Message m;
  m.codec = fb::CompressionType::ZSTD;
  m.length = 2;
  m.nodes = {fb::FieldNode(2, 0)};
  m.AddBuffer(Le64(0));  // no validity: zero uncompressed length
  std::string values = Bytes(std::vector<int32_t>{7, 8});
  m.AddBuffer(Le64(static_cast<int64_t>(values.size())) + Zstd(values));
  EXPECT_EQ(Rows(Decode(m.Encode(), Row({Int()})), Row({Int()})),
            json::parse(R"([{"f0":7},{"f0":8}])"));
}

TEST(ArrowIpcCrafted, WrongAnnouncedLengthIsCorruption) {
  for (int64_t announced : {int64_t{11}, int64_t{13}, int64_t{1} << 40, int64_t{-2}}) {
    Message m;
    m.codec = fb::CompressionType::LZ4_FRAME;
    m.length = 3;
    m.nodes = {fb::FieldNode(3, 0)};
    m.AddBuffer("");
    m.AddBuffer(Le64(announced) + Lz4(Bytes(std::vector<int32_t>{1, 2, 3})));
    auto r = Decode(m.Encode(), Row({Int()}));
    EXPECT_EQ(r.status().code(), StatusCode::kCorruption) << announced;
  }
}

TEST(ArrowIpcCrafted, GarbageCompressedDataIsCorruption) {
  for (auto codec : {fb::CompressionType::LZ4_FRAME, fb::CompressionType::ZSTD}) {
    Message m;
    m.codec = codec;
    m.length = 3;
    m.nodes = {fb::FieldNode(3, 0)};
    m.AddBuffer("");
    m.AddBuffer(Le64(12) + std::string(20, 'x'));
    EXPECT_EQ(Decode(m.Encode(), Row({Int()})).status().code(), StatusCode::kCorruption);
  }
}

TEST(ArrowIpcCrafted, UnknownCodecIsUnsupported) {
  Message m = IntColumn();
  m.codec = static_cast<fb::CompressionType>(5);
  EXPECT_EQ(Decode(m.Encode(), Row({Int()})).status().code(), StatusCode::kUnsupported);
}

TEST(ArrowIpcCrafted, LyingBufferRanges) {
  const DataType type = Row({Int()});
  auto with_buffer = [&](int64_t offset, int64_t length) {
    Message m = IntColumn();
    m.buffers[1] = fb::Buffer(offset, length);
    return Decode(m.Encode(), type);
  };
  EXPECT_EQ(with_buffer(8, 1 << 20).status().code(), StatusCode::kCorruption);
  EXPECT_EQ(with_buffer(-8, 12).status().code(), StatusCode::kCorruption);
  EXPECT_EQ(with_buffer(8, -1).status().code(), StatusCode::kCorruption);
  EXPECT_EQ(with_buffer(INT64_MAX - 7, 16).status().code(), StatusCode::kCorruption);
  EXPECT_EQ(with_buffer(4, 8).status().code(), StatusCode::kCorruption);  // unaligned
  EXPECT_EQ(with_buffer(8, 8).status().code(), StatusCode::kCorruption);  // too short for 3
}

TEST(ArrowIpcCrafted, LyingNodesAndCounts) {
  const DataType type = Row({Int()});
  Message m = IntColumn();
  m.nodes[0] = fb::FieldNode(3, 4);  // more nulls than values
  EXPECT_EQ(Decode(m.Encode(), type).status().code(), StatusCode::kCorruption);
  m = IntColumn();
  m.nodes[0] = fb::FieldNode(-1, 0);
  EXPECT_EQ(Decode(m.Encode(), type).status().code(), StatusCode::kCorruption);
  m = IntColumn();
  m.length = 4;  // batch longer than its column
  EXPECT_EQ(Decode(m.Encode(), type).status().code(), StatusCode::kCorruption);
  m = IntColumn();
  m.nodes.push_back(fb::FieldNode(3, 0));  // a column we did not ask for
  auto extra = Decode(m.Encode(), type);
  EXPECT_EQ(extra.status().code(), StatusCode::kCorruption);
  EXPECT_NE(extra.status().message().find("schema mismatch"), std::string::npos);
  m = IntColumn();
  m.nodes.clear();
  EXPECT_EQ(Decode(m.Encode(), type).status().code(), StatusCode::kCorruption);
  m = IntColumn();
  m.body_length = 1 << 20;
  EXPECT_EQ(Decode(m.Encode(), type).status().code(), StatusCode::kCorruption);
}

TEST(ArrowIpcCrafted, WrongMessageKindOrVersion) {
  Message m = IntColumn();
  m.header_type = fb::MessageHeader::Schema;
  EXPECT_EQ(Decode(m.Encode(), Row({Int()})).status().code(), StatusCode::kCorruption);
  m = IntColumn();
  m.version = fb::MetadataVersion::V3;
  EXPECT_EQ(Decode(m.Encode(), Row({Int()})).status().code(), StatusCode::kUnsupported);
}

Message StringColumn(std::vector<int32_t> offsets, const std::string& data) {
  Message m;
  m.length = static_cast<int64_t>(offsets.size()) - 1;
  m.nodes = {fb::FieldNode(m.length, 0)};
  m.AddBuffer("");
  m.AddBuffer(Bytes(offsets));
  m.AddBuffer(data);
  return m;
}

TEST(ArrowIpcCrafted, StringOffsetsAreScanned) {
  const DataType type = Row({Str()});
  EXPECT_EQ(Rows(Decode(StringColumn({0, 2, 2, 5}, "abcde").Encode(), type), type),
            json::parse(R"([{"f0":"ab"},{"f0":""},{"f0":"cde"}])"));
  // Offsets need not start at 0.
  EXPECT_EQ(Rows(Decode(StringColumn({1, 3}, "abc").Encode(), type), type),
            json::parse(R"([{"f0":"bc"}])"));
  EXPECT_EQ(Decode(StringColumn({0, 3, 2}, "abc").Encode(), type).status().code(),
            StatusCode::kCorruption);
  EXPECT_EQ(Decode(StringColumn({0, 9}, "abc").Encode(), type).status().code(),
            StatusCode::kCorruption);
  EXPECT_EQ(Decode(StringColumn({-1, 2}, "abc").Encode(), type).status().code(),
            StatusCode::kCorruption);
  Message short_offsets = StringColumn({0, 1, 2}, "ab");
  short_offsets.buffers[1] = fb::Buffer(short_offsets.buffers[1].offset(), 8);
  EXPECT_EQ(Decode(short_offsets.Encode(), type).status().code(), StatusCode::kCorruption);
}

TEST(ArrowIpcCrafted, ListOffsetsMustStayInsideTheChild) {
  const DataType type = Row({List(Int())});
  Message m;
  m.length = 2;
  m.nodes = {fb::FieldNode(2, 0), fb::FieldNode(3, 0)};
  m.AddBuffer("");
  m.AddBuffer(Bytes(std::vector<int32_t>{0, 1, 3}));
  m.AddBuffer("");
  m.AddBuffer(Bytes(std::vector<int32_t>{4, 5, 6}));
  EXPECT_EQ(Rows(Decode(m.Encode(), type), type),
            json::parse(R"([{"f0":[4]},{"f0":[5,6]}])"));
  m.nodes[1] = fb::FieldNode(2, 0);  // child shorter than the offsets claim
  EXPECT_EQ(Decode(m.Encode(), type).status().code(), StatusCode::kCorruption);
}

TEST(ArrowIpcCrafted, StructChildMustCoverParent) {
  const DataType type = Row({Row({Int()})});
  Message m;
  m.length = 3;
  m.nodes = {fb::FieldNode(3, 0), fb::FieldNode(2, 0)};
  m.AddBuffer("");
  m.AddBuffer("");
  m.AddBuffer(Bytes(std::vector<int32_t>{1, 2}));
  EXPECT_EQ(Decode(m.Encode(), type).status().code(), StatusCode::kCorruption);
}

TEST(ArrowIpcCrafted, MetadataSizeLies) {
  std::string good = IntColumn().Encode();
  for (int32_t size : {0, -2, 1 << 30, 3}) {
    std::string bad = good;
    std::memcpy(bad.data() + 4, &size, 4);
    EXPECT_FALSE(Decode(bad, Row({Int()})).ok()) << size;
  }
}

}  // namespace
}  // namespace fluss_native::arrow
