// fluss-native's side of bench/union-read: one union read (Client::Scan with
// a default ScanSpec: the readable lake snapshot plus the log tail up to the
// offsets pinned at planning, primary-key buckets merged by key) of a whole
// table through the public ArrowArrayStream, counting rows and touching
// nothing else. Prints one JSON line:
//   {"rows":..,"wall_s":..,"cpu_s":..,"peak_rss_mib":..,"budget_mib":..,
//    "lake_snapshot_id":..,"tail_log_records":..,"splits":..}
// (the last three from a Plan made before the timed read: the log records
// the tail holds, i.e. the sum of stop - start over the planned log ranges).
// cpu_s is getrusage(RUSAGE_SELF) user+system around the scan (all threads);
// peak_rss_mib is ru_maxrss of the whole process (so it includes start-up).
// Usage: union_read_bench BOOTSTRAP DB.TABLE [MEMORY_BUDGET_MIB [SPILL_DIR]]
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
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
  if (rows < 0) return 1;
  std::printf("{\"rows\":%lld,\"wall_s\":%.3f,\"cpu_s\":%.3f,\"peak_rss_mib\":%.1f,\"budget_mib\":%lld,"
              "\"lake_snapshot_id\":%lld,\"tail_log_records\":%lld,\"splits\":%zu}\n",
              static_cast<long long>(rows), wall, cpu, PeakRssMib(),
              static_cast<long long>(spec.read.memory_budget_bytes >> 20),
              static_cast<long long>(plan->lake_snapshot_id.value_or(-1)),
              static_cast<long long>(tail_records), plan->splits.size());
  return 0;
}
