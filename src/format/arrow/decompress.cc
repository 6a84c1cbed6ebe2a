#include "format/arrow/decompress.h"

#include <lz4frame.h>
#include <zstd.h>

#include <string>

namespace fluss_native::arrow {

void Decompressor::Lz4Deleter::operator()(LZ4F_dctx* ctx) const {
  LZ4F_freeDecompressionContext(ctx);
}

void Decompressor::ZstdDeleter::operator()(ZSTD_DCtx* ctx) const { ZSTD_freeDCtx(ctx); }

Decompressor::Decompressor() = default;
Decompressor::~Decompressor() = default;
Decompressor::Decompressor(Decompressor&&) noexcept = default;
Decompressor& Decompressor::operator=(Decompressor&&) noexcept = default;

Status Decompressor::Lz4Frame(const uint8_t* src, size_t src_size, uint8_t* dst,
                              size_t dst_size) {
  if (lz4_ == nullptr) {
    LZ4F_dctx* raw = nullptr;
    if (LZ4F_isError(LZ4F_createDecompressionContext(&raw, LZ4F_VERSION))) {
      return Status::ResourceExhausted("cannot create an LZ4 decompression context");  // it only allocates
    }
    lz4_.reset(raw);
  } else {
    // A previous frame may have failed half way; start from a clean state.
    LZ4F_resetDecompressionContext(lz4_.get());
  }
  size_t in_pos = 0;
  size_t out_pos = 0;
  // LZ4F_decompress returns 0 once a whole frame is decoded, else a hint > 0.
  size_t hint = 1;
  while (hint != 0) {
    size_t in_len = src_size - in_pos;
    size_t out_len = dst_size - out_pos;
    if (in_len == 0) return Status::Corruption("LZ4 frame is truncated");
    hint = LZ4F_decompress(lz4_.get(), dst + out_pos, &out_len, src + in_pos, &in_len, nullptr);
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

Status Decompressor::Zstd(const uint8_t* src, size_t src_size, uint8_t* dst, size_t dst_size) {
  if (zstd_ == nullptr) {
    zstd_.reset(ZSTD_createDCtx());
    if (zstd_ == nullptr) return Status::ResourceExhausted("cannot create a ZSTD decompression context");
  }
  size_t n = ZSTD_decompressDCtx(zstd_.get(), dst, dst_size, src, src_size);
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
