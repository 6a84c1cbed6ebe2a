// Fluss's bucketing functions (fluss-common bucketing/*): which bucket of a
// table (or of one partition) a key's bucket-key bytes belong to.
//
//  - Fluss's default: Murmur3-32 of the bytes (seed 42, little-endian words,
//    then the tail bytes one by one, sign-extended as Java reads them), mixed
//    again by MathUtils.murmurHash, modulo the bucket count;
//  - Paimon's (tables whose datalake format is paimon): |hash % buckets| of
//    the same Murmur3 hash over the Paimon BinaryRow bytes, as Paimon buckets
//    its own rows.
#pragma once

#include <cstdint>
#include <string_view>

namespace fluss_native::keys {

enum class BucketingFunction { kFluss, kPaimon };

const char* BucketingFunctionName(BucketingFunction f);

// MurmurHashUtils.hashBytes(bytes) (seed 42).
int32_t MurmurHashBytes(std::string_view bytes);

// The bucket in [0, num_buckets) for `bucket_key_bytes`; num_buckets > 0.
int BucketOf(BucketingFunction function, std::string_view bucket_key_bytes, int num_buckets);

}  // namespace fluss_native::keys
