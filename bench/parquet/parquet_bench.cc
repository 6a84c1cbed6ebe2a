// Decode-throughput driver for the Parquet reader: reads a file (all or some
// columns) several times and prints the best CPU time as one JSON line.
//
//   parquet_bench FILE [COL,COL,...|all] [repetitions=3] [batch_size=65536]
#include <time.h>

#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include "format/parquet/file_reader.h"

using namespace fluss_native::parquet;

namespace {

double CpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + ts.tv_nsec * 1e-9;
}

std::vector<std::string> SplitColumns(const std::string& arg) {
  std::vector<std::string> out;
  if (arg == "all") return out;
  std::stringstream ss(arg);
  std::string c;
  while (std::getline(ss, c, ',')) out.push_back(c);
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s FILE [COLS|all] [repetitions] [batch_size]\n", argv[0]);
    return 2;
  }
  ReadOptions opts;
  opts.columns = SplitColumns(argc > 2 ? argv[2] : "all");
  int reps = argc > 3 ? std::atoi(argv[3]) : 3;
  opts.batch_size = argc > 4 ? std::atoll(argv[4]) : 65536;
  double best = 1e100;
  int64_t rows = 0;
  for (int r = 0; r < reps; ++r) {
    double start = CpuSeconds();
    auto file = OpenLocalFile(argv[1]);
    if (!file.ok()) {
      std::fprintf(stderr, "%s\n", file.status().ToString().c_str());
      return 1;
    }
    auto reader = ParquetFileReader::Open(*file);
    if (!reader.ok()) {
      std::fprintf(stderr, "%s\n", reader.status().ToString().c_str());
      return 1;
    }
    auto batches = (*reader)->NewBatchReader(opts);
    if (!batches.ok()) {
      std::fprintf(stderr, "%s\n", batches.status().ToString().c_str());
      return 1;
    }
    rows = 0;
    while (true) {
      ArrowArray batch;
      auto more = (*batches)->Next(&batch);
      if (!more.ok()) {
        std::fprintf(stderr, "%s\n", more.status().ToString().c_str());
        return 1;
      }
      if (!*more) break;
      rows += batch.length;
      batch.release(&batch);
    }
    double elapsed = CpuSeconds() - start;
    if (elapsed < best) best = elapsed;
  }
  std::printf("{\"rows\": %lld, \"cpu_seconds\": %.6f}\n", static_cast<long long>(rows), best);
  return 0;
}
