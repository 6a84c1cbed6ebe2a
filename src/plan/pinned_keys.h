// What a predicate pins the key columns to, for the two plans that need no
// scan of everything: bucket pruning (the predicate fixes every bucket-key
// column with = or IN, so only the buckets those values hash to can hold a
// matching row) and point lookups (it fixes the whole primary key, so
// Fluss's Lookup RPC answers the query).
//
// A column is pinned by a top-level conjunct `c = v` or `c IN (v, ...)`
// with non-NULL literals (the predicate itself, or a child of its top-level
// AND). Anything else (OR, NOT, ranges, nested ROW fields) pins nothing,
// which is always safe: the residual filter applies the whole predicate to
// whatever is read.
#pragma once

#include <optional>
#include <set>
#include <vector>

#include "expr/bound_predicate.h"
#include "fluss_native/predicate.h"
#include "fluss_native/table_info.h"

namespace fluss_native::plan {

// Key tuples beyond this many are not enumerated (the plan scans instead).
inline constexpr size_t kMaxPinnedKeys = 4096;

// The buckets a matching row can be in, when the predicate pins every
// bucket-key column of a table that has bucket keys (a primary-key table, or
// a log table created with them); nullopt: any bucket. Values that cannot be
// a value of their column (out of range, a fraction on an INT) match no row.
std::optional<std::set<int>> PinnedBuckets(const TableInfo& table, const expr::BoundPredicate& predicate);

// The primary keys (full, partition columns included, in primary-key order)
// a matching row can have, when the predicate pins every primary-key column;
// nullopt otherwise. Keys that cannot exist are left out (possibly all).
std::optional<std::vector<std::vector<Literal>>> PinnedPrimaryKeys(const TableInfo& table,
                                                                   const expr::BoundPredicate& predicate);

}  // namespace fluss_native::plan
