// An owned Arrow array tree as the Parquet reader builds it, exported
// through the shared C Data Interface helper (format/arrow/c_export.h), plus
// the schema export for Parquet-derived types (which are not all Fluss
// DataTypes: unsigned ints, fixed-size binary). The consumer calls release
// exactly once per top-level struct.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "format/parquet/buffer.h"
#include "format/parquet/schema.h"
#include "fluss_native/arrow_c_abi.h"

namespace fluss_native::parquet {

struct ArrayData {
  int64_t length = 0;
  int64_t null_count = 0;
  // Buffers in Arrow order (validity first). An empty validity buffer means
  // "no nulls" and is exported as NULL.
  std::vector<Buffer> buffers;
  std::vector<std::unique_ptr<ArrayData>> children;
};

// Moves `data` into `out`.
void ExportArray(std::unique_ptr<ArrayData> data, ArrowArray* out);

// Exports a struct schema whose fields are `columns`.
void ExportStructSchema(const std::vector<const SchemaNode*>& columns, ArrowSchema* out);

}  // namespace fluss_native::parquet
