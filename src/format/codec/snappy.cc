#include "format/codec/snappy.h"

#include <snappy-c.h>

#include "format/codec/sizes.h"

namespace fluss_native::codec {

Result<size_t> SnappyDecodedLength(const uint8_t* src, size_t src_size) {
  size_t len = 0;
  if (snappy_uncompressed_length(reinterpret_cast<const char*>(src), src_size, &len) != SNAPPY_OK) {
    return Status::Corruption("SNAPPY block has no valid length header");
  }
  return len;
}

Status SnappyDecodeExact(const uint8_t* src, size_t src_size, uint8_t* dst, size_t dst_size) {
  FN_ASSIGN_OR_RETURN(size_t len, SnappyDecodedLength(src, src_size));
  if (len != dst_size) return SizeMismatch("SNAPPY", len, dst_size);
  if (snappy_uncompress(reinterpret_cast<const char*>(src), src_size, reinterpret_cast<char*>(dst), &len) !=
          SNAPPY_OK ||
      len != dst_size) {
    return Status::Corruption("SNAPPY block is corrupt");
  }
  return Status::OK();
}

}  // namespace fluss_native::codec
