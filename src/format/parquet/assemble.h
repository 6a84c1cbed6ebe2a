// Turns per-leaf levels and dense values into Arrow arrays (the inverse of
// Dremel striping). Each node reads the levels of its first leaf: a level
// entry is a slot of the node when its repetition level does not exceed the
// enclosing list's and its definition level reaches the enclosing element.
#pragma once

#include <memory>
#include <vector>

#include "format/parquet/arrow_export.h"
#include "format/parquet/column_reader.h"
#include "format/parquet/schema.h"

namespace fluss_native::parquet {

// `leaves` is indexed by leaf index; entries for leaves outside `node` may be
// null. Checks that every child agrees on the slot count, so inconsistent
// levels in a hostile file give an error, not a malformed array.
Result<std::unique_ptr<ArrayData>> AssembleColumn(const SchemaNode& node, const std::vector<LeafColumn>& schema_leaves,
                                                  std::vector<LeafBatch*>& leaves, int64_t num_rows);

}  // namespace fluss_native::parquet
