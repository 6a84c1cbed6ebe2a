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

// Returns the batch as a serialized JSON object: column name -> values.
Result<std::string> BatchToJson(const ArrowSchema& schema, const ArrowArray& batch);

}  // namespace fluss_native::parquet
