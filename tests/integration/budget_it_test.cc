// One memory budget per scan (issue 11), against the fixture's big log
// table: read with a small budget and the host's memory hook, a LOG_ONLY
// split keeps the hook's high-water mark under the budget and returns the
// rows the Java client wrote; a budget too small for one batch fails with
// ResourceExhausted naming the split, without aborting. Over a primary-key
// lake table (HYBRID and LAKE_ONLY splits: lake files plus the changelog
// tail, one keyed merge per bucket) and a log table's lake tier, a small
// budget returns the rows of an unbounded read and the Java client's, the
// merge spilling past the budget instead of failing.
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>

#include <unistd.h>

#include <filesystem>

#include "format/arrow/c_export.h"
#include "integration/arrow_rows.h"
#include "integration/it_env.h"

namespace fluss_native::it {
namespace {

using nlohmann::json;

// A host's tracker: counts what is held and its peak; refuses nothing.
struct CountingTracker {
  std::atomic<int64_t> held{0};
  std::atomic<int64_t> peak{0};
  std::atomic<int64_t> allocations{0};
  std::atomic<int64_t> mismatched_releases{0};

  static void* Allocate(void* context, size_t bytes, size_t alignment) {
    auto* t = static_cast<CountingTracker*>(context);
    void* p = std::aligned_alloc(alignment, (bytes + alignment - 1) / alignment * alignment);
    if (p == nullptr) return nullptr;
    int64_t now = t->held.fetch_add(static_cast<int64_t>(bytes)) + static_cast<int64_t>(bytes);
    int64_t peak = t->peak.load();
    while (now > peak && !t->peak.compare_exchange_weak(peak, now)) {
    }
    t->allocations.fetch_add(1);
    return p;
  }
  static void Release(void* context, void* pointer, size_t bytes) {
    auto* t = static_cast<CountingTracker*>(context);
    if (t->held.fetch_sub(static_cast<int64_t>(bytes)) < static_cast<int64_t>(bytes)) t->mismatched_releases.fetch_add(1);
    std::free(pointer);
  }
};

class BudgetIT : public ::testing::Test {
 protected:
  void SetUp() override {
    client_ = OpenClient();
    ASSERT_NE(client_, nullptr);
  }
  Result<ScanPlan> PlanLog() {
    ScanSpec spec;
    spec.columns = {"id"};
    spec.tier = ScanTier::kLog;
    return client_->Plan(*TablePath::Parse("fn_types.log_big"), spec);
  }
  std::unique_ptr<Client> client_;
};

TEST_F(BudgetIT, SmallBudgetStaysUnderItThroughTheHookAndReturnsTheRows) {
  std::vector<json> java = ReadJsonLines(std::string(FN_IT_DIR) + "/rows/fn_types.log_big.jsonl");
  ASSERT_GT(java.size(), 10000u);
  auto plan = PlanLog();
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  ASSERT_FALSE(plan->splits.empty());

  CountingTracker tracker;
  auto hook = std::make_shared<MemoryHook>();
  hook->context = &tracker;
  hook->allocate = &CountingTracker::Allocate;
  hook->release = &CountingTracker::Release;
  SplitReadOptions read;
  read.memory_budget_bytes = 1 << 20;  // the table's log batches are about 265 KiB each
  read.memory_hook = hook;

  std::vector<std::optional<int64_t>> ids;
  for (const Split& split : plan->splits) {
    ASSERT_EQ(split.tier, SplitTier::kLogOnly);
    ArrowArrayStream stream;
    ASSERT_TRUE(client_->OpenSplit(split, &stream, read).ok());
    while (true) {
      arrow::UniqueArrowArray batch;
      ASSERT_EQ(stream.get_next(&stream, batch.get()), 0) << stream.get_last_error(&stream);
      if (!batch.valid()) break;
      const ArrowArray& id = *batch->children[0];
      for (int64_t i = 0; i < batch->length; ++i) {
        int64_t at = id.offset + i;
        bool valid = id.buffers[0] == nullptr || (static_cast<const uint8_t*>(id.buffers[0])[at / 8] >> (at % 8)) & 1;
        ids.push_back(valid ? std::optional<int64_t>(static_cast<const int64_t*>(id.buffers[1])[at]) : std::nullopt);
      }
      EXPECT_LE(tracker.held.load(), read.memory_budget_bytes);
    }
    stream.release(&stream);
  }
  std::printf("budget %lld bytes: hook high-water mark %lld bytes over %lld allocations, %zu rows\n",
              static_cast<long long>(read.memory_budget_bytes), static_cast<long long>(tracker.peak.load()),
              static_cast<long long>(tracker.allocations.load()), ids.size());
  EXPECT_GE(tracker.allocations.load(), 1);  // the fixture writes the table in few large batches
  EXPECT_GT(tracker.peak.load(), 0);
  EXPECT_LE(tracker.peak.load(), read.memory_budget_bytes);
  EXPECT_EQ(tracker.held.load(), 0);  // every buffer went back with its arrays
  EXPECT_EQ(tracker.mismatched_releases.load(), 0);

  std::vector<std::optional<int64_t>> want;
  for (const auto& r : java) {
    const json& v = r["row"]["id"];
    want.push_back(v.is_null() ? std::nullopt : std::optional<int64_t>(v.get<int64_t>()));
  }
  std::sort(ids.begin(), ids.end());
  std::sort(want.begin(), want.end());
  EXPECT_EQ(ids.size(), want.size());
  EXPECT_TRUE(ids == want) << "the rows read under the budget differ from the Java client's";
}

TEST_F(BudgetIT, BudgetTooSmallForOneBatchIsResourceExhaustedNamingTheSplit) {
  auto plan = PlanLog();
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  ASSERT_FALSE(plan->splits.empty());
  // The split with the most log records (which bucket the writer filled is its choice).
  const Split* split = &plan->splits[0];
  for (const auto& s : plan->splits) {
    auto records = [](const Split& x) { return x.log_end_offset.value_or(0) - x.log_start_offset.value_or(0); };
    if (records(s) > records(*split)) split = &s;
  }
  ASSERT_GT(split->log_end_offset.value_or(0), split->log_start_offset.value_or(0));
  SplitReadOptions read;
  read.memory_budget_bytes = 512;
  ArrowArrayStream stream;
  ASSERT_TRUE(client_->OpenSplit(*split, &stream, read).ok());
  arrow::UniqueArrowArray batch;
  int rc = stream.get_next(&stream, batch.get());
  if (rc == 0) stream.release(&stream);
  ASSERT_NE(rc, 0) << "a 512-byte budget was not refused on bucket " << split->bucket_id;
  const std::string error = stream.get_last_error(&stream) ? stream.get_last_error(&stream) : "";
  std::printf("%s\n", error.c_str());
  EXPECT_EQ(error.rfind("ResourceExhausted: ", 0), 0u) << error;
  EXPECT_NE(error.find("split LOG_ONLY of table 'fn_types.log_big'"), std::string::npos) << error;
  EXPECT_NE(error.find("bucket " + std::to_string(split->bucket_id)), std::string::npos) << error;
  // Sticky: asked again, the same error.
  arrow::UniqueArrowArray again;
  EXPECT_EQ(stream.get_next(&stream, again.get()), rc);
  const char* again_error = stream.get_last_error(&stream);
  EXPECT_EQ(std::string(again_error ? again_error : ""), error);
  stream.release(&stream);
}

// The ROW type of an exported schema's columns, by the table's types.
DataType SchemaRowType(const TableInfo& info, const ArrowSchema& schema) {
  DataType row_type;
  row_type.root = TypeRoot::kRow;
  for (int64_t i = 0; i < schema.n_children; ++i) {
    std::string name = schema.children[i]->name;
    row_type.children.push_back(info.columns[static_cast<size_t>(info.ColumnIndex(name))].type);
    row_type.field_names.push_back(name);
    row_type.field_ids.push_back(-1);
    row_type.field_descriptions.push_back(std::nullopt);
  }
  return row_type;
}

// Every split of `plan`, read with `read`, as normalized rows; `spilled` (if
// given) is set when the read's spill directory held a run after a split's
// first batch (the merge is done by then).
std::vector<json> ReadAll(Client* client, const TableInfo& info, const ScanPlan& plan, const SplitReadOptions& read,
                          bool* spilled = nullptr) {
  std::vector<json> rows;
  auto type_of = [&](const std::string& name) { return info.columns[static_cast<size_t>(info.ColumnIndex(name))].type; };
  for (const Split& split : plan.splits) {
    ArrowArrayStream stream;
    Status st = client->OpenSplit(split, &stream, read);
    EXPECT_TRUE(st.ok()) << st.ToString();
    if (!st.ok()) continue;
    if (spilled != nullptr && !read.spill_directory.empty()) {
      // Pull one batch through a wrapper so the directory can be looked at
      // while the stream still holds its runs.
      ArrowSchema schema;
      EXPECT_EQ(stream.get_schema(&stream, &schema), 0);
      DataType row_type = SchemaRowType(info, schema);
      schema.release(&schema);
      for (bool first = true;; first = false) {
        arrow::UniqueArrowArray batch;
        int rc = stream.get_next(&stream, batch.get());
        EXPECT_EQ(rc, 0) << stream.get_last_error(&stream);
        if (rc != 0 || !batch.valid()) break;
        if (first) {
          for (const auto& e : std::filesystem::recursive_directory_iterator(read.spill_directory)) {
            if (e.is_regular_file()) *spilled = true;
          }
        }
        auto text = arrow::BatchToJson(*batch.get(), row_type);
        EXPECT_TRUE(text.ok());
        if (!text.ok()) break;
        for (auto& row : json::parse(*text)) {
          json norm = json::object();
          for (size_t i = 0; i < row_type.children.size(); ++i) {
            norm[row_type.field_names[i]] = Normalize(row[row_type.field_names[i]], row_type.children[i], true);
          }
          rows.push_back(std::move(norm));
        }
      }
      stream.release(&stream);
      continue;
    }
    StreamRows got = DrainStream(&stream, type_of);
    EXPECT_TRUE(got.status.ok()) << got.status.ToString();
    for (auto& r : got.rows) rows.push_back(std::move(r));
  }
  return rows;
}


std::shared_ptr<MemoryHook> HookOf(CountingTracker* tracker) {
  auto hook = std::make_shared<MemoryHook>();
  hook->context = tracker;
  hook->allocate = &CountingTracker::Allocate;
  hook->release = &CountingTracker::Release;
  return hook;
}

std::string Tiers(const ScanPlan& plan) {
  int log = 0, lake = 0, hybrid = 0;
  for (const auto& s : plan.splits) {
    (s.tier == SplitTier::kLogOnly ? log : s.tier == SplitTier::kLakeOnly ? lake : hybrid)++;
  }
  return std::to_string(hybrid) + " HYBRID, " + std::to_string(lake) + " LAKE_ONLY, " + std::to_string(log) +
         " LOG_ONLY";
}

// A primary-key union read under a budget far below the table's data: the
// keyed merge of each bucket (lake rows plus the changelog tail) spills
// past the budget instead of failing, and the rows equal an unbounded
// read's and the Java client's final state. (Known gap, issue 11: neither
// the lake files' buffers nor the tail's batches go through the hook yet:
// a MemoryBudget refuses a batch over the budget, which the tail must not;
// the high-water figure printed says what the hook saw.)
TEST_F(BudgetIT, APrimaryKeyUnionReadUnderASmallBudgetSpillsAndReturnsTheSameRows) {
  const std::string table = "fn_union.pk_float";
  auto info = client_->catalog().GetTable(PathOf(table));
  ASSERT_TRUE(info.ok()) << info.status().ToString();
  auto plan = client_->Plan(PathOf(table), ScanSpec{});
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  ASSERT_FALSE(plan->splits.empty());

  const std::vector<json> unbounded = ReadAll(client_.get(), **info, *plan, SplitReadOptions{});
  CountingTracker tracker;
  SplitReadOptions read;
  read.memory_budget_bytes = 4 << 10;
  read.memory_hook = HookOf(&tracker);
  const auto spill = std::filesystem::temp_directory_path() / ("budget_it_spill_" + std::to_string(getpid()));
  std::filesystem::create_directories(spill);
  read.spill_directory = spill.string();
  bool spilled = false;
  const std::vector<json> bounded = ReadAll(client_.get(), **info, *plan, read, &spilled);
  std::filesystem::remove_all(spill);

  std::vector<json> java;
  for (const auto& line : ReadJsonLines(std::string(FN_IT_DIR) + "/rows/" + table + ".state.jsonl")) {
    json norm = json::object();
    for (const auto& c : (*info)->columns) norm[c.name] = Normalize(line.at("row").at(c.name), c.type, false);
    java.push_back(std::move(norm));
  }
  std::printf("%s (%s): budget %lld bytes, hook high-water %lld bytes over %lld allocations, spilled %s; "
              "%zu rows (unbounded %zu, Java %zu)\n",
              table.c_str(), Tiers(*plan).c_str(), static_cast<long long>(read.memory_budget_bytes),
              static_cast<long long>(tracker.peak.load()), static_cast<long long>(tracker.allocations.load()),
              spilled ? "yes" : "no", bounded.size(), unbounded.size(), java.size());
  EXPECT_TRUE(spilled) << "the merge did not spill under a " << read.memory_budget_bytes << "-byte budget";
  EXPECT_LE(tracker.peak.load(), read.memory_budget_bytes);
  EXPECT_EQ(tracker.held.load(), 0);
  EXPECT_EQ(tracker.mismatched_releases.load(), 0);
  EXPECT_EQ(Sorted(bounded), Sorted(unbounded));
  EXPECT_EQ(Sorted(bounded), Sorted(java));
}

// A log table's lake tier (LAKE_ONLY splits) under a small budget: the
// same rows as an unbounded read, the hook never over the budget. (Known
// gap, issue 11: the Parquet reader's column-chunk, page and decoded
// buffers do not go through the budget yet, so the hook sees none of a
// lake file's memory here; the high-water figure printed says so.)
TEST_F(BudgetIT, ALakeOnlyReadUnderASmallBudgetReturnsTheSameRows) {
  const std::string table = "fn_lake.log_nokey";
  auto info = client_->catalog().GetTable(PathOf(table));
  ASSERT_TRUE(info.ok()) << info.status().ToString();
  ScanSpec spec;
  spec.tier = ScanTier::kLake;
  auto plan = client_->Plan(PathOf(table), spec);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  ASSERT_FALSE(plan->splits.empty());
  for (const auto& s : plan->splits) ASSERT_EQ(s.tier, SplitTier::kLakeOnly);
  const std::vector<json> unbounded = ReadAll(client_.get(), **info, *plan, SplitReadOptions{});
  CountingTracker tracker;
  SplitReadOptions read;
  read.memory_budget_bytes = 64 << 10;
  read.memory_hook = HookOf(&tracker);
  const std::vector<json> bounded = ReadAll(client_.get(), **info, *plan, read);
  std::printf("%s (%s): budget %lld bytes, hook high-water %lld bytes over %lld allocations; %zu rows (unbounded %zu)\n",
              table.c_str(), Tiers(*plan).c_str(), static_cast<long long>(read.memory_budget_bytes),
              static_cast<long long>(tracker.peak.load()), static_cast<long long>(tracker.allocations.load()),
              bounded.size(), unbounded.size());
  EXPECT_GT(bounded.size(), 0u);
  EXPECT_LE(tracker.peak.load(), read.memory_budget_bytes);
  EXPECT_EQ(tracker.held.load(), 0);
  EXPECT_EQ(Sorted(bounded), Sorted(unbounded));
}

}  // namespace
}  // namespace fluss_native::it
