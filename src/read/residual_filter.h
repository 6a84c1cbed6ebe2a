// The residual filter: keeps the rows of a split reader's batches for which
// the split's predicate is TRUE, so results are exact whatever any tier
// pruned. It sits around every split reader (LOG_ONLY, LAKE_ONLY, HYBRID,
// after a primary-key merge), reads the predicate's columns even when the
// projection lacks them and drops them after filtering, skips batches with
// no surviving row, and applies the split's LIMIT after the filter.
#pragma once

#include <memory>
#include <optional>

#include "fluss_native/predicate.h"
#include "read/split_reader.h"

namespace fluss_native::read {

// The top-level columns `predicate` reads, in first-use order.
std::vector<std::string> PredicateColumns(const Predicate& predicate);

// `inner` outputs the first `output_columns` fields of its type followed by
// any extra columns the predicate needs; the filter outputs those first
// fields alone. `where` names the split in errors.
Result<std::unique_ptr<BatchSource>> FilterRows(std::unique_ptr<BatchSource> inner, const Predicate& predicate,
                                                size_t output_columns, std::optional<int64_t> limit,
                                                std::string where);

}  // namespace fluss_native::read
