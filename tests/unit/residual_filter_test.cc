// The residual filter around a split reader: kept rows in order (a gather
// for scattered rows, a slice for one run), batches with no kept row
// skipped, the predicate's extra columns dropped, LIMIT counted after the
// filter, and errors naming the split.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "common/type_builder.h"
#include "format/arrow/array_json.h"
#include "read/residual_filter.h"
#include "unit/arrow_builders.h"

namespace fluss_native::read {
namespace {

using namespace testing_arrow;

DataType RowType() {
  DataType row = MakeType(TypeRoot::kRow, false);
  AddField(&row, "id", MakeType(TypeRoot::kInt, false));
  AddField(&row, "s", MakeType(TypeRoot::kString, true));
  AddField(&row, "extra", MakeType(TypeRoot::kInt, true));
  return row;
}

// Batches of (id, s = "v<id>", extra = f(id)) for ids [from, to).
class VectorSource final : public BatchSource {
 public:
  explicit VectorSource(std::vector<std::pair<int, int>> ranges, int (*extra)(int))
      : type_(RowType()), ranges_(std::move(ranges)), extra_(extra) {}
  const DataType& output_type() const override { return type_; }
  Result<bool> Next(ArrowArray* out) override {
    if (next_ >= ranges_.size()) return false;
    auto [from, to] = ranges_[next_++];
    std::vector<std::optional<int32_t>> ids, extras;
    std::vector<std::optional<std::string>> strings;
    for (int i = from; i < to; ++i) {
      ids.push_back(i);
      strings.push_back(i % 5 == 4 ? std::nullopt : std::optional<std::string>("v" + std::to_string(i)));
      int e = extra_(i);
      extras.push_back(e < 0 ? std::nullopt : std::optional<int32_t>(e));
    }
    ArrayNode batch;
    batch.length = to - from;
    batch.buffers = {nullptr};
    batch.children.push_back(Fixed<int32_t>(ids));
    batch.children.push_back(Var(strings));
    batch.children.push_back(Fixed<int32_t>(extras));
    ++batches_read;
    arrow::ExportArray(std::move(batch), out);
    return true;
  }
  int batches_read = 0;

 private:
  DataType type_;
  std::vector<std::pair<int, int>> ranges_;
  size_t next_ = 0;
  int (*extra_)(int);
};

// Every row the filter emits, as JSON objects, and the batch count.
std::pair<nlohmann::json, int> Drain(BatchSource* filter) {
  nlohmann::json rows = nlohmann::json::array();
  int batches = 0;
  while (true) {
    arrow::UniqueArrowArray a;
    auto got = filter->Next(a.get());
    EXPECT_TRUE(got.ok()) << got.status().ToString();
    if (!got.ok() || !*got) break;
    ++batches;
    EXPECT_GT(a->length, 0);
    EXPECT_EQ(a->n_children, static_cast<int64_t>(filter->output_type().children.size()));
    auto text = arrow::BatchToJson(*a.get(), filter->output_type());
    EXPECT_TRUE(text.ok());
    for (auto& r : nlohmann::json::parse(*text)) rows.push_back(r);
  }
  return {rows, batches};
}

std::vector<int> Ids(const nlohmann::json& rows) {
  std::vector<int> ids;
  for (const auto& r : rows) ids.push_back(r["id"].get<int>());
  return ids;
}

TEST(ResidualFilter, KeepsTrueRowsDropsExtraColumnsSkipsEmptyBatches) {
  // Batch 1: extra = id % 3 (scattered); batch 2: extra = 0 for ids 12..15
  // (one run); batch 3: no row passes; batch 4: every row passes.
  auto inner = std::make_unique<VectorSource>(
      std::vector<std::pair<int, int>>{{0, 10}, {10, 20}, {20, 30}, {30, 33}}, [](int id) {
        if (id < 10) return id % 3;
        if (id < 20) return id >= 12 && id <= 15 ? 0 : 1;
        if (id < 30) return id % 2 == 0 ? -1 : 7;  // NULL or 7
        return 0;
      });
  auto filter = FilterRows(std::move(inner), *ParsePredicate("extra = 0"), 2, std::nullopt, "split t");
  ASSERT_TRUE(filter.ok()) << filter.status().ToString();
  EXPECT_EQ((*filter)->output_type().children.size(), 2u);
  auto [rows, batches] = Drain(filter->get());
  EXPECT_EQ(Ids(rows), (std::vector<int>{0, 3, 6, 9, 12, 13, 14, 15, 30, 31, 32}));
  EXPECT_EQ(batches, 3);
  EXPECT_EQ(rows[0], (nlohmann::json{{"id", 0}, {"s", "v0"}}));
  EXPECT_EQ(rows[3], (nlohmann::json{{"id", 9}, {"s", nullptr}}));
  EXPECT_EQ(rows[5], (nlohmann::json{{"id", 13}, {"s", "v13"}}));
  EXPECT_EQ(rows[7], (nlohmann::json{{"id", 15}, {"s", "v15"}}));
}

TEST(ResidualFilter, LimitCountsKeptRowsAndStopsReading) {
  auto inner = std::make_unique<VectorSource>(
      std::vector<std::pair<int, int>>{{0, 10}, {10, 20}, {20, 30}, {30, 40}}, [](int id) { return id % 2; });
  VectorSource* source = inner.get();
  auto filter = FilterRows(std::move(inner), *ParsePredicate("extra = 1 AND s IS NOT NULL"), 3, 6, "split t");
  ASSERT_TRUE(filter.ok());
  auto [rows, batches] = Drain(filter->get());
  // Odd ids whose s is not NULL (id % 5 != 4): 1, 3, 5, 7, 11, 13, ...
  EXPECT_EQ(Ids(rows), (std::vector<int>{1, 3, 5, 7, 11, 13}));
  EXPECT_EQ(source->batches_read, 2);
  EXPECT_EQ(rows[0].size(), 3u);
}

TEST(ResidualFilter, BindErrorsNameTheSplit) {
  auto inner = std::make_unique<VectorSource>(std::vector<std::pair<int, int>>{{0, 1}}, [](int) { return 0; });
  auto filter = FilterRows(std::move(inner), *ParsePredicate("s > 1"), 2, std::nullopt, "split LOG_ONLY of t");
  ASSERT_FALSE(filter.ok());
  EXPECT_NE(filter.status().ToString().find("split LOG_ONLY of t"), std::string::npos) << filter.status().ToString();
  EXPECT_NE(filter.status().ToString().find("column 's' is STRING, literal 1 is INTEGER"), std::string::npos);
}

TEST(ResidualFilter, PredicateColumnsInFirstUseOrder) {
  auto p = *ParsePredicate("b.x = 1 AND (a > 2 OR b IS NULL) AND NOT c LIKE 'x'");
  EXPECT_EQ(PredicateColumns(p), (std::vector<std::string>{"b", "a", "c"}));
}

}  // namespace
}  // namespace fluss_native::read
