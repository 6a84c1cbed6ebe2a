// Conjunctive column predicates used to skip row groups by their min/max
// statistics. Pruning is conservative: a row group is skipped only when its
// statistics prove no row can match; rows inside kept row groups are not
// filtered (the engine re-applies its own filter).
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace fluss_native::parquet {

enum class CompareOp { kEq, kLt, kLe, kGt, kGe, kIsNull, kIsNotNull };

// Literals are compared with a column's stored (physical) value: integers
// for INT32/INT64 columns incl. DATE (days), TIME and TIMESTAMP (in the
// column's unit); doubles for FLOAT/DOUBLE; bytes for STRING/BINARY
// (unsigned lexicographic); bool for BOOLEAN. Other combinations, and
// columns whose statistics are not reliably ordered (decimal, unsigned,
// INT96, fixed-length binary), never prune.
using Literal = std::variant<std::monostate, bool, int64_t, double, std::string>;

struct ColumnPredicate {
  std::string column;  // top-level column name
  CompareOp op = CompareOp::kEq;
  Literal value;       // unused for kIsNull / kIsNotNull
};

}  // namespace fluss_native::parquet
