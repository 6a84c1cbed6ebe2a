// The split contract: Split <-> TFlussFileDesc bytes in both Thrift
// protocols. The oracle for the wire format is Apache Thrift's Python
// library: tests/data/thrift/*.bin were written by it (splits.py) from the
// same IDL, and expected.json lists what each holds.
#include <gtest/gtest.h>

#include <cstdint>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "fluss_native/split.h"
#include "unit/split_fields.h"

namespace fluss_native {
namespace {

const std::string kDataDir = std::string(FN_SOURCE_DIR) + "/tests/data/thrift/";
constexpr ThriftProtocol kProtocols[] = {ThriftProtocol::kBinary, ThriftProtocol::kCompact};

const char* Name(ThriftProtocol p) { return p == ThriftProtocol::kBinary ? "binary" : "compact"; }

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << path;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

nlohmann::json Cases() { return nlohmann::json::parse(ReadFile(kDataDir + "expected.json"))["cases"]; }

// Field by field, so a failure says which field differs.
void ExpectSameSplit(const Split& want, const Split& got, const std::string& where) {
  SCOPED_TRACE(where);
  EXPECT_EQ(want.database_name, got.database_name);
  EXPECT_EQ(want.table_name, got.table_name);
  EXPECT_EQ(want.table_id, got.table_id);
  EXPECT_EQ(want.bucket_id, got.bucket_id);
  EXPECT_EQ(want.partition_name, got.partition_name);
  EXPECT_EQ(want.snapshot_id, got.snapshot_id);
  EXPECT_EQ(want.bootstrap_servers, got.bootstrap_servers);
  EXPECT_EQ(want.file_format, got.file_format);
  EXPECT_EQ(want.tier, got.tier);
  ASSERT_EQ(want.lake_files.size(), got.lake_files.size());
  for (size_t i = 0; i < want.lake_files.size(); ++i) {
    SCOPED_TRACE("lake file " + std::to_string(i));
    const LakeFileRef& a = want.lake_files[i];
    const LakeFileRef& b = got.lake_files[i];
    EXPECT_EQ(a.path, b.path);
    EXPECT_EQ(a.size_bytes, b.size_bytes);
    EXPECT_EQ(a.row_count, b.row_count);
    EXPECT_EQ(a.schema_id, b.schema_id);
    EXPECT_EQ(a.level, b.level);
    EXPECT_EQ(a.min_sequence_number, b.min_sequence_number);
    EXPECT_EQ(a.max_sequence_number, b.max_sequence_number);
    ASSERT_EQ(a.deletion_vector.has_value(), b.deletion_vector.has_value());
    if (a.deletion_vector) {
      EXPECT_EQ(a.deletion_vector->index_path, b.deletion_vector->index_path);
      EXPECT_EQ(a.deletion_vector->offset, b.deletion_vector->offset);
      EXPECT_EQ(a.deletion_vector->length, b.deletion_vector->length);
      EXPECT_EQ(a.deletion_vector->cardinality, b.deletion_vector->cardinality);
    }
  }
  EXPECT_EQ(want.lake_snapshot_id, got.lake_snapshot_id);
  EXPECT_EQ(want.log_start_offset, got.log_start_offset);
  EXPECT_EQ(want.log_end_offset, got.log_end_offset);
  EXPECT_EQ(want.partition_id, got.partition_id);
  EXPECT_EQ(want.schema_id, got.schema_id);
  EXPECT_EQ(want.columns, got.columns);
  EXPECT_EQ(want.primary_key, got.primary_key);
  EXPECT_EQ(want.bucket_key, got.bucket_key);
  EXPECT_EQ(want.partition_keys, got.partition_keys);
  EXPECT_EQ(want.lake_table_location, got.lake_table_location);
  EXPECT_EQ(want.lake_schema_id, got.lake_schema_id);
  EXPECT_EQ(want.lake_deletion_vectors, got.lake_deletion_vectors);
  EXPECT_EQ(want.lake_merge_engine, got.lake_merge_engine);
  EXPECT_EQ(want.lake_bucket_unaware, got.lake_bucket_unaware);
  EXPECT_EQ(want.lake_options, got.lake_options);
  EXPECT_EQ(want.predicate, got.predicate);
  EXPECT_EQ(want.limit, got.limit);
  EXPECT_TRUE(want == got);  // catches a field added to Split but not above
}

LakeFileRef File(const std::string& path, int64_t size = -1, int64_t rows = -1) {
  LakeFileRef f;
  f.path = path;
  f.size_bytes = size;
  f.row_count = rows;
  return f;
}

Split LakeOnlySplit() {
  Split s;
  s.database_name = "fluss";
  s.table_name = "orders";
  s.table_id = 23;
  s.bucket_id = 3;
  s.partition_name = "2024$eu";
  s.bootstrap_servers = "a:9123,b:9123";
  s.file_format = "parquet";
  s.tier = SplitTier::kLakeOnly;
  LakeFileRef f1 = File("/w/orders/dt=2024/bucket-3/data-0.parquet", 1234, 10);
  f1.schema_id = 1;
  f1.level = 5;
  f1.min_sequence_number = 0;
  f1.max_sequence_number = 9;
  f1.deletion_vector.emplace();
  f1.deletion_vector->index_path = "/w/orders/index/index-0";
  f1.deletion_vector->offset = 1;
  f1.deletion_vector->length = 22;
  f1.deletion_vector->cardinality = 2;
  LakeFileRef f2 = File("/w/orders/dt=2024/bucket-3/data-1.parquet", 0, 0);
  s.lake_files = {f1, f2};
  s.lake_snapshot_id = 8;
  s.partition_id = 4;
  s.schema_id = 2;
  s.columns = {"amount", "id"};
  s.primary_key = {"dt", "id"};
  s.bucket_key = {"id"};
  s.partition_keys = {"dt"};
  s.lake_table_location = "/w/orders";
  s.lake_schema_id = 1;
  s.lake_deletion_vectors = true;
  s.lake_merge_engine = "first-row";
  s.lake_options = {{"a", "1"}, {"b", ""}};
  s.predicate = *ParsePredicate("amount IS NULL");
  s.limit = 0;
  return s;
}

Split LogOnlySplit() {
  Split s;
  s.database_name = "d";
  s.table_name = "t";
  s.bucket_id = 0;
  s.tier = SplitTier::kLogOnly;
  s.log_start_offset = 0;
  s.log_end_offset = -1;
  return s;
}

Split HybridSplit() {
  Split s = LakeOnlySplit();
  s.tier = SplitTier::kHybrid;
  s.lake_bucket_unaware = true;
  s.log_start_offset = (int64_t{1} << 40) + 1;
  s.log_end_offset = int64_t{1} << 41;
  return s;
}

TEST(SplitThriftTest, RoundTripsEveryTierInBothProtocols) {
  for (const Split& split : {LakeOnlySplit(), LogOnlySplit(), HybridSplit()}) {
    ASSERT_TRUE(split.Validate().ok()) << split.Validate().ToString();
    for (ThriftProtocol p : kProtocols) {
      const std::string where = std::string(SplitTierName(split.tier)) + " " + Name(p);
      const std::string bytes = split.ToThrift(p);
      ASSERT_FALSE(bytes.empty()) << where;
      auto back = Split::FromThrift(bytes, p);
      ASSERT_TRUE(back.ok()) << where << ": " << back.status().ToString();
      ExpectSameSplit(split, *back, where);
      auto any = Split::FromThriftAnyProtocol(bytes);
      ASSERT_TRUE(any.ok()) << where << ": " << any.status().ToString();
      ExpectSameSplit(split, *any, where + " (any protocol)");
    }
  }
}

TEST(SplitThriftTest, TheTwoProtocolsGiveDifferentBytes) {
  const Split split = HybridSplit();
  EXPECT_NE(split.ToThrift(ThriftProtocol::kBinary), split.ToThrift(ThriftProtocol::kCompact));
  EXPECT_EQ(split.ToThrift(), split.ToThrift(ThriftProtocol::kBinary));
}

// Bytes written by Apache Thrift's Python library over the same IDL.
TEST(SplitThriftTest, DecodesBytesWrittenByPythonThrift) {
  const auto cases = Cases();
  ASSERT_GE(cases.size(), 6u);
  for (const auto& c : cases) {
    const std::string name = c["name"];
    const Split want = testing::SplitFromFields(c["fields"]);
    for (ThriftProtocol p : kProtocols) {
      const std::string where = name + " (" + Name(p) + ")";
      const std::string bytes = ReadFile(kDataDir + name + "." + Name(p) + ".bin");
      ASSERT_FALSE(bytes.empty()) << where;
      auto got = Split::FromThrift(bytes, p);
      ASSERT_TRUE(got.ok()) << where << ": " << got.status().ToString();
      ExpectSameSplit(want, *got, where);
      auto any = Split::FromThriftAnyProtocol(bytes);
      ASSERT_TRUE(any.ok()) << where << ": " << any.status().ToString();
      ExpectSameSplit(want, *any, where + " (any protocol)");
      if (c["canonical"].get<bool>()) {
        // Same fields in the same order: our encoder writes Python's bytes.
        EXPECT_EQ(got->ToThrift(p), bytes) << where;
      }
    }
  }
}

// The mapping in split_fields.h could share a mistake with the decoder, so
// two cases are also checked against literal values.
TEST(SplitThriftTest, DesignOnlyPlannerBytesGiveAHybridSplitWithUnknownFileSizes) {
  for (ThriftProtocol p : kProtocols) {
    auto s = Split::FromThrift(ReadFile(kDataDir + "design_fields_only." + Name(p) + ".bin"), p);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    EXPECT_EQ(s->database_name, "fluss");
    EXPECT_EQ(s->table_name, "orders");
    EXPECT_EQ(s->table_id, 23);
    EXPECT_EQ(s->bucket_id, 4);
    EXPECT_EQ(s->partition_name, "2025$us");
    EXPECT_EQ(s->snapshot_id, 12);
    EXPECT_EQ(s->bootstrap_servers, "fe-known-host:9123");
    EXPECT_EQ(s->file_format, "orc");
    EXPECT_EQ(s->tier, SplitTier::kHybrid);
    ASSERT_EQ(s->lake_files.size(), 2u);
    EXPECT_EQ(s->lake_files[1].path, "file:/warehouse/fluss.db/orders/dt=2025/region=us/bucket-4/data-b.orc");
    EXPECT_EQ(s->lake_files[0].size_bytes, -1);
    EXPECT_EQ(s->lake_files[0].row_count, -1);
    EXPECT_FALSE(s->lake_files[0].deletion_vector.has_value());
    EXPECT_EQ(s->lake_snapshot_id, 12);
    EXPECT_EQ(s->log_start_offset, 88);
    EXPECT_EQ(s->log_end_offset, 120);
    EXPECT_FALSE(s->partition_id.has_value());
    EXPECT_TRUE(s->columns.empty());
    EXPECT_FALSE(s->limit.has_value());
  }
}

TEST(SplitThriftTest, SkipsFieldsOfANewerPlanner) {
  for (ThriftProtocol p : kProtocols) {
    auto s = Split::FromThrift(ReadFile(kDataDir + "unknown_fields." + Name(p) + ".bin"), p);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    EXPECT_EQ(s->table_name, "events");
    EXPECT_EQ(s->bucket_id, 7);
    EXPECT_EQ(s->tier, SplitTier::kHybrid);
    ASSERT_EQ(s->lake_files.size(), 1u);
    EXPECT_EQ(s->lake_files[0].size_bytes, 100);
    EXPECT_EQ(s->lake_files[0].row_count, 1);
    EXPECT_EQ(s->log_start_offset, 10);
    EXPECT_EQ(s->log_end_offset, 10);
    EXPECT_EQ(s->limit, 0);
  }
}

TEST(SplitThriftTest, EveryTruncationIsCorruption) {
  for (const auto& c : Cases()) {
    for (ThriftProtocol p : kProtocols) {
      const std::string name = std::string(c["name"]) + "." + Name(p);
      const std::string bytes = ReadFile(kDataDir + name + ".bin");
      for (size_t n = 0; n < bytes.size(); ++n) {
        auto s = Split::FromThrift(std::string_view(bytes).substr(0, n), p);
        ASSERT_FALSE(s.ok()) << name << " cut at " << n;
        ASSERT_EQ(s.status().code(), StatusCode::kCorruption) << name << " cut at " << n << ": "
                                                              << s.status().ToString();
      }
    }
  }
}

TEST(SplitThriftTest, TrailingBytesAreCorruption) {
  const std::string bytes = LogOnlySplit().ToThrift(ThriftProtocol::kCompact) + std::string(3, '\0');
  auto s = Split::FromThrift(bytes, ThriftProtocol::kCompact);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kCorruption);
  EXPECT_NE(s.status().message().find("3 bytes after the struct's end"), std::string::npos) << s.status().ToString();
  EXPECT_NE(s.status().message().find("compact protocol"), std::string::npos);
}

TEST(SplitThriftTest, WrongProtocolIsAnError) {
  for (const Split& split : {LakeOnlySplit(), LogOnlySplit(), HybridSplit()}) {
    EXPECT_FALSE(Split::FromThrift(split.ToThrift(ThriftProtocol::kBinary), ThriftProtocol::kCompact).ok());
    EXPECT_FALSE(Split::FromThrift(split.ToThrift(ThriftProtocol::kCompact), ThriftProtocol::kBinary).ok());
  }
}

TEST(SplitThriftTest, RandomBytesAndMutationsNeverCrash) {
  std::mt19937_64 rng(7);
  std::vector<std::string> seeds;
  for (const Split& s : {LakeOnlySplit(), LogOnlySplit(), HybridSplit()}) {
    for (ThriftProtocol p : kProtocols) seeds.push_back(s.ToThrift(p));
  }
  int decoded = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string bytes = seeds[rng() % seeds.size()];
    const int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits; ++e) bytes[rng() % bytes.size()] = static_cast<char>(rng());
    for (ThriftProtocol p : kProtocols) decoded += Split::FromThrift(bytes, p).ok();
    (void)Split::FromThriftAnyProtocol(bytes);
  }
  EXPECT_GT(decoded, 0);  // some mutations only change values
}

// --- hand-written binary-protocol bytes, for what no encoder would write ---

class BinaryWriter {
 public:
  BinaryWriter& Field(uint8_t type, int16_t id) {
    out_.push_back(static_cast<char>(type));
    return I16(id);
  }
  BinaryWriter& I16(int16_t v) { return Big(static_cast<uint64_t>(static_cast<uint16_t>(v)), 2); }
  BinaryWriter& I32(int32_t v) { return Big(static_cast<uint32_t>(v), 4); }
  BinaryWriter& I64(int64_t v) { return Big(static_cast<uint64_t>(v), 8); }
  BinaryWriter& Str(const std::string& s) {
    I32(static_cast<int32_t>(s.size()));
    out_ += s;
    return *this;
  }
  BinaryWriter& List(uint8_t elem, int32_t n) {
    out_.push_back(static_cast<char>(elem));
    return I32(n);
  }
  BinaryWriter& Stop() {
    out_.push_back('\0');
    return *this;
  }
  BinaryWriter& Raw(const std::string& s) {
    out_ += s;
    return *this;
  }
  const std::string& bytes() const { return out_; }

 private:
  BinaryWriter& Big(uint64_t v, int n) {
    for (int i = n - 1; i >= 0; --i) out_.push_back(static_cast<char>(v >> (8 * i)));
    return *this;
  }
  std::string out_;
};

constexpr uint8_t kI32 = 8, kI64 = 10, kString = 11, kStruct = 12, kList = 15;

// database, table, bucket: the fields every split needs.
BinaryWriter Header() {
  BinaryWriter w;
  w.Field(kString, 1).Str("fluss").Field(kString, 2).Str("t").Field(kI32, 4).I32(3);
  return w;
}

Status DecodeBinary(const std::string& bytes) { return Split::FromThrift(bytes, ThriftProtocol::kBinary).status(); }

void ExpectError(const Status& st, StatusCode code, const std::string& text) {
  ASSERT_FALSE(st.ok()) << "expected an error containing: " << text;
  EXPECT_EQ(st.code(), code) << st.ToString();
  EXPECT_NE(st.message().find(text), std::string::npos) << st.ToString();
}

TEST(SplitThriftTest, HandWrittenMinimalLogSplitDecodes) {
  auto bytes = Header().Field(kI32, 10).I32(1).Field(kI64, 13).I64(5).Field(kI64, 14).I64(9).Stop().bytes();
  auto s = Split::FromThrift(bytes, ThriftProtocol::kBinary);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->tier, SplitTier::kLogOnly);
  EXPECT_EQ(s->bucket_id, 3);
  EXPECT_EQ(s->log_start_offset, 5);
  EXPECT_EQ(s->log_end_offset, 9);
}

TEST(SplitThriftTest, MissingTierIsNamed) {
  ExpectError(DecodeBinary(Header().Stop().bytes()), StatusCode::kInvalidArgument,
              "split fluss.t bucket 3: field 10 tier is missing");
}

TEST(SplitThriftTest, UnknownTierIsNamed) {
  ExpectError(DecodeBinary(Header().Field(kI32, 10).I32(7).Stop().bytes()), StatusCode::kInvalidArgument,
              "field 10 tier has unknown value 7");
  ExpectError(DecodeBinary(Header().Field(kI32, 10).I32(-1).Stop().bytes()), StatusCode::kInvalidArgument,
              "field 10 tier has unknown value -1");
  Split s = LogOnlySplit();
  s.tier = static_cast<SplitTier>(3);
  for (ThriftProtocol p : kProtocols) {
    ExpectError(Split::FromThrift(s.ToThrift(p), p).status(), StatusCode::kInvalidArgument,
                "field 10 tier has unknown value 3");
  }
}

TEST(SplitThriftTest, ContainerAndStringSizesBeyondTheBytesAreCorruption) {
  // Claims of two billion entries or bytes, backed by none: refused before
  // anything is allocated for them.
  ExpectError(DecodeBinary(Header().Field(kList, 11).List(kString, 0x7fffffff).Stop().bytes()),
              StatusCode::kCorruption, "cannot decode TFlussFileDesc (binary protocol");
  ExpectError(DecodeBinary(Header().Field(kList, 26).List(kStruct, 0x7ffffff0).Stop().bytes()),
              StatusCode::kCorruption, "binary protocol");
  ExpectError(DecodeBinary(BinaryWriter().Field(kString, 1).I32(0x7ffffff0).Raw("abc").bytes()),
              StatusCode::kCorruption, "binary protocol");
  ExpectError(DecodeBinary(Header().Field(kList, 22).List(kString, -1).Stop().bytes()), StatusCode::kCorruption,
              "binary protocol");
  // Compact: field 1, binary, varint length 2^31-1, no bytes.
  const std::string compact = std::string("\x18\xff\xff\xff\xff\x07", 6);
  auto s = Split::FromThrift(compact, ThriftProtocol::kCompact);
  ExpectError(s.status(), StatusCode::kCorruption, "compact protocol");
  // Compact: field 11, list of 2^28-1 strings (size in a varint), no bytes.
  auto list = Split::FromThrift(std::string("\xb9\xf8\xff\xff\xff\x7f", 6), ThriftProtocol::kCompact);
  ExpectError(list.status(), StatusCode::kCorruption, "compact protocol");
}

// libthrift's own binary reader casts these bytes into its TType enum
// (undefined behaviour, reported by UBSan in RandomBytesAndMutationsNeverCrash
// before the checked reader); ours names the byte.
TEST(SplitThriftTest, UnknownBinaryTypeCodesAreCorruption) {
  ExpectError(DecodeBinary(Header().Field(62, 9).Stop().bytes()), StatusCode::kCorruption, "unknown type code 62");
  ExpectError(DecodeBinary(Header().Field(kList, 22).List(99, 1).Stop().bytes()), StatusCode::kCorruption,
              "unknown type code 99");
  // A map (unknown field 95) whose value type is 1 (T_VOID, never on the wire).
  ExpectError(DecodeBinary(Header().Field(13, 95).Raw(std::string("\x0b\x01\x00\x00\x00\x01", 6)).bytes()),
              StatusCode::kCorruption, "unknown type code 1");
}

TEST(SplitThriftTest, DeepNestingOfAnUnknownFieldIsCorruption) {
  BinaryWriter w = Header();
  for (int i = 0; i < 200; ++i) w.Field(kStruct, 90);
  for (int i = 0; i < 200; ++i) w.Stop();
  w.Field(kI32, 10).I32(1).Stop();
  ExpectError(DecodeBinary(w.bytes()), StatusCode::kCorruption, "binary protocol");
}

TEST(SplitThriftTest, AWrongWireTypeIsSkippedThenTheFieldIsMissing) {
  // Field 13 as a string: not the field our IDL knows, so it is skipped.
  auto bytes = Header().Field(kI32, 10).I32(1).Field(kString, 13).Str("5").Field(kI64, 14).I64(9).Stop().bytes();
  ExpectError(DecodeBinary(bytes), StatusCode::kInvalidArgument, "field 13 log_start_offset is missing");
}

TEST(SplitThriftTest, LakeFileDetailsMustMatchThePaths) {
  auto bytes = Header()
                   .Field(kI32, 10)
                   .I32(0)
                   .Field(kList, 11)
                   .List(kString, 2)
                   .Str("/a")
                   .Str("/b")
                   .Field(kList, 26)
                   .List(kStruct, 1)
                   .Field(kI64, 1)
                   .I64(10)
                   .Stop()
                   .Stop()
                   .bytes();
  ExpectError(DecodeBinary(bytes), StatusCode::kInvalidArgument,
              "field 26 lake_files has 1 entries but field 11 lake_file_paths has 2");
}

TEST(SplitThriftTest, DeletionVectorWithoutOffsetIsNamed) {
  auto bytes = Header()
                   .Field(kI32, 10)
                   .I32(0)
                   .Field(kList, 11)
                   .List(kString, 1)
                   .Str("/a")
                   .Field(kList, 26)
                   .List(kStruct, 1)
                   .Field(kStruct, 7)
                   .Field(kString, 1)
                   .Str("/index-0")
                   .Field(kI64, 3)
                   .I64(4)
                   .Stop()  // deletion vector
                   .Stop()  // lake file
                   .Stop()
                   .bytes();
  ExpectError(DecodeBinary(bytes), StatusCode::kInvalidArgument,
              "field 26 lake_files entry 0 ('/a'): deletion_vector offset is missing");
}

// Each invalid split, encoded by us in both protocols, comes back with an
// InvalidArgument naming the field.
void ExpectRejected(const Split& split, const std::string& text) {
  SCOPED_TRACE(text);
  EXPECT_FALSE(split.Validate().ok());
  for (ThriftProtocol p : kProtocols) {
    ExpectError(Split::FromThrift(split.ToThrift(p), p).status(), StatusCode::kInvalidArgument, text);
  }
}

TEST(SplitThriftTest, InvalidSplitsNameTheField) {
  Split s = LogOnlySplit();
  s.database_name.clear();
  ExpectRejected(s, "field 1 database_name is missing");
  s = LogOnlySplit();
  s.table_name.clear();
  ExpectRejected(s, "split d. bucket 0: field 2 table_name is missing");
  s = LogOnlySplit();
  s.bucket_id = -1;
  ExpectRejected(s, "split d.t: field 4 bucket_id is missing");
  s.bucket_id = -5;
  ExpectRejected(s, "field 4 bucket_id -5 is negative");
  s = LogOnlySplit();
  s.table_id = -2;
  ExpectRejected(s, "field 3 table_id -2 is negative");

  s = LakeOnlySplit();
  s.lake_files.clear();
  ExpectRejected(s, "split fluss.orders partition '2024$eu' bucket 3: LAKE_ONLY split has no lake files");
  s = LogOnlySplit();
  s.lake_files = {File("/x")};
  ExpectRejected(s, "LOG_ONLY split carries 1 lake files");

  for (SplitTier tier : {SplitTier::kLogOnly, SplitTier::kHybrid}) {
    s = tier == SplitTier::kHybrid ? HybridSplit() : LogOnlySplit();
    s.log_start_offset.reset();
    ExpectRejected(s, "field 13 log_start_offset is missing");
    s = tier == SplitTier::kHybrid ? HybridSplit() : LogOnlySplit();
    s.log_end_offset.reset();
    ExpectRejected(s, "field 14 log_end_offset is missing");
    s.log_start_offset = 9;
    s.log_end_offset = 5;
    ExpectRejected(s, "field 13 log_start_offset 9 is above field 14 log_end_offset 5");
    s.log_start_offset = -3;
    s.log_end_offset = 5;
    ExpectRejected(s, "field 13 log_start_offset -3 is negative");
    s.log_start_offset = 0;
    s.log_end_offset = -2;
    ExpectRejected(s, "field 14 log_end_offset -2 is negative");
  }

  s = LakeOnlySplit();
  s.lake_files[1].path.clear();
  ExpectRejected(s, "field 11 lake_file_paths entry 1 is empty");
  s = LakeOnlySplit();
  s.lake_files[0].size_bytes = -7;
  ExpectRejected(s, "lake file 0 '/w/orders/dt=2024/bucket-3/data-0.parquet': size_bytes -7 is negative");
  s = LakeOnlySplit();
  s.lake_files[0].row_count = -2;
  ExpectRejected(s, "row_count -2 is negative");
  s = LakeOnlySplit();
  s.lake_files[0].min_sequence_number = 10;
  ExpectRejected(s, "min_sequence_number 10 is above max_sequence_number 9");
  s = LakeOnlySplit();
  s.lake_files[0].deletion_vector->index_path.clear();
  ExpectRejected(s, "deletion_vector index_path is missing");
  s = LakeOnlySplit();
  s.lake_files[0].deletion_vector->length = -1;
  ExpectRejected(s, "deletion_vector range (offset 1, length -1) is negative");
  s = LakeOnlySplit();
  s.columns = {"a", "b", "a"};
  ExpectRejected(s, "field 22 columns names column 'a' twice");
  s = LakeOnlySplit();
  s.primary_key = {""};
  ExpectRejected(s, "field 23 primary_key entry 0 is empty");
  s = LakeOnlySplit();
  s.partition_name.reset();
  ExpectRejected(s, "field 5 partition_name is missing, but the split names field 20 partition_id");
  s = LakeOnlySplit();
  s.limit = -1;
  ExpectRejected(s, "field 34 limit -1 is negative");
  s = LakeOnlySplit();
  s.lake_snapshot_id = -1;
  ExpectRejected(s, "field 12 lake_snapshot_id -1 is negative");
}

TEST(SplitThriftTest, LakeOnlyIgnoresLogOffsets) {
  // The design's FE may always send its Java longs; a lake-only split does
  // not read the log, so they are kept but not checked.
  Split s = LakeOnlySplit();
  s.log_start_offset = 9;
  s.log_end_offset = 5;
  for (ThriftProtocol p : kProtocols) {
    auto back = Split::FromThrift(s.ToThrift(p), p);
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    EXPECT_EQ(back->log_start_offset, 9);
  }
}

TEST(SplitThriftTest, EmptyBytesAreCorruption) {
  for (ThriftProtocol p : kProtocols) ExpectError(Split::FromThrift("", p).status(), StatusCode::kCorruption, "no bytes");
  ExpectError(Split::FromThriftAnyProtocol("").status(), StatusCode::kCorruption, "no bytes");
}

TEST(SplitThriftTest, TierNames) {
  EXPECT_STREQ(SplitTierName(SplitTier::kLakeOnly), "LAKE_ONLY");
  EXPECT_STREQ(SplitTierName(SplitTier::kLogOnly), "LOG_ONLY");
  EXPECT_STREQ(SplitTierName(SplitTier::kHybrid), "HYBRID");
  EXPECT_STREQ(SplitTierName(static_cast<SplitTier>(9)), "UNKNOWN");
}

}  // namespace
}  // namespace fluss_native

namespace fluss_native {
namespace {

TEST(SplitThriftPredicateTest, Field33IsTheNormalisedTextAndMustParse) {
  Split s;
  s.database_name = "d";
  s.table_name = "t";
  s.bucket_id = 0;
  s.tier = SplitTier::kLogOnly;
  s.log_start_offset = 0;
  s.log_end_offset = 10;
  s.predicate = *ParsePredicate("amount>1 and note like 'a%' or amount is null");
  for (ThriftProtocol p : {ThriftProtocol::kBinary, ThriftProtocol::kCompact}) {
    std::string bytes = s.ToThrift(p);
    const std::string text = "((amount > 1 AND note LIKE 'a%') OR amount IS NULL)";
    size_t at = bytes.find(text);
    ASSERT_NE(at, std::string::npos) << "field 33 carries ToString()";
    auto back = Split::FromThrift(bytes, p);
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    EXPECT_TRUE(*back == s);
    bytes[at + text.size() - 1] = '!';  // "... IS NULL!" no longer parses
    auto bad = Split::FromThrift(bytes, p);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(bad.status().message().find("field 33 predicate: predicate: at position"), std::string::npos)
        << bad.status().message();
  }
}

}  // namespace
}  // namespace fluss_native
