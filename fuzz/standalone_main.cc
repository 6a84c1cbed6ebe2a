// A small random-mutation driver for fuzz targets when libFuzzer is not
// available (we build with g++). Usage:
//
//   fuzz_<target> [seconds=20] [seed=1]      mutate seeds for that long
//   fuzz_<target> --replay FILE...           run saved inputs once
//
// Runs are deterministic for a given seed. With sanitizers, a failing input
// is written to ./fuzz-crash.bin before the process dies where the runtime
// supports a death callback; FUZZ_SAVE_EACH=1 instead writes every input to
// ./fuzz-current.bin before running it (slow, for reproducing a failure).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "fuzz_target.h"

extern "C" void __sanitizer_set_death_callback(void (*callback)(void)) __attribute__((weak));

namespace {

// The death callback takes no arguments, so the current input has to be
// reachable from it; this is the only mutable global and only the driver uses it.
std::string* g_current = nullptr;

void SaveCurrent() {
  if (g_current == nullptr) return;
  std::ofstream out("fuzz-crash.bin", std::ios::binary);
  out.write(g_current->data(), static_cast<std::streamsize>(g_current->size()));
  std::fprintf(stderr, "fuzz: failing input saved to fuzz-crash.bin (%zu bytes)\n",
               g_current->size());
}

void Mutate(std::string* s, std::mt19937_64& rng, const std::vector<std::string>& seeds) {
  const int edits = 1 + static_cast<int>(rng() % 8);
  for (int e = 0; e < edits; ++e) {
    const size_t n = s->size();
    switch (rng() % 9) {
      case 0:  // flip a bit
        if (n) (*s)[rng() % n] ^= static_cast<char>(1u << (rng() % 8));
        break;
      case 1:  // random byte
        if (n) (*s)[rng() % n] = static_cast<char>(rng());
        break;
      case 2: {  // interesting 32-bit value (lengths, offsets)
        static const int64_t kValues[] = {0, 1, -1, 7, 8, 16, 255, 4096, INT32_MAX, INT32_MIN,
                                          0x7fffffff - 7};
        if (n >= 4) {
          int32_t v = static_cast<int32_t>(kValues[rng() % (sizeof(kValues) / sizeof(kValues[0]))]);
          std::memcpy(s->data() + rng() % (n - 3), &v, 4);
        }
        break;
      }
      case 3: {  // interesting 64-bit value
        static const int64_t kValues[] = {0, -1, 1, INT64_MAX, INT64_MIN, 1LL << 32, 1LL << 40};
        if (n >= 8) {
          int64_t v = kValues[rng() % (sizeof(kValues) / sizeof(kValues[0]))];
          std::memcpy(s->data() + rng() % (n - 7), &v, 8);
        }
        break;
      }
      case 4:  // truncate
        if (n) s->resize(rng() % n);
        break;
      case 5:  // erase a chunk
        if (n > 1) {
          size_t at = rng() % n;
          s->erase(at, 1 + rng() % std::min<size_t>(64, n - at));
        }
        break;
      case 6: {  // duplicate a chunk
        if (n) {
          size_t at = rng() % n;
          size_t len = 1 + rng() % std::min<size_t>(64, n - at);
          s->insert(rng() % (n + 1), s->substr(at, len));
        }
        break;
      }
      case 7: {  // splice in part of another seed
        const std::string& other = seeds[rng() % seeds.size()];
        if (!other.empty() && n) {
          size_t from = rng() % other.size();
          size_t len = 1 + rng() % std::min<size_t>(256, other.size() - from);
          s->replace(rng() % n, std::min(len, n), other, from, len);
        }
        break;
      }
      default:  // change the selector byte
        if (n) (*s)[0] = static_cast<char>(rng());
        break;
    }
  }
}

std::string ReadFile(const char* path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

int main(int argc, char** argv) {
  if (__sanitizer_set_death_callback) __sanitizer_set_death_callback(&SaveCurrent);
  if (argc >= 2 && std::strcmp(argv[1], "--replay") == 0) {
    for (int i = 2; i < argc; ++i) {
      std::string input = ReadFile(argv[i]);
      LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(input.data()), input.size());
    }
    return 0;
  }
  const double seconds = argc >= 2 ? std::atof(argv[1]) : 20.0;
  const uint64_t seed = argc >= 3 ? std::strtoull(argv[2], nullptr, 10) : 1;
  const std::vector<std::string> seeds = FuzzSeeds();
  if (seeds.empty()) {
    std::fprintf(stderr, "fuzz: no seed inputs found (is FN_SOURCE_DIR right?)\n");
    return 1;
  }
  std::mt19937_64 rng(seed);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  uint64_t runs = 0;
  std::string input;
  g_current = &input;
  const bool save_each = std::getenv("FUZZ_SAVE_EACH") != nullptr;
  while (std::chrono::steady_clock::now() < deadline) {
    for (int batch = 0; batch < 64; ++batch, ++runs) {
      input = seeds[rng() % seeds.size()];
      Mutate(&input, rng, seeds);
      if (save_each) {
        std::ofstream out("fuzz-current.bin", std::ios::binary | std::ios::trunc);
        out.write(input.data(), static_cast<std::streamsize>(input.size()));
      }
      LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(input.data()), input.size());
    }
  }
  g_current = nullptr;
  std::fprintf(stderr, "fuzz: %llu runs in %.0f s, no failures\n",
               static_cast<unsigned long long>(runs), seconds);
  return 0;
}
