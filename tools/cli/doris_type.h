// The type names Doris's DESC shows for Fluss columns, so the CLI's DESC
// reads like a Doris catalog's. One host's naming: it lives with the CLI, not
// in the library's type.
#pragma once

#include <string>

#include "fluss_native/types.h"

namespace fluss_native::cli {

// Doris's mapping of a Fluss type (its Fluss catalog's FlussUtils):
// CHAR(n>255) and BINARY/BYTES become STRING, TIMESTAMP precision is capped
// at 6 (DATETIME(p) for both TIMESTAMP kinds), TIME has no Doris type and is
// shown as UNSUPPORTED_TYPE. Nullability is not part of the name.
std::string DorisTypeName(const DataType& type);

}  // namespace fluss_native::cli
