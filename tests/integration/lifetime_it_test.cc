// A stream keeps alive what it uses (client.h): a host may destroy the
// Client while streams it opened are still unread, and draining them then
// gives exactly the rows a drain with a live client gives. Run under ASan
// (scripts/test.sh --sanitize) this also shows that nothing freed is touched.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include "integration/arrow_rows.h"
#include "integration/it_env.h"

namespace fluss_native::it {
namespace {

// Column types by name for DrainStream: the table's columns, plus the log
// and lake system columns.
std::function<DataType(const std::string&)> TypesOf(std::vector<Column> columns) {
  return [columns = std::move(columns)](const std::string& name) {
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
  };
}

std::vector<std::string> SortedRows(const StreamRows& drained) {
  std::vector<std::string> out;
  for (const auto& r : drained.rows) out.push_back(r.dump());
  std::sort(out.begin(), out.end());
  return out;
}

struct OpenedScans {
  ArrowArrayStream log;
  ArrowArrayStream state;
  ArrowArrayStream lake;
  std::function<DataType(const std::string&)> log_types;
  std::function<DataType(const std::string&)> state_types;
  std::function<DataType(const std::string&)> lake_types;
};

const TablePath kLogTable{"fn_types", "log_big"};  // 40000 rows
const TablePath kStateTable{"fn_types", "pk_all_types"};
const TablePath kLakeTable{"fn_lake", "pk"};

// Opens one stream of each kind; nothing is read from them yet.
void OpenAll(Client& client, OpenedScans* scans) {
  auto log_info = client.catalog().GetTable(kLogTable);
  ASSERT_TRUE(log_info.ok()) << log_info.status().ToString();
  auto state_info = client.catalog().GetTable(kStateTable);
  ASSERT_TRUE(state_info.ok()) << state_info.status().ToString();
  auto lake_info = client.DescribeLake(kLakeTable);
  ASSERT_TRUE(lake_info.ok()) << lake_info.status().ToString();
  scans->log_types = TypesOf((*log_info)->columns);
  scans->state_types = TypesOf((*state_info)->columns);
  scans->lake_types = TypesOf(lake_info->columns);

  LogScanOptions log_options;
  log_options.metadata_columns = true;
  // Opening pins the offsets; every fetch happens in get_next, after the
  // client is gone.
  Status st = client.ScanLog(kLogTable, log_options, &scans->log);
  ASSERT_TRUE(st.ok()) << st.ToString();
  st = client.ScanCurrentState(kStateTable, LogScanOptions{}, &scans->state);
  ASSERT_TRUE(st.ok()) << st.ToString();
  LakeScanOptions lake_options;
  lake_options.snapshot_id = lake_info->snapshot_id;
  st = client.ScanLake(kLakeTable, lake_options, &scans->lake);
  ASSERT_TRUE(st.ok()) << st.ToString();
}

TEST(LifetimeIT, StreamsOutliveTheClient) {
  // The reference: drained while the client lives.
  OpenedScans live;
  auto client = OpenClient();
  ASSERT_NE(client, nullptr);
  ASSERT_NO_FATAL_FAILURE(OpenAll(*client, &live));
  StreamRows live_log = DrainStream(&live.log, live.log_types);
  StreamRows live_state = DrainStream(&live.state, live.state_types);
  StreamRows live_lake = DrainStream(&live.lake, live.lake_types);
  ASSERT_TRUE(live_log.status.ok()) << live_log.status.ToString();
  ASSERT_TRUE(live_state.status.ok()) << live_state.status.ToString();
  ASSERT_TRUE(live_lake.status.ok()) << live_lake.status.ToString();
  EXPECT_EQ(live_log.rows.size(), 40000u);
  EXPECT_GT(live_state.rows.size(), 0u);
  EXPECT_GT(live_lake.rows.size(), 0u);

  // The same scans, opened and then orphaned: the client goes first.
  OpenedScans orphaned;
  ASSERT_NO_FATAL_FAILURE(OpenAll(*client, &orphaned));
  client.reset();
  StreamRows log = DrainStream(&orphaned.log, orphaned.log_types);
  StreamRows state = DrainStream(&orphaned.state, orphaned.state_types);
  StreamRows lake = DrainStream(&orphaned.lake, orphaned.lake_types);
  ASSERT_TRUE(log.status.ok()) << log.status.ToString();
  ASSERT_TRUE(state.status.ok()) << state.status.ToString();
  ASSERT_TRUE(lake.status.ok()) << lake.status.ToString();
  EXPECT_EQ(log.columns, live_log.columns);
  EXPECT_EQ(SortedRows(log), SortedRows(live_log));
  EXPECT_EQ(SortedRows(state), SortedRows(live_state));
  EXPECT_EQ(SortedRows(lake), SortedRows(live_lake));
}

// A stream released unread after its client is gone frees everything too
// (ASan's leak check sees the connections and their reader threads go).
TEST(LifetimeIT, UnreadStreamReleasedAfterTheClient) {
  OpenedScans scans;
  auto client = OpenClient();
  ASSERT_NE(client, nullptr);
  ASSERT_NO_FATAL_FAILURE(OpenAll(*client, &scans));
  client.reset();
  scans.log.release(&scans.log);
  scans.state.release(&scans.state);
  scans.lake.release(&scans.lake);
  EXPECT_EQ(scans.log.release, nullptr);
}

}  // namespace
}  // namespace fluss_native::it
