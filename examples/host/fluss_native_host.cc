// An example host: what a Doris BE scanner does with fluss-native, through
// the C ABI alone (fluss_native/c_api.h). It takes split files (Thrift
// TFlussFileDesc bytes, as `fluss-native plan ... --splits-out DIR` writes
// them, or as a Doris FE would send them), opens one shared client, and
// reads the splits on a pool of reader threads, each split on one thread.
// Every batch goes to a consumer that checks it is a well-formed Arrow
// struct array and counts it; the memory the library allocates goes through
// a counting hook (a MemTracker stand-in) whose peak is reported.
//
//   fluss_native_host --bootstrap H:P [--property k=v]... [--readers N]
//                     [--shard I/N] [--budget BYTES] [--fail-over BYTES]
//                     SPLIT_FILE_OR_DIR...
//
// --shard I/N reads the splits whose index (in sorted file order) is I mod
// N: two hosts with 0/2 and 1/2 read disjoint halves. --fail-over makes the
// hook refuse allocations past that many bytes (a host's limit). Prints one
// JSON object: splits, rows, batches, bytes read, a checksum of the first
// column (when it is an integer column: the count, sum and a sum of hashed
// values, each independent of order), the hook's peak and allocations.
// Exit 0 when every split was read, 1 on the first error (printed).
#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "fluss_native/c_api.h"

namespace {

// ---- The memory hook: a MemTracker that counts and may refuse ----

struct CountingHook {
  std::atomic<int64_t> current{0};
  std::atomic<int64_t> peak{0};
  std::atomic<int64_t> allocations{0};
  std::atomic<int64_t> refusals{0};
  int64_t limit = -1;  // -1: no limit
};

void* HookAllocate(void* context, size_t bytes, size_t alignment) {
  auto* hook = static_cast<CountingHook*>(context);
  int64_t now = hook->current.fetch_add(static_cast<int64_t>(bytes)) + static_cast<int64_t>(bytes);
  if (hook->limit >= 0 && now > hook->limit) {
    hook->current.fetch_sub(static_cast<int64_t>(bytes));
    hook->refusals.fetch_add(1);
    return nullptr;
  }
  int64_t peak = hook->peak.load();
  while (now > peak && !hook->peak.compare_exchange_weak(peak, now)) {
  }
  if (alignment < sizeof(void*)) alignment = sizeof(void*);
  void* p = nullptr;
  if (posix_memalign(&p, alignment, bytes == 0 ? 1 : bytes) != 0) {
    hook->current.fetch_sub(static_cast<int64_t>(bytes));
    return nullptr;
  }
  hook->allocations.fetch_add(1);
  return p;
}

void HookRelease(void* context, void* pointer, size_t bytes) {
  auto* hook = static_cast<CountingHook*>(context);
  hook->current.fetch_sub(static_cast<int64_t>(bytes));
  std::free(pointer);
}

// ---- The consumer: checks and counts batches (a Block builder's place) ----

struct Totals {
  int64_t rows = 0;
  int64_t batches = 0;
  int64_t id_count = 0;  // non-null values of the first column
  uint64_t id_sum = 0;
  uint64_t id_hash_sum = 0;
};

uint64_t Mix(uint64_t x) {  // splitmix64's finaliser
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

// The structure a consumer relies on before touching buffers: owned,
// children matching the schema's, long enough, buffers present.
bool ValidArray(const ArrowArray* a, const ArrowSchema* s, int64_t need, std::string* why) {
  if (a == nullptr || a->release == nullptr) return *why = "released or missing array", false;
  if (a->length < 0 || a->offset < 0 || a->length + a->offset < need) return *why = "length too short", false;
  if (a->n_children != s->n_children) return *why = "children do not match the schema", false;
  if (a->null_count != 0 && a->n_buffers > 0 && a->buffers[0] == nullptr && a->null_count != -1) {
    if (a->null_count > 0) return *why = "nulls without a validity buffer", false;
  }
  for (int64_t i = 1; i < a->n_buffers; ++i) {
    if (a->buffers[i] == nullptr && a->length > 0) return *why = "a data buffer is missing", false;
  }
  for (int64_t i = 0; i < a->n_children; ++i) {
    // A struct's children cover its rows; a list's children are checked for shape only.
    int64_t child_need = s->format[0] == '+' && s->format[1] == 's' ? a->length + a->offset : 0;
    if (!ValidArray(a->children[i], s->children[i], child_need, why)) return false;
  }
  return true;
}

bool Consume(const ArrowArray& batch, const ArrowSchema& schema, Totals* totals, std::string* why) {
  if (std::strcmp(schema.format, "+s") != 0) return *why = "a batch that is not a struct array", false;
  if (!ValidArray(&batch, &schema, 0, why)) return false;
  totals->rows += batch.length;
  totals->batches += 1;
  if (batch.n_children == 0) return true;
  const ArrowArray* col = batch.children[0];
  const char* format = schema.children[0]->format;
  bool is32 = std::strcmp(format, "i") == 0, is64 = std::strcmp(format, "l") == 0;
  if (!is32 && !is64) return true;
  const auto* validity = static_cast<const uint8_t*>(col->buffers[0]);
  for (int64_t r = 0; r < batch.length; ++r) {
    int64_t i = r + batch.offset + col->offset;
    if (validity != nullptr && ((validity[i / 8] >> (i % 8)) & 1) == 0) continue;
    int64_t v = is32 ? static_cast<const int32_t*>(col->buffers[1])[i] : static_cast<const int64_t*>(col->buffers[1])[i];
    totals->id_count += 1;
    totals->id_sum += static_cast<uint64_t>(v);
    totals->id_hash_sum += Mix(static_cast<uint64_t>(v));
  }
  return true;
}

// ---- Split files ----

bool EndsWith(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

std::vector<std::string> ListSplitFiles(const std::vector<std::string>& args) {
  std::vector<std::string> files;
  for (const std::string& arg : args) {
    struct stat st{};
    if (stat(arg.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
      std::vector<std::string> in_dir;
      if (DIR* d = opendir(arg.c_str())) {
        while (dirent* e = readdir(d)) {
          std::string name = e->d_name;
          if (EndsWith(name, ".thrift")) in_dir.push_back(arg + "/" + name);
        }
        closedir(d);
      }
      std::sort(in_dir.begin(), in_dir.end());
      files.insert(files.end(), in_dir.begin(), in_dir.end());
    } else {
      files.push_back(arg);
    }
  }
  return files;
}

struct Reader {
  fluss_native_client_t* client = nullptr;
  const fluss_native_read_options_t* options = nullptr;
  const std::vector<std::string>* files = nullptr;
  std::atomic<size_t> next{0};
  std::mutex mu;  // guards totals and first_error
  Totals totals;
  std::string first_error;
};

// One reader thread: takes the next split, reads it to its end.
void ReadSplits(Reader* reader) {
  for (;;) {
    size_t index = reader->next.fetch_add(1);
    if (index >= reader->files->size()) return;
    const std::string& file = (*reader->files)[index];
    std::ifstream in(file, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    std::string split = bytes.str();
    std::string error;
    Totals local;
    ArrowArrayStream stream{};
    char* err = nullptr;
    fluss_native_code_t code =
        in ? fluss_native_open_split(reader->client, split.data(), split.size(), reader->options, &stream, &err)
           : FLUSS_NATIVE_NOT_FOUND;
    if (code != FLUSS_NATIVE_OK) {
      error = file + ": " + (err != nullptr ? err : "cannot read the file");
      fluss_native_free(err);
    } else {
      ArrowSchema schema{};
      if (stream.get_schema(&stream, &schema) != 0) {
        error = file + ": " + (stream.get_last_error(&stream) ? stream.get_last_error(&stream) : "get_schema failed");
      } else {
        for (;;) {
          ArrowArray batch{};
          if (stream.get_next(&stream, &batch) != 0) {
            const char* text = stream.get_last_error(&stream);
            error = file + ": " + (text != nullptr ? text : "get_next failed");
            break;
          }
          if (batch.release == nullptr) break;
          std::string why;
          bool ok = Consume(batch, schema, &local, &why);
          batch.release(&batch);
          if (!ok) {
            error = file + ": invalid batch: " + why;
            break;
          }
        }
        schema.release(&schema);
      }
      stream.release(&stream);
    }
    std::lock_guard<std::mutex> lock(reader->mu);
    if (!error.empty() && reader->first_error.empty()) reader->first_error = error;
    reader->totals.rows += local.rows;
    reader->totals.batches += local.batches;
    reader->totals.id_count += local.id_count;
    reader->totals.id_sum += local.id_sum;
    reader->totals.id_hash_sum += local.id_hash_sum;
  }
}

int Usage() {
  std::fprintf(stderr,
               "usage: fluss_native_host --bootstrap H:P [--property k=v]... [--readers N] [--shard I/N]\n"
               "                         [--budget BYTES] [--fail-over BYTES] SPLIT_FILE_OR_DIR...\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> keys, values, inputs;
  int readers = 4, shard = 0, shards = 1;
  int64_t budget = -1, fail_over = -1;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
    if (arg == "--bootstrap") {
      const char* v = value();
      if (v == nullptr) return Usage();
      keys.push_back("bootstrap.servers");
      values.push_back(v);
    } else if (arg == "--property") {
      const char* v = value();
      const char* eq = v == nullptr ? nullptr : std::strchr(v, '=');
      if (eq == nullptr) return Usage();
      keys.emplace_back(v, eq);
      values.emplace_back(eq + 1);
    } else if (arg == "--readers") {
      const char* v = value();
      if (v == nullptr || (readers = std::atoi(v)) <= 0) return Usage();
    } else if (arg == "--shard") {
      const char* v = value();
      if (v == nullptr || std::sscanf(v, "%d/%d", &shard, &shards) != 2 || shards <= 0 || shard < 0 ||
          shard >= shards) {
        return Usage();
      }
    } else if (arg == "--budget") {
      const char* v = value();
      if (v == nullptr) return Usage();
      budget = std::atoll(v);
    } else if (arg == "--fail-over") {
      const char* v = value();
      if (v == nullptr) return Usage();
      fail_over = std::atoll(v);
    } else if (!arg.empty() && arg[0] == '-') {
      return Usage();
    } else {
      inputs.push_back(arg);
    }
  }
  if (keys.empty() || inputs.empty()) return Usage();
  if (fluss_native_abi_version() != FLUSS_NATIVE_ABI_VERSION) {
    std::fprintf(stderr, "built against C ABI %d, the library has %d\n", FLUSS_NATIVE_ABI_VERSION,
                 fluss_native_abi_version());
    return 1;
  }

  std::vector<std::string> all = ListSplitFiles(inputs), files;
  for (size_t i = 0; i < all.size(); ++i) {
    if (static_cast<int>(i % shards) == shard) files.push_back(all[i]);
  }

  std::vector<const char*> key_ptrs, value_ptrs;
  for (size_t i = 0; i < keys.size(); ++i) {
    key_ptrs.push_back(keys[i].c_str());
    value_ptrs.push_back(values[i].c_str());
  }
  fluss_native_client_t* client = nullptr;
  char* err = nullptr;
  if (fluss_native_client_create(key_ptrs.data(), value_ptrs.data(), keys.size(), &client, &err) != FLUSS_NATIVE_OK) {
    std::fprintf(stderr, "client: %s\n", err != nullptr ? err : "");
    fluss_native_free(err);
    return 1;
  }

  CountingHook hook;
  hook.limit = fail_over;
  fluss_native_scan_metrics_t* metrics = fluss_native_scan_metrics_create();
  fluss_native_read_options_t* options = fluss_native_read_options_create();
  if (budget > 0) fluss_native_read_options_set_memory_budget(options, budget);
  fluss_native_read_options_set_memory_hook(options, &hook, &HookAllocate, &HookRelease);
  fluss_native_read_options_set_metrics(options, metrics);

  Reader reader;
  reader.client = client;
  reader.options = options;
  reader.files = &files;
  std::vector<std::thread> threads;
  for (int t = 0; t < readers; ++t) threads.emplace_back(ReadSplits, &reader);
  for (std::thread& t : threads) t.join();

  int64_t bytes = fluss_native_scan_metrics_get(metrics, "log_bytes_fetched") +
                  fluss_native_scan_metrics_get(metrics, "lake_bytes_read");
  std::printf(
      "{\"splits\":%zu,\"readers\":%d,\"rows\":%lld,\"batches\":%lld,\"bytes_read\":%lld,\"id_count\":%lld,"
      "\"id_sum\":%llu,\"id_hash_sum\":%llu,\"hook_peak_bytes\":%lld,\"hook_allocations\":%lld,"
      "\"hook_refusals\":%lld,\"hook_outstanding_bytes\":%lld}\n",
      files.size(), readers, static_cast<long long>(reader.totals.rows),
      static_cast<long long>(reader.totals.batches), static_cast<long long>(bytes),
      static_cast<long long>(reader.totals.id_count), static_cast<unsigned long long>(reader.totals.id_sum),
      static_cast<unsigned long long>(reader.totals.id_hash_sum), static_cast<long long>(hook.peak.load()),
      static_cast<long long>(hook.allocations.load()), static_cast<long long>(hook.refusals.load()),
      static_cast<long long>(hook.current.load()));
  fluss_native_read_options_destroy(options);
  fluss_native_scan_metrics_destroy(metrics);
  fluss_native_client_destroy(client);
  if (!reader.first_error.empty()) {
    std::fprintf(stderr, "%s\n", reader.first_error.c_str());
    return 1;
  }
  return 0;
}
