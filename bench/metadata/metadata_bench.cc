// fluss-native's side of bench/metadata: describe latency cold (cache
// invalidated before every call, so each is a GetTableInfo round trip) and
// cached, and list-tables latency, over the bench_meta database's tables.
// Prints one JSON object. Usage: metadata_bench BOOTSTRAP TABLES ITERATIONS
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <random>

#include "fluss_native/client.h"

using namespace fluss_native;
using Clock = std::chrono::steady_clock;

namespace {

double Percentile(std::vector<double> xs, int p) {
  std::sort(xs.begin(), xs.end());
  size_t rank = static_cast<size_t>(std::ceil(p / 100.0 * static_cast<double>(xs.size())));
  return xs[std::min(xs.size() - 1, rank == 0 ? 0 : rank - 1)];
}

double Round3(double v) { return std::round(v * 1000) / 1000; }

std::string Name(int i) {
  char buf[16];
  std::snprintf(buf, sizeof(buf), "t%04d", i);
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::cerr << "usage: metadata_bench BOOTSTRAP TABLES ITERATIONS\n";
    return 2;
  }
  ClientConfig config;
  config.bootstrap_servers = {argv[1]};
  int tables = std::atoi(argv[2]);
  int iterations = std::atoi(argv[3]);
  auto start_open = Clock::now();
  auto client = Client::Open(config);
  double open_ms = std::chrono::duration<double, std::milli>(Clock::now() - start_open).count();
  if (!client.ok()) {
    std::cerr << client.status().ToString() << "\n";
    return 1;
  }
  Catalog& catalog = (*client)->catalog();
  std::mt19937 rng(42);
  std::uniform_int_distribution<int> pick(0, tables - 1);
  auto time_ms = [](auto&& fn) {
    auto s = Clock::now();
    fn();
    return std::chrono::duration<double, std::milli>(Clock::now() - s).count();
  };
  for (int i = 0; i < 20; ++i) catalog.GetTable({"bench_meta", Name(pick(rng))});  // warm-up

  std::vector<double> cold, cached, list_cold, list_cached;
  for (int i = 0; i < iterations; ++i) {
    TablePath path{"bench_meta", Name(pick(rng))};
    catalog.InvalidateAll();
    cold.push_back(time_ms([&] {
      if (!catalog.GetTable(path).ok()) std::abort();
    }));
    cached.push_back(time_ms([&] { catalog.GetTable(path); }));
  }
  for (int i = 0; i < std::max(20, iterations / 10); ++i) {
    catalog.InvalidateAll();
    size_t n = 0;
    list_cold.push_back(time_ms([&] {
      auto r = catalog.ListTables("bench_meta");
      n = r.ok() ? r->size() : 0;
    }));
    if (n < static_cast<size_t>(tables)) {
      std::cerr << "list tables returned " << n << " tables\n";
      return 1;
    }
    list_cached.push_back(time_ms([&] { catalog.ListTables("bench_meta"); }));
  }
  nlohmann::ordered_json out;
  out["open_ms"] = Round3(open_ms);
  out["describe_cold_p50_ms"] = Round3(Percentile(cold, 50));
  out["describe_cold_p95_ms"] = Round3(Percentile(cold, 95));
  out["describe_cached_p50_ms"] = Round3(Percentile(cached, 50));
  out["describe_cached_p95_ms"] = Round3(Percentile(cached, 95));
  out["list_tables_p50_ms"] = Round3(Percentile(list_cold, 50));
  out["list_tables_p95_ms"] = Round3(Percentile(list_cold, 95));
  out["list_tables_cached_p50_ms"] = Round3(Percentile(list_cached, 50));
  out["list_tables_cached_p95_ms"] = Round3(Percentile(list_cached, 95));
  out["samples"] = cold.size();
  std::cout << out.dump() << "\n";
  return 0;
}
