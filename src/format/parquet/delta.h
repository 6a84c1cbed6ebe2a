// DELTA_BINARY_PACKED and the two byte-array encodings built on it. These
// decode a whole page section at once: the integer headers are needed to
// find where the following section (lengths, suffixes) starts anyway.
#pragma once

#include <cstdint>
#include <vector>

#include "fluss_native/status.h"

namespace fluss_native::parquet {

// Decodes one DELTA_BINARY_PACKED stream starting at data. `max_values`
// bounds the header's value count. On success *consumed is the stream's
// length in bytes. Arithmetic wraps as the spec requires; for INT32 columns
// the caller truncates to 32 bits.
Status DecodeDeltaBinaryPacked(const uint8_t* data, size_t size, int64_t max_values,
                               std::vector<int64_t>* out, size_t* consumed);

}  // namespace fluss_native::parquet
