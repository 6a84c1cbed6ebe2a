// Whether a set of rows described only by per-column statistics (a
// partition, a lake file, a row group, a page) may hold a row for which a
// bound predicate is TRUE. This is what every pruner asks; rows it keeps are
// filtered exactly afterwards, so the only hard rule is: answer kNever only
// when no row can match.
//
// Statistics describe the non-null values of one column: every one of them
// lies in [min, max] (bounds may be looser than the values, e.g. truncated
// strings, unless `exact`). Missing statistics, or a column without any, mean
// "unknown", which never prunes.
//
// The evaluation is SQL's three-valued logic lifted to sets: each node yields
// the set of truth values its rows may take ({TRUE, FALSE, UNKNOWN}); NOT
// swaps TRUE and FALSE; AND and OR combine the sets as Kleene's tables do.
// The answer is kNever when TRUE is impossible and kAlways when only TRUE is
// possible (every row matches: a reader may skip the residual filter).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>

#include "expr/bound_predicate.h"
#include "fluss_native/predicate.h"

namespace fluss_native::expr {

enum class MatchResult { kNever, kMaybe, kAlways };

const char* MatchResultName(MatchResult r);

struct ColumnStats {
  // Bounds of the non-null values, in the column's comparison domain (see
  // literal_compare.h; a DOUBLE column's bounds may be kDouble, kInteger or
  // kDecimal). nullopt: no bound known.
  std::optional<Literal> min;
  std::optional<Literal> max;
  // min and max are values some row holds (not truncated or widened).
  bool exact = false;
  std::optional<int64_t> null_count;
  std::optional<int64_t> row_count;
  // FLOAT/DOUBLE: how many values are NaN. Statistics writers usually leave
  // NaN out of min/max, so unless this is known to be 0 a NaN (the greatest
  // value) may be present beyond `max`.
  std::optional<int64_t> nan_count;

  // A set where every row holds `value` (a partition's value): exact bounds,
  // no NULLs unless `value` is NULL.
  static ColumnStats Constant(const Literal& value);
};

// The statistics of a referenced column, or nullptr when there are none.
using StatsLookup = std::function<const ColumnStats*(const BoundColumn& column)>;

MatchResult MayMatch(const BoundPredicate& predicate, const StatsLookup& stats);

}  // namespace fluss_native::expr
