// Row-group pruning from footer statistics.
#pragma once

#include <cstdint>
#include <vector>

#include "format/parquet/predicate.h"
#include "format/parquet/schema.h"

namespace fluss_native::parquet {

namespace format {
class RowGroup;
}

// False only when the statistics prove that no row of the row group
// satisfies all predicates. Predicates on unknown or nested columns are
// ignored (they cannot prune).
bool RowGroupMayMatch(const FileSchema& schema, const format::RowGroup& row_group,
                      const std::vector<ColumnPredicate>& predicates);

}  // namespace fluss_native::parquet
