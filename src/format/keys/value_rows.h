// The values the Lookup and PrefixLookup RPCs return: each is the row as the
// KV tier stores it (fluss-common ValueEncoder): a little-endian int16 schema
// id, then the row in the table's KV format. COMPACTED (the default,
// `table.kv.format`) is a null bitmap of ceil(fields/8) bytes (bit i of byte
// i/8 for field i) followed by each non-null field in schema order, encoded
// as the compacted key encoding does (key_encoder.h); nested values are a
// varint length and Fluss's binary array/map/row bytes.
//
// ARRAY and MAP values are Fluss's binary arrays (int32 count, null bits in
// 4-byte words, fixed-width slots of 1/2/4/8 bytes, variable-width elements
// by offset and length from the array's start or, up to 7 bytes, inline);
// a MAP is int32 key-array size, the key array, the value array; a nested
// ROW is a compacted row.
//
// ValueRowsBuilder decodes such rows into Arrow columns of the chosen
// fields. Values are network input: every length, offset and varint is
// checked, and nesting is bounded.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "fluss_native/status.h"
#include "fluss_native/types.h"
#include "format/arrow/c_export.h"

namespace fluss_native::keys {

class ValueRowsBuilder {
 public:
  // `row_type`: the ROW type of the table's schema `schema_id` (all columns);
  // `columns`: indexes into it of the output columns, in output order.
  // Fails when the KV format is not COMPACTED.
  static Result<ValueRowsBuilder> Make(const DataType& row_type, int schema_id, const std::string& kv_format,
                                       std::vector<int> columns);
  ValueRowsBuilder();  // no columns (what an error Result holds)
  ValueRowsBuilder(ValueRowsBuilder&&) noexcept;
  ValueRowsBuilder& operator=(ValueRowsBuilder&&) noexcept;
  ~ValueRowsBuilder();

  // Decodes one value and appends it as a row. `where` names the table,
  // bucket and key for errors.
  Status Append(std::string_view value, const std::string& where);
  int64_t rows() const;
  // The struct array of the output columns (a batch); the builder is reset.
  Result<arrow::ArrayNode> Finish();

 private:
  struct State;
  explicit ValueRowsBuilder(std::unique_ptr<State> state);
  Status AppendRow(std::string_view value, const std::string& where);
  std::unique_ptr<State> state_;
};

}  // namespace fluss_native::keys
