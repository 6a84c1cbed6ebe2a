#include "format/logbatch/log_batch_reader.h"

#include <cstdio>
#include <utility>

#include "format/logbatch/crc32c.h"

namespace fluss_native::logbatch {

namespace {

constexpr uint8_t kMaxChangeType = static_cast<uint8_t>(ChangeType::kDelete);

int64_t ReadInt64Le(const uint8_t* p) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
  return static_cast<int64_t>(v);
}

int32_t ReadInt32Le(const uint8_t* p) {
  return static_cast<int32_t>(uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 |
                              uint32_t{p[3]} << 24);
}

std::string Hex32(uint32_t v) {
  char buf[16];
  std::snprintf(buf, sizeof(buf), "0x%08x", v);
  return buf;
}

}  // namespace

std::string LogReadContext::Describe() const {
  std::string s = "table '" + table_name + "' bucket " + std::to_string(bucket);
  if (!partition_name.empty() || partition_id) {
    s += " partition";
    if (!partition_name.empty()) s += " '" + partition_name + "'";
    if (partition_id) s += " (id " + std::to_string(*partition_id) + ")";
  }
  return s;
}

LogBatchReader::LogBatchReader(const uint8_t* data, size_t size, arrow::KeepAlive owner,
                               const LogReadContext* context)
    : data_(data), size_(data == nullptr ? 0 : size), owner_(std::move(owner)),
      context_(context) {}

Status LogBatchReader::Fail(const Status& st, int64_t base_offset, bool offset_known) {
  std::string where = context_->Describe() + " log batch";
  if (offset_known) where += " at offset " + std::to_string(base_offset);
  where += " (byte " + std::to_string(position_) + " of the fetched records)";
  failed_ = st.WithContext(where);
  return *failed_;
}

Result<std::optional<LogBatch>> LogBatchReader::Next() {
  if (failed_) return *failed_;
  if (done_) return std::optional<LogBatch>();
  if (context_->log_format != LogFormat::kArrow) {
    failed_ = Status::Unsupported(std::string("unsupported log format ") +
                                  LogFormatName(context_->log_format) + " for " +
                                  context_->Describe() + " (only ARROW is read natively)");
    return *failed_;
  }
  const size_t remaining = size_ - position_;
  // A batch needs at least its base offset and length to be sized.
  if (remaining < kLogOverhead) {
    done_ = true;
    return std::optional<LogBatch>();
  }
  const uint8_t* batch = data_ + position_;
  const int64_t base_offset = ReadInt64Le(batch);
  const int32_t length = ReadInt32Le(batch + kLengthOffset);
  if (length < 0) {
    return Fail(Status::Corruption("negative batch length " + std::to_string(length)),
                base_offset, true);
  }
  const size_t batch_size = kLogOverhead + static_cast<size_t>(length);
  if (batch_size > remaining) {
    // The server cut the response inside this batch: a normal end.
    done_ = true;
    return std::optional<LogBatch>();
  }
  auto header = ParseLogBatchHeader(batch, batch_size, context_->v1_layout);
  if (!header.ok()) return Fail(header.status(), base_offset, true);
  if (context_->verify_crc) {
    const uint32_t computed =
        Crc32c(batch + header->crc_start, batch_size - header->crc_start);
    if (computed != header->crc) {
      return Fail(Status::Corruption("CRC mismatch (stored " + Hex32(header->crc) +
                                     ", computed " + Hex32(computed) + ")"),
                  base_offset, true);
    }
  }
  auto decoded = DecodeBatch(*header, batch);
  if (!decoded.ok()) return Fail(decoded.status(), base_offset, true);
  position_ += batch_size;
  next_fetch_offset_ = header->next_offset();
  return std::optional<LogBatch>(std::move(decoded).value());
}

Result<LogBatch> LogBatchReader::DecodeBatch(const LogBatchHeader& header,
                                             const uint8_t* batch) {
  DataType resolved;
  const DataType* row_type = &context_->row_type;
  if (context_->row_type_for_schema) {
    FN_ASSIGN_OR_RETURN(resolved, context_->row_type_for_schema(header.schema_id));
    row_type = &resolved;
  }
  FN_RETURN_IF_ERROR(arrow::ValidateType(*row_type));
  if (row_type->root != TypeRoot::kRow) {
    return Status::InvalidArgument("row type must be ROW, got " + row_type->ToFlussString());
  }

  LogBatch out;
  out.header = header;
  if (header.has_statistics()) {
    auto stats = ParseBatchStatistics(batch + header.header_size,
                                      static_cast<size_t>(header.statistics_length), *row_type);
    if (!stats.ok()) return stats.status();
    out.statistics = std::move(*stats);
    if (out.statistics && context_->keep_batch && !context_->keep_batch(header, *out.statistics)) {
      out.skipped = true;
      return out;
    }
  }
  if (header.record_count == 0) {
    // Empty CDC batches only advance the offset; they carry no Arrow body.
    arrow::ExportArray(arrow::MakeEmptyArrayNode(*row_type), out.columns.get());
    return out;
  }
  const size_t count = static_cast<size_t>(header.record_count);
  size_t pos = header.records_offset;
  if (!header.append_only()) {
    if (count > header.size_bytes - pos) {
      return Status::Corruption("change type vector of " + std::to_string(count) +
                                " bytes overruns the batch of " +
                                std::to_string(header.size_bytes) + " bytes");
    }
    out.change_types.resize(count);
    for (size_t i = 0; i < count; ++i) {
      const uint8_t b = batch[pos + i];
      if (b > kMaxChangeType) {
        return Status::Corruption("unknown change type byte " + std::to_string(b) + " at row " +
                                  std::to_string(i));
      }
      out.change_types[i] = static_cast<ChangeType>(b);
    }
    pos += count;
  }
  FN_ASSIGN_OR_RETURN(arrow::DecodedRecordBatch arrow_batch,
                      arrow::DecodeRecordBatch(batch + pos, header.size_bytes - pos, owner_,
                                               *row_type, context_->arrow_options));
  if (arrow_batch.num_rows != header.record_count) {
    return Status::Corruption("Arrow body has " + std::to_string(arrow_batch.num_rows) +
                              " rows, the batch header " +
                              std::to_string(header.record_count));
  }
  out.columns = std::move(arrow_batch.array);
  return out;
}

Result<DecodedLogRecords> DecodeLogRecords(const uint8_t* data, size_t size,
                                           arrow::KeepAlive owner,
                                           const LogReadContext& context) {
  LogBatchReader reader(data, size, std::move(owner), &context);
  DecodedLogRecords out;
  while (true) {
    FN_ASSIGN_OR_RETURN(std::optional<LogBatch> batch, reader.Next());
    if (!batch) break;
    out.batches.push_back(std::move(*batch));
  }
  out.next_fetch_offset = reader.next_fetch_offset();
  out.bytes_consumed = reader.position();
  out.truncated_bytes = reader.truncated_bytes();
  return out;
}

Result<DecodedLogRecords> DecodeLogRecords(std::shared_ptr<const std::string> records,
                                           const LogReadContext& context) {
  if (records == nullptr) return Status::InvalidArgument("records is null");
  const auto* data = reinterpret_cast<const uint8_t*>(records->data());
  const size_t size = records->size();
  return DecodeLogRecords(data, size, std::move(records), context);
}

}  // namespace fluss_native::logbatch
