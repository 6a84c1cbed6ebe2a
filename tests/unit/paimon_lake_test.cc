// Lake planning and reading pieces that need no cluster: Paimon schema
// JSON, snapshot planning over metadata Paimon 1.3.1 wrote
// (tests/data/paimon, see GenPaimonFixtures.java), and the column
// conformance that turns what a Parquet file holds into the table's types.
#include <gtest/gtest.h>

#include <cstring>
#include <set>
#include <nlohmann/json.hpp>

#include "format/arrow/c_export.h"
#include "lake/paimon/column_conform.h"
#include "lake/paimon/paimon_table.h"
#include "lake/paimon/scan_plan.h"
#include "lake/paimon/table_schema.h"
#include "format/arrow/arrow_compose.h"
#include "unit/paimon_fixtures.h"

namespace fluss_native::lake::paimon {
namespace {

const std::string kData = fixtures::kDir + "/";

const nlohmann::json& Expected() { return fixtures::Expected()["tables"]; }

TEST(PaimonSchema, ParsesEveryTypeForm) {
  auto t = ParsePaimonTypeJson(R"j("DECIMAL(18, 4) NOT NULL")j");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->root, TypeRoot::kDecimal);
  EXPECT_EQ(t->precision, 18);
  EXPECT_EQ(t->scale, 4);
  EXPECT_FALSE(t->nullable);
  t = ParsePaimonTypeJson(R"j("TIMESTAMP(3) WITH LOCAL TIME ZONE")j");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->root, TypeRoot::kTimestampLtz);
  EXPECT_EQ(t->precision, 3);
  EXPECT_EQ(ParsePaimonTypeJson(R"j("VARCHAR(2147483647)")j")->root, TypeRoot::kString);
  EXPECT_EQ(ParsePaimonTypeJson(R"j("BINARY(4)")j")->length, 4);
  t = ParsePaimonTypeJson(
      R"j({"type":"MAP<STRING, ARRAY<INT>>","key":"STRING NOT NULL","value":{"type":"ARRAY","element":"INT"}})j");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->root, TypeRoot::kMap);
  EXPECT_EQ(t->children[1].root, TypeRoot::kArray);
  t = ParsePaimonTypeJson(R"j({"type":"ROW NOT NULL","fields":[{"id":7,"name":"a","type":"INT"}]})j");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->field_ids, std::vector<int>{7});
  EXPECT_FALSE(t->nullable);
}

TEST(PaimonSchema, RejectsHostileJson) {
  for (const char* bad : {R"j("MULTISET<INT>")j", R"j("VARIANT")j", R"j("DECIMAL(99, 2)")j", R"j("DECIMAL(3")j",
                          R"j("TIMESTAMP(12)")j", R"j({"type":"ARRAY"})j", R"j(42)j", "not json",
                          R"j("DECIMAL(99999999999999999, 1)")j"}) {
    EXPECT_FALSE(ParsePaimonTypeJson(bad).ok()) << bad;
  }
  std::string deep = "\"INT\"";
  for (int i = 0; i < 100; ++i) deep = R"j({"type":"ARRAY","element":)j" + deep + "}";
  EXPECT_FALSE(ParsePaimonTypeJson(deep).ok());
  EXPECT_FALSE(ParseTableSchema(R"j({"id":0,"fields":[{"name":"a","type":"INT"}]})j", "s").ok());  // no field id
  EXPECT_FALSE(ParseTableSchema(R"j({"id":0,"fields":[],"primaryKeys":["x"]})j", "s").ok());
  EXPECT_FALSE(ParseTableSchema("[]", "s").ok());
}

TEST(PaimonPlan, LiveFilesOfEveryFixtureSnapshotMatchPaimon) {
  auto expected = Expected();
  for (const auto& [name, want] : expected.items()) {
    auto table = PaimonTable::OpenDirectory(kData + name, name);
    ASSERT_TRUE(table.ok()) << table.status().ToString();
    const int64_t id = want["snapshot"]["id"].get<int64_t>();
    auto latest = (*table)->LatestSnapshotId();
    ASSERT_TRUE(latest.ok() && latest->has_value());
    EXPECT_EQ(**latest, id) << name;
    auto plan = PlanScan(table->get(), id);
    ASSERT_TRUE(plan.ok()) << name << ": " << plan.status().ToString();
    // Paimon's own answer: ADD entries not cancelled by a DELETE, across the
    // base and delta manifest lists (level 0 skipped in deletion-vector mode).
    std::multiset<std::string> want_files;
    for (const char* list : {"base_manifest_list", "delta_manifest_list"}) {
      for (const auto& m : want["manifest_lists"][want["snapshot"][list].get<std::string>()]) {
        for (const auto& e : want["manifests"][m["file_name"].get<std::string>()]) {
          const std::string f = e["file"]["file_name"].get<std::string>();
          if (e["kind"] == 0) want_files.insert(f);
          else want_files.erase(f);
        }
      }
    }
    std::multiset<std::string> got;
    int64_t dvs = 0;
    for (const auto& b : plan->buckets) {
      for (const auto& f : b.files) got.insert(f.file_name);
      dvs += static_cast<int64_t>(b.deletion_vectors.size());
      for (const auto& f : b.files) EXPECT_FALSE(plan->deletion_vectors && plan->primary_key && f.level == 0);
    }
    if (!plan->deletion_vectors) {
      EXPECT_EQ(got, want_files) << name;
    }
    for (const auto& f : got) EXPECT_TRUE(want_files.count(f)) << name << " " << f;
    if (plan->deletion_vectors) {
      EXPECT_GT(dvs, 0) << name;
    }
  }
}

TEST(PaimonPlan, PartitionNamesAndPaths) {
  auto table = PaimonTable::OpenDirectory(kData + "pk_part", "pk_part");
  ASSERT_TRUE(table.ok());
  auto plan = PlanScan(table->get(), Expected()["pk_part"]["snapshot"]["id"].get<int64_t>());
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  ASSERT_FALSE(plan->buckets.empty());
  for (const auto& b : plan->buckets) {
    EXPECT_FALSE(b.partition_name.empty());
    EXPECT_EQ(b.partition_path.back(), '/');
    EXPECT_NE(b.partition_path.find('='), std::string::npos);
  }
}

TEST(PaimonPlan, MissingSnapshotAndTableAreNamed) {
  auto table = PaimonTable::OpenDirectory(kData + "append_t", "db.append_t");
  ASSERT_TRUE(table.ok());
  auto plan = PlanScan(table->get(), 4242);
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.status().code(), StatusCode::kNotFound);
  EXPECT_NE(plan.status().message().find("4242"), std::string::npos);
  auto none = PaimonTable::Open(kData, "nodb", "nothing");
  EXPECT_EQ(none.status().code(), StatusCode::kNotFound);
  EXPECT_FALSE(PaimonTable::Open("s3://bucket/wh", "db", "t").ok());
  EXPECT_FALSE(PaimonTable::Open(kData, "..", "x").ok());
}

// A one-column int64 array with a validity bitmap, owned by the test.
struct Int64Column {
  std::vector<int64_t> values;
  std::vector<uint8_t> bits;
  const void* buffers[2];
  ArrowArray array{};
  ArrowSchema schema{};
  explicit Int64Column(std::vector<int64_t> v, const char* format) : values(std::move(v)) {
    bits.assign((values.size() + 7) / 8, 0xff);
    bits[0] &= 0xfd;  // row 1 is null
    buffers[0] = bits.data();
    buffers[1] = values.data();
    array.length = static_cast<int64_t>(values.size());
    array.null_count = 1;
    array.n_buffers = 2;
    array.buffers = buffers;
    schema.format = format;
    schema.name = "c";
  }
};

TEST(ColumnConform, RescalesTimeUnitsAndBorrowsSameLayouts) {
  Int64Column millis({1500, 0, -1500, 3000}, "tsm:UTC");
  DataType ts0;
  ts0.root = TypeRoot::kTimestampLtz;
  ts0.precision = 0;
  auto node = ConformColumn(millis.array, millis.schema, ts0, nullptr, "f c");
  ASSERT_TRUE(node.ok()) << node.status().ToString();
  arrow::UniqueArrowArray out;
  arrow::ExportArray(std::move(*node), out.get());
  const auto* v = static_cast<const int64_t*>(out->buffers[1]);
  EXPECT_EQ(v[0], 1);
  EXPECT_EQ(v[2], -2);  // floor, as Java's Math.floorDiv
  EXPECT_EQ(v[3], 3);
  EXPECT_EQ(out->null_count, 1);
  DataType ts3 = ts0;
  ts3.precision = 3;
  node = ConformColumn(millis.array, millis.schema, ts3, nullptr, "f c");
  ASSERT_TRUE(node.ok());
  EXPECT_EQ(node->buffers[1], millis.values.data());  // borrowed, not copied
  DataType str;
  str.root = TypeRoot::kString;
  EXPECT_EQ(ConformColumn(millis.array, millis.schema, str, nullptr, "f c").status().code(),
            StatusCode::kUnsupported);
}

TEST(ColumnConform, NullColumnsOfEveryShape) {
  auto row = ParsePaimonTypeJson(
      R"j({"type":"ROW","fields":[{"id":1,"name":"a","type":"STRING"},{"id":2,"name":"m","type":{"type":"MAP","key":"INT NOT NULL","value":"BINARY(3)"}},{"id":3,"name":"b","type":"BOOLEAN"},{"id":4,"name":"d","type":"DECIMAL(20, 2)"}]})j");
  ASSERT_TRUE(row.ok()) << row.status().ToString();
  auto node = NullColumn(*row, 5);
  ASSERT_TRUE(node.ok());
  EXPECT_EQ(node->length, 5);
  EXPECT_EQ(node->null_count, 5);
  ASSERT_EQ(node->children.size(), 4u);
  for (const auto& c : node->children) EXPECT_EQ(c.null_count, 5);
  arrow::UniqueArrowArray out;
  arrow::ExportArray(std::move(*node), out.get());
  EXPECT_EQ(out->children[1]->children[0]->length, 0);  // empty map entries
}

}  // namespace
}  // namespace fluss_native::lake::paimon
