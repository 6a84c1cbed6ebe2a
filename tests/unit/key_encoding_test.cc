// Our key encodings and bucketing against Fluss's own: tests/data/keys/
// fluss_keys.jsonl was printed by the Java testing tool (`datatool.sh
// encode-key`, testing/src/main/java/.../EncodeKeyCmd.java) with Fluss
// 0.9.1's CompactedKeyEncoder, PaimonKeyEncoder, FlussBucketingFunction and
// PaimonBucketingFunction, for keys of every key type.
#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "format/keys/bucketing.h"
#include "format/keys/key_encoder.h"
#include "format/keys/key_layout.h"
#include "format/keys/key_value.h"
#include "format/arrow/array_json.h"
#include "format/keys/value_rows.h"

namespace fluss_native::keys {
namespace {

using nlohmann::json;

std::string Hex(const std::string& bytes) {
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
  }
  return out;
}

std::string Unhex(const std::string& hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) out.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  return out;
}

Literal LiteralOf(const json& j) {
  std::string kind = j.at("kind");
  if (kind == "boolean") return Literal::Boolean(j.at("boolean").get<bool>());
  if (kind == "integer") return Literal::Integer(std::stoll(j.at("integer").get<std::string>()));
  if (kind == "double") {
    uint64_t bits = std::stoull(j.at("bits").get<std::string>(), nullptr, 16);
    double d;
    std::memcpy(&d, &bits, 8);
    return Literal::Double(d);
  }
  if (kind == "decimal") return *Literal::Decimal(j.at("unscaled").get<std::string>(), j.at("scale").get<int>());
  if (kind == "string") return Literal::String(Unhex(j.at("hex")));
  if (kind == "bytes") return Literal::Bytes(Unhex(j.at("hex")));
  if (kind == "date") return Literal::Date(static_cast<int32_t>(std::stoll(j.at("integer").get<std::string>())));
  if (kind == "time") return Literal::Time(std::stoll(j.at("integer").get<std::string>()));
  if (kind == "timestamp") {
    return Literal::Timestamp(std::stoll(j.at("millis").get<std::string>()), j.at("nanos").get<int32_t>());
  }
  ADD_FAILURE() << "unknown literal kind " << kind;
  return Literal::Null();
}

std::vector<json> JavaCases() {
  std::ifstream in(std::string(FN_SOURCE_DIR) + "/tests/data/keys/fluss_keys.jsonl");
  std::vector<json> out;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) out.push_back(json::parse(line));
  }
  return out;
}

TEST(KeyEncoding, MatchesFlussJavaEncodersAndBuckets) {
  auto cases = JavaCases();
  ASSERT_GT(cases.size(), 100u);
  std::set<TypeRoot> roots;
  for (const auto& c : cases) {
    std::vector<DataType> types;
    std::vector<KeyValue> values;
    std::string what;
    for (size_t i = 0; i < c.at("types").size(); ++i) {
      auto type = ParseDataTypeJson(c["types"][i].dump());
      ASSERT_TRUE(type.ok()) << type.status().ToString();
      Literal lit = LiteralOf(c["values"][i]);
      auto v = CoerceKeyLiteral(lit, *type, "f" + std::to_string(i));
      ASSERT_TRUE(v.ok()) << v.status().ToString();
      what += type->ToFlussString() + " " + lit.ToString() + "; ";
      roots.insert(type->root);
      types.push_back(*type);
      values.push_back(*v);
    }
    std::string compacted = EncodeKey(KeyEncoding::kCompacted, types, values);
    std::string paimon = EncodeKey(KeyEncoding::kPaimon, types, values);
    EXPECT_EQ(Hex(compacted), c.at("compacted").get<std::string>()) << what;
    EXPECT_EQ(Hex(paimon), c.at("paimon").get<std::string>()) << what;
    for (size_t i = 0; i < c.at("bucket_counts").size(); ++i) {
      int n = c["bucket_counts"][i];
      EXPECT_EQ(BucketOf(BucketingFunction::kFluss, compacted, n), c["fluss_buckets"][i].get<int>()) << what << n;
      EXPECT_EQ(BucketOf(BucketingFunction::kPaimon, paimon, n), c["paimon_buckets"][i].get<int>()) << what << n;
    }
  }
  // Every key type is covered.
  for (TypeRoot r : {TypeRoot::kBoolean, TypeRoot::kTinyInt, TypeRoot::kSmallInt, TypeRoot::kInt, TypeRoot::kBigInt,
                     TypeRoot::kFloat, TypeRoot::kDouble, TypeRoot::kDecimal, TypeRoot::kChar, TypeRoot::kString,
                     TypeRoot::kBinary, TypeRoot::kBytes, TypeRoot::kDate, TypeRoot::kTime, TypeRoot::kTimestamp,
                     TypeRoot::kTimestampLtz}) {
    EXPECT_TRUE(roots.count(r)) << static_cast<int>(r);
  }
}

DataType Type(TypeRoot root, int precision = 0, int scale = 0) {
  DataType t;
  t.root = root;
  t.precision = precision;
  t.scale = scale;
  return t;
}

TEST(KeyEncoding, CoercionRefusesValuesTheColumnCannotHold) {
  EXPECT_FALSE(CoerceKeyLiteral(Literal::Integer(128), Type(TypeRoot::kTinyInt), "k").ok());
  EXPECT_FALSE(CoerceKeyLiteral(Literal::Null(), Type(TypeRoot::kInt), "k").ok());
  EXPECT_FALSE(CoerceKeyLiteral(Literal::String("1"), Type(TypeRoot::kInt), "k").ok());
  EXPECT_FALSE(CoerceKeyLiteral(*Literal::Decimal("1234", 3), Type(TypeRoot::kDecimal, 10, 2), "k").ok());
  EXPECT_FALSE(CoerceKeyLiteral(Literal::Time(1), Type(TypeRoot::kTime), "k").ok());
  auto d = CoerceKeyLiteral(*Literal::Decimal("1230", 3), Type(TypeRoot::kDecimal, 10, 2), "k");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->integer, 123);
  auto e = CoerceKeyLiteral(Literal::Integer(5), Type(TypeRoot::kInt), "id");
  ASSERT_TRUE(e.ok());
  Status s = CoerceKeyLiteral(Literal::String("x"), Type(TypeRoot::kInt), "id").status();
  EXPECT_NE(s.message().find("'id'"), std::string::npos) << s.ToString();
}

TableInfo PkTable(std::vector<std::string> pk, std::vector<std::string> partition, std::vector<std::string> bucket,
                  std::map<std::string, std::string> props) {
  TableInfo t;
  t.path = TablePath{"db", "t"};
  t.table_id = 1;
  t.schema_id = 1;
  t.primary_key = std::move(pk);
  t.partition_keys = std::move(partition);
  t.bucket_keys = std::move(bucket);
  t.bucket_count = 4;
  t.properties = std::move(props);
  for (const char* name : {"a", "b", "c"}) {
    Column c;
    c.name = name;
    c.type = Type(name[0] == 'b' ? TypeRoot::kString : TypeRoot::kInt);
    c.type.nullable = false;
    t.columns.push_back(c);
  }
  return t;
}

TEST(KeyLayout, FollowsTheJavaClientsChoiceOfEncoders) {
  // A Paimon lake table with the default bucket key: Paimon for both.
  auto l1 = KeyLayout::ForPrimaryKey(PkTable({"a"}, {}, {}, {{"table.datalake.format", "paimon"}}));
  ASSERT_TRUE(l1.ok()) << l1.status().ToString();
  EXPECT_EQ(l1->key_encoding(), KeyEncoding::kPaimon);
  EXPECT_EQ(l1->bucketing(), BucketingFunction::kPaimon);
  // kv format 2 with a bucket key that is a prefix: compacted keys, Paimon buckets.
  TableInfo t2 = PkTable({"a", "c"}, {}, {"a"}, {{"table.datalake.format", "paimon"}, {"table.kv.format-version", "2"}});
  auto l2 = KeyLayout::ForPrimaryKey(t2);
  ASSERT_TRUE(l2.ok());
  EXPECT_EQ(l2->key_encoding(), KeyEncoding::kCompacted);
  EXPECT_EQ(l2->bucket_encoding(), KeyEncoding::kPaimon);
  auto p2 = KeyLayout::ForPrefix(t2);
  ASSERT_TRUE(p2.ok()) << p2.status().ToString();
  EXPECT_EQ(p2->key_columns(), std::vector<std::string>{"a"});
  // The prefix key's bytes are a prefix of the full key's, and both land in one bucket.
  auto full = l2->Encode({Literal::Integer(7), Literal::Integer(9)});
  auto prefix = p2->Encode({Literal::Integer(7)});
  ASSERT_TRUE(full.ok() && prefix.ok());
  EXPECT_EQ(full->key_bytes.substr(0, prefix->key_bytes.size()), prefix->key_bytes);
  EXPECT_EQ(full->bucket, prefix->bucket);
  // The bucket key equals the primary key: no prefix lookup.
  EXPECT_FALSE(KeyLayout::ForPrefix(PkTable({"a"}, {}, {}, {})).ok());
  // A partitioned table: the partition column is not encoded, its value names the partition.
  auto l3 = KeyLayout::ForPrimaryKey(PkTable({"a", "b"}, {"b"}, {}, {}));
  ASSERT_TRUE(l3.ok());
  auto k3 = l3->Encode({Literal::Integer(300), Literal::String("eu")});
  ASSERT_TRUE(k3.ok());
  EXPECT_EQ(k3->partition, "eu");
  EXPECT_EQ(Hex(k3->key_bytes), "ac02");  // varint 300
  // Wrong arity names the table.
  auto bad = l3->Encode({Literal::Integer(1)});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("db.t"), std::string::npos);
}

TEST(PartitionNames, AsFlussNamesThem) {
  std::vector<DataType> types = {Type(TypeRoot::kDate), Type(TypeRoot::kInt), Type(TypeRoot::kBytes)};
  KeyValue d, i, b;
  d.integer = 20089;
  i.integer = -3;
  b.bytes = std::string("\x0a\xff", 2);
  auto name = PartitionName(types, {d, i, b});
  ASSERT_TRUE(name.ok());
  EXPECT_EQ(*name, "2025-01-01$-3$0aff");
}

TEST(ValueRows, RejectsTruncatedAndForeignRows) {
  DataType row;
  row.root = TypeRoot::kRow;
  row.children = {Type(TypeRoot::kInt), Type(TypeRoot::kString)};
  row.field_names = {"a", "b"};
  row.field_ids = {0, 1};
  row.field_descriptions = {std::nullopt, std::nullopt};
  auto builder = ValueRowsBuilder::Make(row, 1, "", {0, 1});
  ASSERT_TRUE(builder.ok());
  // schema 1, no nulls, a = 5, b = "xy"
  std::string good("\x01\x00\x00\x05\x02xy", 7);
  EXPECT_TRUE(builder->Append(good, "k").ok());
  EXPECT_FALSE(builder->Append(good.substr(0, 6), "k").ok());            // string cut short
  EXPECT_FALSE(builder->Append(std::string("\x02\x00\x00\x05\x00", 5), "k").ok());  // other schema
  EXPECT_FALSE(builder->Append(std::string("\x01\x00\x00\xff\xff\xff\xff\xff\xff", 9), "k").ok());  // bad varint
  std::string nulls("\x01\x00\x02\x07", 4);  // b is null
  EXPECT_TRUE(builder->Append(nulls, "k").ok());
  auto batch = builder->Finish();
  ASSERT_TRUE(batch.ok());
  EXPECT_EQ(batch->length, 2);
  EXPECT_EQ(batch->children[1].null_count, 1);
  EXPECT_EQ(reinterpret_cast<const int32_t*>(batch->children[0].buffers[1])[1], 7);
}

TEST(ValueRows, DecodesNestedArraysMapsAndRows) {
  // ARRAY<STRING>, MAP<INT, BIGINT>, ROW<x INT, y STRING>: Fluss's binary array layout.
  DataType str = Type(TypeRoot::kString), i32 = Type(TypeRoot::kInt), i64 = Type(TypeRoot::kBigInt);
  DataType arr = Type(TypeRoot::kArray);
  arr.children = {str};
  DataType map = Type(TypeRoot::kMap);
  map.children = {i32, i64};
  DataType nested = Type(TypeRoot::kRow);
  nested.children = {i32, str};
  nested.field_names = {"x", "y"};
  nested.field_ids = {0, 1};
  nested.field_descriptions = {std::nullopt, std::nullopt};
  DataType row = Type(TypeRoot::kRow);
  row.children = {arr, map, nested};
  row.field_names = {"a", "m", "r"};
  row.field_ids = {0, 1, 2};
  row.field_descriptions = {std::nullopt, std::nullopt, std::nullopt};
  auto builder = ValueRowsBuilder::Make(row, 1, "", {0, 1, 2});
  ASSERT_TRUE(builder.ok()) << builder.status().ToString();
  // array ["ab", null, "0123456789"]: count 3, null bits (bit 1), three 8-byte slots, then 16 bytes of var part.
  std::string a("\x03\x00\x00\x00\x02\x00\x00\x00", 8);
  a += std::string("ab\0\0\0\0\0\x82", 8);
  a += std::string(8, '\0');
  a += std::string("\x0a\x00\x00\x00\x20\x00\x00\x00", 8);  // length 10 at offset 32
  a += std::string("0123456789\0\0\0\0\0\0", 16);
  // map {7: -1}: key array [7] (4+4+4 bytes = 12, padded slot 4), value array [-1].
  std::string keys("\x01\x00\x00\x00\x00\x00\x00\x00\x07\x00\x00\x00", 12);
  std::string vals("\x01\x00\x00\x00\x00\x00\x00\x00", 8);
  vals += std::string(8, '\xff');
  std::string m = std::string("\x0c\x00\x00\x00", 4) + keys + vals;
  // row {x: 5, y: null}: null bits 0b10, x varint 5.
  std::string r("\x02\x05", 2);
  std::string value("\x01\x00\x00", 3);  // schema 1, no null fields
  value.push_back(static_cast<char>(a.size()));
  value += a;
  value.push_back(static_cast<char>(m.size()));
  value += m;
  value.push_back(static_cast<char>(r.size()));
  value += r;
  ASSERT_TRUE(builder->Append(value, "k").ok()) << builder->Append(value, "k").ToString();
  auto batch = builder->Finish();
  ASSERT_TRUE(batch.ok());
  arrow::UniqueArrowArray out;
  arrow::ExportArray(std::move(*batch), out.get());
  auto text = arrow::BatchToJson(*out.get(), row);
  ASSERT_TRUE(text.ok()) << text.status().ToString();
  EXPECT_EQ(*text, R"([{"a":["ab",null,"0123456789"],"m":[[7,-1]],"r":{"x":5,"y":null}}])");
  // A slot pointing past the array is refused, not read.
  std::string bad = value;
  bad[3 + 1 + 24] = '\x7f';
  EXPECT_FALSE(builder->Append(bad, "k").ok());
}

}  // namespace
}  // namespace fluss_native::keys
