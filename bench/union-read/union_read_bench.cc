// fluss-native's side of bench/union-read: one union read (Client::Scan with
// a default ScanSpec: the readable lake snapshot plus the log tail up to the
// offsets pinned at planning, primary-key buckets merged by key) of a whole
// table through the public ArrowArrayStream, counting rows and touching
// nothing else. Prints one JSON line:
//   {"rows":..,"wall_s":..,"cpu_s":..,"peak_rss_mib":..,"budget_mib":..,
//    "lake_snapshot_id":..,"tail_log_records":..,"splits":..,"spill_peak_mib":..}
// (the last three from a Plan made before the timed read: the log records
// the tail holds, i.e. the sum of stop - start over the planned log ranges).
// cpu_s is getrusage(RUSAGE_SELF) user+system around the scan (all threads);
// peak_rss_mib is ru_maxrss of the whole process (so it includes start-up).
// With SPILL_DIR, spill_peak_mib is the most bytes a 5 ms poll saw under it
// (the bench's own thread; the poll's CPU is in cpu_s, a few percent).
// Usage: union_read_bench BOOTSTRAP DB.TABLE [MEMORY_BUDGET_MIB [SPILL_DIR]]
#include <sys/resource.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <thread>
#include <cstdlib>
#include <iostream>

#include "fluss_native/client.h"
#include "fluss_native/scan.h"

using namespace fluss_native;

namespace {

double CpuSeconds() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
         static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

double PeakRssMib() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_maxrss) / 1024.0;  // Linux: KiB
}

// Returns the row count, or -1 on error (printed).
int64_t Drain(ArrowArrayStream& stream) {
  int64_t rows = 0;
  for (;;) {
    ArrowArray batch{};
    if (int rc = stream.get_next(&stream, &batch); rc != 0) {
      const char* err = stream.get_last_error(&stream);
      std::cerr << "get_next: " << (err ? err : "error") << " (" << rc << ")\n";
      return -1;
    }
    if (batch.release == nullptr) return rows;  // end of stream
    rows += batch.length;
    batch.release(&batch);
  }
}

// Bytes of all files under `dir` (spill runs live in a private directory the
// read makes there); errors (a file vanishing mid-walk) count as zero.
int64_t BytesUnder(const std::string& dir) {
  std::error_code ec;
  int64_t total = 0;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    std::error_code size_ec;
    if (it->is_regular_file(size_ec)) {
      auto n = it->file_size(size_ec);
      if (!size_ec) total += static_cast<int64_t>(n);
    }
  }
  return total;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: union_read_bench BOOTSTRAP DB.TABLE [MEMORY_BUDGET_MIB [SPILL_DIR]]\n";
    return 2;
  }
  ClientConfig config;
  config.bootstrap_servers = {argv[1]};
  auto path = TablePath::Parse(argv[2]);
  if (!path.ok()) {
    std::cerr << path.status().ToString() << "\n";
    return 2;
  }
  ScanSpec spec;
  spec.tier = ScanTier::kUnion;  // a benchmark of the union read: never fall back silently
  if (argc > 3) spec.read.memory_budget_bytes = std::atoll(argv[3]) << 20;
  if (argc > 4) spec.read.spill_directory = argv[4];
  auto client = Client::Open(config);
  if (!client.ok()) {
    std::cerr << client.status().ToString() << "\n";
    return 1;
  }
  // The plan alone (outside the timed read) says what the read covers: the
  // lake snapshot and the log records of the tail.
  auto plan = (*client)->Plan(path.value(), spec);
  if (!plan.ok()) {
    std::cerr << "Plan: " << plan.status().ToString() << "\n";
    return 1;
  }
  int64_t tail_records = 0;
  for (const PlannedLogRange& r : plan->log_ranges) tail_records += r.stop_offset - r.start_offset;
  // Evidence that the merge spilled: the most bytes seen under the spill
  // directory, polled every 5 ms by this bench (not by the library).
  std::atomic<bool> done{false};
  std::atomic<int64_t> spill_peak{0};
  std::thread poller;
  if (!spec.read.spill_directory.empty()) {
    poller = std::thread([&] {
      while (!done.load()) {
        int64_t b = BytesUnder(spec.read.spill_directory);
        if (b > spill_peak.load()) spill_peak.store(b);
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
    });
  }
  double cpu0 = CpuSeconds();
  auto wall0 = std::chrono::steady_clock::now();
  ArrowArrayStream stream{};
  if (Status st = (*client)->Scan(path.value(), spec, &stream); !st.ok()) {
    std::cerr << "Scan: " << st.ToString() << "\n";
    return 1;
  }
  int64_t rows = Drain(stream);
  stream.release(&stream);
  double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
  double cpu = CpuSeconds() - cpu0;
  done.store(true);
  if (poller.joinable()) poller.join();
  if (rows < 0) return 1;
  std::printf("{\"rows\":%lld,\"wall_s\":%.3f,\"cpu_s\":%.3f,\"peak_rss_mib\":%.1f,\"budget_mib\":%lld,"
              "\"lake_snapshot_id\":%lld,\"tail_log_records\":%lld,\"splits\":%zu,\"spill_peak_mib\":%.1f}\n",
              static_cast<long long>(rows), wall, cpu, PeakRssMib(),
              static_cast<long long>(spec.read.memory_budget_bytes >> 20),
              static_cast<long long>(plan->lake_snapshot_id.value_or(-1)),
              static_cast<long long>(tail_records), plan->splits.size(),
              static_cast<double>(spill_peak.load()) / (1 << 20));
  return 0;
}
