// Row-group pruning of lake files by their Parquet footer statistics: the
// split's predicate evaluated over each row group's per-column min/max/null
// counts (expr/may_match.h). Rows of kept row groups are filtered exactly
// afterwards (residual_filter.h).
//
// Log-table files are also pruned by dictionaries: a row group in which
// every value of some column (its dictionary, when every data page uses it)
// fails the predicate holds no match (counted in
// ScanMetrics::row_groups_pruned_by_dictionary).
//
// Primary-key files are pruned by primary-key columns only (their `_KEY_`
// copies, which every record, deletes included, fills), for the reason
// plan/prune.h gives for whole files: a row group may hold an old version of
// a key whose newer version elsewhere fails the predicate. Files with
// deletion vectors are never pruned (lake/paimon/data_file_reader.h).
#pragma once

#include <memory>

#include "fluss_native/predicate.h"
#include "fluss_native/table_info.h"
#include "lake/paimon/data_file_reader.h"
#include "lake/paimon/table_schema.h"

namespace fluss_native::read {

// The keep_row_group hook for files of `table`'s lake snapshot whose schema
// is `snapshot_schema`; an unset function when `predicate` cannot be bound
// (nothing is pruned then; the filter reports the error).
std::function<bool(const parquet::ParquetFileReader&, const lake::paimon::TableSchema&, int)> RowGroupFilter(
    const Predicate& predicate, const TableInfo& table,
    std::shared_ptr<const lake::paimon::TableSchema> snapshot_schema, std::shared_ptr<ScanMetrics> metrics);

// The same pruning, down to rows: of row group `rg`, the row ranges whose
// pages (by the predicate columns' page index) may hold a match; nullopt:
// every row (no page index), empty: none. The select_rows hook of
// lake::paimon::FileReadHooks. Counts pages_total/kept as RowGroupFilter.
using RowRangeHook = lake::paimon::RowSelectionHook;
RowRangeHook RowRangeFilter(const Predicate& predicate, const TableInfo& table,
                            std::shared_ptr<const lake::paimon::TableSchema> snapshot_schema,
                            std::shared_ptr<ScanMetrics> metrics);

}  // namespace fluss_native::read
