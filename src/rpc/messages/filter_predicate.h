// Fluss 1.0's predicate on the wire (PbPredicate), as FetchLog's
// filter_predicate carries it: a tree of leaves (a function of one column,
// named by its schema field id, and literals typed by the column's type
// root) under AND/OR nodes. The codes are the int32 constants of Fluss 1.0's
// PredicateMessageUtils. Which of our predicates become which tree is
// read/server_filter.h's business; this only encodes a tree.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace fluss_native::rpc::messages {

enum class FilterFunction : int32_t {
  kEqual = 0,
  kNotEqual = 1,
  kLessThan = 2,
  kLessOrEqual = 3,
  kGreaterThan = 4,
  kGreaterOrEqual = 5,
  kIsNull = 6,
  kIsNotNull = 7,
  kStartsWith = 8,
  kContains = 9,
  kEndsWith = 10,
  kIn = 11,
  kNotIn = 12,
};

// PbDataTypeRoot: the column's type, which also says which value field a
// literal sets.
enum class FilterTypeRoot : int32_t {
  kBoolean = 0,
  kTinyInt = 1,
  kSmallInt = 2,
  kInt = 3,
  kBigInt = 4,
  kFloat = 5,
  kDouble = 6,
  kChar = 7,
  kString = 8,
  kDecimal = 9,
  kDate = 10,
  kTime = 11,
  kTimestamp = 12,
  kTimestampLtz = 13,
  kBinary = 14,
  kBytes = 15,
};

// One literal; exactly the fields Fluss 1.0 sets for its type are set.
struct FilterLiteral {
  FilterTypeRoot type = FilterTypeRoot::kInt;
  bool is_null = false;
  std::optional<bool> boolean_value;
  std::optional<int32_t> int_value;        // TINYINT, SMALLINT, INT, TIME (millis of day)
  std::optional<int64_t> bigint_value;     // BIGINT, DATE (days)
  std::optional<float> float_value;
  std::optional<double> double_value;
  std::optional<std::string> string_value;  // CHAR, STRING (UTF-8)
  std::optional<std::string> binary_value;  // BINARY, BYTES
  std::optional<int64_t> decimal_value;     // unscaled, precision <= 18
  std::optional<int64_t> timestamp_millis;  // TIMESTAMP, TIMESTAMP_LTZ
  std::optional<int32_t> timestamp_nanos_of_milli;
  std::optional<std::string> decimal_bytes;  // unscaled, big-endian two's complement, precision > 18
};

struct FilterPredicate {
  enum class Kind { kLeaf, kAnd, kOr };
  Kind kind = Kind::kLeaf;
  // Leaves.
  FilterFunction function = FilterFunction::kEqual;
  int32_t field_id = -1;
  std::vector<FilterLiteral> literals;
  // AND / OR.
  std::vector<FilterPredicate> children;

  static FilterPredicate Leaf(FilterFunction function, int32_t field_id, std::vector<FilterLiteral> literals = {});
  // Two children, as Fluss's PredicateBuilder builds them.
  static FilterPredicate Binary(Kind kind, FilterPredicate left, FilterPredicate right);

  // The PbPredicate bytes.
  std::string Encode() const;
};

}  // namespace fluss_native::rpc::messages
