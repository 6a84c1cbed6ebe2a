#include "format/arrow/decompress.h"

#include <lz4frame.h>
#include <zstd.h>

#include <memory>
#include <string>

namespace fluss_native::arrow {

namespace {

struct Lz4ContextDeleter {
  void operator()(LZ4F_dctx* ctx) const { LZ4F_freeDecompressionContext(ctx); }
};

}  // namespace

Status Lz4FrameDecompress(const uint8_t* src, size_t src_size, uint8_t* dst, size_t dst_size) {
  LZ4F_dctx* raw = nullptr;
  if (LZ4F_isError(LZ4F_createDecompressionContext(&raw, LZ4F_VERSION))) {
    return Status::Internal("cannot create an LZ4 decompression context");
  }
  std::unique_ptr<LZ4F_dctx, Lz4ContextDeleter> ctx(raw);
  size_t in_pos = 0;
  size_t out_pos = 0;
  // LZ4F_decompress returns 0 once a whole frame is decoded, else a hint > 0.
  size_t hint = 1;
  while (hint != 0) {
    size_t in_len = src_size - in_pos;
    size_t out_len = dst_size - out_pos;
    if (in_len == 0) return Status::Corruption("LZ4 frame is truncated");
    hint = LZ4F_decompress(ctx.get(), dst + out_pos, &out_len, src + in_pos, &in_len, nullptr);
    if (LZ4F_isError(hint)) {
      return Status::Corruption(std::string("LZ4 frame is corrupt: ") + LZ4F_getErrorName(hint));
    }
    in_pos += in_len;
    out_pos += out_len;
    // No progress with output full means the frame holds more than announced.
    if (hint != 0 && in_len == 0 && out_len == 0) {
      return Status::Corruption("LZ4 frame decodes to more than the announced " +
                                std::to_string(dst_size) + " bytes");
    }
  }
  if (out_pos != dst_size) {
    return Status::Corruption("LZ4 frame decodes to " + std::to_string(out_pos) +
                              " bytes, announced " + std::to_string(dst_size));
  }
  return Status::OK();
}

Status ZstdDecompress(const uint8_t* src, size_t src_size, uint8_t* dst, size_t dst_size) {
  size_t n = ZSTD_decompress(dst, dst_size, src, src_size);
  if (ZSTD_isError(n)) {
    return Status::Corruption(std::string("ZSTD frame is corrupt: ") + ZSTD_getErrorName(n));
  }
  if (n != dst_size) {
    return Status::Corruption("ZSTD frame decodes to " + std::to_string(n) +
                              " bytes, announced " + std::to_string(dst_size));
  }
  return Status::OK();
}

}  // namespace fluss_native::arrow
