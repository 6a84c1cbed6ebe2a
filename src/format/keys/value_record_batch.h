// The value record batch a KV scan answers with (fluss-common
// DefaultValueRecordBatch), little-endian:
//   length(4: bytes after this field) magic(1: 0) record_count(4)
//   record_count x [ length(4: bytes after this field) value ]
// where each value is what value_rows.h decodes (int16 schema id, then the
// row). Network input: every length is checked against the bytes present.
#pragma once

#include <string_view>
#include <vector>

#include "fluss_native/status.h"

namespace fluss_native::keys {

// The values of one batch, as views into `batch`. `where` names the table
// and bucket for errors.
Result<std::vector<std::string_view>> SplitValueRecordBatch(std::string_view batch, const std::string& where);

}  // namespace fluss_native::keys
