// BinaryRow values from Paimon 1.3.1 manifests (partitions, keys and value
// stats of every slot kind) read back as Paimon's getters returned them
// (tests/data/paimon/expected.json); crafted rows with lying offsets fail.
#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "lake/paimon/binary_row.h"

namespace fluss_native::lake::paimon {
namespace {

const std::string kDir = std::string(FN_SOURCE_DIR) + "/tests/data/paimon";

const nlohmann::json& Expected() {
  static const nlohmann::json j = [] {
    std::ifstream in(kDir + "/expected.json");
    std::stringstream ss;
    ss << in.rdbuf();
    return nlohmann::json::parse(ss.str());
  }();
  return j;
}

std::string Unhex(const std::string& h) {
  std::string out;
  for (size_t i = 0; i + 1 < h.size(); i += 2) out.push_back(static_cast<char>(std::stoi(h.substr(i, 2), nullptr, 16)));
  return out;
}

// Paimon's asSQLString() for the types the fixtures use.
DataType TypeOf(std::string s) {
  DataType t;
  if (auto nn = s.find(" NOT NULL"); nn != std::string::npos) {
    t.nullable = false;
    s = s.substr(0, nn);
  }
  auto args = [&](int* a, int* b) { std::sscanf(s.c_str() + s.find('('), "(%d, %d)", a, b); };
  if (s == "STRING") t.root = TypeRoot::kString;
  else if (s == "INT") t.root = TypeRoot::kInt;
  else if (s == "BIGINT") t.root = TypeRoot::kBigInt;
  else if (s == "SMALLINT") t.root = TypeRoot::kSmallInt;
  else if (s == "TINYINT") t.root = TypeRoot::kTinyInt;
  else if (s == "BOOLEAN") t.root = TypeRoot::kBoolean;
  else if (s == "FLOAT") t.root = TypeRoot::kFloat;
  else if (s == "DOUBLE") t.root = TypeRoot::kDouble;
  else if (s == "DATE") t.root = TypeRoot::kDate;
  else if (s.rfind("DECIMAL", 0) == 0) {
    t.root = TypeRoot::kDecimal;
    args(&t.precision, &t.scale);
  } else if (s.rfind("TIMESTAMP", 0) == 0) {
    t.root = TypeRoot::kTimestamp;
    std::sscanf(s.c_str(), "TIMESTAMP(%d)", &t.precision);
  } else {
    ADD_FAILURE() << "type " << s;
  }
  return t;
}

// Compares field `i` with the JSON rendering GenPaimonFixtures wrote.
void ExpectField(const BinaryRowView& row, int i, const DataType& t, const nlohmann::json& want,
                 const std::string& where) {
  if (want.is_null()) {
    EXPECT_TRUE(row.IsNull(i)) << where;
    return;
  }
  ASSERT_FALSE(row.IsNull(i)) << where;
  switch (t.root) {
    case TypeRoot::kString: EXPECT_EQ(*row.GetString(i), want.get<std::string>()) << where; break;
    case TypeRoot::kInt:
    case TypeRoot::kDate: EXPECT_EQ(*row.GetInt32(i), want.get<int32_t>()) << where; break;
    case TypeRoot::kBigInt: EXPECT_EQ(*row.GetInt64(i), want.get<int64_t>()) << where; break;
    case TypeRoot::kSmallInt: EXPECT_EQ(*row.GetInt16(i), want.get<int16_t>()) << where; break;
    case TypeRoot::kTinyInt: EXPECT_EQ(*row.GetInt8(i), want.get<int8_t>()) << where; break;
    case TypeRoot::kBoolean: EXPECT_EQ(*row.GetBool(i), want.get<bool>()) << where; break;
    case TypeRoot::kFloat: EXPECT_EQ(*row.GetFloat(i), std::stof(want.get<std::string>())) << where; break;
    case TypeRoot::kDouble: EXPECT_EQ(*row.GetDouble(i), std::stod(want.get<std::string>())) << where; break;
    case TypeRoot::kDecimal: {
      auto d = row.GetDecimal(i, t.precision, t.scale);
      ASSERT_TRUE(d.ok()) << d.status().ToString();
      EXPECT_EQ(d->ToString(), want.get<std::string>()) << where;
      break;
    }
    case TypeRoot::kTimestamp: {
      auto ts = row.GetTimestamp(i, t.precision);
      ASSERT_TRUE(ts.ok()) << ts.status().ToString();
      EXPECT_EQ(ts->millis, want["millis"].get<int64_t>()) << where;
      EXPECT_EQ(ts->nanos_of_milli, want["nanos"].get<int32_t>()) << where;
      break;
    }
    default: FAIL() << where;
  }
}

void ExpectRow(const std::string& hex, const nlohmann::json& types, const nlohmann::json& values,
               const std::string& where) {
  const std::string bytes = Unhex(hex);  // the view borrows these
  auto row = BinaryRowView::Parse(bytes);
  ASSERT_TRUE(row.ok()) << where << ": " << row.status().ToString();
  ASSERT_EQ(row->arity(), static_cast<int>(types.size())) << where;
  for (size_t i = 0; i < types.size(); ++i) {
    ExpectField(*row, static_cast<int>(i), TypeOf(types[i]["type"].get<std::string>()), values[i],
                where + " field " + types[i]["name"].get<std::string>());
  }
}

TEST(PaimonBinaryRow, ManifestRowsMatchPaimonGetters) {
  int stats_checked = 0;
  for (const auto& [table, t] : Expected()["tables"].items()) {
    for (const auto& [name, entries] : t["manifests"].items()) {
      for (const auto& e : entries) {
        const std::string where = table + "/" + name;
        ExpectRow(e["partition_hex"], t["partition_type"], e["partition_values"], where + " partition");
        const auto& f = e["file"];
        if (!t["key_type"].empty()) {
          ExpectRow(f["min_key_hex"], t["key_type"], f["min_key"], where + " min key");
          ExpectRow(f["max_key_hex"], t["key_type"], f["max_key"], where + " max key");
        }
        for (const char* stats : {"key_stats", "value_stats"}) {
          const auto& s = f[stats];
          if (!s.contains("types")) continue;
          ExpectRow(s["min_hex"], s["types"], s["min"], where + " " + stats + " min");
          ExpectRow(s["max_hex"], s["types"], s["max"], where + " " + stats + " max");
          ++stats_checked;
        }
      }
    }
  }
  EXPECT_GT(stats_checked, 10);
}

TEST(PaimonBinaryRow, PartitionPathsMatchPaimon) {
  int checked = 0;
  for (const auto& [table, t] : Expected()["tables"].items()) {
    std::vector<std::string> names;
    std::vector<DataType> types;
    for (const auto& f : t["partition_type"]) {
      names.push_back(f["name"]);
      types.push_back(TypeOf(f["type"]));
    }
    for (const auto& [name, entries] : t["manifests"].items()) {
      for (const auto& e : entries) {
        const std::string bytes = Unhex(e["partition_hex"]);
        auto row = BinaryRowView::Parse(bytes);
        ASSERT_TRUE(row.ok());
        auto path = PartitionPath(*row, names, types);
        ASSERT_TRUE(path.ok()) << path.status().ToString();
        EXPECT_EQ(*path, e["partition_path"].get<std::string>()) << table;
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 5);
}

// Builds serialized BinaryRows by hand.
struct RowBuilder {
  explicit RowBuilder(int arity) : arity(arity) {
    null_bytes = ((arity + 63 + 8) / 64) * 8;
    bytes.assign(null_bytes + 8 * arity, '\0');
  }
  void Slot(int i, uint64_t v) {
    for (int b = 0; b < 8; ++b) bytes[null_bytes + 8 * i + b] = static_cast<char>(v >> (8 * b));
  }
  void Null(int i) { bytes[(i + 8) / 8] |= static_cast<char>(1 << ((i + 8) % 8)); }
  std::string Serialized() const {
    std::string out(4, '\0');
    for (int b = 0; b < 4; ++b) out[b] = static_cast<char>(static_cast<uint32_t>(arity) >> (24 - 8 * b));
    return out + bytes;
  }
  int arity;
  size_t null_bytes;
  std::string bytes;
};

TEST(PaimonBinaryRow, InlineAndOutOfLineStrings) {
  RowBuilder b(3);
  // "abc" inline: bytes in the slot, 0x80 | len in the top byte.
  b.Slot(0, (uint64_t{0x80 | 3} << 56) | 0x636261);
  const uint64_t off = b.bytes.size();
  b.bytes += "a longer string!";
  b.Slot(1, (off << 32) | 16);
  b.Null(2);
  const std::string bytes = b.Serialized();
  auto row = BinaryRowView::Parse(bytes);
  ASSERT_TRUE(row.ok());
  EXPECT_EQ(*row->GetString(0), "abc");
  EXPECT_EQ(*row->GetString(1), "a longer string!");
  EXPECT_TRUE(row->IsNull(2));
  EXPECT_FALSE(row->IsNull(0));
  EXPECT_FALSE(row->IsNull(7));  // out of range
  EXPECT_FALSE(row->GetInt64(3).ok());
  EXPECT_FALSE(row->GetInt64(-1).ok());
}

TEST(PaimonBinaryRow, LyingRowsFail) {
  EXPECT_FALSE(BinaryRowView::Parse("").ok());
  EXPECT_FALSE(BinaryRowView::Parse(std::string("\0\0\0", 3)).ok());
  EXPECT_FALSE(BinaryRowView::Parse(std::string("\xff\xff\xff\xff", 4) + std::string(64, '\0')).ok());  // negative arity
  EXPECT_FALSE(BinaryRowView::Parse(std::string("\x7f\xff\xff\xff", 4) + std::string(64, '\0')).ok());  // huge arity
  RowBuilder ok(2);
  // Arity 2 needs 8 + 16 bytes; one short fails.
  std::string s = ok.Serialized();
  EXPECT_TRUE(BinaryRowView::Parse(s).ok());
  EXPECT_FALSE(BinaryRowView::Parse(s.substr(0, s.size() - 1)).ok());

  RowBuilder b(4);
  b.Slot(0, (uint64_t{1000} << 32) | 4);                      // offset past the end
  b.Slot(1, (uint64_t{8} << 32) | 0xffffffffu);               // length past the end
  b.Slot(2, (uint64_t{0x80 | 0x7f} << 56));                   // inline length 127
  b.Slot(3, (uint64_t{0xfffffff0} << 32) | 0x10);             // offset + length overflow 32 bits
  const std::string bytes = b.Serialized();
  auto row = BinaryRowView::Parse(bytes);
  ASSERT_TRUE(row.ok());
  for (int i = 0; i < 4; ++i) {
    EXPECT_FALSE(row->GetString(i).ok()) << i;
    EXPECT_FALSE(row->GetBinary(i).ok()) << i;
    EXPECT_FALSE(row->GetDecimal(i, 38, 2).ok()) << i;
    EXPECT_FALSE(row->GetTimestamp(i, 6).ok()) << i;
  }
  EXPECT_FALSE(row->GetDecimal(0, 0, 0).ok());
  EXPECT_FALSE(row->GetDecimal(0, 39, 0).ok());
  EXPECT_FALSE(row->GetTimestamp(0, 10).ok());
}

TEST(PaimonBinaryRow, DecimalsAndTimestamps) {
  RowBuilder b(4);
  b.Slot(0, static_cast<uint64_t>(int64_t{-12345}));  // DECIMAL(10, 3) compact
  const uint64_t off = b.bytes.size();
  b.bytes += std::string("\xff\x85", 2) + std::string(6, '\0');  // -123 big-endian, DECIMAL(20, 2)
  b.Slot(1, (off << 32) | 2);
  const uint64_t ts_off = b.bytes.size();
  const int64_t millis = -1;  // 1969-12-31T23:59:59.999
  for (int i = 0; i < 8; ++i) b.bytes.push_back(static_cast<char>(static_cast<uint64_t>(millis) >> (8 * i)));
  b.Slot(2, (ts_off << 32) | 999999);
  b.Slot(3, (ts_off << 32) | 1000000);  // nano-of-milli out of range
  const std::string bytes = b.Serialized();
  auto row = BinaryRowView::Parse(bytes);
  ASSERT_TRUE(row.ok());
  EXPECT_EQ(row->GetDecimal(0, 10, 3)->ToString(), "-12.345");
  EXPECT_EQ(row->GetDecimal(1, 20, 2)->ToString(), "-1.23");
  EXPECT_EQ(row->GetDecimal(1, 20, 5)->ToString(), "-0.00123");
  auto ts = row->GetTimestamp(2, 9);
  ASSERT_TRUE(ts.ok());
  EXPECT_EQ(ts->millis, -1);
  EXPECT_EQ(ts->nanos_of_milli, 999999);
  EXPECT_FALSE(row->GetTimestamp(3, 6).ok());
  EXPECT_EQ(row->GetTimestamp(0, 3)->millis, -12345);
}

TEST(PaimonBinaryRow, PartitionNames) {
  EXPECT_EQ(EscapePathName("a/b=c d:%"), "a%2Fb%3Dc d%3A%25");
  EXPECT_EQ(EscapePathName("caf\xc3\xa9"), "caf\xc3\xa9");
  RowBuilder b(4);
  b.Slot(0, 19723);  // DATE 2024-01-01
  b.Slot(1, (uint64_t{0x80 | 2} << 56) | 0x2020);  // "  "
  b.Null(2);
  b.Slot(3, (uint64_t{0x80 | 3} << 56) | 0x622f61);  // "a/b"
  const std::string bytes = b.Serialized();
  auto row = BinaryRowView::Parse(bytes);
  ASSERT_TRUE(row.ok());
  DataType date, str, dbl;
  date.root = TypeRoot::kDate;
  str.root = TypeRoot::kString;
  dbl.root = TypeRoot::kDouble;
  EXPECT_EQ(**PartitionValueString(*row, 0, date), "19723");
  PartitionNameOptions cast;
  cast.legacy_name = false;
  EXPECT_EQ(**PartitionValueString(*row, 0, date, cast), "2024-01-01");
  EXPECT_FALSE(PartitionValueString(*row, 2, str)->has_value());
  EXPECT_FALSE(PartitionValueString(*row, 4, str).ok());
  EXPECT_EQ(PartitionValueString(*row, 0, dbl).status().code(), StatusCode::kUnsupported);
  auto path = PartitionPath(*row, {"d", "s", "n", "p"}, {date, str, str, str}, cast);
  ASSERT_TRUE(path.ok()) << path.status().ToString();
  EXPECT_EQ(*path, "d=2024-01-01/s=__DEFAULT_PARTITION__/n=__DEFAULT_PARTITION__/p=a%2Fb/");
  EXPECT_FALSE(PartitionPath(*row, {"d"}, {date}).ok());
}

}  // namespace
}  // namespace fluss_native::lake::paimon
