// fluss-native's side of bench/lookup/run.sh: Client::Lookup latency.
//   lookup_bench BOOTSTRAP DB.TABLE KEYS_FILE BATCH ITERATIONS WARMUP
// KEYS_FILE: JSON lines, each an array of primary-key values (INT/BIGINT
// numbers or strings). Each iteration looks up BATCH keys (round-robin over
// the file) in one call and drains the stream. Prints one JSON line:
// {"peer":"native","batch":..,"p50_us":..,"p99_us":..,"p999_us":..,"lookups_per_s":..,"rows_found":..}
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "fluss_native/client.h"

using namespace fluss_native;

int main(int argc, char** argv) {
  if (argc < 7) {
    std::fprintf(stderr, "usage: lookup_bench BOOTSTRAP DB.TABLE KEYS_FILE BATCH ITERATIONS WARMUP\n");
    return 2;
  }
  std::string table_name = argv[2];
  int batch = std::stoi(argv[4]), iterations = std::stoi(argv[5]), warmup = std::stoi(argv[6]);
  auto path = TablePath::Parse(table_name);
  if (!path.ok()) return 2;
  std::vector<std::vector<Literal>> keys;
  std::ifstream in(argv[3]);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::vector<Literal> key;
    for (const auto& v : nlohmann::json::parse(line)) {
      key.push_back(v.is_string() ? Literal::String(v.get<std::string>()) : Literal::Integer(v.get<int64_t>()));
    }
    keys.push_back(std::move(key));
  }
  if (keys.empty()) return 2;
  ClientConfig config;
  config.bootstrap_servers = {argv[1]};
  auto client = Client::Open(config);
  if (!client.ok()) {
    std::fprintf(stderr, "%s\n", client.status().ToString().c_str());
    return 1;
  }
  std::vector<int64_t> latencies;
  size_t next = 0;
  int64_t found = 0;
  auto start = std::chrono::steady_clock::now();
  for (int it = -warmup; it < iterations; ++it) {
    if (it == 0) start = std::chrono::steady_clock::now();
    std::vector<std::vector<Literal>> batch_keys;
    for (int k = 0; k < batch; ++k) {
      batch_keys.push_back(keys[next]);
      next = (next + 1) % keys.size();
    }
    auto t0 = std::chrono::steady_clock::now();
    ArrowArrayStream stream;
    Status st = (*client)->Lookup(*path, batch_keys, {}, &stream);
    if (!st.ok()) {
      std::fprintf(stderr, "%s\n", st.ToString().c_str());
      return 1;
    }
    while (true) {
      ArrowArray array;
      if (stream.get_next(&stream, &array) != 0) {
        std::fprintf(stderr, "%s\n", stream.get_last_error(&stream));
        return 1;
      }
      if (array.release == nullptr) break;
      if (it >= 0) found += array.length;
      array.release(&array);
    }
    stream.release(&stream);
    auto t1 = std::chrono::steady_clock::now();
    if (it >= 0) latencies.push_back(std::chrono::duration_cast<std::chrono::nanoseconds>(t1 - t0).count());
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::sort(latencies.begin(), latencies.end());
  auto pct = [&](double p) {
    size_t i = std::min(latencies.size() - 1, static_cast<size_t>(latencies.size() * p));
    return latencies[i] / 1000;
  };
  nlohmann::ordered_json out = {{"peer", "native"},        {"batch", batch},          {"iterations", iterations},
                                {"p50_us", pct(0.50)},     {"p99_us", pct(0.99)},     {"p999_us", pct(0.999)},
                                {"lookups_per_s", static_cast<int64_t>(iterations * double(batch) / seconds)},
                                {"rows_found", found}};
  std::cout << out.dump() << std::endl;
  return 0;
}
