// Read access to one Fluss AlignedRow (org.apache.fluss.row.aligned), the
// binary row Fluss 1.0 stores per-batch min/max values in:
//
//   [null bits: 8 header bits + 1 per field, padded to 8-byte words]
//   [8 bytes per field]        fixed-size values, little-endian, or for
//                              variable-size ones (offset << 32 | size),
//                              or a string of <= 7 bytes inline (top bit
//                              set, size in bits 56..62, bytes from byte 0)
//   [variable-size part]       strings, non-compact decimals (big-endian
//                              two's complement unscaled) and timestamps
//                              (epoch millis; nanos of milli in the slot)
//
// Every access is bounds-checked against the row's bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "fluss_native/status.h"

namespace fluss_native::logbatch {

class AlignedRowView {
 public:
  AlignedRowView() = default;  // an empty row of no fields
  // Fails if [data, data + size) is too small for `arity` fields.
  static Result<AlignedRowView> Make(const uint8_t* data, size_t size, int arity);

  int arity() const { return arity_; }
  bool IsNull(int pos) const;
  // The field's 8-byte slot, little-endian.
  uint64_t Slot(int pos) const;
  // The bytes of a variable-size field (string, binary).
  Result<std::string> VarBytes(int pos) const;
  // Unscaled value of a decimal stored out of line (precision > 18), as
  // base-10 digits with an optional '-'.
  Result<std::string> BigDecimalDigits(int pos) const;
  // A timestamp of precision > 3: epoch millis (out of line) and nanos of
  // the millisecond (in the slot).
  Result<std::pair<int64_t, int32_t>> WideTimestamp(int pos) const;

 private:
  AlignedRowView(const uint8_t* data, size_t size, int arity) : data_(data), size_(size), arity_(arity) {}
  size_t FieldOffset(int pos) const;
  Result<std::pair<size_t, size_t>> OutOfLine(int pos) const;  // (offset, size) checked

  const uint8_t* data_ = nullptr;
  size_t size_ = 0;
  int arity_ = 0;
};

}  // namespace fluss_native::logbatch
