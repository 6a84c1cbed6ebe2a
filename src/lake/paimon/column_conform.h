// Makes a column decoded from a lake file look like the table's column.
//
// The Parquet reader describes what is in the file (e.g. TIME as
// milliseconds, TIMESTAMP(0) as milliseconds, a map's entries named by the
// writer); the lake scan promises the Arrow layout of the table's DataType
// (DataType::ToArrowFormat), the same one the log scan produces. Where the
// two agree the column is borrowed without a copy; time units are rescaled;
// anything else is an Unsupported error naming the column and both types,
// never a silent misread.
#pragma once

#include <cstdint>
#include <string>

#include "format/arrow/c_export.h"
#include "fluss_native/arrow_c_abi.h"
#include "fluss_native/types.h"

namespace fluss_native::lake::paimon {

// `column`/`schema` is one child of a decoded batch, kept alive by `owner`.
// `where` names the file and column for errors.
Result<arrow::ArrayNode> ConformColumn(const ArrowArray& column, const ArrowSchema& schema,
                                       const DataType& target, const arrow::KeepAlive& owner,
                                       const std::string& where);

// `length` nulls of `type`: a column added to the table after a file was
// written reads as null in that file (Paimon's schema evolution).
Result<arrow::ArrayNode> NullColumn(const DataType& type, int64_t length);

}  // namespace fluss_native::lake::paimon
