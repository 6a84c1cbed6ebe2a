// Row-group pruning by min/max statistics. stats.parquet has 10 row groups
// of 100 sorted rows: k = 0..999, s = "key0000".., n = k below 500 else null,
// d = k / 4.
#include <limits>

#include <gtest/gtest.h>

#include "format/parquet/file_reader.h"

namespace fluss_native::parquet {
namespace {

std::shared_ptr<ParquetFileReader> OpenStats() {
  auto file = OpenLocalFile(std::string(FN_SOURCE_DIR) + "/tests/data/parquet/stats.parquet");
  EXPECT_TRUE(file.ok());
  auto reader = ParquetFileReader::Open(*file);
  EXPECT_TRUE(reader.ok());
  return *reader;
}

std::vector<int> Range(int from, int to) {
  std::vector<int> v;
  for (int i = from; i < to; ++i) v.push_back(i);
  return v;
}

TEST(ParquetStats, ComparisonsOnIntegers) {
  auto r = OpenStats();
  ASSERT_EQ(r->num_row_groups(), 10);
  EXPECT_EQ(r->SelectRowGroups({}), Range(0, 10));
  EXPECT_EQ(r->SelectRowGroups({{"k", CompareOp::kEq, int64_t{305}}}), std::vector<int>{3});
  EXPECT_EQ(r->SelectRowGroups({{"k", CompareOp::kGe, int64_t{950}}}), std::vector<int>{9});
  EXPECT_EQ(r->SelectRowGroups({{"k", CompareOp::kGt, int64_t{899}}}), std::vector<int>{9});
  EXPECT_EQ(r->SelectRowGroups({{"k", CompareOp::kLt, int64_t{100}}}), std::vector<int>{0});
  EXPECT_EQ(r->SelectRowGroups({{"k", CompareOp::kLe, int64_t{100}}}), (std::vector<int>{0, 1}));
  EXPECT_EQ(r->SelectRowGroups({{"k", CompareOp::kEq, int64_t{5000}}}), std::vector<int>{});
  // Conjunction.
  EXPECT_EQ(r->SelectRowGroups({{"k", CompareOp::kGe, int64_t{250}}, {"k", CompareOp::kLt, int64_t{420}}}),
            (std::vector<int>{2, 3, 4}));
}

TEST(ParquetStats, StringsDoublesAndNulls) {
  auto r = OpenStats();
  EXPECT_EQ(r->SelectRowGroups({{"s", CompareOp::kLt, std::string("key0100")}}), std::vector<int>{0});
  EXPECT_EQ(r->SelectRowGroups({{"s", CompareOp::kEq, std::string("key0777")}}), std::vector<int>{7});
  EXPECT_EQ(r->SelectRowGroups({{"d", CompareOp::kGt, 240.0}}), std::vector<int>{9});
  EXPECT_EQ(r->SelectRowGroups({{"d", CompareOp::kGt, int64_t{240}}}), std::vector<int>{9});
  EXPECT_EQ(r->SelectRowGroups({{"n", CompareOp::kIsNull, {}}}), Range(5, 10));
  EXPECT_EQ(r->SelectRowGroups({{"n", CompareOp::kIsNotNull, {}}}), Range(0, 5));
  // A comparison never matches an all-null row group.
  EXPECT_EQ(r->SelectRowGroups({{"n", CompareOp::kGe, int64_t{0}}}), Range(0, 5));
}

TEST(ParquetStats, UnusablePredicatesNeverPrune) {
  auto r = OpenStats();
  EXPECT_EQ(r->SelectRowGroups({{"missing", CompareOp::kEq, int64_t{1}}}), Range(0, 10));
  // Type mismatch: a string literal against an integer column.
  EXPECT_EQ(r->SelectRowGroups({{"k", CompareOp::kEq, std::string("1")}}), Range(0, 10));
  EXPECT_EQ(r->SelectRowGroups({{"d", CompareOp::kEq, std::numeric_limits<double>::quiet_NaN()}}), Range(0, 10));
}

TEST(ParquetStats, StreamSkipsPrunedRowGroups) {
  auto r = OpenStats();
  ReadOptions opts;
  opts.columns = {"k"};
  opts.predicates = {{"k", CompareOp::kGe, int64_t{950}}};
  auto br = r->NewBatchReader(opts);
  ASSERT_TRUE(br.ok());
  int64_t rows = 0;
  int64_t first = -1;
  while (true) {
    ArrowArray batch;
    auto more = (*br)->Next(&batch);
    ASSERT_TRUE(more.ok()) << more.status().ToString();
    if (!*more) break;
    if (first < 0) first = static_cast<const int64_t*>(batch.children[0]->buffers[1])[0];
    rows += batch.length;
    batch.release(&batch);
  }
  EXPECT_EQ(rows, 100);
  EXPECT_EQ(first, 900);
}

}  // namespace
}  // namespace fluss_native::parquet
