// One filtered (or unfiltered) scan through Client::Scan, timed: prints one
// JSON line with rows, bytes read per tier, row groups kept/total, lake
// files kept/total, wall and CPU seconds. With --files it prints the lake
// files of the plan instead (one path a line), for DuckDB to read the same.
//
//   filter_bench --bootstrap HOST:PORT --table db.t [--where TEXT] [--tier lake|union|log]
//                [--columns a,b] [--files] [--repeat N]
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>

#include "fluss_native/client.h"

using namespace fluss_native;

namespace {

double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

int Fail(const std::string& what) {
  std::cerr << "filter_bench: " << what << "\n";
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::string bootstrap, table, where, tier = "lake", columns;
  bool files = false;
  int repeat = 1;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--bootstrap") bootstrap = next();
    else if (a == "--table") table = next();
    else if (a == "--where") where = next();
    else if (a == "--tier") tier = next();
    else if (a == "--columns") columns = next();
    else if (a == "--files") files = true;
    else if (a == "--repeat") repeat = std::stoi(next());
    else return Fail("unknown argument " + a);
  }
  auto dot = table.find('.');
  if (bootstrap.empty() || dot == std::string::npos) return Fail("needs --bootstrap and --table db.t");
  TablePath path{table.substr(0, dot), table.substr(dot + 1)};
  ClientConfig config;
  config.bootstrap_servers = {bootstrap};
  auto client = Client::Open(config);
  if (!client.ok()) return Fail(client.status().ToString());
  ScanSpec spec;
  spec.tier = tier == "union" ? ScanTier::kUnion : tier == "log" ? ScanTier::kLog : ScanTier::kLake;
  if (!where.empty()) {
    auto p = ParsePredicate(where);
    if (!p.ok()) return Fail(p.status().ToString());
    spec.predicate = *p;
  }
  for (size_t at = 0; !columns.empty() && at <= columns.size();) {
    size_t comma = columns.find(',', at);
    if (comma == std::string::npos) comma = columns.size();
    spec.columns.push_back(columns.substr(at, comma - at));
    at = comma + 1;
  }
  if (files) {
    auto plan = (*client)->Plan(path, spec);
    if (!plan.ok()) return Fail(plan.status().ToString());
    for (const auto& s : plan->splits) {
      for (const auto& f : s.lake_files) std::cout << f.path << "\n";
    }
    return 0;
  }
  for (int r = 0; r < repeat; ++r) {
    auto plan = (*client)->Plan(path, spec);
    if (!plan.ok()) return Fail(plan.status().ToString());
    spec.read.metrics = std::make_shared<ScanMetrics>();
    const double cpu0 = CpuSeconds();
    const auto t0 = std::chrono::steady_clock::now();
    ArrowArrayStream stream;
    Status st = (*client)->Scan(path, spec, &stream);
    if (!st.ok()) return Fail(st.ToString());
    int64_t rows = 0;
    for (;;) {
      ArrowArray batch{};
      if (stream.get_next(&stream, &batch) != 0) return Fail(stream.get_last_error(&stream));
      if (!batch.release) break;
      rows += batch.length;
      batch.release(&batch);
    }
    stream.release(&stream);
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const double cpu = CpuSeconds() - cpu0;
    const ScanMetrics& m = *spec.read.metrics;
    std::printf(
        "{\"rows\": %lld, \"wall_s\": %.4f, \"cpu_s\": %.4f, \"lake_bytes\": %lld, \"log_bytes\": %lld, "
        "\"row_groups_kept\": %lld, \"row_groups_total\": %lld, \"files_kept\": %lld, \"files_total\": %lld, "
        "\"partitions_kept\": %lld, \"partitions_total\": %lld, \"pages_kept\": %lld, \"pages_total\": %lld, "
        "\"pages_skipped\": %lld, \"rows_skipped\": %lld}\n",
        static_cast<long long>(rows), wall, cpu, static_cast<long long>(m.lake_bytes_read.load()),
        static_cast<long long>(m.log_bytes_fetched.load()), static_cast<long long>(m.row_groups_kept.load()),
        static_cast<long long>(m.row_groups_total.load()), static_cast<long long>(plan->pruning.lake_files.kept),
        static_cast<long long>(plan->pruning.lake_files.total),
        static_cast<long long>(plan->pruning.partitions.kept),
        static_cast<long long>(plan->pruning.partitions.total), static_cast<long long>(m.pages_kept.load()),
        static_cast<long long>(m.pages_total.load()), static_cast<long long>(m.pages_skipped.load()),
        static_cast<long long>(m.rows_skipped.load()));
  }
  return 0;
}
