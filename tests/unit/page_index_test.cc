// The page index (ColumnIndex/OffsetIndex) of a pyarrow-written file, and
// row groups and pages pruned by it. The file and the oracle
// (page_index_expected.json) come from
// tests/data/parquet/gen_page_index.py: pages of 20 rows, and for each
// predicate the rows pyarrow.compute finds TRUE, the row groups pyarrow's
// footer statistics may match, and the pages holding a match.
#include <algorithm>
#include <cstring>
#include <iterator>
#include <fstream>
#include <functional>
#include <map>
#include <memory>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "common/type_builder.h"
#include "format/parquet/file_reader.h"
#include "expr/bound_predicate.h"
#include "expr/evaluate.h"
#include "format/parquet/json_dump.h"
#include "read/row_group_prune.h"

namespace fluss_native::read {
namespace {

constexpr int kRowsPerGroup = 100;

std::string DataPath(const std::string& name) { return std::string(FN_SOURCE_DIR) + "/tests/data/parquet/" + name; }

std::shared_ptr<parquet::ParquetFileReader> OpenFile(const std::string& name = "page_index.parquet") {
  auto opened = parquet::OpenLocalFile(DataPath(name));
  EXPECT_TRUE(opened.ok()) << opened.status().ToString();
  auto reader = parquet::ParquetFileReader::Open(*opened);
  EXPECT_TRUE(reader.ok()) << reader.status().ToString();
  return *reader;
}

TEST(PageIndex, DecodesPyarrowsIndex) {
  auto file = OpenFile();
  ASSERT_EQ(file->num_row_groups(), 5);
  for (int rg = 0; rg < 5; ++rg) {
    for (const char* column : {"k", "d", "ts", "s", "u"}) {
      auto index = file->PageIndex(rg, column, 1 << 20);
      ASSERT_TRUE(index.ok()) << index.status().ToString();
      ASSERT_TRUE(index->has_value()) << column;
      const auto& pages = (*index)->pages;
      ASSERT_EQ(pages.size(), 5u) << column;
      ASSERT_TRUE((*index)->has_bounds);
      for (size_t p = 0; p < pages.size(); ++p) {
        EXPECT_EQ(pages[p].first_row, static_cast<int64_t>(p) * 20);
        EXPECT_EQ(pages[p].num_rows, 20);
        EXPECT_GT(pages[p].compressed_size, 0);
      }
    }
  }
  // k's bounds per page: rows 60..99 of a row group hold row + 100.
  auto k = file->PageIndex(0, "k", 1 << 20);
  ASSERT_TRUE(k.ok() && k->has_value());
  EXPECT_EQ(std::get<int64_t>((*k)->pages[2].min), 40);
  EXPECT_EQ(std::get<int64_t>((*k)->pages[2].max), 59);
  EXPECT_EQ(std::get<int64_t>((*k)->pages[3].min), 160);
  // n is null on rows 100..139 (in pages pyarrow sizes itself): its pages
  // of row group 1 still cover the 100 rows in order, with 40 nulls.
  auto n = file->PageIndex(1, "n", 1 << 20);
  ASSERT_TRUE(n.ok() && n->has_value());
  int64_t rows = 0, nulls = 0;
  for (const auto& page : (*n)->pages) {
    EXPECT_EQ(page.first_row, rows);
    rows += page.num_rows;
    nulls += page.null_count.value_or(0);
  }
  EXPECT_EQ(rows, 100);
  EXPECT_EQ(nulls, 40);
  // d (DECIMAL(9, 2) on INT32): bounds as unscaled digits.
  auto d = file->PageIndex(0, "d", 1 << 20);
  ASSERT_TRUE(d.ok() && d->has_value());
  EXPECT_EQ(std::get<std::string>((*d)->pages[0].min), "-250");
  EXPECT_EQ(std::get<std::string>((*d)->pages[0].max), "-231");
  // Too small a cap fails rather than reading past it.
  EXPECT_FALSE(file->PageIndex(0, "k", 4).ok());
  // A file without an index has none.
  auto plain = parquet::ParquetFileReader::Open(*parquet::OpenLocalFile(DataPath("stats.parquet")));
  ASSERT_TRUE(plain.ok());
  auto none = (*plain)->PageIndex(0, "k", 1 << 20);
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
}

std::vector<std::string> PredicateColumnsOf(const Predicate& p) {
  std::vector<std::string> out;
  std::function<void(const Predicate&)> walk = [&](const Predicate& q) {
    if (!q.column().names.empty() && std::find(out.begin(), out.end(), q.column().names[0]) == out.end()) {
      out.push_back(q.column().names[0]);
    }
    for (const auto& c : q.children()) walk(c);
  };
  walk(p);
  return out;
}

struct Table {
  TableInfo info;
  std::shared_ptr<lake::paimon::TableSchema> schema = std::make_shared<lake::paimon::TableSchema>();
  Table() {
    DataType decimal = MakeType(TypeRoot::kDecimal, true, 9);
    decimal.scale = 2;
    const std::vector<std::pair<std::string, DataType>> columns = {
        {"k", MakeType(TypeRoot::kBigInt, true)},        {"d", decimal},
        {"ts", MakeType(TypeRoot::kTimestamp, true, 6)}, {"s", MakeType(TypeRoot::kString, true)},
        {"n", MakeType(TypeRoot::kInt, true)},           {"u", MakeType(TypeRoot::kBigInt, true)},
    };
    int id = 0;
    for (const auto& [name, type] : columns) {
      Column c;
      c.name = name;
      c.type = type;
      c.id = id;
      info.columns.push_back(c);
      lake::paimon::SchemaField f;
      f.id = id++;
      f.name = name;
      f.type = type;
      schema->fields.push_back(f);
    }
  }
};

TEST(PageIndex, PrunesPagesAsPyarrowSays) {
  auto file = OpenFile();
  Table table;
  std::ifstream in(DataPath("page_index_expected.json"));
  ASSERT_TRUE(in.good());
  nlohmann::json expected = nlohmann::json::parse(in);
  ASSERT_GE(expected.size(), 10u);
  for (const auto& [text, e] : expected.items()) {
    auto predicate = ParsePredicate(text);
    ASSERT_TRUE(predicate.ok()) << text << ": " << predicate.status().ToString();
    auto metrics = std::make_shared<ScanMetrics>();
    auto filter = RowGroupFilter(*predicate, table.info, table.schema, metrics);
    ASSERT_TRUE(static_cast<bool>(filter)) << text;
    std::vector<int> kept;
    for (int rg = 0; rg < file->num_row_groups(); ++rg) {
      if (filter(*file, *table.schema, rg)) kept.push_back(rg);
    }
    // Exactness: every row pyarrow matches is in a kept row group.
    for (int row : e["rows"].get<std::vector<int>>()) {
      EXPECT_TRUE(std::find(kept.begin(), kept.end(), row / kRowsPerGroup) != kept.end())
          << text << ": row " << row << " pruned";
    }
    // Every row group the footer keeps has its predicate pages counted.
    EXPECT_LE(metrics->pages_kept.load(), metrics->pages_total.load()) << text;
    if (e["pages_exact"].get<bool>()) {
      EXPECT_EQ(metrics->pages_total.load(), e["pages_total"].get<int64_t>()) << text;
      EXPECT_EQ(metrics->pages_kept.load(), e["pages_kept"].get<int64_t>()) << text;
    }
    // A row group the footer keeps but no page does is skipped: kept row
    // groups are exactly those holding a kept page (sorted pages here).
    std::vector<int> with_match;
    for (int row : e["rows"].get<std::vector<int>>()) {
      if (with_match.empty() || with_match.back() != row / kRowsPerGroup) with_match.push_back(row / kRowsPerGroup);
    }
    if (e["pages_exact"].get<bool>()) {
      EXPECT_EQ(kept, with_match) << text;
    }
  }
}

TEST(PageIndex, FooterKeepsWhatPagesPrune) {
  // k = 130: row group 0's footer bounds [0, 199] cover 130, its pages do
  // not (0..59 and 160..199): the page index alone skips it.
  auto file = OpenFile();
  Table table;
  auto metrics = std::make_shared<ScanMetrics>();
  auto filter = RowGroupFilter(*ParsePredicate("k = 130"), table.info, table.schema, metrics);
  auto stats = file->ColumnStats(0, "k");
  ASSERT_EQ(std::get<int64_t>(stats.min), 0);
  ASSERT_EQ(std::get<int64_t>(stats.max), 199);
  EXPECT_FALSE(filter(*file, *table.schema, 0));
  EXPECT_TRUE(filter(*file, *table.schema, 1));
  EXPECT_EQ(metrics->pages_total.load(), 10);
  EXPECT_EQ(metrics->pages_kept.load(), 1);
}

// Rows read through select_rows: the reader returns exactly the rows of the
// ranges the page bounds keep (s holds the row number, "s%03d"), with every
// column's values as pyarrow reads them (page_index.json), every row
// pyarrow.compute matches among them, and the pages of other rows unread.
// page_index_dict.parquet holds the same rows dictionary-encoded and
// Snappy-compressed: each column's dictionary is read though pages are not.
class PageSkipping : public ::testing::TestWithParam<std::string> {};

TEST_P(PageSkipping, ReadsOnlyTheKeptPages) {
  auto file = OpenFile(GetParam());
  Table table;
  std::ifstream in(DataPath("page_index_expected.json"));
  nlohmann::json expected = nlohmann::json::parse(in);
  std::ifstream all_in(DataPath("page_index.json"));
  nlohmann::json all = nlohmann::json::parse(all_in);
  int selective = 0;
  for (const auto& [text, e] : expected.items()) {
    auto predicate = ParsePredicate(text);
    ASSERT_TRUE(predicate.ok()) << text;
    auto filter = RowRangeFilter(*predicate, table.info, table.schema, nullptr);
    ASSERT_TRUE(static_cast<bool>(filter)) << text;
    std::vector<int64_t> rows;  // file rows the ranges cover
    parquet::ReadOptions options;
    options.batch_size = 7;  // batches end inside pages and ranges
    options.select_rows = [&](int rg) {
      auto ranges = filter(*file, *table.schema, rg);
      return ranges;
    };
    for (int rg = 0; rg < file->num_row_groups(); ++rg) {
      auto ranges = filter(*file, *table.schema, rg);
      if (!ranges) {
        for (int64_t r = 0; r < kRowsPerGroup; ++r) rows.push_back(rg * kRowsPerGroup + r);
        continue;
      }
      for (const auto& range : *ranges) {
        for (int64_t r = range.first; r < range.end; ++r) rows.push_back(rg * kRowsPerGroup + r);
      }
    }
    for (int row : e["rows"].get<std::vector<int>>()) {
      EXPECT_TRUE(std::binary_search(rows.begin(), rows.end(), row)) << text << ": matching row " << row << " not read";
    }
    auto reader = file->NewBatchReader(options);
    ASSERT_TRUE(reader.ok()) << reader.status().ToString();
    ArrowSchema schema;
    ASSERT_TRUE(file->GetArrowSchema({}, &schema).ok());
    std::map<std::string, nlohmann::json> got;
    DataType row = MakeType(TypeRoot::kRow, false);
    for (const auto& c : table.info.columns) AddField(&row, c.name, c.type);
    auto bound = expr::Bind(*predicate, row);
    ASSERT_TRUE(bound.ok()) << text;
    std::vector<int> matched;  // the exact filter over what was read
    for (;;) {
      ArrowArray batch;
      auto more = (*reader)->Next(&batch);
      ASSERT_TRUE(more.ok()) << text << ": " << more.status().ToString();
      if (!*more) break;
      auto selected = expr::SelectRows(*bound, batch);
      ASSERT_TRUE(selected.ok()) << text << ": " << selected.status().ToString();
      const size_t before = got["s"].size();
      for (int64_t i : *selected) {
        matched.push_back(static_cast<int>(rows[before + static_cast<size_t>(i)]));
      }
      auto json = parquet::BatchToJson(schema, batch);
      batch.release(&batch);
      ASSERT_TRUE(json.ok());
      nlohmann::json part = nlohmann::json::parse(*json);
      for (auto& [name, values] : part.items()) {
        for (auto& v : values) got[name].push_back(v);
      }
    }
    schema.release(&schema);
    EXPECT_EQ(matched, e["rows"].get<std::vector<int>>()) << text;  // pyarrow.compute's rows
    for (const auto& column : all["columns"]) {
      const std::string name = column["name"];
      ASSERT_EQ(got[name].size(), rows.size()) << text << " column " << name;
      for (size_t i = 0; i < rows.size(); ++i) {
        ASSERT_EQ(got[name][i], column["values"][static_cast<size_t>(rows[i])]) << text << " column " << name << " row " << rows[i];
      }
    }
    const int64_t not_read = file->num_rows() - static_cast<int64_t>(rows.size());
    int64_t in_skipped_groups = 0;
    for (int rg = 0; rg < file->num_row_groups(); ++rg) {
      auto ranges = filter(*file, *table.schema, rg);
      if (ranges && ranges->empty()) in_skipped_groups += kRowsPerGroup;
    }
    EXPECT_EQ((*reader)->rows_skipped(), not_read - in_skipped_groups) << text;
    if ((*reader)->rows_skipped() >= 20 && e["pages_exact"].get<bool>()) {
      // Whole 20-row pages of every column but n (pages of its own size).
      EXPECT_GE((*reader)->pages_skipped(), 5 * ((*reader)->rows_skipped() / 20)) << text;
      ++selective;
    }
  }
  EXPECT_GE(selective, 5);
}

// Late materialisation: the predicate's columns are decoded first and a
// batch without a match has its other columns skipped. What comes out, with
// the exact filter after, equals pyarrow.compute's rows, each returned row
// has pyarrow's values, and batches were ruled out early (with 20-row
// batches on 20-row pages, whole pages of the other columns go unread).
TEST_P(PageSkipping, LateMaterialisationKeepsExactlyPyarrowsRows) {
  auto file = OpenFile(GetParam());
  Table table;
  std::ifstream in(DataPath("page_index_expected.json"));
  nlohmann::json expected = nlohmann::json::parse(in);
  std::ifstream all_in(DataPath("page_index.json"));
  nlohmann::json all = nlohmann::json::parse(all_in);
  int early = 0, pages = 0;
  for (const auto& [text, e] : expected.items()) {
    for (int64_t batch_size : {7, 20}) {
      auto predicate = ParsePredicate(text);
      ASSERT_TRUE(predicate.ok()) << text;
      DataType row = MakeType(TypeRoot::kRow, false);
      for (const auto& c : table.info.columns) AddField(&row, c.name, c.type);
      auto bound = expr::Bind(*predicate, row);
      ASSERT_TRUE(bound.ok()) << text;
      // The test sees just the predicate's columns: bind it to them.
      std::vector<std::string> tested = PredicateColumnsOf(*predicate);
      DataType tested_row = MakeType(TypeRoot::kRow, false);
      for (const auto& name : tested) {
        for (const auto& c : table.info.columns) {
          if (c.name == name) AddField(&tested_row, c.name, c.type);
        }
      }
      auto tested_bound = std::make_shared<expr::BoundPredicate>(*expr::Bind(*predicate, tested_row));
      parquet::ReadOptions options;
      options.batch_size = batch_size;
      options.filter_columns = tested;
      options.batch_may_match = [tested_bound](const ArrowArray& batch) {
        auto rows = expr::SelectRows(*tested_bound, batch);
        return !rows.ok() || !rows->empty();
      };
      auto reader = file->NewBatchReader(options);
      ASSERT_TRUE(reader.ok()) << reader.status().ToString();
      ArrowSchema schema;
      ASSERT_TRUE(file->GetArrowSchema({}, &schema).ok());
      std::vector<int> matched;
      for (;;) {
        ArrowArray batch;
        auto more = (*reader)->Next(&batch);
        ASSERT_TRUE(more.ok()) << text << ": " << more.status().ToString();
        if (!*more) break;
        auto selected = expr::SelectRows(*bound, batch);
        ASSERT_TRUE(selected.ok());
        auto json = parquet::BatchToJson(schema, batch);
        batch.release(&batch);
        ASSERT_TRUE(json.ok());
        nlohmann::json part = nlohmann::json::parse(*json);
        // s holds the row number: every returned row has pyarrow's values.
        for (size_t i = 0; i < part["s"].size(); ++i) {
          const int at = std::stoi(part["s"][i].get<std::string>().substr(1));
          for (const auto& column : all["columns"]) {
            ASSERT_EQ(part[column["name"].get<std::string>()][i], column["values"][static_cast<size_t>(at)])
                << text << " row " << at;
          }
        }
        for (int64_t i : *selected) matched.push_back(std::stoi(part["s"][static_cast<size_t>(i)].get<std::string>().substr(1)));
      }
      schema.release(&schema);
      EXPECT_EQ(matched, e["rows"].get<std::vector<int>>()) << text << " batch " << batch_size;
      if ((*reader)->rows_filtered_early() > 0) ++early;
      if (batch_size == 20 && (*reader)->pages_skipped() > 0) ++pages;
      EXPECT_EQ((*reader)->rows_filtered_early(), (*reader)->rows_skipped());
    }
  }
  EXPECT_GE(early, 10);
  EXPECT_GE(pages, 5);
}

INSTANTIATE_TEST_SUITE_P(Files, PageSkipping, ::testing::Values("page_index.parquet", "page_index_dict.parquet"));

TEST(PageIndex, DamagedIndexFailsOrPrunesSafely) {
  // Byte flips across the region before the footer (where pyarrow puts the
  // page index): PageIndex fails with Corruption or decodes something; the
  // filter never throws or crashes.
  std::ifstream in(DataPath("page_index.parquet"), std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_GT(bytes.size(), 8000u);
  uint32_t footer = 0;
  std::memcpy(&footer, bytes.data() + bytes.size() - 8, 4);
  const size_t end = bytes.size() - 8 - footer;
  Table table;
  auto predicate = *ParsePredicate("k >= 130 AND k < 150");
  int failures = 0;
  for (size_t at = end - 3000; at < end; at += 7) {
    std::string damaged = bytes;
    damaged[at] = static_cast<char>(damaged[at] ^ 0x5a);
    auto file = parquet::ParquetFileReader::Open(parquet::MakeMemoryFile("damaged.parquet", damaged));
    ASSERT_TRUE(file.ok());  // the footer is intact
    for (int rg = 0; rg < (*file)->num_row_groups(); ++rg) {
      auto index = (*file)->PageIndex(rg, "k", 1 << 20);
      if (!index.ok()) {
        ++failures;
        EXPECT_EQ(index.status().code(), StatusCode::kCorruption) << index.status().ToString();
        EXPECT_NE(index.status().message().find("damaged.parquet"), std::string::npos);
      }
    }
    auto filter = RowGroupFilter(predicate, table.info, table.schema, nullptr);
    for (int rg = 0; rg < (*file)->num_row_groups(); ++rg) (void)filter(**file, *table.schema, rg);
  }
  EXPECT_GT(failures, 0);
}

}  // namespace
}  // namespace fluss_native::read
