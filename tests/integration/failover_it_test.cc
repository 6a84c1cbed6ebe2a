// Kills the leader of the bucket being scanned, mid-scan, with kill -9. The
// table has replication factor 2, so a follower takes over; the scan must
// finish with exactly the rows the Java client read before the failure.
// Runs after every other integration test (ctest DEPENDS): it leaves the
// cluster one tablet server short. The second test then kills the leader
// of a planned split's bucket (the last server, once the first test ran)
// and cancels the scan blocked in its failover.
#include <signal.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "format/arrow/c_export.h"
#include "integration/it_env.h"

namespace fluss_native::it {
namespace {

using nlohmann::json;

int PidOfServer(int server_id) {
  json cluster = json::parse(ReadFile(std::string(FN_IT_DIR) + "/cluster.json"));
  for (const auto& ts : cluster["tablet_servers"]) {
    if (ts["id"].get<int>() == server_id) return ts["pid"].get<int>();
  }
  return -1;
}

TEST(FailoverIT, KillingTheLeaderMidScanLosesAndRepeatsNothing) {
  const std::string key = "fn_types.log_big";
  std::vector<json> java = ReadJsonLines(std::string(FN_IT_DIR) + "/rows/" + key + ".jsonl");
  ASSERT_GT(java.size(), 10000u);
  auto client = OpenClient();
  ASSERT_NE(client, nullptr);
  auto path = *TablePath::Parse(key);
  LogScanOptions options;
  options.columns = {"id"};
  options.metadata_columns = true;
  // Small fetches: the scan needs many round trips, most after the kill.
  options.fetch_max_bytes = 32 << 10;
  options.bucket_max_bytes = 32 << 10;
  ArrowArrayStream stream;
  ASSERT_TRUE(client->ScanLog(path, options, &stream).ok());

  std::vector<int64_t> offsets;
  std::vector<std::optional<int64_t>> ids;
  bool killed = false;
  while (true) {
    arrow::UniqueArrowArray batch;
    ASSERT_EQ(stream.get_next(&stream, batch.get()), 0) << stream.get_last_error(&stream);
    if (!batch.valid()) break;
    const ArrowArray& b = *batch.get();
    const ArrowArray& id = *b.children[0];
    const ArrowArray& off = *b.children[1];
    for (int64_t i = 0; i < b.length; ++i) {
      int64_t at = id.offset + i;
      bool valid = id.buffers[0] == nullptr ||
                   (static_cast<const uint8_t*>(id.buffers[0])[at / 8] >> (at % 8)) & 1;
      ids.push_back(valid ? std::optional<int64_t>(static_cast<const int64_t*>(id.buffers[1])[at])
                          : std::nullopt);
      offsets.push_back(static_cast<const int64_t*>(off.buffers[1])[off.offset + i]);
    }
    if (!killed && offsets.size() >= 2000) {
      auto buckets = client->catalog().GetBucketLocations(path);
      ASSERT_TRUE(buckets.ok()) << buckets.status().ToString();
      int leader = (*buckets)[0].leader;
      int pid = PidOfServer(leader);
      ASSERT_GT(pid, 0) << "no pid for tablet server " << leader;
      ASSERT_EQ(kill(pid, SIGKILL), 0);
      killed = true;
      std::cerr << "killed tablet server " << leader << " (pid " << pid << ") after " << offsets.size()
                << " rows\n";
    }
  }
  stream.release(&stream);
  ASSERT_TRUE(killed);
  ASSERT_EQ(offsets.size(), java.size());
  for (size_t i = 0; i < java.size(); ++i) {
    ASSERT_EQ(offsets[i], java[i]["offset"].get<int64_t>()) << i;
    const json& want = java[i]["row"]["id"];
    ASSERT_EQ(ids[i].has_value(), !want.is_null()) << i;
    if (ids[i]) ASSERT_EQ(*ids[i], want.get<int64_t>()) << i;
  }
}

// A host's Cancel() reaches a scan blocked on a dead leader: the split is
// planned, its bucket's leader is killed, and get_next, which waits in the
// failover loop (fetch refused, backoff, leader lookup, again), returns
// Cancelled soon after another thread cancels it, not after the 60 s
// failover timeout. Later get_next calls return the same error.
TEST(FailoverIT, CancelEndsAScanBlockedOnADeadLeader) {
  using Clock = std::chrono::steady_clock;
  auto client = OpenClient();
  ASSERT_NE(client, nullptr);
  auto path = *TablePath::Parse("fn_types.log_big");
  ScanSpec spec;
  spec.columns = {"id"};
  spec.buckets = {0};
  spec.tier = ScanTier::kLog;
  auto plan = client->Plan(path, spec);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  ASSERT_EQ(plan->splits.size(), 1u);
  auto buckets = client->catalog().GetBucketLocations(path);
  ASSERT_TRUE(buckets.ok()) << buckets.status().ToString();
  const int leader = (*buckets)[0].leader;
  const int pid = PidOfServer(leader);
  ASSERT_GT(pid, 0) << "no pid for tablet server " << leader;
  ASSERT_EQ(kill(pid, SIGKILL), 0);
  std::cerr << "killed tablet server " << leader << " (pid " << pid << "), the leader of bucket 0\n";

  SplitReadOptions read;
  read.cancel = std::make_shared<CancellationToken>();
  ArrowArrayStream stream;
  ASSERT_TRUE(client->OpenSplit(plan->splits[0], &stream, read).ok());
  std::atomic<Clock::rep> cancelled_at{0};
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(500));  // well into the failover loop
    cancelled_at = Clock::now().time_since_epoch().count();
    read.cancel->Cancel();
  });
  const auto start = Clock::now();
  arrow::UniqueArrowArray batch;
  const int rc = stream.get_next(&stream, batch.get());
  const auto end = Clock::now();
  canceller.join();
  const auto latency = end - Clock::time_point(Clock::duration(cancelled_at.load()));
  std::cerr << "get_next blocked " << std::chrono::duration_cast<std::chrono::milliseconds>(end - start).count()
            << " ms; returned "
            << std::chrono::duration_cast<std::chrono::microseconds>(latency).count() / 1000.0
            << " ms after Cancel()\n";
  ASSERT_NE(rc, 0) << "the scan of a bucket whose leader is dead produced a batch";
  const std::string error = stream.get_last_error(&stream);
  EXPECT_EQ(error.rfind("Cancelled: ", 0), 0u) << error;
  EXPECT_NE(error.find("fn_types.log_big"), std::string::npos) << error;
  EXPECT_GE(end - start, std::chrono::milliseconds(500));  // it was blocked until the cancel
  EXPECT_LT(latency, std::chrono::seconds(1));  // the bound is 100 ms; loose here, the figure is printed
  arrow::UniqueArrowArray again;
  EXPECT_EQ(stream.get_next(&stream, again.get()), rc);
  EXPECT_EQ(stream.get_last_error(&stream), error);
  stream.release(&stream);
}

}  // namespace
}  // namespace fluss_native::it
