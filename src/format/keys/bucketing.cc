#include "format/keys/bucketing.h"

#include <cstdlib>

namespace fluss_native::keys {
namespace {

constexpr uint32_t kC1 = 0xcc9e2d51;
constexpr uint32_t kC2 = 0x1b873593;

uint32_t RotateLeft(uint32_t v, int n) { return (v << n) | (v >> (32 - n)); }

uint32_t MixK1(uint32_t k1) { return RotateLeft(k1 * kC1, 15) * kC2; }

uint32_t MixH1(uint32_t h1, uint32_t k1) { return RotateLeft(h1 ^ k1, 13) * 5 + 0xe6546b64; }

uint32_t Fmix(uint32_t h) {
  h ^= h >> 16;
  h *= 0x85ebca6b;
  h ^= h >> 13;
  h *= 0xc2b2ae35;
  h ^= h >> 16;
  return h;
}

// MathUtils.murmurHash: one more Murmur round over an int, made non-negative.
int32_t MurmurHashInt(int32_t code) {
  uint32_t h = MixH1(0, MixK1(static_cast<uint32_t>(code)));
  h = Fmix(h ^ 4);
  auto s = static_cast<int32_t>(h);
  if (s >= 0) return s;
  if (s != INT32_MIN) return -s;
  return 0;
}

}  // namespace

const char* BucketingFunctionName(BucketingFunction f) { return f == BucketingFunction::kPaimon ? "paimon" : "fluss"; }

int32_t MurmurHashBytes(std::string_view bytes) {
  const auto* p = reinterpret_cast<const uint8_t*>(bytes.data());
  size_t n = bytes.size();
  size_t aligned = n - n % 4;
  uint32_t h1 = 42;
  for (size_t i = 0; i < aligned; i += 4) {
    uint32_t word = uint32_t{p[i]} | uint32_t{p[i + 1]} << 8 | uint32_t{p[i + 2]} << 16 | uint32_t{p[i + 3]} << 24;
    h1 = MixH1(h1, MixK1(word));
  }
  for (size_t i = aligned; i < n; ++i) {
    // Java's getByte is signed: the tail byte is sign-extended to an int.
    auto k = static_cast<uint32_t>(static_cast<int32_t>(static_cast<int8_t>(p[i])));
    h1 = MixH1(h1, MixK1(k));
  }
  return static_cast<int32_t>(Fmix(h1 ^ static_cast<uint32_t>(n)));
}

int BucketOf(BucketingFunction function, std::string_view bucket_key_bytes, int num_buckets) {
  int32_t hash = MurmurHashBytes(bucket_key_bytes);
  if (function == BucketingFunction::kFluss) return MurmurHashInt(hash) % num_buckets;
  return std::abs(hash % num_buckets);
}

}  // namespace fluss_native::keys
