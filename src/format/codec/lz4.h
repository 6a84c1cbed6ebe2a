// LZ4 decoding: the frame format (lz4's frame spec, what Fluss's
// FlussLZ4BlockOutputStream and Arrow's LZ4_FRAME write) and raw blocks
// (Parquet's LZ4_RAW, and the blocks inside Hadoop's LZ4 framing). Every
// error names the codec; callers add where the bytes came from.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

#include "fluss_native/status.h"

typedef struct LZ4F_dctx_s LZ4F_dctx;

namespace fluss_native::codec {

// Holds one frame decoder context, created on first use and reused. Not
// thread-safe: one per reader.
class Lz4FrameDecoder {
 public:
  Lz4FrameDecoder();
  ~Lz4FrameDecoder();
  Lz4FrameDecoder(Lz4FrameDecoder&&) noexcept;
  Lz4FrameDecoder& operator=(Lz4FrameDecoder&&) noexcept;

  // Decodes one frame at `src` into exactly `dst_size` bytes at `dst`.
  Status DecodeExact(const uint8_t* src, size_t src_size, uint8_t* dst, size_t dst_size);

 private:
  struct Deleter {
    void operator()(LZ4F_dctx* ctx) const;
  };
  std::unique_ptr<LZ4F_dctx, Deleter> ctx_;
};

// Decodes one raw LZ4 block into exactly `dst_size` bytes at `dst`. Blocks
// and outputs above 2 GiB are refused (LZ4 counts in ints).
Status Lz4BlockDecodeExact(const uint8_t* src, size_t src_size, uint8_t* dst, size_t dst_size);

}  // namespace fluss_native::codec
