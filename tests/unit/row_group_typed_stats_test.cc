// Row groups pruned by footer statistics of DECIMAL (INT32, INT64 and
// FIXED_LEN_BYTE_ARRAY), DATE, TIME and TIMESTAMP columns. The file and the
// oracle (typed_stats_expected.json) come from
// tests/data/parquet/gen_typed_stats.py: for each predicate, the row groups
// in which pyarrow.compute finds a matching row (every column is sorted, so
// exact statistics keep exactly those).
#include <fstream>
#include <memory>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "common/type_builder.h"
#include "format/parquet/file_reader.h"
#include "read/row_group_prune.h"

namespace fluss_native::read {
namespace {

std::string DataPath(const std::string& name) { return std::string(FN_SOURCE_DIR) + "/tests/data/parquet/" + name; }

DataType Typed(TypeRoot root, int precision = 0, int scale = 0) {
  DataType t = MakeType(root, true, precision);
  t.scale = scale;
  return t;
}

struct Fixture {
  TableInfo table;
  std::shared_ptr<lake::paimon::TableSchema> schema = std::make_shared<lake::paimon::TableSchema>();
  std::shared_ptr<parquet::ParquetFileReader> file;

  Fixture() {
    const std::vector<std::pair<std::string, DataType>> columns = {
        {"d9", Typed(TypeRoot::kDecimal, 9, 2)},       {"d18", Typed(TypeRoot::kDecimal, 18, 3)},
        {"d30", Typed(TypeRoot::kDecimal, 30, 4)},     {"day", Typed(TypeRoot::kDate)},
        {"t_ms", Typed(TypeRoot::kTime, 3)},           {"t_us", Typed(TypeRoot::kTime, 6)},
        {"ts_ms", Typed(TypeRoot::kTimestamp, 3)},     {"ts_us", Typed(TypeRoot::kTimestamp, 6)},
        {"ts_ns", Typed(TypeRoot::kTimestampLtz, 9)},
    };
    int id = 0;
    for (const auto& [name, type] : columns) {
      Column c;
      c.name = name;
      c.type = type;
      c.id = id;
      table.columns.push_back(c);
      lake::paimon::SchemaField f;
      f.id = id++;
      f.name = name;
      f.type = type;
      schema->fields.push_back(f);
    }
    auto opened = parquet::OpenLocalFile(DataPath("typed_stats.parquet"));
    EXPECT_TRUE(opened.ok()) << opened.status().ToString();
    auto reader = parquet::ParquetFileReader::Open(*opened);
    EXPECT_TRUE(reader.ok()) << reader.status().ToString();
    file = *reader;
  }

  std::vector<int> Kept(const std::string& text) {
    auto predicate = ParsePredicate(text);
    EXPECT_TRUE(predicate.ok()) << text << ": " << predicate.status().ToString();
    auto filter = RowGroupFilter(*predicate, table, schema, nullptr);
    EXPECT_TRUE(static_cast<bool>(filter)) << text;
    std::vector<int> kept;
    for (int rg = 0; rg < file->num_row_groups(); ++rg) {
      if (!filter || filter(*file, *schema, rg)) kept.push_back(rg);
    }
    return kept;
  }
};

TEST(RowGroupTypedStats, PrunesAsPyarrowStatisticsSay) {
  Fixture f;
  ASSERT_EQ(f.file->num_row_groups(), 5);
  std::ifstream in(DataPath("typed_stats_expected.json"));
  ASSERT_TRUE(in.good());
  nlohmann::json expected = nlohmann::json::parse(in);
  ASSERT_GE(expected.size(), 15u);
  for (const auto& [text, groups] : expected.items()) {
    EXPECT_EQ(f.Kept(text), groups.get<std::vector<int>>()) << text;
  }
}

TEST(RowGroupTypedStats, EveryTypedColumnPrunesSomething) {
  // Guards the oracle against predicates that never prune: each column of
  // the file has a predicate keeping fewer than all row groups.
  Fixture f;
  for (const char* text : {"d9 > 1.00", "d18 < -200000", "d30 > 5000000000000000", "day < DATE '2024-01-15'",
                           "t_ms < TIME '01:00:00'", "t_us > TIME '18:30:00.000001'",
                           "ts_ms < TIMESTAMP '2023-12-24 00:00:00'",
                           "ts_us >= TIMESTAMP '2024-01-09 00:00:00.000123'",
                           "ts_ns > TIMESTAMP '1970-01-05 10:00:00.000000001'"}) {
    EXPECT_LT(f.Kept(text).size(), 5u) << text;
  }
}

TEST(RowGroupTypedStats, BoundsBeyondTheLiteralNeverPruneWrongly) {
  Fixture f;
  // Values at a row group's exact edge keep that group.
  EXPECT_EQ(f.Kept("d9 = -2.25"), std::vector<int>{0});  // row 0's value: (0 - 250) / 100 + 0.25
  EXPECT_EQ(f.Kept("d9 = 2.64"), std::vector<int>{4});   // row 489's value
  EXPECT_EQ(f.Kept("d9 = 2.65"), std::vector<int>{});    // beyond every value
  EXPECT_EQ(f.Kept("d30 IS NOT NULL"), (std::vector<int>{0, 1, 2, 3, 4}));
}

}  // namespace
}  // namespace fluss_native::read
