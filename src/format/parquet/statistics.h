// Row-group pruning from footer statistics.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
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
// A column chunk's statistics as comparable physical values: integers for
// INT32/INT64 (in the column's unit), doubles for FLOAT/DOUBLE (a NaN bound
// is dropped), bytes for BYTE_ARRAY, bool for BOOLEAN. A bound is monostate
// when absent or not reliably ordered (decimals, unsigned, INT96, fixed-length
// binary, legacy fields in the wrong order).
using StatValue = std::variant<std::monostate, bool, int64_t, double, std::string>;
struct ChunkStats {
  bool found = false;  // a top-level leaf column of that name with metadata
  StatValue min, max;
  std::optional<int64_t> null_count;
  int64_t num_rows = 0;
};
ChunkStats ColumnChunkStats(const FileSchema& schema, const format::RowGroup& row_group, const std::string& column);

bool RowGroupMayMatch(const FileSchema& schema, const format::RowGroup& row_group,
                      const std::vector<ColumnPredicate>& predicates);

}  // namespace fluss_native::parquet
