// Decode-throughput driver for the Parquet reader: reads a file (all or some
// columns) several times and prints the best CPU time as one JSON line.
//
//   parquet_bench FILE [COL,COL,...|all] [repetitions=3] [batch_size=65536] [check]
//
// With "check", one more (untimed) pass computes a checksum per projected
// column, printed as "checks": {"col": [nulls, checksum]}; run.py computes
// the same from pyarrow's and DuckDB's results. The checksum is, over the
// non-null rows r (0-based, whole file), the sum of (r + 1) * h(value) mod
// 2^64, where h is: the integer value (sign-extended) for integer, date and
// timestamp columns; the IEEE bit pattern for float/double; the low 64 bits
// of the unscaled value for decimals; 1 for true and 2 for false; byte sum *
// 1000003 + length for strings/binary; the length for lists, whose element
// checksum (same definition, elements numbered across the file) is added on.
// nulls counts null rows, plus null elements for lists.
#include <time.h>

#include <cstdio>
#include <functional>
#include <cstdlib>
#include <cstring>
#include <type_traits>
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

struct Check {
  uint64_t nulls = 0;
  uint64_t sum = 0;
  uint64_t rows = 0;  // rows (or list elements) seen so far
  Check* child = nullptr;
};

bool Valid(const ArrowArray& a, int64_t i) {
  const auto* bits = static_cast<const uint8_t*>(a.buffers[0]);
  if (a.null_count == 0 || bits == nullptr) return true;
  int64_t j = i + a.offset;
  return (bits[j >> 3] >> (j & 7)) & 1;
}

template <typename T>
uint64_t Load(const ArrowArray& a, int64_t i) {
  T v;
  std::memcpy(&v, static_cast<const uint8_t*>(a.buffers[1]) + (i + a.offset) * sizeof(T), sizeof(T));
  if constexpr (std::is_signed_v<T>) {
    return static_cast<uint64_t>(static_cast<int64_t>(v));
  } else {
    return static_cast<uint64_t>(v);
  }
}

// Adds rows [0, a.length) of `a` to `c`; false for a format it cannot hash.
bool Accumulate(const ArrowSchema& s, const ArrowArray& a, Check* c) {
  const std::string f = s.format;
  for (int64_t i = 0; i < a.length; ++i) {
    uint64_t r = c->rows + static_cast<uint64_t>(i) + 1;
    if (!Valid(a, i)) {
      ++c->nulls;
      continue;
    }
    const int64_t j = i + a.offset;
    uint64_t h;
    if (f == "b") {
      const auto* bits = static_cast<const uint8_t*>(a.buffers[1]);
      h = ((bits[j >> 3] >> (j & 7)) & 1) ? 1 : 2;
    } else if (f == "c") {
      h = Load<int8_t>(a, i);
    } else if (f == "s") {
      h = Load<int16_t>(a, i);
    } else if (f == "i" || f == "tdD" || f == "ttm") {
      h = Load<int32_t>(a, i);
    } else if (f == "l" || f == "ttu" || f == "ttn" || f.rfind("ts", 0) == 0) {
      h = Load<int64_t>(a, i);
    } else if (f == "f") {
      h = Load<uint32_t>(a, i);
    } else if (f == "g") {
      h = Load<uint64_t>(a, i);
    } else if (f.rfind("d:", 0) == 0) {
      std::memcpy(&h, static_cast<const uint8_t*>(a.buffers[1]) + j * 16, 8);
    } else if (f == "u" || f == "z") {
      const auto* off = static_cast<const int32_t*>(a.buffers[1]);
      const auto* data = static_cast<const uint8_t*>(a.buffers[2]);
      uint64_t bytes = 0;
      for (int32_t k = off[j]; k < off[j + 1]; ++k) bytes += data[k];
      h = bytes * 1000003u + static_cast<uint64_t>(off[j + 1] - off[j]);
    } else if (f == "+l") {
      const auto* off = static_cast<const int32_t*>(a.buffers[1]);
      h = static_cast<uint64_t>(off[j + 1] - off[j]);
    } else {
      return false;
    }
    c->sum += r * h;
  }
  if (f == "+l" && a.length > 0) {
    // The elements under this batch's lists, numbered across the file.
    const auto* off = static_cast<const int32_t*>(a.buffers[1]) + a.offset;
    ArrowArray child = *a.children[0];
    child.offset += off[0];
    child.length = off[a.length] - off[0];
    if (child.null_count != 0) child.null_count = -1;
    if (c->child == nullptr || !Accumulate(*s.children[0], child, c->child)) return false;
  }
  c->rows += static_cast<uint64_t>(a.length);
  return true;
}

// Reads the projection of `path` batch by batch; `schema`, when given,
// receives the projection's schema before the first batch.
fluss_native::Status ReadFile(const char* path, const ReadOptions& opts, ArrowSchema* schema,
                              const std::function<fluss_native::Status(const ArrowArray&)>& on_batch) {
  FN_ASSIGN_OR_RETURN(auto file, OpenLocalFile(path));
  FN_ASSIGN_OR_RETURN(auto reader, ParquetFileReader::Open(file));
  if (schema != nullptr) FN_RETURN_IF_ERROR(reader->GetArrowSchema(opts.columns, schema));
  FN_ASSIGN_OR_RETURN(auto batches, reader->NewBatchReader(opts));
  while (true) {
    ArrowArray batch;
    FN_ASSIGN_OR_RETURN(bool more, batches->Next(&batch));
    if (!more) return fluss_native::Status::OK();
    fluss_native::Status st = on_batch(batch);
    batch.release(&batch);
    FN_RETURN_IF_ERROR(st);
  }
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
  const bool check = argc > 5 && std::string(argv[5]) == "check";
  double best = 1e100;
  int64_t rows = 0;
  for (int r = 0; r < reps; ++r) {
    double start = CpuSeconds();
    rows = 0;
    auto st = ReadFile(argv[1], opts, nullptr, [&rows](const ArrowArray& batch) {
      rows += batch.length;
      return fluss_native::Status::OK();
    });
    if (!st.ok()) {
      std::fprintf(stderr, "%s\n", st.ToString().c_str());
      return 1;
    }
    double elapsed = CpuSeconds() - start;
    if (elapsed < best) best = elapsed;
  }
  std::string checks;
  if (check) {
    ArrowSchema schema;
    schema.release = nullptr;
    // One Check per column plus one per nesting level below it (the pool is
    // sized once the schema is known, before the first batch).
    std::vector<Check> pool;
    auto st = ReadFile(argv[1], opts, &schema, [&schema, &pool](const ArrowArray& batch) {
      if (pool.empty()) {
        pool.resize(static_cast<size_t>(schema.n_children) * 8);
        for (int64_t c = 0; c < schema.n_children; ++c) {
          for (int d = 0; d < 7; ++d) pool[c * 8 + d].child = &pool[c * 8 + d + 1];
        }
      }
      for (int64_t c = 0; c < schema.n_children; ++c) {
        if (!Accumulate(*schema.children[c], *batch.children[c], &pool[c * 8])) {
          return fluss_native::Status::Unsupported(std::string("no checksum for format '") +
                                                   schema.children[c]->format + "'");
        }
      }
      return fluss_native::Status::OK();
    });
    if (!st.ok()) {
      std::fprintf(stderr, "%s\n", st.ToString().c_str());
      if (schema.release) schema.release(&schema);
      return 1;
    }
    pool.resize(static_cast<size_t>(schema.n_children) * 8);
    checks = ", \"checks\": {";
    for (int64_t c = 0; c < schema.n_children; ++c) {
      uint64_t nulls = 0, sum = 0;
      for (int d = 0; d < 8; ++d) {
        nulls += pool[c * 8 + d].nulls;
        sum += pool[c * 8 + d].sum;
      }
      char buf[256];
      std::snprintf(buf, sizeof buf, "%s\"%s\": [%llu, %llu]", c ? ", " : "", schema.children[c]->name,
                    static_cast<unsigned long long>(nulls), static_cast<unsigned long long>(sum));
      checks += buf;
    }
    checks += "}";
    schema.release(&schema);
  }
  std::printf("{\"rows\": %lld, \"cpu_seconds\": %.6f%s}\n", static_cast<long long>(rows), best,
              checks.c_str());
  return 0;
}
