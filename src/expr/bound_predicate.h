// A predicate checked against a table's row type: every column path resolved
// to field indexes, every literal checked against (and coerced to) the
// column's comparison domain. This is the form the evaluator and the pruners
// (partitions, lake files, row groups) work on.
#pragma once

#include <string>
#include <vector>

#include "fluss_native/predicate.h"
#include "fluss_native/status.h"
#include "fluss_native/types.h"

namespace fluss_native::expr {

// A resolved column reference: `indexes[0]` is the top-level field of the
// row type, each following index a field of the ROW before it.
struct BoundColumn {
  ColumnPath path;
  std::vector<int> indexes;
  DataType type;  // the type of the referenced (leaf) field
};

// The same shape as Predicate (same ops, same literal positions). Literals
// are coerced to the column's domain (see literal_compare.h): for numeric
// columns kInteger, kDecimal or kDouble; kString for CHAR/STRING; kBytes for
// BINARY/BYTES; kDate, kTime, kTimestamp; kBoolean; or kNull, which never
// compares TRUE. AND/OR/NOT have no column.
struct BoundPredicate {
  PredicateOp op = PredicateOp::kAnd;
  BoundColumn column;
  std::vector<Literal> literals;
  std::vector<BoundPredicate> children;
};

// Resolves and type-checks `predicate` against `row_type` (a ROW). Errors are
// InvalidArgument naming the column and both types, e.g. "column 'id' is
// INT, literal 'x' is STRING", or the unknown column and the known ones.
Result<BoundPredicate> Bind(const Predicate& predicate, const DataType& row_type);

// The top-level field indexes of `row_type` that `bound` reads, ascending.
std::vector<int> ReferencedTopLevelColumns(const BoundPredicate& bound);

}  // namespace fluss_native::expr
