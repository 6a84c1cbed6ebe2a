// Snappy raw block decoding (the format inside Parquet's SNAPPY pages and
// Avro's snappy blocks; not the "framed" snappy stream). Every error names
// the codec; callers add where the bytes came from.
#pragma once

#include <cstddef>
#include <cstdint>

#include "fluss_native/status.h"

namespace fluss_native::codec {

// The decoded size a snappy block announces in its header.
Result<size_t> SnappyDecodedLength(const uint8_t* src, size_t src_size);

// Decodes one block into exactly `dst_size` bytes at `dst`; a block that
// announces another size is refused before decoding.
Status SnappyDecodeExact(const uint8_t* src, size_t src_size, uint8_t* dst, size_t dst_size);

}  // namespace fluss_native::codec
