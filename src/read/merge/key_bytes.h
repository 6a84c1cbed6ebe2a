// The byte encoding of a primary key, shared by every merge by key (the
// changelog's current state, Paimon's merge-on-read, the union of both), so
// a key read from a log batch and the same key read from a lake file encode
// to the same bytes.
//
// Equality is Fluss's and Paimon's: both write key fields by their raw
// bits, so two keys are equal exactly when their bytes are (FLOAT/DOUBLE
// -0.0 and 0.0 are different keys, a NaN equals only the same NaN bits).
// The encoding is injective and order-preserving per column, so the bytes
// also sort like the values (integers and time as signed numbers, FLOAT and
// DOUBLE by IEEE total order, DECIMAL numerically, strings and bytes
// bytewise, null first) and a composite key sorts by its columns in turn:
// merged output in key order reads naturally.
#pragma once

#include <cstdint>
#include <string>

#include "format/arrow/c_export.h"
#include "fluss_native/status.h"
#include "fluss_native/types.h"

namespace fluss_native::read::merge {

// OK when a column of `type` can be a key column: every flat type (no
// ARRAY, MAP or ROW).
Status CheckKeyType(const DataType& type);

// Appends the encoding of row `row` (before the array's offset) of the key
// column `col` of `type` (which passed CheckKeyType): a null marker, then a
// fixed-width big-endian form of fixed-width values, or the bytes of a
// variable one with 0x00 escaped as 0x00 0xFF and ended by 0x00 0x00.
void AppendKeyBytes(const ArrowArray& col, const DataType& type, int64_t row, std::string* key);

}  // namespace fluss_native::read::merge
