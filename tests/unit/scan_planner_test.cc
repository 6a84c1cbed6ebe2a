// The planner's rules on cases the real cluster cannot produce on demand: a
// gap between a lake offset and the log's earliest offset (Fluss 0.9.1 only
// deletes tiered segments, so only a table tiered late or a lost lake shows
// one), partitions in one tier only, offsets that leave nothing to read.
// The catalog is a test double of our own Catalog interface (not a Fluss
// server); the lake is a Paimon table Paimon's Java writer made
// (tests/data/paimon/append_t, partitioned by region, bucket-unaware).
#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "fluss_native/catalog.h"
#include "fluss_native/scan.h"
#include "plan/scan_planner.h"

namespace fluss_native {
namespace {

namespace fs = std::filesystem;

DataType Type(TypeRoot root) {
  DataType t;
  t.root = root;
  return t;
}

struct Offsets {
  std::map<std::pair<std::string, int>, int64_t> earliest, latest;
};

class FakeCatalog final : public Catalog {
 public:
  std::shared_ptr<TableInfo> table = std::make_shared<TableInfo>();
  std::vector<PartitionInfo> partitions;
  std::optional<LakeSnapshot> lake;
  Offsets offsets;

  Result<std::vector<std::string>> ListDatabases() override { return Unused(); }
  Result<bool> DatabaseExists(const std::string&) override { return Unused(); }
  Result<std::vector<std::string>> ListTables(const std::string&) override { return Unused(); }
  Result<bool> TableExists(const TablePath&) override { return Unused(); }
  Result<std::shared_ptr<const TableInfo>> GetTable(const TablePath& p) override {
    if (!(p == table->path)) return Status::NotFound("no table " + p.ToString());
    return std::shared_ptr<const TableInfo>(table);
  }
  Result<std::vector<PartitionInfo>> ListPartitions(const TablePath&) override { return partitions; }
  Result<std::vector<BucketLocation>> GetBucketLocations(const TablePath&, const std::optional<std::string>&) override {
    return Unused();
  }
  Result<std::vector<BucketOffset>> ListOffsets(const TablePath&, const OffsetQuery& q,
                                                const std::optional<std::string>&) override {
    const auto& which = q.kind == OffsetQuery::Kind::kEarliest ? offsets.earliest : offsets.latest;
    std::vector<BucketOffset> out;
    for (const auto& [key, offset] : which) {
      BucketOffset o;
      o.partition_name = key.first;
      for (const auto& p : partitions) {
        if (p.name == key.first) o.partition_id = p.id;
      }
      o.bucket = key.second;
      o.offset = offset;
      out.push_back(o);
    }
    return out;
  }
  Result<std::optional<LakeSnapshot>> GetLakeSnapshot(const TablePath&, bool) override { return lake; }
  Result<std::optional<LakeSnapshot>> GetLakeSnapshotById(const TablePath&, int64_t id) override {
    if (lake && lake->snapshot_id == id) return lake;
    return std::optional<LakeSnapshot>();
  }
  Result<std::vector<KvSnapshot>> GetLatestKvSnapshots(const TablePath&, const std::optional<std::string>&) override {
    return Unused();
  }
  Result<ClusterInfo> DescribeCluster() override { return Unused(); }
  void Invalidate(const TablePath&) override {}
  void InvalidateAll() override {}
  CacheStats cache_stats() const override { return {}; }

 private:
  static Status Unused() { return Status::Internal("not used by the planner"); }
};

class ScanPlannerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // A warehouse holding the Paimon fixture as db.db/events.
    warehouse_ = fs::temp_directory_path() / ("fn-planner-" + std::to_string(::getpid()));
    fs::create_directories(warehouse_ / "db.db");
    fs::create_directory_symlink(fs::path(FN_SOURCE_DIR) / "tests/data/paimon/append_t", warehouse_ / "db.db/events");
    TableInfo& t = *catalog_.table;
    t.path = {"db", "events"};
    t.table_id = 7;
    t.schema_id = 0;
    t.columns = {Column{"id", Type(TypeRoot::kInt), std::nullopt, 0}, Column{"name", Type(TypeRoot::kString), std::nullopt, 1},
                 Column{"region", Type(TypeRoot::kString), std::nullopt, 2}};
    t.partition_keys = {"region"};
    t.bucket_count = 2;
    t.properties = {{"table.datalake.enabled", "true"},
                    {"table.datalake.format", "paimon"},
                    {"table.datalake.paimon.warehouse", warehouse_.string()}};
    catalog_.partitions = {PartitionInfo{1, "us", {{"region", "us"}}}, PartitionInfo{2, "cn", {{"region", "cn"}}}};
    LakeSnapshot lake;
    lake.table_id = 7;
    lake.snapshot_id = 2;
    lake.buckets = {LakeBucketOffset{1, "us", 0, 100}, LakeBucketOffset{1, "us", 1, 80}};
    catalog_.lake = lake;
    catalog_.offsets.latest = {{{"us", 0}, 200}, {{"us", 1}, 80}, {{"cn", 0}, 50}, {{"cn", 1}, 0}};
    catalog_.offsets.earliest = {{{"us", 0}, 0}, {{"us", 1}, 0}, {{"cn", 0}, 0}, {{"cn", 1}, 0}};
    env_.catalog = &catalog_;
    env_.bootstrap_servers = "127.0.0.1:9123";
  }
  void TearDown() override { fs::remove_all(warehouse_); }

  Result<ScanPlan> Plan(ScanSpec spec = {}) { return plan::PlanScan(env_, {"db", "events"}, spec); }

  fs::path warehouse_;
  FakeCatalog catalog_;
  plan::PlannerEnv env_;
};

int Count(const ScanPlan& p, SplitTier tier) {
  return static_cast<int>(std::count_if(p.splits.begin(), p.splits.end(), [&](const Split& s) { return s.tier == tier; }));
}

TEST_F(ScanPlannerTest, LogTableUnionReadsLakeFilesThenTheLogPastTheLakeOffsets) {
  auto plan = Plan();
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_EQ(plan->tier, ScanTier::kUnion);
  EXPECT_EQ(plan->lake_snapshot_id, 2);
  EXPECT_GT(Count(*plan, SplitTier::kLakeOnly), 0);
  // us/0: [100, 200); us/1: nothing past the lake (80 = 80); cn/0: [0, 50); cn/1: empty.
  std::vector<std::tuple<std::string, int, int64_t, int64_t>> logs;
  for (const auto& s : plan->splits) {
    if (s.tier != SplitTier::kLogOnly) continue;
    logs.emplace_back(*s.partition_name, s.bucket_id, *s.log_start_offset, *s.log_end_offset);
    EXPECT_EQ(s.bootstrap_servers, "127.0.0.1:9123");
    EXPECT_EQ(s.table_id, 7);
  }
  std::sort(logs.begin(), logs.end());
  EXPECT_EQ(logs, (std::vector<std::tuple<std::string, int, int64_t, int64_t>>{{"cn", 0, 0, 50}, {"us", 0, 100, 200}}));
  for (const auto& s : plan->splits) {
    if (s.tier != SplitTier::kLakeOnly) continue;
    EXPECT_EQ(s.lake_snapshot_id, 2);
    EXPECT_FALSE(s.lake_files.empty());
    for (const auto& f : s.lake_files) EXPECT_TRUE(fs::exists(f.path) || f.size_bytes > 0) << f.path;
    // Every split survives the Thrift contract unchanged.
    auto back = Split::FromThrift(s.ToThrift());
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    EXPECT_EQ(*back, s);
  }
}

TEST_F(ScanPlannerTest, AGapIsAnErrorInUnionModeAndAListedFallbackInAuto) {
  catalog_.offsets.earliest[{"us", 0}] = 150;  // [100, 150) expired before tiering
  ScanSpec strict;
  strict.tier = ScanTier::kUnion;
  auto refused = Plan(strict);
  ASSERT_FALSE(refused.ok());
  const std::string m = refused.status().message();
  EXPECT_NE(m.find("partition 'us' bucket 0"), std::string::npos) << m;
  EXPECT_NE(m.find("[100, 150)"), std::string::npos) << m;

  auto plan = Plan();
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  // The fixture's lake also has partitions Fluss lacks ('eu' and the default
  // partition): those are fallbacks of their own.
  int gaps = 0;
  for (const auto& f : plan->fallbacks) {
    if (f.reason.find("[100, 150)") == std::string::npos) continue;
    ++gaps;
    EXPECT_EQ(f.scope, "table 'db.events' partition 'us' bucket 0");
  }
  EXPECT_EQ(gaps, 1) << plan->Explain();
  EXPECT_NE(plan->Explain().find("missing from this read"), std::string::npos) << plan->Explain();
  for (const auto& r : plan->log_ranges) {
    if (r.partition_name == "us" && r.bucket == 0) EXPECT_EQ(r.start_offset, 150);
  }
}

TEST_F(ScanPlannerTest, PartitionsInOneTierOnly) {
  // The lake holds partitions Fluss no longer has: those read from the lake alone.
  catalog_.partitions = {PartitionInfo{2, "cn", {{"region", "cn"}}}};
  catalog_.lake->buckets.clear();
  catalog_.offsets.latest = {{{"cn", 0}, 50}, {{"cn", 1}, 0}};
  catalog_.offsets.earliest = {{{"cn", 0}, 0}, {{"cn", 1}, 0}};
  auto plan = Plan();
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  bool lake_only = false;
  for (const auto& f : plan->fallbacks) lake_only |= f.reason.find("only in the lake") != std::string::npos;
  EXPECT_TRUE(lake_only) << plan->Explain();
  for (const auto& s : plan->splits) {
    if (s.tier == SplitTier::kLakeOnly) EXPECT_NE(*s.partition_name, "cn");
    if (s.tier == SplitTier::kLogOnly) EXPECT_EQ(*s.partition_name, "cn");
  }
  ScanSpec unknown;
  unknown.partitions = std::vector<std::string>{"mars"};
  auto missing = Plan(unknown);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_NE(missing.status().message().find("'mars'"), std::string::npos);
}

TEST_F(ScanPlannerTest, TiersAndTheirRefusals) {
  ScanSpec lake;
  lake.tier = ScanTier::kLake;
  auto lake_plan = Plan(lake);
  ASSERT_TRUE(lake_plan.ok()) << lake_plan.status().ToString();
  EXPECT_EQ(Count(*lake_plan, SplitTier::kLakeOnly), static_cast<int>(lake_plan->splits.size()));

  ScanSpec log;
  log.tier = ScanTier::kLog;
  auto log_plan = Plan(log);
  ASSERT_TRUE(log_plan.ok());
  EXPECT_EQ(Count(*log_plan, SplitTier::kLogOnly), 3);  // us/0 [0,200), us/1 [0,80), cn/0 [0,50)
  for (const auto& s : log_plan->splits) EXPECT_EQ(*s.log_start_offset, 0);

  catalog_.lake.reset();  // nothing tiered yet
  auto fallback = Plan();
  ASSERT_TRUE(fallback.ok());
  EXPECT_EQ(fallback->tier, ScanTier::kLog);
  ASSERT_FALSE(fallback->fallbacks.empty());
  EXPECT_NE(fallback->fallbacks[0].reason.find("no readable lake snapshot"), std::string::npos);
  ScanSpec strict;
  strict.tier = ScanTier::kUnion;
  EXPECT_FALSE(Plan(strict).ok());

  catalog_.table->properties.clear();  // not lake-enabled
  auto refused = Plan(strict);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("not lake-enabled"), std::string::npos);

  ScanSpec bad;
  bad.buckets = {5};
  EXPECT_EQ(Plan(bad).status().code(), StatusCode::kInvalidArgument);
  bad = {};
  bad.snapshot_id = 1;
  bad.as_of_timestamp_ms = 1;
  EXPECT_EQ(Plan(bad).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace fluss_native
