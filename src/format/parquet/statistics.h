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
//
// DECIMAL columns (any physical form) are the exception: their bounds are
// std::string holding the unscaled value in base 10 with an optional leading
// '-' (arrow_format "d:precision,scale" gives the scale). Only the
// min_value/max_value fields are read for them: the legacy fields of byte
// decimals were ordered as unsigned bytes.
struct ChunkStats {
  bool found = false;  // a top-level leaf column of that name with metadata
  // The column's Arrow format ("tsu:UTC", "ttm", "d:10,2", ...): the unit or
  // scale of integer and decimal bounds.
  std::string arrow_format;
  StatValue min, max;
  std::optional<int64_t> null_count;
  int64_t num_rows = 0;
};
// The unscaled value of a DECIMAL statistic or page bound in base 10, for a
// leaf whose conversion is one of the kDecimalFrom* forms; nullopt when the
// bytes do not hold one (wrong width, more than 16 bytes).
std::optional<std::string> DecimalStatDigits(const LeafColumn& leaf, const std::string& raw);

// One min_value/max_value-style bound (a footer's or a page index's) as
// ChunkStats holds it: decimals as digits, the rest as DecodeStat reads them.
StatValue DecodeBound(const LeafColumn& leaf, const std::string& raw);

ChunkStats ColumnChunkStats(const FileSchema& schema, const format::RowGroup& row_group, const std::string& column);

bool RowGroupMayMatch(const FileSchema& schema, const format::RowGroup& row_group,
                      const std::vector<ColumnPredicate>& predicates);

}  // namespace fluss_native::parquet
