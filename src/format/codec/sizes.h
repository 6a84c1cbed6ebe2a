// The error every exact-size decoder reports when a codec produced another
// size than the container announced.
#pragma once

#include <cstddef>
#include <string>

#include "fluss_native/status.h"

namespace fluss_native::codec {

inline Status SizeMismatch(const char* codec, size_t produced, size_t announced) {
  return Status::Corruption(std::string(codec) + " data decodes to " + std::to_string(produced) +
                            " bytes, announced " + std::to_string(announced));
}

// The block codecs (LZ4, snappy, zlib) count in 32-bit ints.
inline constexpr size_t kMaxBlockCodecBytes = 0x7fffffff;

}  // namespace fluss_native::codec
