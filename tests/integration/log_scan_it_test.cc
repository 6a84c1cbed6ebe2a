// Log-tier reads against the Fluss Java LogScanner's rows (testing/
// dump-rows) for every table the data tool wrote: every type, nested ones,
// partitioned and not, log and primary-key changelogs.
#include <cmath>
#include <map>
#include <thread>

#include "format/arrow/array_json.h"
#include "format/arrow/c_export.h"
#include "integration/arrow_rows.h"
#include "integration/it_env.h"

namespace fluss_native::it {
namespace {

using nlohmann::json;

json NormalizeJava(const json& v, const DataType& t) { return Normalize(v, t, false); }

std::vector<json> JavaRows(const std::string& table) {
  return ReadJsonLines(std::string(FN_IT_DIR) + "/rows/" + table + ".jsonl");
}

struct Scan {
  Status status;
  std::vector<std::string> columns;
  std::vector<json> rows;  // one object per row, in stream order
};

Scan ScanAll(Client& client, const TableInfo& table, const LogScanOptions& options,
             bool current_state = false) {
  Scan scan;
  ArrowArrayStream stream;
  scan.status = current_state ? client.ScanCurrentState(table.path, options, &stream)
                              : client.ScanLog(table.path, options, &stream);
  if (!scan.status.ok()) return scan;
  auto drained = DrainStream(&stream, [&table](const std::string& name) {
    int idx = table.ColumnIndex(name);
    if (idx >= 0) return table.columns[static_cast<size_t>(idx)].type;
    DataType t;
    t.root = name == "__bucket" ? TypeRoot::kInt : name == "__change_type" ? TypeRoot::kString : TypeRoot::kBigInt;
    return t;
  });
  scan.status = drained.status;
  scan.columns = std::move(drained.columns);
  scan.rows = std::move(drained.rows);
  return scan;
}

// Days since 1970-01-01 as yyyy-MM-dd (how Fluss names DATE partitions).
std::string DayString(int64_t days) {
  // civil-from-days (proleptic Gregorian)
  int64_t z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097, yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
  int64_t d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9, y = yoe + era * 400 + (m <= 2);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lld", static_cast<long long>(y), static_cast<long long>(m),
                static_cast<long long>(d));
  return buf;
}

std::string PartitionName(const TableInfo& t, const json& row) {
  std::string name;
  for (const auto& k : t.partition_keys) {
    if (!name.empty()) name += "$";
    int idx = t.ColumnIndex(k);
    if (idx >= 0 && t.columns[static_cast<size_t>(idx)].type.root == TypeRoot::kDate) {
      name += DayString(row[k].get<int64_t>());
      continue;
    }
    name += row[k].is_string() ? row[k].get<std::string>() : row[k].dump();
  }
  return name;
}

class LogScanIT : public ::testing::Test {
 protected:
  void SetUp() override {
    meta_ = JavaMeta();
    client_ = OpenClient();
    ASSERT_NE(client_, nullptr);
  }
  std::shared_ptr<const TableInfo> Table(const std::string& key) {
    auto t = client_->catalog().GetTable(*TablePath::Parse(key));
    EXPECT_TRUE(t.ok()) << t.status().ToString();
    return t.ok() ? *t : nullptr;
  }
  json meta_;
  std::unique_ptr<Client> client_;
};

TEST_F(LogScanIT, EveryTableEqualsJavaLogScanner) {
  int compared = 0;
  for (const auto& [key, info] : meta_["tables"].items()) {
    if (info["properties"].value("table.log.format", "ARROW") != "ARROW") continue;
    SCOPED_TRACE(key);
    auto table = Table(key);
    ASSERT_NE(table, nullptr);
    LogScanOptions options;
    options.metadata_columns = true;
    Scan scan = ScanAll(*client_, *table, options);
    ASSERT_TRUE(scan.status.ok()) << scan.status.ToString();
    auto java = JavaRows(key);
    ASSERT_EQ(scan.rows.size(), java.size());

    // Offsets rise within each bucket, in stream order.
    std::map<std::string, int64_t> last;
    for (const auto& r : scan.rows) {
      std::string b = PartitionName(*table, r) + "/" + std::to_string(r["__bucket"].get<int>());
      int64_t off = r["__offset"].get<int64_t>();
      if (last.count(b)) {
        EXPECT_GT(off, last[b]) << b;
      }
      last[b] = off;
    }

    std::map<std::tuple<std::string, int, int64_t>, const json*> ours;
    for (const auto& r : scan.rows) {
      ours[{PartitionName(*table, r), r["__bucket"].get<int>(), r["__offset"].get<int64_t>()}] = &r;
    }
    for (const auto& j : java) {
      std::string part = j["partition"].is_null() ? "" : j["partition"].get<std::string>();
      auto it = ours.find({part, j["bucket"].get<int>(), j["offset"].get<int64_t>()});
      ASSERT_NE(it, ours.end()) << "missing row " << j.dump();
      const json& r = *it->second;
      EXPECT_EQ(r["__change_type"], j["change_type"]) << j.dump();
      for (const auto& c : table->columns) {
        json want = NormalizeJava(j["row"][c.name], c.type);
        ASSERT_EQ(r[c.name], want) << "column " << c.name << " at " << part << "/" << j["bucket"] << "@"
                                   << j["offset"];
      }
    }
    ++compared;
  }
  EXPECT_GE(compared, 12);
}

// An unlabelled counter of the Prometheus text (its `name`_total sample).
uint64_t MetricValue(const Client& client, const std::string& name) {
  std::istringstream in(client.MetricsText());
  const std::string sample = name + "_total ";
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(sample, 0) == 0) return std::stoull(line.substr(sample.size()));
  }
  return 0;
}

// log_big keeps one local segment (table.log.tiered.local-segments = 1), so
// once the tablet server has copied segments out, a scan from the earliest
// offset must read remote segments first, then local ones.
TEST_F(LogScanIT, ScanCrossesRemoteAndLocalSegments) {
  const std::string key = "fn_types.log_big";
  auto java = JavaRows(key);
  ASSERT_FALSE(java.empty());
  for (int attempt = 0; attempt < 40; ++attempt) {
    auto client = OpenClient();
    ASSERT_NE(client, nullptr);
    auto table = client->catalog().GetTable(*TablePath::Parse(key));
    ASSERT_TRUE(table.ok());
    LogScanOptions options;
    options.metadata_columns = true;
    options.columns = {"payload", "id"};  // projected: remote batches are projected by us
    Scan scan = ScanAll(*client, **table, options);
    ASSERT_TRUE(scan.status.ok()) << scan.status.ToString();
    ASSERT_EQ(scan.rows.size(), java.size());
    if (MetricValue(*client, "fluss_remote_log_chunks") == 0) {
      std::this_thread::sleep_for(std::chrono::seconds(3));  // tiering runs every 5 s
      continue;
    }
    EXPECT_GT(MetricValue(*client, "fluss_remote_log_bytes"), 0u);
    for (size_t i = 0; i < java.size(); ++i) {
      ASSERT_EQ(scan.rows[i]["__offset"], java[i]["offset"]) << i;
      ASSERT_EQ(scan.rows[i]["id"], java[i]["row"]["id"]) << i;
      ASSERT_EQ(scan.rows[i]["payload"], java[i]["row"]["payload"]) << i;
    }
    return;
  }
  FAIL() << "no remote log segment was read: the server kept every segment local";
}

// Primary-key tables: the changelog applied by key equals the Java client's
// current state (upserts and deletes included), every live key once.
TEST_F(LogScanIT, PrimaryKeyCurrentStateEqualsJavaClient) {
  int compared = 0;
  for (const auto& [key, info] : meta_["tables"].items()) {
    if (info["primary_key"].empty()) continue;
    SCOPED_TRACE(key);
    auto table = Table(key);
    ASSERT_NE(table, nullptr);
    Scan scan = ScanAll(*client_, *table, LogScanOptions{}, /*current_state=*/true);
    bool expired = false;  // log TTL deleted the start of a bucket's changelog (fn_union.pk_ttl)
    for (const auto& o : info["offsets"]) expired |= o["earliest"].get<int64_t>() > 0;
    if (expired) {
      // the Java state (from the log) is incomplete too; the full state needs the KV snapshot
      EXPECT_EQ(scan.status.code(), StatusCode::kUnsupported) << scan.status.ToString();
      continue;
    }
    ASSERT_TRUE(scan.status.ok()) << scan.status.ToString();
    std::vector<json> java = ReadJsonLines(std::string(FN_IT_DIR) + "/rows/" + key + ".state.jsonl");
    ASSERT_EQ(scan.rows.size(), java.size());
    std::map<std::string, const json*> ours;
    for (const auto& r : scan.rows) {
      json k = json::array();
      for (const auto& c : table->primary_key) k.push_back(r[c]);
      ASSERT_TRUE(ours.emplace(k.dump(), &r).second) << "key twice: " << k.dump();
    }
    for (const auto& j : java) {
      // the Java key normalized like the values (Java and C++ print floats differently)
      json jk = json::array();
      for (const auto& c : table->primary_key) {
        jk.push_back(NormalizeJava(j["row"][c], table->columns[static_cast<size_t>(table->ColumnIndex(c))].type));
      }
      auto it = ours.find(jk.dump());
      ASSERT_NE(it, ours.end()) << "missing key " << j["key"];
      for (const auto& c : table->columns) {
        ASSERT_EQ((*it->second)[c.name], NormalizeJava(j["row"][c.name], c.type)) << c.name << " of " << j["key"];
      }
    }
    ++compared;
  }
  EXPECT_GE(compared, 4);
}

TEST_F(LogScanIT, ProjectionComesBackInRequestedOrder) {
  auto table = Table("fn_types.log_all_types");
  ASSERT_NE(table, nullptr);
  LogScanOptions options;
  options.columns = {"c_string", "c_int", "c_dec38_10", "c_ltz9"};
  options.metadata_columns = true;
  Scan scan = ScanAll(*client_, *table, options);
  ASSERT_TRUE(scan.status.ok()) << scan.status.ToString();
  EXPECT_EQ(scan.columns, (std::vector<std::string>{"c_string", "c_int", "c_dec38_10", "c_ltz9", "__offset",
                                                    "__timestamp", "__bucket", "__change_type"}));
  auto java = JavaRows("fn_types.log_all_types");
  ASSERT_EQ(scan.rows.size(), java.size());
  std::map<std::pair<int, int64_t>, const json*> ours;
  for (const auto& r : scan.rows) ours[{r["__bucket"].get<int>(), r["__offset"].get<int64_t>()}] = &r;
  for (const auto& j : java) {
    const json& r = *ours.at({j["bucket"].get<int>(), j["offset"].get<int64_t>()});
    for (const auto& c : options.columns) EXPECT_EQ(r[c], j["row"][c]) << c;
  }
}

TEST_F(LogScanIT, LimitBucketsAndPartitionsNarrowTheScan) {
  auto table = Table("fn_parts.log_part_multi");
  ASSERT_NE(table, nullptr);
  auto java = JavaRows("fn_parts.log_part_multi");
  LogScanOptions options;
  options.metadata_columns = true;
  options.partitions = std::vector<std::string>{"eu$2025"};
  options.buckets = {1};
  Scan scan = ScanAll(*client_, *table, options);
  ASSERT_TRUE(scan.status.ok()) << scan.status.ToString();
  size_t expected = 0;
  for (const auto& j : java) expected += j["partition"] == "eu$2025" && j["bucket"] == 1;
  EXPECT_EQ(scan.rows.size(), expected);
  for (const auto& r : scan.rows) EXPECT_EQ(r["__bucket"], 1);

  LogScanOptions limited;
  limited.limit = 7;
  Scan few = ScanAll(*client_, *table, limited);
  ASSERT_TRUE(few.status.ok());
  EXPECT_EQ(few.rows.size(), 7u);
}

TEST_F(LogScanIT, BadRequestsFailAtOpenWithClearErrors) {
  auto table = Table("fn_types.log_all_types");
  ArrowArrayStream stream;
  LogScanOptions bad_column;
  bad_column.columns = {"nope"};
  Status st = client_->ScanLog(table->path, bad_column, &stream);
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(st.message().find("'nope'"), std::string::npos);
  LogScanOptions bad_bucket;
  bad_bucket.buckets = {99};
  EXPECT_EQ(client_->ScanLog(table->path, bad_bucket, &stream).code(), StatusCode::kInvalidArgument);
  LogScanOptions bad_partition;
  bad_partition.partitions = std::vector<std::string>{"nowhere"};
  st = client_->ScanLog(*TablePath::Parse("fn_parts.log_part_multi"), bad_partition, &stream);
  EXPECT_EQ(st.code(), StatusCode::kNotFound);
  EXPECT_NE(st.message().find("nowhere"), std::string::npos);
}

TEST_F(LogScanIT, IndexedLogFormatIsRefusedNotMisread) {
  ArrowArrayStream stream;
  Status st = client_->ScanLog(*TablePath::Parse("fn_types.log_indexed"), LogScanOptions{}, &stream);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.code(), StatusCode::kUnsupported);
  EXPECT_NE(st.message().find("INDEXED"), std::string::npos);
  EXPECT_NE(st.message().find("fn_types.log_indexed"), std::string::npos);
}

}  // namespace
}  // namespace fluss_native::it
