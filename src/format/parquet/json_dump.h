// Renders an exported Arrow struct batch as JSON for tests and debugging
// tools (not a fast path). Conventions match tests/data/parquet/gen.py:
// column-major {"name": [values...]}; binary as lowercase hex; decimals as
// the unscaled integer in a string; dates, times and timestamps as integers
// in their unit; NaN as "NaN"; maps as [[key, value], ...].
#pragma once

#include <string>

#include "fluss_native/arrow_c_abi.h"
#include "fluss_native/status.h"

namespace fluss_native::parquet {

// Appends each column's values of `batch` to the JSON object `*columns_json`
// (a serialized object of name -> array, "{}" to start).
Status AppendBatchJson(const ArrowSchema& schema, const ArrowArray& batch, std::string* columns_json);

}  // namespace fluss_native::parquet
