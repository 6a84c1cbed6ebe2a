// Our predicate as the filter a Fluss 1.0 tablet server applies in FetchLog
// (rpc/messages/filter_predicate.h), built the way Fluss 1.0's own
// PredicateBuilder builds it (so the bytes equal the Java client's):
// binary AND/OR nested to the left, BETWEEN as >= AND <=, IN of up to 20
// values as an OR of =, NOT IN as an AND of <>, longer lists as IN/NOT IN
// leaves, LIKE 'p%' as STARTS_WITH.
//
// The server only uses the filter to drop whole batches, and the reader
// re-checks every row, so the filter may be weaker than the predicate but
// never stronger: a conjunct that cannot be expressed exactly (NOT, a nested
// field, a literal the column's type cannot hold exactly, a general LIKE,
// an IN list with NULL, >, >=, <> or NOT IN on FLOAT/DOUBLE, which NaN
// satisfies in our order, a zero FLOAT/DOUBLE literal, which Fluss orders
// apart from -0.0) is left out of an AND, and makes an OR (or the
// whole predicate) unpushable.
#pragma once

#include <optional>

#include "expr/bound_predicate.h"
#include "fluss_native/table_info.h"
#include "rpc/messages/filter_predicate.h"

namespace fluss_native::read {

// Fluss's PredicateBuilder turns IN lists longer than this into one IN leaf.
inline constexpr size_t kInListAsOrLimit = 20;

// `bound` is bound against `table`'s row type (all columns, table order);
// field ids come from table.columns[i].id. Nothing pushable: nullopt.
std::optional<rpc::messages::FilterPredicate> ServerFilterFor(const expr::BoundPredicate& bound,
                                                              const TableInfo& table);

}  // namespace fluss_native::read
