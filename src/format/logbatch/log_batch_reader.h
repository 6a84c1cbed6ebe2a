// Decodes the `records` bytes of one bucket in a FetchLog response: a
// sequence of Fluss log record batches, each a header (batch_header.h)
// followed by its statistics, if any (Fluss 1.0; batch_statistics.h), and,
// for the ARROW log format,
//
//   [change type vector: record_count bytes]   only if not append-only
//   [Arrow IPC RecordBatch message]             columns, no schema message
//
// into Arrow C Data Interface arrays plus per-row change types.
//
// A response may end inside a batch (the server cuts at the fetch size); the
// reader stops at the last complete batch and reports where to fetch next.
// Everything else that does not parse is a Status naming table, bucket,
// partition and batch offset; nothing is skipped silently.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "format/arrow/c_export.h"
#include "format/arrow/ipc_reader.h"
#include "format/logbatch/batch_header.h"
#include "format/logbatch/batch_statistics.h"
#include "format/logbatch/log_format.h"
#include "fluss_native/status.h"
#include "fluss_native/types.h"

namespace fluss_native::logbatch {

struct LogReadContext {
  // Only for messages: "db.table", bucket id, partition if any.
  std::string table_name;
  int32_t bucket = -1;
  std::optional<int64_t> partition_id;
  std::string partition_name;

  // The table's log format; anything but ARROW is refused.
  LogFormat log_format = LogFormat::kArrow;

  // The columns as the server sends them: the table's ROW type, or with
  // server-side projection only the projected fields, in table field order
  // (the server keeps that order whatever order the projection listed).
  DataType row_type;
  // Optional: the ROW type for a batch's schema id (schema evolution). When
  // set it is used instead of row_type and may return a Schema error.
  std::function<Result<DataType>(int16_t schema_id)> row_type_for_schema;

  // Fluss's client.scanner.log.check-crc. Must be false when the fetch asked
  // for server-side projection: the server rewrites projected batches but
  // keeps the CRC of the original bytes (the Java client skips it too).
  bool verify_crc = true;

  arrow::IpcReadOptions arrow_options;

  // What magic 1 means: 0.9's leader-epoch header unless the servers are
  // Fluss 1.0, whose V1 carries statistics. Magic 2 is always 1.0's.
  V1Layout v1_layout = V1Layout::kLeaderEpoch;

  // Optional: asked for every batch that carries statistics, after its CRC
  // is checked and before its records are decoded; false skips the batch
  // (Next() returns it with `skipped` set and no columns). Server-projected
  // batches carry none (the server drops them).
  std::function<bool(const LogBatchHeader& header, const BatchStatistics& statistics)> keep_batch;

  // "table 'db.t' bucket 3 partition 'p=1' (id 7)", for error messages.
  std::string Describe() const;
};

struct LogBatch {
  LogBatchHeader header;
  // The batch's column statistics, when it carries a version this reader knows.
  std::optional<BatchStatistics> statistics;
  // keep_batch refused it: its records were not decoded (columns is unset,
  // change_types empty), but its offsets still count as read.
  bool skipped = false;
  // One entry per row for batches that are not append-only, else empty.
  std::vector<ChangeType> change_types;
  // Struct array of the row type, header.record_count rows (row i has log
  // offset header.base_offset + i). Zero rows for empty CDC batches.
  arrow::UniqueArrowArray columns;

  int64_t base_offset() const { return header.base_offset; }
  int64_t last_offset() const { return header.last_offset(); }
  int64_t next_offset() const { return header.next_offset(); }
  int64_t commit_timestamp() const { return header.commit_timestamp; }
  int32_t record_count() const { return header.record_count; }
  ChangeType change_type(int64_t row) const {
    return change_types.empty() ? ChangeType::kAppendOnly
                                : change_types[static_cast<size_t>(row)];
  }
};

// Pulls batches one at a time, so a caller can hand each to the host as
// soon as it is decoded.
class LogBatchReader {
 public:
  // [data, data + size) are the records bytes; `owner` keeps them alive and
  // is shared by every exported array. `context` must outlive the reader.
  LogBatchReader(const uint8_t* data, size_t size, arrow::KeepAlive owner,
                 const LogReadContext* context);

  // The next complete batch, or nullopt at the end (also when the rest is a
  // truncated batch). After an error the reader stays failed.
  Result<std::optional<LogBatch>> Next();

  // Bytes consumed by the complete batches returned so far.
  size_t position() const { return position_; }
  // Bytes left over at the end: a batch the server cut short.
  size_t truncated_bytes() const { return done_ ? size_ - position_ : 0; }
  // Offset to fetch next: next_offset() of the last batch returned.
  std::optional<int64_t> next_fetch_offset() const { return next_fetch_offset_; }

 private:
  Result<LogBatch> DecodeBatch(const LogBatchHeader& header, const uint8_t* batch);
  Status Fail(const Status& st, int64_t base_offset, bool offset_known);

  const uint8_t* data_;
  size_t size_;
  arrow::KeepAlive owner_;
  const LogReadContext* context_;
  size_t position_ = 0;
  bool done_ = false;
  std::optional<Status> failed_;
  std::optional<int64_t> next_fetch_offset_;
};

struct DecodedLogRecords {
  std::vector<LogBatch> batches;
  // Where the next fetch starts: next_offset() of the last batch, or
  // nullopt when no complete batch arrived (keep the current fetch offset;
  // if truncated_bytes > 0 the fetch size is smaller than one batch).
  std::optional<int64_t> next_fetch_offset;
  size_t bytes_consumed = 0;
  size_t truncated_bytes = 0;
};

// Decodes all complete batches of a fetch response at once.
Result<DecodedLogRecords> DecodeLogRecords(const uint8_t* data, size_t size,
                                           arrow::KeepAlive owner,
                                           const LogReadContext& context);
Result<DecodedLogRecords> DecodeLogRecords(std::shared_ptr<const std::string> records,
                                           const LogReadContext& context);

}  // namespace fluss_native::logbatch
