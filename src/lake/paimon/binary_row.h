// Paimon's BinaryRow as serialized in manifests (partition, min/max key,
// stats): SerializationUtils.serializeBinaryRow writes
//
//   int32 big-endian   arity
//   row bytes          BinaryRow of that arity
//
// and a BinaryRow is (all values little-endian, the MemorySegment order on
// every platform Paimon runs on):
//
//   header + null bits   ((arity + 63 + 8) / 64) * 8 bytes; byte 0 is the
//                        RowKind, field i's null bit is bit (i + 8)
//   fixed part           8 bytes per field
//   variable part        strings, binaries, big decimals, precise timestamps
//
// A variable-length field's slot holds either (offset << 32 | length), offset
// from the row start, or, when the top bit is set, up to 7 bytes inline with
// the length in bits 56..62. Compact decimals (precision <= 18) are the
// unscaled long in the slot; others are big-endian two's complement bytes in
// the variable part. Compact timestamps (precision <= 3) are epoch millis in
// the slot; others keep millis in the variable part and (offset << 32 |
// nano-of-milli) in the slot.
//
// The view borrows the bytes; every accessor bounds-checks against them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fluss_native/status.h"
#include "fluss_native/types.h"

namespace fluss_native::lake::paimon {

struct PaimonDecimal {
  __int128 unscaled = 0;
  int precision = 0;
  int scale = 0;
  // Plain notation as Java's BigDecimal#toPlainString: "-12.3400".
  std::string ToString() const;
};

struct PaimonTimestamp {
  int64_t millis = 0;          // since the epoch
  int32_t nanos_of_milli = 0;  // 0..999999
};

class BinaryRowView {
 public:
  // `serialized` is the arity-prefixed form found in manifests.
  static Result<BinaryRowView> Parse(std::string_view serialized);

  int arity() const { return arity_; }
  // The raw row bytes without the arity prefix.
  std::string_view row_bytes() const { return row_; }

  // False for an out-of-range position.
  bool IsNull(int pos) const;

  Result<bool> GetBool(int pos) const;
  Result<int8_t> GetInt8(int pos) const;
  Result<int16_t> GetInt16(int pos) const;
  Result<int32_t> GetInt32(int pos) const;  // also DATE (days) and TIME (millis)
  Result<int64_t> GetInt64(int pos) const;
  Result<float> GetFloat(int pos) const;
  Result<double> GetDouble(int pos) const;
  // Views into the row bytes; valid as long as they are.
  Result<std::string_view> GetString(int pos) const;
  Result<std::string_view> GetBinary(int pos) const;
  Result<PaimonDecimal> GetDecimal(int pos, int precision, int scale) const;
  Result<PaimonTimestamp> GetTimestamp(int pos, int precision) const;

 private:
  Status CheckPos(int pos) const;
  Result<uint64_t> Slot(int pos) const;
  Result<std::string_view> Var(int pos, const char* what) const;

  std::string_view row_;
  int arity_ = 0;
  size_t null_bits_size_ = 0;
};

// How Paimon names partitions in paths (CoreOptions partition.default-name
// and partition.legacy-name).
struct PartitionNameOptions {
  std::string default_name = "__DEFAULT_PARTITION__";
  // Paimon's default (true): values rendered with Java toString(), so a DATE
  // partition is its day number. false: CAST(... AS STRING), "2024-01-01".
  bool legacy_name = true;
};

// The text of partition field `pos` as Paimon puts it in a partition path,
// before escaping; nullopt for NULL. Types whose Java rendering we do not
// reproduce (FLOAT, DOUBLE, BINARY, TIMESTAMP, ...) fail with Unsupported.
Result<std::optional<std::string>> PartitionValueString(const BinaryRowView& row, int pos, const DataType& type,
                                                        const PartitionNameOptions& options = {});

// Paimon's partition directory, "dt=2024-01-01/hr=10/" (PartitionPathUtils
// .generatePartitionPath): NULL, empty and whitespace-only values become the
// default name; names and values are escaped as Paimon does. Empty for an
// unpartitioned table.
Result<std::string> PartitionPath(const BinaryRowView& row, const std::vector<std::string>& names,
                                  const std::vector<DataType>& types, const PartitionNameOptions& options = {});

// PartitionPathUtils.escapePathName: %XX for control characters and
// "#%'*/:=?\\{}[]^ and DEL.
std::string EscapePathName(std::string_view name);

}  // namespace fluss_native::lake::paimon
