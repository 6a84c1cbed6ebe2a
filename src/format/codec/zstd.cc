#include "format/codec/zstd.h"

#include <zstd.h>

#include "format/codec/sizes.h"

namespace fluss_native::codec {

void ZstdDecoder::Deleter::operator()(ZSTD_DCtx* ctx) const { ZSTD_freeDCtx(ctx); }

ZstdDecoder::ZstdDecoder() = default;
ZstdDecoder::~ZstdDecoder() = default;
ZstdDecoder::ZstdDecoder(ZstdDecoder&&) noexcept = default;
ZstdDecoder& ZstdDecoder::operator=(ZstdDecoder&&) noexcept = default;

Status ZstdDecoder::EnsureContext() {
  if (ctx_ == nullptr) {
    ctx_.reset(ZSTD_createDCtx());
    if (ctx_ == nullptr) return Status::Internal("cannot create a ZSTD decompression context");
  }
  return Status::OK();
}

Status ZstdDecoder::DecodeExact(const uint8_t* src, size_t src_size, uint8_t* dst, size_t dst_size) {
  FN_RETURN_IF_ERROR(EnsureContext());
  size_t n = ZSTD_decompressDCtx(ctx_.get(), dst, dst_size, src, src_size);
  if (ZSTD_isError(n)) return Status::Corruption(std::string("ZSTD data is corrupt: ") + ZSTD_getErrorName(n));
  if (n != dst_size) return SizeMismatch("ZSTD", n, dst_size);
  return Status::OK();
}

Status ZstdDecoder::DecodeBounded(const uint8_t* src, size_t src_size, size_t max_size, std::string* out) {
  FN_RETURN_IF_ERROR(EnsureContext());
  // A previous stream may have failed half way; start from a clean state.
  // (ZSTD_decompressDCtx in DecodeExact starts afresh by itself.)
  ZSTD_DCtx_reset(ctx_.get(), ZSTD_reset_session_only);
  ZSTD_inBuffer in{src, src_size, 0};
  size_t hint = 1;  // 0 once a frame is complete and flushed
  // Decode straight into the string's tail, growing it as needed.
  const size_t start = out->size();
  size_t produced = start;
  while (in.pos < in.size || hint != 0) {
    if (out->size() - produced < ZSTD_DStreamOutSize()) {
      out->resize(produced + ZSTD_DStreamOutSize());
    }
    ZSTD_outBuffer ob{out->data() + produced, out->size() - produced, 0};
    const size_t in_before = in.pos;
    hint = ZSTD_decompressStream(ctx_.get(), &ob, &in);
    if (ZSTD_isError(hint)) {
      out->resize(produced);
      return Status::Corruption(std::string("ZSTD data is corrupt: ") + ZSTD_getErrorName(hint));
    }
    produced += ob.pos;
    if (produced - start > max_size) {
      out->resize(produced);
      return Status::Corruption("ZSTD data decodes to more than the limit of " + std::to_string(max_size) +
                                " bytes");
    }
    // All input used, nothing produced, frame unfinished: the data is cut short.
    if (in.pos == in.size && in.pos == in_before && ob.pos == 0 && hint != 0) {
      out->resize(produced);
      return Status::Corruption("ZSTD data is truncated");
    }
  }
  out->resize(produced);
  return Status::OK();
}

}  // namespace fluss_native::codec
