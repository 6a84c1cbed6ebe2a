// Log batches by their Fluss 1.0 statistics (format/logbatch/
// batch_statistics.h): a batch whose per-column min/max/null counts prove
// that no row can satisfy the scan's predicate (expr::MayMatch is kNever)
// is skipped without decoding its records; rows of kept batches are
// filtered exactly afterwards (residual_filter.h).
//
// Skipping is only sound where the predicate filters rows independently, as
// a log-only read does (every change row, -U and -D included, is filtered
// on its own values); a changelog merged into lake rows by key must see
// every row, so the union reader does not prune this way.
#pragma once

#include <functional>
#include <memory>

#include "expr/bound_predicate.h"
#include "expr/may_match.h"
#include "fluss_native/predicate.h"
#include "fluss_native/scan.h"
#include "fluss_native/table_info.h"
#include "format/logbatch/batch_header.h"
#include "format/logbatch/batch_statistics.h"

namespace fluss_native::read {

// What the statistics of a batch of `record_count` rows say about
// `predicate`, bound to the batch schema's row type (top-level column
// indexes are the statistics' field indexes).
expr::MatchResult BatchMayMatch(const expr::BoundPredicate& predicate, const logbatch::BatchStatistics& statistics,
                                int64_t record_count);

// The keep_batch hook of logbatch::LogReadContext for `table`'s batches;
// unset when `predicate` cannot be bound (nothing is pruned then; the
// residual filter reports the error). Batches of another schema id than the
// table's current one are kept: their field indexes may differ.
std::function<bool(const logbatch::LogBatchHeader&, const logbatch::BatchStatistics&)> LogBatchFilter(
    const Predicate& predicate, const TableInfo& table);

}  // namespace fluss_native::read
