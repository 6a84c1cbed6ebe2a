// Comparing values of a column type as Literals: the one definition of value
// order that binding, evaluation and pruning (stats held as Literals) share.
//
// A column type's comparison domain and the literal kinds it accepts:
//   TINYINT..BIGINT, FLOAT, DOUBLE, DECIMAL: kInteger, kDecimal, kDouble —
//     compared by value, exactly (no rounding of DECIMAL or BIGINT); NaN is
//     greater than every number and equal to itself; -0.0 = 0.0;
//   CHAR, STRING: kString, by UTF-8 bytes;  BINARY, BYTES: kBytes, unsigned;
//   BOOLEAN: kBoolean (FALSE < TRUE);  DATE: kDate;  TIME: kTime;
//   TIMESTAMP, TIMESTAMP_LTZ: kTimestamp (an LTZ literal is a UTC instant).
// A kString literal against DATE/TIME/TIMESTAMP is accepted when it parses
// as one ('2024-01-01'), as SQL's implicit cast does.
// ARRAY, MAP and ROW are not comparable.
#pragma once

#include <string>

#include "fluss_native/predicate.h"
#include "fluss_native/status.h"
#include "fluss_native/types.h"

namespace fluss_native::expr {

// The type as errors name it: Fluss's text without NOT NULL ("INT",
// "DECIMAL(18, 4)").
std::string TypeName(const DataType& type);

// Whether values of `type` can be compared (<, =, ...) at all.
bool IsComparable(const DataType& type);

// Checks that `literal` fits a column of `type` and returns it in the
// column's domain (a date string becomes kDate, ...). kNull fits every type.
// `column` names the column in the error: "column 'id' is INT, literal 'x'
// is STRING".
Result<Literal> CoerceLiteral(const Literal& literal, const DataType& type,
                              const std::string& column);

// Compares two non-null literals as values of a column of `type`: <0, 0 or
// >0. Both must fit `type` (as CoerceLiteral accepts them); otherwise, or for
// a NULL or an incomparable type, InvalidArgument.
Result<int> CompareLiterals(const Literal& a, const Literal& b, const DataType& type);

}  // namespace fluss_native::expr
