// Small tools for composing output batches out of decoded ones without
// copying column data: borrow an exported array as an ArrayNode (kept alive
// by a shared owner), slice it, and build the few columns the reader adds
// itself (log metadata columns).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "format/arrow/c_export.h"

namespace fluss_native::read {

// A node that points at `array`'s buffers (recursively) and keeps `owner`
// alive until every array exported from it is released.
arrow::ArrayNode BorrowArray(const ArrowArray& array, const arrow::KeepAlive& owner);

// Narrows `node` to rows [from, from + length). Precondition: within bounds.
void SliceNode(arrow::ArrayNode* node, int64_t from, int64_t length);

// Row `row` of a fixed-width column (honouring the array's offset); the
// caller has checked the type and the bounds.
int64_t Int64At(const ArrowArray& array, int64_t row);
int32_t Int32At(const ArrowArray& array, int64_t row);
int8_t Int8At(const ArrowArray& array, int64_t row);

// Non-null columns built from values.
Result<arrow::ArrayNode> Int64Column(const std::vector<int64_t>& values);
Result<arrow::ArrayNode> Int32Column(const std::vector<int32_t>& values);
Result<arrow::ArrayNode> Int8Column(const std::vector<int8_t>& values);
Result<arrow::ArrayNode> Utf8Column(const std::vector<std::string_view>& values);

}  // namespace fluss_native::read
