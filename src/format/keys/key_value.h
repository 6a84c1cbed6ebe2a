// A primary-key or bucket-key field's value, typed by its column: what the
// key encoders write. Built from a predicate Literal (the planner's bound
// `=`/IN values, or a host's Client::Lookup keys) by CoerceKeyLiteral, which
// refuses a literal that cannot be a value of the column (wrong kind, out of
// range, more fractional digits than the column keeps, NULL: key columns are
// NOT NULL in Fluss).
#pragma once

#include <cstdint>
#include <string>

#include "fluss_native/predicate.h"
#include "fluss_native/status.h"
#include "fluss_native/types.h"

namespace fluss_native::keys {

struct KeyValue {
  // BOOLEAN (0/1), TINYINT..BIGINT, DATE (days), TIME (milliseconds of the
  // day, as Fluss stores TIME), TIMESTAMP/_LTZ (epoch milliseconds), DECIMAL
  // with precision <= 18 (the unscaled value).
  int64_t integer = 0;
  int32_t nanos_of_milli = 0;  // TIMESTAMP/_LTZ: 0..999999
  double real = 0;             // FLOAT (already rounded to float), DOUBLE
  // STRING/CHAR: UTF-8; BYTES/BINARY: the bytes; DECIMAL with precision > 18:
  // the unscaled value as Java's BigInteger.toByteArray() (big-endian two's
  // complement, shortest form).
  std::string bytes;
};

// `column` names the column in errors.
Result<KeyValue> CoerceKeyLiteral(const Literal& literal, const DataType& type, const std::string& column);

// Whether `type` can be a key column here (the scalar types).
bool IsKeyType(const DataType& type);

}  // namespace fluss_native::keys
