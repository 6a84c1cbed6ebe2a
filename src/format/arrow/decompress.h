// Decompression of Arrow IPC body buffers. The uncompressed length comes
// from the (untrusted) buffer prefix, so callers bound it before calling and
// these functions insist the codec produces exactly that many bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

#include "fluss_native/status.h"

typedef struct LZ4F_dctx_s LZ4F_dctx;
typedef struct ZSTD_DCtx_s ZSTD_DCtx;

namespace fluss_native::arrow {

// Holds codec contexts so the many small buffers of one batch do not each
// allocate and free a decoder state. Not thread-safe; one per batch decode.
class Decompressor {
 public:
  Decompressor();
  ~Decompressor();
  Decompressor(Decompressor&&) noexcept;
  Decompressor& operator=(Decompressor&&) noexcept;

  // Decodes one LZ4 frame (the LZ4_FRAME codec; Fluss's
  // FlussLZ4BlockOutputStream writes standard frames) into exactly
  // `dst_size` bytes at `dst`.
  Status Lz4Frame(const uint8_t* src, size_t src_size, uint8_t* dst, size_t dst_size);
  // Decodes one Zstandard frame into exactly `dst_size` bytes.
  Status Zstd(const uint8_t* src, size_t src_size, uint8_t* dst, size_t dst_size);

 private:
  struct Lz4Deleter {
    void operator()(LZ4F_dctx* ctx) const;
  };
  struct ZstdDeleter {
    void operator()(ZSTD_DCtx* ctx) const;
  };
  std::unique_ptr<LZ4F_dctx, Lz4Deleter> lz4_;
  std::unique_ptr<ZSTD_DCtx, ZstdDeleter> zstd_;
};

}  // namespace fluss_native::arrow
