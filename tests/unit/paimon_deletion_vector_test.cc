// Deletion vectors from Paimon 1.3.1 DV index files (32-bit and 64-bit
// bitmaps, tests/data/paimon) hold the positions Paimon reports; crafted
// Roaring containers (arrays, bitmaps, runs) decode; damaged bytes fail.
#include <gtest/gtest.h>

#include <zlib.h>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "lake/paimon/deletion_vector.h"
#include "lake/paimon/manifest.h"
#include "unit/paimon_fixtures.h"

namespace fluss_native::lake::paimon {
namespace {

using fixtures::Expected;
using fixtures::kDir;
using fixtures::ReadFile;

struct Case {
  std::string index_file;  // relative to kDir
  DeletionVectorRange range;
  std::vector<int64_t> positions;
};

std::vector<Case> FixtureCases() {
  std::vector<Case> out;
  for (const char* table : {"pk_dv", "pk_dv64"}) {
    const auto& t = Expected()["tables"][table];
    auto index = ReadIndexManifest(kDir + "/" + table + "/manifest/" + t["snapshot"]["index_manifest"].get<std::string>());
    EXPECT_TRUE(index.ok()) << index.status().ToString();
    if (!index.ok()) continue;
    for (const auto& e : *index) {
      for (const auto& [data_file, range] : e.index_file.deletion_vectors) {
        for (const auto& dv : t["deletion_vectors"]) {
          if (dv["index_file"] == e.index_file.file_name && dv["data_file"] == data_file) {
            out.push_back({std::string(table) + "/index/" + e.index_file.file_name, range,
                           dv["positions"].get<std::vector<int64_t>>()});
          }
        }
      }
    }
  }
  return out;
}

TEST(PaimonDeletionVector, FixturesHoldPaimonsPositions) {
  auto cases = FixtureCases();
  ASSERT_EQ(cases.size(), 2u);  // one 32-bit, one 64-bit
  for (const Case& c : cases) {
    const std::string bytes = ReadFile(kDir + "/" + c.index_file);
    auto dv = ReadDeletionVector(bytes, c.range, c.index_file);
    ASSERT_TRUE(dv.ok()) << dv.status().ToString();
    EXPECT_EQ(dv->ToPositions(), c.positions) << c.index_file;
    EXPECT_EQ(dv->cardinality(), static_cast<int64_t>(c.positions.size()));
    for (int64_t row = -1; row < 100; ++row) {
      const bool want = std::find(c.positions.begin(), c.positions.end(), row) != c.positions.end();
      EXPECT_EQ(dv->IsDeleted(row), want) << row;
    }
  }
}

TEST(PaimonDeletionVector, DamagedFixturesFail) {
  for (const Case& c : FixtureCases()) {
    const std::string bytes = ReadFile(kDir + "/" + c.index_file);
    for (size_t len = 0; len < bytes.size(); ++len) {
      EXPECT_FALSE(ReadDeletionVector(bytes.substr(0, len), c.range, c.index_file).ok()) << len;
    }
    // Every single-bit flip is caught (version, length, magic, CRC or bitmap).
    for (size_t i = 0; i < bytes.size(); ++i) {
      for (int bit = 0; bit < 8; ++bit) {
        std::string b = bytes;
        b[i] = static_cast<char>(b[i] ^ (1 << bit));
        auto dv = ReadDeletionVector(b, c.range, c.index_file);
        EXPECT_FALSE(dv.ok()) << c.index_file << " byte " << i << " bit " << bit;
      }
    }
    DeletionVectorRange r = c.range;
    r.length += 1;
    EXPECT_FALSE(ReadDeletionVector(bytes, r, c.index_file).ok());
    r = c.range;
    r.offset = 0;
    EXPECT_FALSE(ReadDeletionVector(bytes, r, c.index_file).ok());
    r = c.range;
    r.offset = static_cast<int64_t>(bytes.size());
    EXPECT_FALSE(ReadDeletionVector(bytes, r, c.index_file).ok());
    r = c.range;
    r.cardinality = *r.cardinality + 1;
    auto st = ReadDeletionVector(bytes, r, c.index_file);
    ASSERT_FALSE(st.ok());
    EXPECT_NE(st.status().message().find(c.index_file), std::string::npos) << st.status().message();
  }
}

void Le16(std::string* s, uint16_t v) {
  s->push_back(static_cast<char>(v));
  s->push_back(static_cast<char>(v >> 8));
}
void Le32(std::string* s, uint32_t v) {
  for (int i = 0; i < 4; ++i) s->push_back(static_cast<char>(v >> (8 * i)));
}
void Be32(std::string* s, uint32_t v) {
  for (int i = 3; i >= 0; --i) s->push_back(static_cast<char>(v >> (8 * i)));
}

// A portable Roaring bitmap with run support: container 0 holds runs
// [10, 14] and [100, 100]; container 1 is a bitmap of the even values
// 0..9998 (5000 > 4096, so a bitmap); container 3 is an array {7, 65535}.
std::string CraftedRoaring(std::vector<int64_t>* positions) {
  std::string s;
  Le32(&s, 12347 | ((3 - 1) << 16));
  s.push_back(0x01);  // container 0 is a run container
  Le16(&s, 0); Le16(&s, 6 - 1);
  Le16(&s, 1); Le16(&s, 5000 - 1);
  Le16(&s, 3); Le16(&s, 2 - 1);
  // Fewer than 4 containers: no offset header.
  Le16(&s, 2);
  Le16(&s, 10); Le16(&s, 4);
  Le16(&s, 100); Le16(&s, 0);
  for (int64_t v = 10; v <= 14; ++v) positions->push_back(v);
  positions->push_back(100);
  std::string words(8192, '\0');
  for (int v = 0; v < 10000; v += 2) {
    words[v / 8] = static_cast<char>(words[v / 8] | (1 << (v % 8)));
    positions->push_back(65536 + v);
  }
  s += words;
  Le16(&s, 7); Le16(&s, 65535);
  positions->push_back(3 * 65536 + 7);
  positions->push_back(3 * 65536 + 65535);
  return s;
}

std::string IndexFile(const std::string& bitmap_data, int64_t* length) {
  std::string f(1, '\x01');
  Be32(&f, static_cast<uint32_t>(bitmap_data.size()));
  f += bitmap_data;
  Be32(&f, static_cast<uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(bitmap_data.data()),
                                       static_cast<uInt>(bitmap_data.size()))));
  *length = static_cast<int64_t>(bitmap_data.size());
  return f;
}

TEST(PaimonDeletionVector, CraftedContainers32) {
  std::vector<int64_t> positions;
  std::string data;
  Be32(&data, 1581511376);
  data += CraftedRoaring(&positions);
  int64_t length;
  std::string file = IndexFile(data, &length);
  auto dv = ReadDeletionVector(file, {1, length, static_cast<int64_t>(positions.size())}, "crafted32");
  ASSERT_TRUE(dv.ok()) << dv.status().ToString();
  EXPECT_EQ(dv->ToPositions(), positions);
  for (int64_t p : positions) EXPECT_TRUE(dv->IsDeleted(p)) << p;
  for (int64_t p : {9, 15, 99, 101, 65537, 65536 + 10000, 2 * 65536, 3 * 65536 + 8, 4 * 65536}) {
    EXPECT_FALSE(dv->IsDeleted(p)) << p;
  }
}

TEST(PaimonDeletionVector, CraftedBitmap64WithHighKeys) {
  std::vector<int64_t> low;
  std::string roaring = CraftedRoaring(&low);
  std::string data;
  Le32(&data, 1681511377);
  std::string count(8, '\0');
  count[0] = 2;
  data += count;
  std::vector<int64_t> positions;
  for (uint32_t key : {0u, 5u}) {
    Le32(&data, key);
    data += roaring;
    for (int64_t p : low) positions.push_back((int64_t{key} << 32) + p);
  }
  int64_t length;
  std::string file = IndexFile(data, &length);
  auto dv = ReadDeletionVector(file, {1, length + 8, std::nullopt}, "crafted64");
  ASSERT_TRUE(dv.ok()) << dv.status().ToString();
  EXPECT_EQ(dv->ToPositions(), positions);
  EXPECT_TRUE(dv->IsDeleted((int64_t{5} << 32) + 100));
  EXPECT_FALSE(dv->IsDeleted((int64_t{4} << 32) + 100));
  // The 32-bit length convention is refused for a 64-bit vector.
  EXPECT_FALSE(ReadDeletionVector(file, {1, length, std::nullopt}, "crafted64").ok());
}

// Valid CRC around invalid Roaring: the bitmap checks must catch it.
TEST(PaimonDeletionVector, LyingRoaringFails) {
  auto check = [](const std::string& roaring, const char* what) {
    std::string data;
    Be32(&data, 1581511376);
    data += roaring;
    int64_t length;
    std::string file = IndexFile(data, &length);
    EXPECT_FALSE(ReadDeletionVector(file, {1, length, std::nullopt}, what).ok()) << what;
  };
  std::string s;
  Le32(&s, 12346); Le32(&s, 70000);
  check(s, "container count too large");
  s.clear();
  Le32(&s, 12346); Le32(&s, 2);
  Le16(&s, 1); Le16(&s, 0); Le16(&s, 1); Le16(&s, 0);
  Le32(&s, 0); Le32(&s, 0);
  Le16(&s, 1); Le16(&s, 2);
  check(s, "keys not ascending");
  s.clear();
  Le32(&s, 12346); Le32(&s, 1);
  Le16(&s, 0); Le16(&s, 1);
  Le32(&s, 0);
  Le16(&s, 5); Le16(&s, 5);
  check(s, "array values not ascending");
  s.clear();
  Le32(&s, 12347);
  s.push_back(1);
  Le16(&s, 0); Le16(&s, 9);
  Le16(&s, 1); Le16(&s, 65530); Le16(&s, 9);
  check(s, "run past 65535");
  s.clear();
  Le32(&s, 12346); Le32(&s, 1);
  Le16(&s, 0); Le16(&s, 5000 - 1);
  Le32(&s, 0);
  s += std::string(8192, '\0');
  check(s, "bitmap cardinality mismatch");
  s.clear();
  Le32(&s, 99999);
  check(s, "bad cookie");
  s.clear();
  Le32(&s, 12346); Le32(&s, 0);
  s.push_back('x');
  check(s, "trailing bytes");
}

}  // namespace
}  // namespace fluss_native::lake::paimon
