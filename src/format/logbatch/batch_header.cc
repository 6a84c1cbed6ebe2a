#include "format/logbatch/batch_header.h"

#include <cstdint>
#include <string>

namespace fluss_native::logbatch {

namespace {

template <typename T>
T ReadLe(const uint8_t* p) {
  uint64_t v = 0;
  for (size_t i = sizeof(T); i-- > 0;) v = (v << 8) | p[i];
  return static_cast<T>(v);
}

}  // namespace

size_t HeaderSizeForMagic(int8_t magic) {
  switch (magic) {
    case kMagicV0: return kV0HeaderSize;
    case kMagicV1: return kV1HeaderSize;
    case kMagicV2: return kV2HeaderSize;
    default: return 0;
  }
}

Result<LogBatchHeader> ParseLogBatchHeader(const uint8_t* data, size_t size, V1Layout v1_layout) {
  if (size < kMagicOffset + 1) {
    return Status::Corruption("log batch of " + std::to_string(size) +
                              " bytes is too short to hold a magic byte");
  }
  LogBatchHeader h;
  h.magic = static_cast<int8_t>(data[kMagicOffset]);
  h.header_size = HeaderSizeForMagic(h.magic);
  if (h.header_size == 0) {
    return Status::Unsupported("log batch magic " + std::to_string(h.magic) +
                               " is not supported (known: 0, 1, 2)");
  }
  if (size < h.header_size) {
    return Status::Corruption("log batch size " + std::to_string(size) +
                              " is smaller than the V" + std::to_string(h.magic) +
                              " header of " + std::to_string(h.header_size) + " bytes");
  }
  h.base_offset = ReadLe<int64_t>(data);
  h.length = ReadLe<int32_t>(data + kLengthOffset);
  h.commit_timestamp = ReadLe<int64_t>(data + 13);
  // 0.9's V1 and 1.0's V2 insert the leader epoch after the commit
  // timestamp; everything after it shifts by 4 bytes.
  const bool statistics = h.magic == kMagicV2 || (h.magic == kMagicV1 && v1_layout == V1Layout::kStatistics);
  const bool leader_epoch = h.magic == kMagicV2 || (h.magic == kMagicV1 && v1_layout == V1Layout::kLeaderEpoch);
  size_t p = 21;
  if (leader_epoch) {
    h.leader_epoch = ReadLe<int32_t>(data + p);
    p += 4;
  }
  h.crc = ReadLe<uint32_t>(data + p);
  h.crc_start = p + 4;
  h.schema_id = ReadLe<int16_t>(data + p + 4);
  h.attributes = static_cast<int8_t>(data[p + 6]);
  h.last_offset_delta = ReadLe<int32_t>(data + p + 7);
  h.writer_id = ReadLe<int64_t>(data + p + 11);
  h.batch_sequence = ReadLe<int32_t>(data + p + 19);
  h.record_count = ReadLe<int32_t>(data + p + 23);
  h.size_bytes = size;
  if (statistics) {
    h.header_size = p + 31;  // 52 or 56
    h.statistics_length = ReadLe<int32_t>(data + p + 27);
    if (h.statistics_length < 0 ||
        static_cast<size_t>(h.statistics_length) > size - h.header_size) {
      return Status::Corruption("log batch statistics length " + std::to_string(h.statistics_length) +
                                " overruns the batch of " + std::to_string(size) + " bytes");
    }
  } else {
    h.header_size = p + 27;  // 48 or 52
  }
  h.records_offset = h.header_size + static_cast<size_t>(h.statistics_length);

  if (h.base_offset < 0) {
    return Status::Corruption("log batch base offset " + std::to_string(h.base_offset));
  }
  if (h.last_offset_delta < 0) {
    return Status::Corruption("log batch last offset delta " +
                              std::to_string(h.last_offset_delta));
  }
  // next_offset() must not overflow.
  if (h.base_offset > INT64_MAX - 1 - h.last_offset_delta) {
    return Status::Corruption("log batch offsets overflow");
  }
  if (h.record_count < 0) {
    return Status::Corruption("log batch record count " + std::to_string(h.record_count));
  }
  // Every record takes an offset of the batch's range, so a batch holds at
  // most last_offset_delta + 1 records (fewer for CDC batches). More would
  // let a small header claim rows the offsets cannot account for.
  if (static_cast<int64_t>(h.record_count) > int64_t{h.last_offset_delta} + 1) {
    return Status::Corruption("log batch at offset " + std::to_string(h.base_offset) + " has record count " +
                              std::to_string(h.record_count) + " above last offset delta " +
                              std::to_string(h.last_offset_delta) + " + 1");
  }
  return h;
}

}  // namespace fluss_native::logbatch
