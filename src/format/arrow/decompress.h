// Decompression of one Arrow IPC body buffer. The uncompressed length comes
// from the (untrusted) buffer prefix, so callers bound it before calling and
// these functions insist the codec produces exactly that many bytes.
#pragma once

#include <cstddef>
#include <cstdint>

#include "fluss_native/status.h"

namespace fluss_native::arrow {

// Decodes one LZ4 frame (the LZ4_FRAME codec; Fluss's FlussLZ4BlockOutputStream
// writes standard frames) from `src` into exactly `dst_size` bytes at `dst`.
Status Lz4FrameDecompress(const uint8_t* src, size_t src_size, uint8_t* dst, size_t dst_size);

// Decodes one Zstandard frame from `src` into exactly `dst_size` bytes.
Status ZstdDecompress(const uint8_t* src, size_t src_size, uint8_t* dst, size_t dst_size);

}  // namespace fluss_native::arrow
