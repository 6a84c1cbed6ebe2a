// A minimal owned Arrow array tree and its export through the C Data
// Interface. Exported structs own their memory; the consumer calls release
// exactly once per top-level struct (children are released by the parent).
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
