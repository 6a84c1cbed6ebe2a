// Renders exported arrays as JSON, for tools and tests that compare decoded
// values with expectations. Not a fast path.
//
// Value conventions: integers, dates (days), times and timestamps (raw count
// in the Arrow unit) are JSON numbers; DECIMAL is a string such as "-12.50";
// BINARY/BYTES are lowercase hex strings; ARRAY is a list, MAP a list of
// [key, value] pairs, ROW an object keyed by field name.
#pragma once

#include <string>

#include "fluss_native/arrow_c_abi.h"
#include "fluss_native/status.h"
#include "fluss_native/types.h"

namespace fluss_native::arrow {

// `batch` is a struct array of `row_type` (as DecodeRecordBatch returns);
// the result is a JSON list with one object per row. The array must be
// valid (as our decoder guarantees); this does not re-validate buffers.
Result<std::string> BatchToJson(const ArrowArray& batch, const DataType& row_type);

}  // namespace fluss_native::arrow
