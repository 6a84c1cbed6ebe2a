// fluss-native's catalog against the Fluss Java client's view of the same
// cluster (testing/ dump-meta), table by table and field by field.
#include <map>
#include <set>
#include <thread>

#include "integration/it_env.h"

namespace fluss_native::it {
namespace {

using nlohmann::json;

json NullableString(const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); }

json PartitionOf(const std::string& name) { return name.empty() ? json(nullptr) : json(name); }

// Renders our TableInfo and live metadata in the dump-meta shape, so a
// mismatch shows as a JSON diff of one field.
json Render(Catalog& catalog, const TableInfo& t) {
  json out;
  out["database"] = t.path.database;
  out["table"] = t.path.table;
  out["table_id"] = t.table_id;
  out["schema_id"] = t.schema_id;
  out["created_time"] = t.created_time;
  out["modified_time"] = t.modified_time;
  out["comment"] = NullableString(t.comment);
  out["columns"] = json::array();
  for (const auto& c : t.columns) {
    out["columns"].push_back({{"name", c.name},
                              {"type", c.type.ToFlussString()},
                              {"nullable", c.type.nullable},
                              {"comment", NullableString(c.comment)}});
  }
  out["primary_key"] = t.primary_key;
  out["partition_keys"] = t.partition_keys;
  out["bucket_count"] = t.bucket_count;
  out["bucket_keys"] = t.bucket_keys;
  out["properties"] = t.properties;
  out["custom_properties"] = t.custom_properties;

  auto parts = catalog.ListPartitions(t.path);
  EXPECT_TRUE(parts.ok()) << parts.status().ToString();
  out["partitions"] = json::array();
  if (parts.ok()) {
    for (const auto& p : *parts) {
      json spec = json::object();
      for (const auto& [k, v] : p.spec) spec[k] = v;
      out["partitions"].push_back({{"id", p.id}, {"name", p.name}, {"spec", spec}});
    }
  }

  auto earliest = catalog.ListOffsets(t.path, OffsetQuery::Earliest());
  auto latest = catalog.ListOffsets(t.path, OffsetQuery::Latest());
  EXPECT_TRUE(earliest.ok()) << earliest.status().ToString();
  EXPECT_TRUE(latest.ok()) << latest.status().ToString();
  out["offsets"] = json::array();
  if (earliest.ok() && latest.ok() && earliest->size() == latest->size()) {
    for (size_t i = 0; i < earliest->size(); ++i) {
      const auto& e = (*earliest)[i];
      out["offsets"].push_back({{"partition", PartitionOf(e.partition_name)},
                                {"bucket", e.bucket},
                                {"earliest", e.offset},
                                {"latest", (*latest)[i].offset}});
    }
  }

  auto lake = catalog.GetLakeSnapshot(t.path, /*readable=*/false);
  EXPECT_TRUE(lake.ok()) << lake.status().ToString();
  out["lake_snapshot"] = nullptr;
  if (lake.ok() && lake->has_value()) {
    json buckets = json::array();
    for (const auto& b : (*lake)->buckets) {
      buckets.push_back({{"partition", PartitionOf(b.partition_name)},
                         {"partition_id", b.partition_id ? json(*b.partition_id) : json(nullptr)},
                         {"bucket", b.bucket},
                         {"log_offset", b.log_offset}});
    }
    out["lake_snapshot"] = {{"snapshot_id", (*lake)->snapshot_id}, {"buckets", buckets}};
  }

  auto kv = catalog.GetLatestKvSnapshots(t.path);
  EXPECT_TRUE(kv.ok()) << kv.status().ToString();
  out["kv_snapshots"] = json::array();
  if (kv.ok()) {
    for (const auto& s : *kv) {
      out["kv_snapshots"].push_back(
          {{"partition", PartitionOf(s.partition_name)},
           {"bucket", s.bucket},
           {"snapshot_id", s.snapshot_id ? json(*s.snapshot_id) : json(nullptr)},
           {"log_offset", s.log_offset ? json(*s.log_offset) : json(nullptr)}});
    }
  }
  return out;
}

class CatalogIT : public ::testing::Test {
 protected:
  void SetUp() override {
    meta_ = JavaMeta();
    client_ = OpenClient();
    ASSERT_NE(client_, nullptr);
  }
  json meta_;
  std::unique_ptr<Client> client_;
};

TEST_F(CatalogIT, DatabasesEqualJavaClient) {
  auto dbs = client_->catalog().ListDatabases();
  ASSERT_TRUE(dbs.ok()) << dbs.status().ToString();
  EXPECT_EQ(json(*dbs), meta_["databases"]);
  for (const auto& db : meta_["databases"]) {
    auto exists = client_->catalog().DatabaseExists(db.get<std::string>());
    ASSERT_TRUE(exists.ok());
    EXPECT_TRUE(*exists) << db;
  }
  auto missing = client_->catalog().DatabaseExists("no_such_db");
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(*missing);
}

TEST_F(CatalogIT, TablesListedPerDatabaseEqualJavaClient) {
  std::map<std::string, std::vector<std::string>> expected;
  for (const auto& [key, t] : meta_["tables"].items()) {
    expected[t["database"].get<std::string>()].push_back(t["table"].get<std::string>());
  }
  for (const auto& db : meta_["databases"]) {
    auto tables = client_->catalog().ListTables(db.get<std::string>());
    ASSERT_TRUE(tables.ok()) << tables.status().ToString();
    auto want = expected[db.get<std::string>()];
    std::sort(want.begin(), want.end());
    EXPECT_EQ(*tables, want) << db;
  }
}

TEST_F(CatalogIT, EveryTableEqualsJavaClientFieldByField) {
  ASSERT_GT(meta_["tables"].size(), 10u);
  for (const auto& [key, want] : meta_["tables"].items()) {
    SCOPED_TRACE(key);
    auto path = TablePath::Parse(key);
    ASSERT_TRUE(path.ok());
    auto exists = client_->catalog().TableExists(*path);
    ASSERT_TRUE(exists.ok());
    EXPECT_TRUE(*exists);
    auto info = client_->catalog().GetTable(*path);
    ASSERT_TRUE(info.ok()) << info.status().ToString();
    json got = Render(client_->catalog(), **info);
    for (const auto& [field, value] : want.items()) {
      if (field == "buckets") continue;  // optional in the dump; checked below
      EXPECT_EQ(got[field], value) << key << " field '" << field << "'\n ours: " << got[field].dump()
                                   << "\n java: " << value.dump();
    }
  }
}

TEST_F(CatalogIT, BucketLeadersAreLiveServers) {
  auto cluster = client_->catalog().DescribeCluster();
  ASSERT_TRUE(cluster.ok());
  ASSERT_GE(cluster->tablet_servers.size(), 2u);
  std::set<int> ids;
  for (const auto& s : cluster->tablet_servers) ids.insert(s.id);
  for (const auto& [key, want] : meta_["tables"].items()) {
    auto path = TablePath::Parse(key);
    auto buckets = client_->catalog().GetBucketLocations(*path);
    ASSERT_TRUE(buckets.ok()) << key << ": " << buckets.status().ToString();
    size_t partitions = std::max<size_t>(1, want["partitions"].size());
    EXPECT_EQ(buckets->size(), partitions * want["bucket_count"].get<size_t>()) << key;
    for (const auto& b : *buckets) {
      EXPECT_TRUE(ids.count(b.leader)) << key << " bucket " << b.bucket << " leader " << b.leader;
      EXPECT_FALSE(b.replicas.empty());
    }
    if (want.contains("buckets")) {
      for (const auto& jb : want["buckets"]) {
        auto it = std::find_if(buckets->begin(), buckets->end(), [&](const BucketLocation& b) {
          return b.bucket == jb["bucket"].get<int>() &&
                 json(b.partition_name.empty() ? json(nullptr) : json(b.partition_name)) == jb["partition"];
        });
        ASSERT_NE(it, buckets->end()) << key << " " << jb.dump();
        EXPECT_EQ(it->leader, jb["leader"].get<int>()) << key << " " << jb.dump();
      }
    }
  }
}

TEST_F(CatalogIT, OffsetAtTimestampZeroIsEarliest) {
  for (const auto& [key, want] : meta_["tables"].items()) {
    auto path = TablePath::Parse(key);
    auto at = client_->catalog().ListOffsets(*path, OffsetQuery::AtTimestamp(0));
    ASSERT_TRUE(at.ok()) << key << ": " << at.status().ToString();
    ASSERT_EQ(at->size(), want["offsets"].size()) << key;
    for (size_t i = 0; i < at->size(); ++i) {
      EXPECT_EQ((*at)[i].offset, want["offsets"][i]["earliest"].get<int64_t>()) << key << " #" << i;
    }
  }
}

TEST_F(CatalogIT, MissingObjectsGiveClearNonRetriableErrors) {
  auto& catalog = client_->catalog();
  auto t = catalog.GetTable({"fn_types", "no_such_table"});
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().code(), StatusCode::kNotFound);
  EXPECT_FALSE(t.status().retriable());
  EXPECT_NE(t.status().message().find("fn_types.no_such_table"), std::string::npos);
  auto l = catalog.ListTables("no_such_db");
  ASSERT_FALSE(l.ok());
  EXPECT_EQ(l.status().code(), StatusCode::kNotFound);
  EXPECT_NE(l.status().message().find("no_such_db"), std::string::npos);
  auto exists = catalog.TableExists({"fn_types", "no_such_table"});
  ASSERT_TRUE(exists.ok());
  EXPECT_FALSE(*exists);
}

TEST_F(CatalogIT, CacheHitsUntilInvalidated) {
  auto& catalog = client_->catalog();
  std::string key = meta_["tables"].begin().key();
  auto path = *TablePath::Parse(key);
  auto before = catalog.cache_stats();
  ASSERT_TRUE(catalog.GetTable(path).ok());
  ASSERT_TRUE(catalog.GetTable(path).ok());
  auto after = catalog.cache_stats();
  EXPECT_EQ(after.misses - before.misses, 1u);
  EXPECT_EQ(after.hits - before.hits, 1u);
  catalog.Invalidate(path);
  ASSERT_TRUE(catalog.GetTable(path).ok());
  EXPECT_EQ(catalog.cache_stats().misses - after.misses, 1u);
  catalog.InvalidateAll();
  EXPECT_EQ(catalog.cache_stats().entries, 0u);
}

TEST_F(CatalogIT, ManyThreadsShareOneClient) {
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      for (const auto& [key, want] : meta_["tables"].items()) {
        auto offsets = client_->catalog().ListOffsets(*TablePath::Parse(key), OffsetQuery::Latest());
        if (!offsets.ok() || offsets->size() != want["offsets"].size()) failures++;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
}

}  // namespace
}  // namespace fluss_native::it
