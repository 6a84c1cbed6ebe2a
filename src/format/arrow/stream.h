// An ArrowArrayStream (Arrow C Stream Interface) over batches of one ROW
// type, for hosts that pull batches rather than take them one by one.
#pragma once

#include <functional>
#include <vector>

#include "format/arrow/c_export.h"
#include "fluss_native/arrow_c_abi.h"
#include "fluss_native/status.h"
#include "fluss_native/types.h"

namespace fluss_native::arrow {

// Fills `*out` with the next batch (a struct array of `row_type`) and returns
// true, or returns false at the end of the stream. Called from get_next on
// the host's thread; errors become the stream's last error.
using BatchSource = std::function<Result<bool>(ArrowArray* out)>;

// Wraps `source`. The stream's schema is ExportRowSchema(row_type).
Status ExportArrayStream(const DataType& row_type, BatchSource source, ArrowArrayStream* out);

// A stream over already decoded batches, handed out in order.
Status ExportArrayStream(const DataType& row_type, std::vector<UniqueArrowArray> batches,
                         ArrowArrayStream* out);

}  // namespace fluss_native::arrow
