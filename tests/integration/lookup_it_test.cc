// Primary-key lookups against the fixture cluster, with two oracles we did
// not write:
//  - the buckets the Java client wrote each row to (the log's __bucket of
//    every changelog row) equal the buckets our key encoding and bucketing
//    give its key, for every fixture PK table (key types INT, STRING, DATE,
//    FLOAT, TIMESTAMP(9), partitioned and not, Paimon-lake tables);
//  - Client::Lookup returns what the Java Lookuper (`datatool.sh lookup`)
//    returns for the same keys, for keys that exist and keys that do not
//    (deleted ones, never-written ones, keys of partitions that do not exist).
#include <gtest/gtest.h>

#include <unistd.h>

#include <map>
#include <set>

#include "catalog/catalog_impl.h"
#include "cluster/gateway.h"
#include "common/endpoint.h"
#include "format/keys/key_layout.h"
#include "read/lookup/key_lookup.h"
#include "integration/arrow_rows.h"
#include "integration/it_env.h"

namespace fluss_native::it {
namespace {

// A value in the dump encoding (README "Value encoding") as the literal of a key.
Literal KeyLiteral(const json& v, const DataType& t) {
  switch (t.root) {
    case TypeRoot::kBoolean: return Literal::Boolean(v.get<bool>());
    case TypeRoot::kFloat:
    case TypeRoot::kDouble:
      if (v.is_string()) {
        std::string s = v;
        return Literal::Double(s == "NaN" ? std::nan("") : s == "Infinity" ? HUGE_VAL : -HUGE_VAL);
      }
      return Literal::Double(v.get<double>());
    case TypeRoot::kDecimal: {
      std::string s = v;
      auto dot = s.find('.');
      int scale = dot == std::string::npos ? 0 : static_cast<int>(s.size() - dot - 1);
      if (dot != std::string::npos) s.erase(dot, 1);
      return *Literal::Decimal(s, scale);
    }
    case TypeRoot::kChar:
    case TypeRoot::kString: return Literal::String(v.get<std::string>());
    case TypeRoot::kBinary:
    case TypeRoot::kBytes: {
      std::string hex = v, out;
      for (size_t i = 0; i + 1 < hex.size(); i += 2) out.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
      return Literal::Bytes(out);
    }
    case TypeRoot::kDate: return Literal::Date(v.get<int32_t>());
    case TypeRoot::kTime: return Literal::Time(v.get<int64_t>() * 1000000);
    case TypeRoot::kTimestamp:
    case TypeRoot::kTimestampLtz: {
      int64_t n = v.get<int64_t>();
      int64_t ms = n >= 0 ? n / 1000000 : -((-n + 999999) / 1000000);
      return Literal::Timestamp(ms, static_cast<int32_t>(n - ms * 1000000));
    }
    default: return Literal::Integer(v.get<int64_t>());
  }
}

struct Table {
  std::shared_ptr<const TableInfo> info;
  std::vector<json> changelog;  // every log row: key columns, __bucket, __change_type (normalized)
};

Table ReadChangelog(Client* client, const std::string& name) {
  Table t;
  auto info = client->catalog().GetTable(PathOf(name));
  EXPECT_TRUE(info.ok()) << info.status().ToString();
  if (!info.ok()) return t;
  t.info = *info;
  LogScanOptions opts;
  opts.columns = t.info->primary_key;
  opts.metadata_columns = true;
  ArrowArrayStream stream;
  Status st = client->ScanLog(PathOf(name), opts, &stream);
  EXPECT_TRUE(st.ok()) << st.ToString();
  if (!st.ok()) return t;
  auto rows = DrainStream(&stream, [&](const std::string& c) {
    int i = t.info->ColumnIndex(c);
    if (i >= 0) return t.info->columns[i].type;
    DataType d;
    d.root = c == "__bucket" ? TypeRoot::kInt : c == "__change_type" ? TypeRoot::kString : TypeRoot::kBigInt;
    return d;
  });
  EXPECT_TRUE(rows.status.ok()) << rows.status.ToString();
  t.changelog = std::move(rows.rows);
  return t;
}

std::vector<Literal> KeyOf(const TableInfo& info, const json& row) {
  std::vector<Literal> key;
  for (const auto& c : info.primary_key) key.push_back(KeyLiteral(row.at(c), info.columns[info.ColumnIndex(c)].type));
  return key;
}

json KeyJson(const TableInfo& info, const json& row) {
  json key = json::array();
  for (const auto& c : info.primary_key) key.push_back(row.at(c));
  return key;
}

const std::vector<std::string> kPkTables = {
    "fn_lake.pk",         "fn_lake.pk_part",        "fn_lake.pk_types",    "fn_union.pk_float",
    "fn_union.pk_ts9",    "fn_union.pk_part_date",  "fn_union.pk_ttl",     "fn_types.pk_all_types",
    "fn_types.pk_composite" /* bucket key k1 of (k1, k2): compacted keys, Paimon buckets */,
    "fn_parts.pk_part_region" /* PK (region, id), partition first */};

// Every column, nested ones (ARRAY, MAP, ROW, ARRAY<ROW>) included.
std::vector<std::string> AllColumns(const TableInfo& info) {
  std::vector<std::string> out;
  for (const auto& c : info.columns) out.push_back(c.name);
  return out;
}

TEST(LookupIt, OurBucketOfEveryKeyIsTheBucketTheJavaClientWroteItTo) {
  auto client = OpenClient();
  ASSERT_TRUE(client);
  for (const auto& name : kPkTables) {
    Table t = ReadChangelog(client.get(), name);
    ASSERT_TRUE(t.info) << name;
    auto layout = keys::KeyLayout::ForPrimaryKey(*t.info);
    ASSERT_TRUE(layout.ok()) << name << ": " << layout.status().ToString();
    ASSERT_FALSE(t.changelog.empty()) << name;
    size_t checked = 0;
    for (const auto& row : t.changelog) {
      auto enc = layout->Encode(KeyOf(*t.info, row));
      ASSERT_TRUE(enc.ok()) << name << ": " << enc.status().ToString();
      EXPECT_EQ(enc->bucket, row.at("__bucket").get<int>()) << name << " key " << KeyJson(*t.info, row).dump();
      ++checked;
    }
    std::cout << name << ": " << checked << " changelog rows, encoding " << keys::KeyEncodingName(layout->key_encoding())
              << ", bucketing " << keys::BucketingFunctionName(layout->bucketing()) << "\n";
  }
}

// Runs the Java Lookuper on `keys`; one answer (a list of rows) per key.
std::vector<json> JavaLookup(const std::string& table, const std::vector<json>& keys, const std::string& prefix = "") {
  char dir[] = "/tmp/fn_lookup_itXXXXXX";
  EXPECT_NE(mkdtemp(dir), nullptr);
  std::string keys_file = std::string(dir) + "/keys.jsonl", out_file = std::string(dir) + "/out.jsonl";
  {
    std::ofstream out(keys_file);
    for (const auto& k : keys) out << k.dump() << "\n";
  }
  std::string cmd = std::string(FN_SOURCE_DIR) + "/testing/datatool.sh lookup --bootstrap " + Bootstrap() +
                    " --table " + table + " --keys " + keys_file + " --out " + out_file +
                    (prefix.empty() ? "" : " --prefix " + prefix);
  EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
  std::vector<json> answers;
  for (auto& line : ReadJsonLines(out_file)) answers.push_back(line.at("rows"));
  std::system(("rm -rf " + std::string(dir)).c_str());
  return answers;
}

json NormalizeJavaRow(const json& row, const TableInfo& info) {
  json out = json::object();
  for (const auto& name : AllColumns(info)) {
    out[name] = Normalize(row.at(name), info.columns[info.ColumnIndex(name)].type, false);
  }
  return out;
}

StreamRows OurLookup(Client* client, const TableInfo& info, const std::vector<std::vector<Literal>>& keys,
                     const std::vector<std::string>& columns = {}) {
  ArrowArrayStream stream;
  Status st = client->Lookup(info.path, keys, columns, &stream);
  if (!st.ok()) return StreamRows{st, {}, {}};
  return DrainStream(&stream, [&](const std::string& c) { return info.columns[info.ColumnIndex(c)].type; });
}

TEST(LookupIt, SameRowsAsTheJavaLookuperForKeysThatExistAndKeysThatDoNot) {
  auto client = OpenClient();
  ASSERT_TRUE(client);
  for (const auto& name : kPkTables) {
    Table t = ReadChangelog(client.get(), name);
    ASSERT_TRUE(t.info) << name;
    const TableInfo& info = *t.info;
    // Every distinct key ever written (deleted ones included: they must come back empty), up to 80.
    std::vector<json> key_json;
    std::set<std::string> seen;
    for (const auto& row : t.changelog) {
      json k = KeyJson(info, row);
      if (seen.insert(k.dump()).second && key_json.size() < 80) key_json.push_back(k);
    }
    // Keys never written: a value past the written range in the first key column when it is an INT.
    const DataType& first = info.columns[info.ColumnIndex(info.primary_key[0])].type;
    if (first.root == TypeRoot::kInt) {
      json k = key_json[0];
      k[0] = 987654321;
      key_json.push_back(k);
      if (info.is_partitioned()) {  // a partition that does not exist
        json p = key_json[0];
        for (size_t i = 0; i < info.primary_key.size(); ++i) {
          if (info.primary_key[i] == info.partition_keys[0] &&
              info.columns[info.ColumnIndex(info.primary_key[i])].type.root == TypeRoot::kString) {
            p[i] = "no_such_partition";
            key_json.push_back(p);
          }
        }
      }
    }
    std::vector<std::vector<Literal>> keys;
    for (const auto& k : key_json) {
      std::vector<Literal> key;
      for (size_t i = 0; i < info.primary_key.size(); ++i) {
        key.push_back(KeyLiteral(k[i], info.columns[info.ColumnIndex(info.primary_key[i])].type));
      }
      keys.push_back(key);
    }
    std::vector<json> java = JavaLookup(name, key_json);
    ASSERT_EQ(java.size(), keys.size()) << name;

    // One key per call, then all keys in one call (batched per leader): same rows, in key order.
    std::vector<json> expected_all;
    size_t found = 0, missing = 0;
    for (size_t k = 0; k < keys.size(); ++k) {
      std::vector<json> expected;
      for (const auto& r : java[k]) expected.push_back(NormalizeJavaRow(r, info));
      StreamRows ours = OurLookup(client.get(), info, {keys[k]}, AllColumns(info));
      ASSERT_TRUE(ours.status.ok()) << name << " " << key_json[k].dump() << ": " << ours.status.ToString();
      EXPECT_EQ(json(ours.rows).dump(), json(expected).dump()) << name << " key " << key_json[k].dump();
      (expected.empty() ? missing : found) += 1;
      for (auto& e : expected) expected_all.push_back(e);
    }
    StreamRows batch = OurLookup(client.get(), info, keys, AllColumns(info));
    ASSERT_TRUE(batch.status.ok()) << name << ": " << batch.status.ToString();
    EXPECT_EQ(json(batch.rows).dump(), json(expected_all).dump()) << name;
    std::cout << name << ": " << keys.size() << " keys, " << found << " found, " << missing << " missing\n";
    EXPECT_GT(found, 0u) << name;
    EXPECT_GT(missing, 0u) << name;
  }
}

TEST(LookupIt, PrefixLookupReturnsWhatTheJavaPrefixLookuperReturns) {
  auto client = OpenClient();
  ASSERT_TRUE(client);
  Table t = ReadChangelog(client.get(), "fn_types.pk_composite");
  ASSERT_TRUE(t.info);
  const TableInfo& info = *t.info;
  std::vector<json> prefixes;
  std::set<std::string> seen;
  for (const auto& row : t.changelog) {
    if (seen.insert(row.at("k1").dump()).second && prefixes.size() < 40) prefixes.push_back(json::array({row.at("k1")}));
  }
  prefixes.push_back(json::array({"no such k1"}));
  std::vector<json> java = JavaLookup("fn_types.pk_composite", prefixes, "k1");
  ASSERT_EQ(java.size(), prefixes.size());
  std::vector<std::vector<Literal>> keys;
  std::vector<json> expected_all;
  size_t rows = 0;
  for (size_t k = 0; k < prefixes.size(); ++k) {
    keys.push_back({Literal::String(prefixes[k][0].get<std::string>())});
    std::vector<json> expected;
    for (const auto& r : java[k]) expected.push_back(NormalizeJavaRow(r, info));
    ArrowArrayStream stream;
    ASSERT_TRUE(client->PrefixLookup(info.path, {keys.back()}, AllColumns(info), &stream).ok());
    auto ours = DrainStream(&stream, [&](const std::string& c) { return info.columns[info.ColumnIndex(c)].type; });
    ASSERT_TRUE(ours.status.ok()) << ours.status.ToString();
    // Within one prefix the order is the server's (RocksDB key order): compare as multisets.
    EXPECT_EQ(Sorted(ours.rows), Sorted(expected)) << prefixes[k].dump();
    rows += expected.size();
    for (auto& e : expected) expected_all.push_back(e);
  }
  ArrowArrayStream stream;
  ASSERT_TRUE(client->PrefixLookup(info.path, keys, AllColumns(info), &stream).ok());
  auto batch = DrainStream(&stream, [&](const std::string& c) { return info.columns[info.ColumnIndex(c)].type; });
  ASSERT_TRUE(batch.status.ok()) << batch.status.ToString();
  EXPECT_EQ(Sorted(batch.rows), Sorted(expected_all));
  std::cout << "fn_types.pk_composite: " << prefixes.size() << " prefixes, " << rows << " rows\n";
  EXPECT_GT(rows, 0u);  // (the fixture gives each k1 one k2)
}

// A leader that moved: the leaders we remember are the followers (RF 2 on two
// tablet servers), which answer NOT_LEADER_OR_FOLLOWER; the lookup refreshes
// them and still returns the rows a fresh client returns.
TEST(LookupIt, AStaleLeaderIsFoundAgainWithinTheCall) {
  auto client = OpenClient();
  ASSERT_TRUE(client);
  ClientConfig config;
  config.bootstrap_servers = {Bootstrap()};
  obs::Metrics metrics;
  auto bootstrap = Endpoint::Parse(Bootstrap());
  ASSERT_TRUE(bootstrap.ok());
  cluster::Gateway gateway(config, {*bootstrap}, &metrics);
  ASSERT_TRUE(gateway.RefreshCluster().ok());
  ASSERT_GE(gateway.cluster().tablet_servers.size(), 2u) << "needs two tablet servers";
  catalog::CatalogImpl catalog(&gateway, config);
  read::BucketLeaders leaders;
  for (const std::string name : {"fn_lake.pk", "fn_lake.pk_part"}) {
    auto info = catalog.GetTable(PathOf(name));
    ASSERT_TRUE(info.ok());
    std::vector<std::string> partitions = {""};
    if ((*info)->is_partitioned()) {
      partitions.clear();
      auto parts = catalog.ListPartitions(PathOf(name));
      ASSERT_TRUE(parts.ok());
      for (const auto& p : *parts) partitions.push_back(p.name);
    }
    for (const auto& partition : partitions) {
      auto locations = catalog.GetBucketLocations(
          PathOf(name), partition.empty() ? std::nullopt : std::optional<std::string>(partition));
      ASSERT_TRUE(locations.ok());
      std::vector<int> stale((*info)->bucket_count, -1);
      for (const auto& loc : *locations) {
        for (int r : loc.replicas) {
          if (r != loc.leader) stale[loc.bucket] = r;  // a follower
        }
      }
      leaders.Put((*info)->table_id, partition, stale);
    }
    Table t = ReadChangelog(client.get(), name);
    std::vector<std::vector<Literal>> keys;
    std::set<std::string> seen;
    for (const auto& row : t.changelog) {
      if (seen.insert(KeyJson(**info, row).dump()).second && keys.size() < 30) keys.push_back(KeyOf(**info, row));
    }
    uint64_t retries_before = metrics.rpc_retries.load();
    read::LookupEnv env{&gateway, &catalog, &leaders};
    auto rows = read::LookupByKeys(env, PathOf(name), read::LookupKind::kPrimaryKey, keys, AllColumns(**info));
    ASSERT_TRUE(rows.ok()) << name << ": " << rows.status().ToString();
    EXPECT_GT(metrics.rpc_retries.load(), retries_before) << name << ": the stale leaders were not asked";
    StreamRows fresh = OurLookup(client.get(), **info, keys, AllColumns(**info));
    ASSERT_TRUE(fresh.status.ok());
    EXPECT_EQ(rows->batch.length, static_cast<int64_t>(fresh.rows.size())) << name;
    EXPECT_GT(rows->batch.length, 0) << name;
    arrow::UniqueArrowArray array;
    arrow::ExportArray(std::move(rows->batch), array.get());
    auto text = arrow::BatchToJson(*array.get(), rows->row_type);
    ASSERT_TRUE(text.ok());
    std::vector<json> ours;
    for (auto& r : json::parse(*text)) {
      json norm = json::object();
      for (size_t i = 0; i < rows->row_type.children.size(); ++i) {
        const auto& f = rows->row_type.field_names[i];
        norm[f] = Normalize(r[f], rows->row_type.children[i], true);
      }
      ours.push_back(norm);
    }
    EXPECT_EQ(json(ours).dump(), json(fresh.rows).dump()) << name;
  }
}

TEST(LookupIt, ProjectsColumnsAndNamesTheTableInErrors) {
  auto client = OpenClient();
  ASSERT_TRUE(client);
  auto info = client->catalog().GetTable(PathOf("fn_lake.pk"));
  ASSERT_TRUE(info.ok());
  // Key 1 exists in fn_lake.pk (inserted in round 1, never deleted by the rounds' steps).
  StreamRows some = OurLookup(client.get(), **info, {{Literal::Integer(1)}}, {"id"});
  ASSERT_TRUE(some.status.ok()) << some.status.ToString();
  ASSERT_EQ(some.columns, std::vector<std::string>{"id"});
  ArrowArrayStream stream;
  Status wrong_type = client->Lookup(PathOf("fn_lake.pk"), {{Literal::String("x")}}, {}, &stream);
  EXPECT_EQ(wrong_type.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(wrong_type.message().find("fn_lake.pk"), std::string::npos) << wrong_type.ToString();
  Status log_table = client->Lookup(PathOf("fn_lake.log_bkey"), {{Literal::Integer(1)}}, {}, &stream);
  EXPECT_EQ(log_table.code(), StatusCode::kInvalidArgument) << log_table.ToString();
  Status no_column = client->Lookup(PathOf("fn_lake.pk"), {{Literal::Integer(1)}}, {"nope"}, &stream);
  EXPECT_EQ(no_column.code(), StatusCode::kInvalidArgument);
  Status prefix = client->PrefixLookup(PathOf("fn_lake.pk"), {{Literal::Integer(1)}}, {}, &stream);
  EXPECT_EQ(prefix.code(), StatusCode::kInvalidArgument) << prefix.ToString();
}

}  // namespace
}  // namespace fluss_native::it
