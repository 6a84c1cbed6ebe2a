// fluss-native's side of bench/log-scan: scans a whole log table (all
// columns, every bucket, earliest to the latest offsets pinned when the scan
// opens) through the public ArrowArrayStream, counting rows and touching
// nothing else. One warm-up scan, then RUNS measured scans; prints one JSON
// line per measured scan: {"rows":..,"cpu_s":..,"wall_s":..}. CPU is
// getrusage(RUSAGE_SELF) user+system around the scan only (all threads).
// Usage: log_scan_bench BOOTSTRAP DB.TABLE [RUNS]
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "fluss_native/client.h"

using namespace fluss_native;

namespace {

double CpuSeconds() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
         static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

// Returns the row count, or -1 on error (printed).
int64_t Scan(Client& client, const TablePath& path) {
  ArrowArrayStream stream{};
  Status st = client.ScanLog(path, LogScanOptions{}, &stream);
  if (!st.ok()) {
    std::cerr << "ScanLog: " << st.ToString() << "\n";
    return -1;
  }
  int64_t rows = 0;
  for (;;) {
    ArrowArray batch{};
    if (int rc = stream.get_next(&stream, &batch); rc != 0) {
      const char* err = stream.get_last_error(&stream);
      std::cerr << "get_next: " << (err ? err : "error") << " (" << rc << ")\n";
      stream.release(&stream);
      return -1;
    }
    if (batch.release == nullptr) break;  // end of stream
    rows += batch.length;
    batch.release(&batch);
  }
  stream.release(&stream);
  return rows;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: log_scan_bench BOOTSTRAP DB.TABLE [RUNS]\n";
    return 2;
  }
  ClientConfig config;
  config.bootstrap_servers = {argv[1]};
  auto path = TablePath::Parse(argv[2]);
  if (!path.ok()) {
    std::cerr << path.status().ToString() << "\n";
    return 2;
  }
  int runs = argc > 3 ? std::atoi(argv[3]) : 1;
  auto client = Client::Open(config);
  if (!client.ok()) {
    std::cerr << client.status().ToString() << "\n";
    return 1;
  }
  if (Scan(**client, path.value()) < 0) return 1;  // warm-up: connections, metadata, allocator
  for (int r = 0; r < runs; ++r) {
    double cpu0 = CpuSeconds();
    auto wall0 = std::chrono::steady_clock::now();
    int64_t rows = Scan(**client, path.value());
    double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
    double cpu = CpuSeconds() - cpu0;
    if (rows < 0) return 1;
    std::printf("{\"rows\":%lld,\"cpu_s\":%.4f,\"wall_s\":%.4f}\n", static_cast<long long>(rows), cpu,
                wall);
    std::fflush(stdout);
  }
  return 0;
}
