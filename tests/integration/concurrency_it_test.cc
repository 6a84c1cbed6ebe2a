// One Client shared by many threads (client.h: clients are thread-safe):
// 8 threads scan several tables' logs and ask the catalog at the same time,
// and each gets exactly the rows a single-threaded scan gets. Built under
// TSan by scripts/tsan.sh, this is the data-race check of the shared parts
// (connection pool, gateway, metadata cache, metrics).
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <functional>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "integration/arrow_rows.h"
#include "integration/it_env.h"

namespace fluss_native::it {
namespace {

const std::vector<TablePath> kTables = {
    {"fn_types", "log_all_types"}, {"fn_types", "log_nested"},      {"fn_parts", "log_part_multi"},
    {"fn_parts", "log_part_region"}, {"fn_types", "pk_all_types"},  // a primary-key table's changelog
};

// The rows of a ScanLog of `table` (with metadata columns, so every row is
// distinct), sorted; an error message instead when the scan fails.
std::vector<std::string> ScanSorted(Client& client, const TablePath& table, std::string* error) {
  auto info = client.catalog().GetTable(table);
  if (!info.ok()) {
    *error = info.status().ToString();
    return {};
  }
  std::vector<Column> columns = (*info)->columns;
  LogScanOptions options;
  options.metadata_columns = true;
  ArrowArrayStream stream;
  Status st = client.ScanLog(table, options, &stream);
  if (!st.ok()) {
    *error = st.ToString();
    return {};
  }
  StreamRows drained = DrainStream(&stream, [&columns](const std::string& name) {
    for (const auto& c : columns) {
      if (c.name == name) return c.type;
    }
    DataType t;
    t.root = name == "__bucket" ? TypeRoot::kInt : name == "__change_type" ? TypeRoot::kString : TypeRoot::kBigInt;
    if (name == "__timestamp") {
      t.root = TypeRoot::kTimestampLtz;
      t.precision = 3;
    }
    return t;
  });
  if (!drained.status.ok()) {
    *error = drained.status.ToString();
    return {};
  }
  std::vector<std::string> rows;
  for (const auto& r : drained.rows) rows.push_back(r.dump());
  std::sort(rows.begin(), rows.end());
  return rows;
}

TEST(ConcurrencyIT, EightThreadsShareOneClient) {
  auto client = OpenClient();
  ASSERT_NE(client, nullptr);

  // The reference, one scan at a time.
  std::map<std::string, std::vector<std::string>> expected;
  for (const auto& t : kTables) {
    std::string error;
    expected[t.ToString()] = ScanSorted(*client, t, &error);
    ASSERT_TRUE(error.empty()) << t.ToString() << ": " << error;
    ASSERT_FALSE(expected[t.ToString()].empty()) << t.ToString();
  }
  auto databases = client->catalog().ListDatabases();
  ASSERT_TRUE(databases.ok()) << databases.status().ToString();

  constexpr int kThreads = 8;
  constexpr int kRounds = 2;
  std::vector<std::vector<std::string>> failures(kThreads);
  std::atomic<int> ready{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      ready.fetch_add(1);
      while (ready.load() < kThreads) std::this_thread::yield();  // start together
      for (int round = 0; round < kRounds; ++round) {
        for (size_t k = 0; k < kTables.size(); ++k) {
          const TablePath& t = kTables[(k + static_cast<size_t>(i)) % kTables.size()];  // threads differ in order
          std::string error;
          auto rows = ScanSorted(*client, t, &error);
          if (!error.empty()) {
            failures[i].push_back(t.ToString() + ": " + error);
          } else if (rows != expected[t.ToString()]) {
            failures[i].push_back(t.ToString() + ": " + std::to_string(rows.size()) + " rows, expected " +
                                  std::to_string(expected[t.ToString()].size()) + " (or different ones)");
          }
          // Catalog calls between the scans: cached and live ones.
          auto dbs = client->catalog().ListDatabases();
          if (!dbs.ok() || *dbs != *databases) failures[i].push_back("ListDatabases differs");
          auto tables = client->catalog().ListTables(t.database);
          if (!tables.ok() || std::find(tables->begin(), tables->end(), t.table) == tables->end()) {
            failures[i].push_back("ListTables(" + t.database + ") lacks " + t.table);
          }
          auto offsets = client->catalog().ListOffsets(t, OffsetQuery::Latest());
          if (!offsets.ok()) failures[i].push_back("ListOffsets: " + offsets.status().ToString());
          if (i % 2 == 0) client->catalog().Invalidate(t);  // races the other threads' cache reads
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int i = 0; i < kThreads; ++i) {
    for (const auto& f : failures[i]) ADD_FAILURE() << "thread " << i << ": " << f;
  }
  EXPECT_FALSE(client->MetricsText().empty());
}

}  // namespace
}  // namespace fluss_native::it
