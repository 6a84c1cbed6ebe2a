#include "format/codec/lz4.h"

#include <lz4.h>
#include <lz4frame.h>

#include <string>

#include "format/codec/sizes.h"

namespace fluss_native::codec {

void Lz4FrameDecoder::Deleter::operator()(LZ4F_dctx* ctx) const { LZ4F_freeDecompressionContext(ctx); }

Lz4FrameDecoder::Lz4FrameDecoder() = default;
Lz4FrameDecoder::~Lz4FrameDecoder() = default;
Lz4FrameDecoder::Lz4FrameDecoder(Lz4FrameDecoder&&) noexcept = default;
Lz4FrameDecoder& Lz4FrameDecoder::operator=(Lz4FrameDecoder&&) noexcept = default;

Status Lz4FrameDecoder::DecodeExact(const uint8_t* src, size_t src_size, uint8_t* dst, size_t dst_size) {
  if (ctx_ == nullptr) {
    LZ4F_dctx* raw = nullptr;
    if (LZ4F_isError(LZ4F_createDecompressionContext(&raw, LZ4F_VERSION))) {
      return Status::Internal("cannot create an LZ4 frame decompression context");
    }
    ctx_.reset(raw);
  } else {
    // A previous frame may have failed half way; start from a clean state.
    LZ4F_resetDecompressionContext(ctx_.get());
  }
  size_t in_pos = 0;
  size_t out_pos = 0;
  // LZ4F_decompress returns 0 once a whole frame is decoded, else a hint > 0.
  size_t hint = 1;
  while (hint != 0) {
    size_t in_len = src_size - in_pos;
    size_t out_len = dst_size - out_pos;
    if (in_len == 0) return Status::Corruption("LZ4 frame is truncated");
    hint = LZ4F_decompress(ctx_.get(), dst + out_pos, &out_len, src + in_pos, &in_len, nullptr);
    if (LZ4F_isError(hint)) {
      return Status::Corruption(std::string("LZ4 frame is corrupt: ") + LZ4F_getErrorName(hint));
    }
    in_pos += in_len;
    out_pos += out_len;
    // No progress with the output full: the frame holds more than announced.
    if (hint != 0 && in_len == 0 && out_len == 0) {
      return Status::Corruption("LZ4 frame decodes to more than the announced " + std::to_string(dst_size) +
                                " bytes");
    }
  }
  if (out_pos != dst_size) return SizeMismatch("LZ4 frame", out_pos, dst_size);
  return Status::OK();
}

Status Lz4BlockDecodeExact(const uint8_t* src, size_t src_size, uint8_t* dst, size_t dst_size) {
  if (src_size > kMaxBlockCodecBytes || dst_size > kMaxBlockCodecBytes) {
    return Status::Corruption("LZ4 block larger than 2 GiB");
  }
  int n = LZ4_decompress_safe(reinterpret_cast<const char*>(src), reinterpret_cast<char*>(dst),
                              static_cast<int>(src_size), static_cast<int>(dst_size));
  if (n < 0) return Status::Corruption("LZ4 block is corrupt");
  if (static_cast<size_t>(n) != dst_size) return SizeMismatch("LZ4 block", static_cast<size_t>(n), dst_size);
  return Status::OK();
}

}  // namespace fluss_native::codec
