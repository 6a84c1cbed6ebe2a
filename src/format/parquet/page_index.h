// The page index of a column chunk (ColumnIndex: per-page min/max/null
// pages; OffsetIndex: where each page starts and its first row), decoded and
// checked against the file and the row group. Pages are what a reader may
// skip within a row group; their bounds prune as row-group statistics do.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "format/parquet/statistics.h"

namespace fluss_native::parquet {

struct IndexedPage {
  int64_t first_row = 0;  // within the row group
  int64_t num_rows = 0;
  int64_t offset = 0;  // of the page header in the file
  int32_t compressed_size = 0;
  // From the ColumnIndex, when the chunk has one (else unknown bounds).
  bool all_null = false;
  StatValue min, max;  // as ChunkStats holds bounds; monostate: unknown
  std::optional<int64_t> null_count;
};

struct ColumnPageIndex {
  std::string arrow_format;  // the column's, as in ChunkStats
  bool has_bounds = false;   // a ColumnIndex was present
  std::vector<IndexedPage> pages;  // in row order, covering the row group
};

}  // namespace fluss_native::parquet
