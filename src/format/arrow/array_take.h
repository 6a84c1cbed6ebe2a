// Gathers chosen rows of exported arrays into a new array (Arrow's "take"),
// for readers that must reorder or drop rows: the primary-key state merge
// keeps only each key's last row, wherever in the changelog it was.
// Works for every Fluss type, nested ones included. The sources must be
// valid arrays of `type` (as our decoders produce); values are copied.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "format/arrow/c_export.h"
#include "fluss_native/types.h"

namespace fluss_native::read {

struct RowRef {
  const ArrowArray* array;  // an array of the type being gathered
  int64_t index;            // logical row in it (before its offset)
};

// Whether the row is non-null (an array without a validity bitmap has none).
bool IsValid(const RowRef& row);

// Bytes per value of a fixed-width type in Arrow's layout (DECIMAL 16,
// BINARY(n) n, TIME 4 or 8 by precision); 0 for BOOLEAN (bits), variable
// and nested types.
int FixedWidthBytes(const DataType& type);

Result<arrow::ArrayNode> Take(const std::vector<RowRef>& rows, const DataType& type);

}  // namespace fluss_native::read
