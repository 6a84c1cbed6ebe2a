// Manifest lists, manifests and index manifests written by Paimon Java
// 1.3.1 (tests/data/paimon, see GenPaimonFixtures.java) read back as
// Paimon's own readers saw them (expected.json); damaged files fail cleanly.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "format/avro/avro_reader.h"
#include "lake/paimon/manifest.h"
#include "unit/paimon_fixtures.h"

namespace fluss_native::lake::paimon {
namespace {

using avro::AvroFileReader;
using avro::AvroSchemaNode;
using avro::AvroValue;
using avro::AvroValueKindName;

using fixtures::Expected;
using fixtures::kDir;
using fixtures::ReadFile;

std::string Hex(const std::string& s) {
  static const char* d = "0123456789abcdef";
  std::string out;
  for (unsigned char c : s) {
    out.push_back(d[c >> 4]);
    out.push_back(d[c & 15]);
  }
  return out;
}

std::optional<int64_t> OptLong(const nlohmann::json& j) {
  return j.is_null() ? std::nullopt : std::optional<int64_t>(j.get<int64_t>());
}

void ExpectStats(const SimpleStats& s, const nlohmann::json& j, const std::string& where) {
  EXPECT_EQ(Hex(s.min_values), j["min_hex"].get<std::string>()) << where;
  EXPECT_EQ(Hex(s.max_values), j["max_hex"].get<std::string>()) << where;
  ASSERT_EQ(s.null_counts.size(), j["null_counts"].size()) << where;
  for (size_t i = 0; i < s.null_counts.size(); ++i) EXPECT_EQ(s.null_counts[i], OptLong(j["null_counts"][i])) << where;
}

class PaimonManifestTest : public ::testing::TestWithParam<std::string> {};

TEST_P(PaimonManifestTest, ManifestListsMatchPaimon) {
  const auto& t = Expected()["tables"][GetParam()];
  ASSERT_FALSE(t["manifest_lists"].empty());
  for (const auto& [list, metas] : t["manifest_lists"].items()) {
    auto got = ReadManifestList(kDir + "/" + GetParam() + "/manifest/" + list);
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    ASSERT_EQ(got->size(), metas.size()) << list;
    for (size_t i = 0; i < metas.size(); ++i) {
      const ManifestFileMeta& m = (*got)[i];
      const auto& e = metas[i];
      EXPECT_EQ(m.file_name, e["file_name"].get<std::string>());
      EXPECT_EQ(m.file_size, e["file_size"].get<int64_t>());
      EXPECT_EQ(m.num_added_files, e["num_added_files"].get<int64_t>());
      EXPECT_EQ(m.num_deleted_files, e["num_deleted_files"].get<int64_t>());
      EXPECT_EQ(m.schema_id, e["schema_id"].get<int64_t>());
      EXPECT_EQ(m.min_bucket, OptLong(e["min_bucket"]));
      EXPECT_EQ(m.max_bucket, OptLong(e["max_bucket"]));
      EXPECT_EQ(m.min_level, OptLong(e["min_level"]));
      EXPECT_EQ(m.max_level, OptLong(e["max_level"]));
      ExpectStats(m.partition_stats, e["partition_stats"], list);
    }
  }
}

TEST_P(PaimonManifestTest, ManifestsMatchPaimon) {
  const auto& t = Expected()["tables"][GetParam()];
  ASSERT_FALSE(t["manifests"].empty());
  for (const auto& [name, entries] : t["manifests"].items()) {
    auto got = ReadManifest(kDir + "/" + GetParam() + "/manifest/" + name);
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    ASSERT_EQ(got->size(), entries.size()) << name;
    for (size_t i = 0; i < entries.size(); ++i) {
      const ManifestEntry& m = (*got)[i];
      // Paimon's reader does not return entries in file order: match by
      // (file name, kind).
      const nlohmann::json* match = nullptr;
      for (const auto& cand : entries) {
        if (cand["file"]["file_name"] == m.file.file_name && cand["kind"] == static_cast<int>(m.kind)) match = &cand;
      }
      ASSERT_NE(match, nullptr) << name << " has unexpected " << m.file.file_name;
      const auto& e = *match;
      const auto& ef = e["file"];
      const std::string where = name + "#" + std::to_string(i);
      EXPECT_EQ(static_cast<int>(m.kind), e["kind"].get<int>()) << where;
      EXPECT_EQ(Hex(m.partition), e["partition_hex"].get<std::string>()) << where;
      EXPECT_EQ(m.bucket, e["bucket"].get<int>()) << where;
      EXPECT_EQ(m.total_buckets, e["total_buckets"].get<int>()) << where;
      const DataFileMeta& f = m.file;
      EXPECT_EQ(f.file_name, ef["file_name"].get<std::string>()) << where;
      EXPECT_EQ(f.file_size, ef["file_size"].get<int64_t>()) << where;
      EXPECT_EQ(f.row_count, ef["row_count"].get<int64_t>()) << where;
      EXPECT_EQ(Hex(f.min_key), ef["min_key_hex"].get<std::string>()) << where;
      EXPECT_EQ(Hex(f.max_key), ef["max_key_hex"].get<std::string>()) << where;
      EXPECT_EQ(f.min_sequence_number, ef["min_sequence_number"].get<int64_t>()) << where;
      EXPECT_EQ(f.max_sequence_number, ef["max_sequence_number"].get<int64_t>()) << where;
      EXPECT_EQ(f.schema_id, ef["schema_id"].get<int64_t>()) << where;
      EXPECT_EQ(f.level, ef["level"].get<int>()) << where;
      EXPECT_EQ(f.extra_files, ef["extra_files"].get<std::vector<std::string>>()) << where;
      EXPECT_EQ(f.creation_time_millis, OptLong(ef["creation_time_millis"])) << where;
      EXPECT_EQ(f.delete_row_count, OptLong(ef["delete_row_count"])) << where;
      EXPECT_EQ(f.file_source, OptLong(ef["file_source"])) << where;
      EXPECT_EQ(f.first_row_id, OptLong(ef["first_row_id"])) << where;
      EXPECT_EQ(f.value_stats_cols.has_value(), !ef["value_stats_cols"].is_null()) << where;
      EXPECT_EQ(f.external_path.has_value(), !ef["external_path"].is_null()) << where;
      ExpectStats(f.key_stats, ef["key_stats"], where + " key stats");
      ExpectStats(f.value_stats, ef["value_stats"], where + " value stats");
    }
  }
}

TEST_P(PaimonManifestTest, IndexManifestMatchesPaimon) {
  const auto& t = Expected()["tables"][GetParam()];
  const auto& snap = t["snapshot"];
  if (snap["index_manifest"].is_null()) GTEST_SKIP() << "no index manifest";
  auto got = ReadIndexManifest(kDir + "/" + GetParam() + "/manifest/" + snap["index_manifest"].get<std::string>());
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  const auto& entries = t["index_entries"];
  ASSERT_EQ(got->size(), entries.size());
  for (size_t i = 0; i < entries.size(); ++i) {
    const IndexManifestEntry& m = (*got)[i];
    const auto& e = entries[i];
    EXPECT_EQ(static_cast<int>(m.kind), e["kind"].get<int>());
    EXPECT_EQ(Hex(m.partition), e["partition_hex"].get<std::string>());
    EXPECT_EQ(m.bucket, e["bucket"].get<int>());
    EXPECT_EQ(m.index_file.index_type, e["index_type"].get<std::string>());
    EXPECT_EQ(m.index_file.file_name, e["file_name"].get<std::string>());
    EXPECT_EQ(m.index_file.file_size, e["file_size"].get<int64_t>());
    EXPECT_EQ(m.index_file.row_count, e["row_count"].get<int64_t>());
    EXPECT_FALSE(m.index_file.external_path.has_value());
    ASSERT_EQ(m.index_file.deletion_vectors.size(), e["dv_ranges"].size());
    for (size_t k = 0; k < e["dv_ranges"].size(); ++k) {
      const auto& [data_file, range] = m.index_file.deletion_vectors[k];
      const auto& r = e["dv_ranges"][k];
      EXPECT_EQ(data_file, r["data_file"].get<std::string>());
      EXPECT_EQ(range.offset, r["offset"].get<int64_t>());
      EXPECT_EQ(range.length, r["length"].get<int64_t>());
      EXPECT_EQ(range.cardinality, OptLong(r["cardinality"]));
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Tables, PaimonManifestTest, ::testing::Values("append_t", "pk_part", "pk_dv", "pk_dv64"));

TEST(PaimonAvro, ManifestsAreZstdCompressed) {
  // Paimon's default manifest.compression is zstd: the reason we decode
  // Avro ourselves.
  const auto& snap = Expected()["tables"]["pk_part"]["snapshot"];
  auto r = AvroFileReader::Open(kDir + "/pk_part/manifest/" + snap["base_manifest_list"].get<std::string>());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->codec(), "zstandard");
  EXPECT_EQ(r->schema().root().type, AvroSchemaNode::Type::kRecord);
  EXPECT_EQ(r->schema().root().field_names.front(), "_VERSION");
}

TEST(PaimonAvro, MissingFileIsNotFound) {
  auto r = ReadManifest(kDir + "/no-such-manifest");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
  EXPECT_NE(r.status().message().find("no-such-manifest"), std::string::npos);
}

TEST(PaimonAvro, WrongRecordShapeIsAnErrorNamingTheField) {
  // A manifest list read as a manifest: the versions agree (2), but the
  // records lack _KIND.
  const auto& snap = Expected()["tables"]["pk_part"]["snapshot"];
  const std::string name = snap["base_manifest_list"].get<std::string>();
  auto r = ReadManifest(kDir + "/pk_part/manifest/" + name);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find(name), std::string::npos) << r.status().message();
  EXPECT_NE(r.status().message().find("_KIND is missing"), std::string::npos) << r.status().message();
}

// One manifest list, one manifest and one index manifest: every byte of
// these is cut and flipped; the other files are cut at a stride.
std::vector<std::string> SampleManifestFiles() {
  const auto& t = Expected()["tables"];
  return {"pk_part/manifest/" + t["pk_part"]["snapshot"]["base_manifest_list"].get<std::string>(),
          "pk_part/manifest/" + t["pk_part"]["manifests"].items().begin().key(),
          "pk_dv64/manifest/" + t["pk_dv64"]["snapshot"]["index_manifest"].get<std::string>()};
}

std::vector<std::string> AllManifestFiles() {
  std::vector<std::string> out;
  for (const auto& [table, t] : Expected()["tables"].items()) {
    for (const auto& [name, unused] : t["manifest_lists"].items()) out.push_back(table + "/manifest/" + name);
    for (const auto& [name, unused] : t["manifests"].items()) out.push_back(table + "/manifest/" + name);
    if (!t["snapshot"]["index_manifest"].is_null()) {
      out.push_back(table + "/manifest/" + t["snapshot"]["index_manifest"].get<std::string>());
    }
  }
  return out;
}

// Parses with every reader and returns the most records any of them read,
// or -1 if all failed. Failures must name the file.
int64_t ParseAll(const std::string& name, const std::string& bytes) {
  auto a = ParseManifestList(name, bytes);
  auto b = ParseManifest(name, bytes);
  auto c = ParseIndexManifest(name, bytes);
  int64_t most = -1;
  if (a.ok()) most = std::max<int64_t>(most, static_cast<int64_t>(a->size()));
  if (b.ok()) most = std::max<int64_t>(most, static_cast<int64_t>(b->size()));
  if (c.ok()) most = std::max<int64_t>(most, static_cast<int64_t>(c->size()));
  for (const Status* st : {&a.status(), &b.status(), &c.status()}) {
    if (!st->ok()) {
      EXPECT_NE(st->message().find(name), std::string::npos) << st->message();
    }
  }
  return most;
}

TEST(PaimonAvroHostile, TruncationsFailOrLoseWholeBlocks) {
  const auto sample = SampleManifestFiles();
  for (const std::string& rel : AllManifestFiles()) {
    const std::string bytes = ReadFile(kDir + "/" + rel);
    ASSERT_GT(bytes.size(), 100u) << rel;
    const int64_t full = ParseAll(rel, bytes);
    ASSERT_GT(full, 0) << rel;
    const bool every = std::find(sample.begin(), sample.end(), rel) != sample.end();
    for (size_t len = 0; len < bytes.size(); len += every ? 1 : 17) {
      // Cutting at a block boundary leaves a valid, shorter file; anywhere
      // else the reader must fail.
      ASSERT_LT(ParseAll(rel, bytes.substr(0, len)), full) << rel << " truncated to " << len << " bytes";
    }
  }
}

TEST(PaimonAvroHostile, ByteFlipsNeverCrash) {
  for (const std::string& rel : SampleManifestFiles()) {
    const std::string bytes = ReadFile(kDir + "/" + rel);
    for (size_t i = 0; i < bytes.size(); ++i) {
      for (unsigned char x : {0x01, 0x80, 0xff}) {
        std::string b = bytes;
        b[i] = static_cast<char>(b[i] ^ x);
        ParseAll(rel, b);
      }
    }
  }
}

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

// An uncompressed container file with the given schema and one block.
std::string Container(const std::string& schema, int64_t count, const std::string& block) {
  std::string f = std::string("Obj\x01", 4);
  f += Varint(1) + Varint(11) + "avro.schema" + Varint(static_cast<int64_t>(schema.size())) + schema + Varint(0);
  const std::string sync(16, 'S');
  f += sync + Varint(count) + Varint(static_cast<int64_t>(block.size())) + block + sync;
  return f;
}

TEST(PaimonAvroHostile, LyingCountsAndLengthsFail) {
  const std::string arr = R"({"type":"record","name":"r","fields":[{"name":"a","type":{"type":"array","items":"null"}}]})";
  // An array of 2^40 nulls: no bytes back the count.
  auto r = AvroFileReader::FromBytes("nulls", Container(arr, 1, Varint(int64_t{1} << 40) + Varint(0)));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(r->ReadAll().ok());
  // A string claiming more bytes than the block has.
  const std::string str = R"({"type":"record","name":"r","fields":[{"name":"s","type":"string"}]})";
  r = AvroFileReader::FromBytes("str", Container(str, 1, Varint(1000) + "abc"));
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->ReadAll().ok());
  // A block claiming a million records in three bytes.
  r = AvroFileReader::FromBytes("count", Container(str, 1000000, Varint(1) + "a"));
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->ReadAll().ok());
  // Union branch out of range; overlong varint.
  const std::string uni = R"({"type":"record","name":"r","fields":[{"name":"u","type":["null","long"]}]})";
  r = AvroFileReader::FromBytes("union", Container(uni, 1, Varint(5)));
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->ReadAll().ok());
  r = AvroFileReader::FromBytes("varint", Container(uni, 1, Varint(1) + std::string(11, '\xff')));
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->ReadAll().ok());
  // And the well-formed version of that record reads.
  r = AvroFileReader::FromBytes("ok", Container(uni, 2, Varint(1) + Varint(-42) + Varint(0)));
  ASSERT_TRUE(r.ok());
  auto all = r->ReadAll();
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].Field("u")->long_value, -42);
  EXPECT_TRUE((*all)[1].Field("u")->is_null());
  EXPECT_EQ((*all)[1].Field("missing"), nullptr);
}

TEST(PaimonAvroHostile, BadSchemasFail) {
  for (const std::string& schema :
       {std::string("not json"), std::string(R"({"type":"record","name":"r"})"), std::string(R"({"type":"nosuch"})"),
        std::string(R"([])"), std::string(2000, '[') + std::string(2000, ']')}) {
    auto r = AvroFileReader::FromBytes("schema", Container(schema, 0, ""));
    EXPECT_FALSE(r.ok()) << schema.substr(0, 40);
  }
  // A record that contains itself through a union nests until the depth cap.
  const std::string self = R"({"type":"record","name":"n","fields":[{"name":"next","type":["null","n"]}]})";
  std::string deep;
  for (int i = 0; i < 200; ++i) deep += Varint(1);
  deep += Varint(0);
  auto r = AvroFileReader::FromBytes("self", Container(self, 1, deep));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(r->ReadAll().ok());
}

}  // namespace
}  // namespace fluss_native::lake::paimon
