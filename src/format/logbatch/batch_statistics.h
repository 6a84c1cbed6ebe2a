// The per-batch column statistics of Fluss 1.0 log batches (magic V1/V2,
// written for the columns a table lists in `table.statistics.columns`),
// stored between the fixed header and the records:
//
//   version        int8   1
//   column_count   int16  N > 0
//   columns        N x int16   field index in the batch schema's row type
//   null_counts    N x int32
//   min_size       int32  then an AlignedRow (aligned_row.h) of N fields:
//                         the minimum per statistics column, in the order
//                         of `columns`; size 0: no minimum row
//   max_size       int32  then the maximum row likewise
//
// all little-endian. Bounds are exact values of some row (Fluss compares
// whole values); a column whose values are all NULL has NULL bounds.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "fluss_native/predicate.h"
#include "fluss_native/status.h"
#include "fluss_native/types.h"

namespace fluss_native::logbatch {

inline constexpr int8_t kStatisticsVersion = 1;

struct ColumnStatistics {
  int column = -1;  // field index in the batch's row type
  int64_t null_count = 0;
  // Bounds of the non-null values, as Literals of the column type's domain
  // (INTEGER for integral types, DOUBLE, DECIMAL, STRING, DATE, TIME,
  // TIMESTAMP, BOOLEAN); nullopt when all values are NULL or the type has
  // no statistics reader here.
  std::optional<Literal> min;
  std::optional<Literal> max;
  // FLOAT/DOUBLE: Fluss orders values by Double.compare, where NaN is the
  // greatest, so a batch whose maximum is a number holds no NaN (0 here); a
  // NaN bound is dropped (nullopt) and the count left unknown.
  std::optional<int64_t> nan_count;
};

struct BatchStatistics {
  std::vector<ColumnStatistics> columns;
  // The statistics of field `column`, or nullptr.
  const ColumnStatistics* Find(int column) const;
};

// Parses `size` statistics bytes of a batch whose schema is `row_type` (a
// ROW). nullopt for a statistics version other than 1 (unknown: not used,
// as Fluss does); Corruption for bytes that do not parse.
Result<std::optional<BatchStatistics>> ParseBatchStatistics(const uint8_t* data, size_t size,
                                                            const DataType& row_type);

}  // namespace fluss_native::logbatch
