// Page decompression. Each codec must produce exactly the size the page
// header promised; anything else is corruption. The raw codecs are
// format/codec's; Parquet's own part is the codec enum and the framing of
// its deprecated LZ4 codec.
#pragma once

#include <cstdint>

#include "format/codec/zstd.h"
#include "fluss_native/status.h"

namespace fluss_native::parquet {

// Values are the Parquet CompressionCodec enum.
enum class Codec { kUncompressed = 0, kSnappy = 1, kGzip = 2, kLzo = 3, kBrotli = 4, kLz4 = 5, kZstd = 6, kLz4Raw = 7 };

const char* CodecName(Codec codec);

// Fails with Unsupported for codecs we do not link (LZO, BROTLI).
Status CheckCodecSupported(Codec codec);

// Decompresses the pages of one column chunk, keeping codec state (the zstd
// context) from page to page. Not thread-safe: one per page reader.
class PageDecompressor {
 public:
  explicit PageDecompressor(Codec codec) : codec_(codec) {}
  Status Decompress(const uint8_t* src, size_t src_size, uint8_t* dst, size_t dst_size);

 private:
  Codec codec_;
  codec::ZstdDecoder zstd_;
};

}  // namespace fluss_native::parquet
