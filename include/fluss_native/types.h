// Fluss's logical type system, as the server describes it in table JSON.
//
// A DataType is an immutable value tree. Invariants:
//  - ARRAY has exactly one child (the element), MAP exactly two (key, value),
//    ROW one child per field with field_names/field_ids/field_descriptions of
//    the same length; every other root has no children.
//  - length is set for CHAR and BINARY, precision for DECIMAL, TIME and both
//    TIMESTAMP kinds, scale for DECIMAL; unused ones are 0.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "fluss_native/export.h"
#include "fluss_native/status.h"

namespace fluss_native {

enum class TypeRoot {
  kBoolean,
  kTinyInt,
  kSmallInt,
  kInt,
  kBigInt,
  kFloat,
  kDouble,
  kDecimal,
  kChar,
  kString,
  kBinary,
  kBytes,
  kDate,
  kTime,
  kTimestamp,     // TIMESTAMP(p), without time zone
  kTimestampLtz,  // TIMESTAMP(p) WITH LOCAL TIME ZONE
  kArray,
  kMap,
  kRow,
};

struct FN_EXPORT DataType {
  TypeRoot root = TypeRoot::kInt;
  bool nullable = true;
  int length = 0;
  int precision = 0;
  int scale = 0;
  std::vector<DataType> children;
  std::vector<std::string> field_names;
  std::vector<int> field_ids;
  std::vector<std::optional<std::string>> field_descriptions;

  // Fluss's own rendering (DataType#asSerializableString), e.g.
  // "DECIMAL(18, 4) NOT NULL", "ROW<`a` INT, `b` STRING 'note'>".
  std::string ToFlussString() const;
  // Arrow C Data Interface format string, e.g. "i", "d:18,4", "tsu:UTC", "+l".
  std::string ToArrowFormat() const;

  bool operator==(const DataType& other) const;
};

// Parses Fluss's DataTypeJsonSerde JSON (the "data_type" of a column).
FN_EXPORT Result<DataType> ParseDataTypeJson(const std::string& json);

}  // namespace fluss_native
