// How much memory rows of an exported array occupy, for budgets: the bytes
// of the buffer ranges the rows cover (validity, values, offsets, string
// data, nested children), not the size of whatever allocation they point
// into (a slice of a fetched payload counts only its own rows).
#pragma once

#include <cstdint>

#include "format/arrow/c_export.h"
#include "fluss_native/types.h"

namespace fluss_native::read::merge {

// Bytes of rows [first, first + count) (before the array's offset) of
// `array`, a valid array of `type`.
int64_t ArrayBytes(const ArrowArray& array, const DataType& type, int64_t first, int64_t count);

inline int64_t ArrayBytes(const ArrowArray& array, const DataType& type) {
  return ArrayBytes(array, type, 0, array.length);
}

}  // namespace fluss_native::read::merge
