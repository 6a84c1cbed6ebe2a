// Page decompression. Each codec must produce exactly the size the page
// header promised; anything else is corruption.
#pragma once

#include <cstdint>

#include "fluss_native/status.h"

namespace fluss_native::parquet {

// Values are the Parquet CompressionCodec enum.
enum class Codec { kUncompressed = 0, kSnappy = 1, kGzip = 2, kLzo = 3, kBrotli = 4, kLz4 = 5, kZstd = 6, kLz4Raw = 7 };

const char* CodecName(Codec codec);

// Fails with Unsupported for codecs we do not link (LZO, BROTLI).
Status CheckCodecSupported(Codec codec);

Status Decompress(Codec codec, const uint8_t* src, size_t src_size, uint8_t* dst, size_t dst_size);

}  // namespace fluss_native::parquet
