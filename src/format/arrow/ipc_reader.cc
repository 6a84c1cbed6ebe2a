#include "format/arrow/ipc_reader.h"

#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "format/arrow/array_loader.h"
#include "format/arrow/body_buffers.h"
#include "format/arrow/ipc_message.h"
#include "format/arrow/ipc_message_generated.h"

namespace fluss_native::arrow {

namespace {

// Everything exported arrays of one batch must keep alive.
struct BatchMemory {
  KeepAlive payload;
  std::shared_ptr<OwnedBuffer> aligned_body;
  std::vector<std::shared_ptr<OwnedBuffer>> decompressed;
};

}  // namespace

Result<DecodedRecordBatch> DecodeRecordBatch(const uint8_t* data, size_t size, KeepAlive owner,
                                             const DataType& row_type,
                                             const IpcReadOptions& options) {
  FN_RETURN_IF_ERROR(ValidateType(row_type));
  if (row_type.root != TypeRoot::kRow) {
    return Status::InvalidArgument("Arrow record batch type must be ROW, got " +
                                   row_type.ToFlussString());
  }
  FN_ASSIGN_OR_RETURN(IpcRecordBatchMessage message, ParseRecordBatchMessage(data, size));
  const arrow_ipc::RecordBatch& batch = *message.batch;
  const int64_t num_rows = batch.length();
  if (num_rows < 0) {
    return Status::Corruption("Arrow IPC RecordBatch length " + std::to_string(num_rows));
  }
  if (batch.variadic_buffer_counts() != nullptr && batch.variadic_buffer_counts()->size() != 0) {
    return Status::Unsupported("Arrow IPC view types (variadic buffers) are not supported");
  }

  auto memory = std::make_shared<BatchMemory>();
  memory->payload = std::move(owner);
  const uint8_t* body = message.body;
  bool zero_copy = true;
  const bool compressed = batch.compression() != nullptr;
  if (options.align_buffers && reinterpret_cast<uintptr_t>(body) % 8 != 0) {
    FN_ASSIGN_OR_RETURN(memory->aligned_body,
                        OwnedBuffer::AllocateForOverwrite(static_cast<size_t>(message.body_size),
                                              static_cast<size_t>(size)));
    std::memcpy(memory->aligned_body->data(), body, static_cast<size_t>(message.body_size));
    body = memory->aligned_body->data();
    zero_copy = false;
  }

  FN_ASSIGN_OR_RETURN(BodyBuffers buffers, BodyBuffers::Make(batch, body, message.body_size,
                                                             options.max_buffer_bytes));
  ArrayLoader loader(batch, &buffers, memory);
  ArrayNode root;
  root.length = num_rows;
  root.null_count = 0;
  root.buffers = {nullptr};
  root.keep_alive.push_back(memory);
  for (size_t i = 0; i < row_type.children.size(); ++i) {
    FN_ASSIGN_OR_RETURN(ArrayNode column, loader.Load(row_type.children[i]));
    if (column.length != num_rows) {
      return Status::Corruption("column '" + row_type.field_names[i] + "' has " +
                                std::to_string(column.length) + " rows, the batch " +
                                std::to_string(num_rows));
    }
    root.children.push_back(std::move(column));
  }
  FN_RETURN_IF_ERROR(loader.Finish());
  // Compressed bodies (with any "left uncompressed" buffers) may still point
  // into the payload, so the payload is kept either way.
  memory->decompressed = buffers.owned();
  if (compressed) zero_copy = false;

  DecodedRecordBatch out;
  ExportArray(std::move(root), out.array.get());
  out.num_rows = num_rows;
  out.message_size = message.total_size;
  out.zero_copy = zero_copy;
  return out;
}

}  // namespace fluss_native::arrow
