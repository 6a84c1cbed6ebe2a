// The fixed header of a Fluss log record batch (LogRecordBatchFormat),
// little-endian. Fluss 0.9 and 1.0 give magic 1 different layouts:
//
//   0.9 V0 (48 bytes)       base_offset(8) length(4) magic(1) commit_ts(8)
//                           crc(4) schema_id(2) attributes(1)
//                           last_offset_delta(4) writer_id(8)
//                           batch_sequence(4) record_count(4)
//   0.9 V1 (52 bytes)       V0 with leader_epoch(4) after commit_ts
//   1.0 V1 (52 bytes + s)   V0, then statistics_length(4), then s bytes of
//                           statistics (batch_statistics.h)
//   1.0 V2 (56 bytes + s)   0.9's V1, then statistics_length(4) and stats
//
// The CRC (CRC-32C) covers schema_id to the end of the batch, statistics
// included; base offset, commit timestamp and leader epoch lie before it
// because the server sets them. Records (change types, Arrow body) start
// after the statistics. Fluss 0.9.1 writes V0 only; Fluss 1.0 writes 1.0 V1
// when a table sets `table.statistics.columns`, else V0. Which magic-1
// layout a batch has is not in the batch: the reader is told (V1Layout).
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
inline constexpr size_t kV2HeaderSize = 56;
inline constexpr int8_t kMagicV0 = 0;
inline constexpr int8_t kMagicV1 = 1;
inline constexpr int8_t kMagicV2 = 2;

// What magic 1 means: 0.9's leader-epoch header, or 1.0's statistics header.
enum class V1Layout { kLeaderEpoch, kStatistics };
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
  // Bytes of statistics after the fixed header (1.0 V1 and V2); 0: none.
  int32_t statistics_length = 0;

  size_t header_size = 0;   // the fixed header: 48, 52 or 56 bytes
  size_t records_offset = 0;  // header_size + statistics_length
  size_t size_bytes = 0;    // whole batch: kLogOverhead + length
  size_t crc_start = 0;     // first byte the CRC covers (the schema id)

  bool append_only() const { return (attributes & kAppendOnlyFlag) != 0; }
  bool has_statistics() const { return statistics_length > 0; }
  // Fluss derives the last offset from the delta, not the record count: a
  // CDC batch may carry fewer records (even none) than offsets it consumes.
  int64_t last_offset() const { return base_offset + last_offset_delta; }
  int64_t next_offset() const { return last_offset() + 1; }
};

// Fixed header size for a magic value, or 0 for an unknown magic.
size_t HeaderSizeForMagic(int8_t magic);

// Parses the header of a batch whose `size` bytes are all present (the
// caller has checked size == kLogOverhead + length). Checks the magic, that
// the batch is at least a header long, that the statistics fit, and field
// ranges; not the CRC.
Result<LogBatchHeader> ParseLogBatchHeader(const uint8_t* data, size_t size,
                                           V1Layout v1_layout = V1Layout::kLeaderEpoch);

}  // namespace fluss_native::logbatch
