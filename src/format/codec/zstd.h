// Zstandard (RFC 8878) decoding. Every error names the codec ("ZSTD ...");
// callers add where the bytes came from (a page, a buffer, a file block).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "fluss_native/status.h"

typedef struct ZSTD_DCtx_s ZSTD_DCtx;

namespace fluss_native::codec {

// Holds one decoder context, created on first use and reused, so the many
// small buffers of a batch (or pages of a column chunk) do not each allocate
// a fresh one. Not thread-safe: one per reader.
class ZstdDecoder {
 public:
  ZstdDecoder();
  ~ZstdDecoder();
  ZstdDecoder(ZstdDecoder&&) noexcept;
  ZstdDecoder& operator=(ZstdDecoder&&) noexcept;

  // Decodes the frame(s) at `src` into exactly `dst_size` bytes at `dst`;
  // more or fewer is corruption.
  Status DecodeExact(const uint8_t* src, size_t src_size, uint8_t* dst, size_t dst_size);
  // Appends the decoding of `src` to *out when the decoded size is not known
  // up front: one or more frames, which need not record their content size.
  // Fails once *out would grow beyond `max_size` bytes.
  Status DecodeBounded(const uint8_t* src, size_t src_size, size_t max_size, std::string* out);

 private:
  Status EnsureContext();
  struct Deleter {
    void operator()(ZSTD_DCtx* ctx) const;
  };
  std::unique_ptr<ZSTD_DCtx, Deleter> ctx_;
};

}  // namespace fluss_native::codec
