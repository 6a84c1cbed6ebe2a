// The fixed header of a Fluss log record batch (LogRecordBatchFormat),
// little-endian, for the two magic values Fluss 0.9 reads and writes:
//
//   offset  V0  V1  field
//        0   8   8  base_offset        int64
//        8   4   4  length             int32  bytes after this field
//       12   1   1  magic              int8
//       13   8   8  commit_timestamp   int64  set by the server
//        -   -   4  leader_epoch       int32  (V1 only, at 21)
//  21 / 25   4   4  crc                uint32 CRC-32C of schema_id..end
//  25 / 29   2   2  schema_id          int16
//  27 / 31   1   1  attributes         int8   bit 0: append-only
//  28 / 32   4   4  last_offset_delta  int32
//  32 / 36   8   8  writer_id          int64
//  40 / 44   4   4  batch_sequence     int32
//  44 / 48   4   4  record_count       int32
//  48 / 52          records
#pragma once

#include <cstddef>
#include <cstdint>

#include "fluss_native/status.h"

namespace fluss_native::logbatch {

inline constexpr size_t kLengthOffset = 8;
inline constexpr size_t kMagicOffset = 12;
// Bytes before and including the length field; batch size = kLogOverhead + length.
inline constexpr size_t kLogOverhead = 12;
inline constexpr size_t kV0HeaderSize = 48;
inline constexpr size_t kV1HeaderSize = 52;
inline constexpr int8_t kMagicV0 = 0;
inline constexpr int8_t kMagicV1 = 1;
inline constexpr int8_t kAppendOnlyFlag = 0x01;
inline constexpr int32_t kNoLeaderEpoch = -1;

struct LogBatchHeader {
  int64_t base_offset = 0;
  int32_t length = 0;
  int8_t magic = 0;
  int64_t commit_timestamp = 0;
  int32_t leader_epoch = kNoLeaderEpoch;  // V0 batches have none
  uint32_t crc = 0;
  int16_t schema_id = 0;
  int8_t attributes = 0;
  int32_t last_offset_delta = 0;
  int64_t writer_id = -1;
  int32_t batch_sequence = -1;
  int32_t record_count = 0;

  size_t header_size = 0;   // 48 (V0) or 52 (V1)
  size_t size_bytes = 0;    // whole batch: kLogOverhead + length
  size_t crc_start = 0;     // first byte the CRC covers (the schema id)

  bool append_only() const { return (attributes & kAppendOnlyFlag) != 0; }
  // Fluss derives the last offset from the delta, not the record count: a
  // CDC batch may carry fewer records (even none) than offsets it consumes.
  int64_t last_offset() const { return base_offset + last_offset_delta; }
  int64_t next_offset() const { return last_offset() + 1; }
};

// Header size for a magic value, or 0 if Fluss 0.9 does not know it.
size_t HeaderSizeForMagic(int8_t magic);

// Parses the header of a batch whose `size` bytes are all present (the
// caller has checked size == kLogOverhead + length). Checks the magic, that
// the batch is at least a header long, and field ranges; not the CRC.
Result<LogBatchHeader> ParseLogBatchHeader(const uint8_t* data, size_t size);

}  // namespace fluss_native::logbatch
