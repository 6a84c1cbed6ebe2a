// The public Arrow output helpers (fluss_native/arrow_output.h) over the IPC
// writer and the JSON renderer of this module.
#include "fluss_native/arrow_output.h"

#include <new>

#include "format/arrow/array_json.h"
#include "format/arrow/c_export.h"
#include "format/arrow/ipc_writer.h"

namespace fluss_native {

Status ExportArrowSchema(const DataType& row_type, ArrowSchema* out) {
  if (out == nullptr) return Status::InvalidArgument("ExportArrowSchema: no output schema");
  try {
    return arrow::ExportRowSchema(row_type, out);
  } catch (const std::bad_alloc&) {
    return Status::ResourceExhausted("ExportArrowSchema: out of memory");
  }
}

Result<int64_t> WriteArrowIpcStream(ArrowArrayStream* stream, const DataType& row_type, std::ostream* out) {
  if (stream == nullptr || stream->release == nullptr) {
    return Status::InvalidArgument("WriteArrowIpcStream: the stream is released or null");
  }
  if (out == nullptr) return Status::InvalidArgument("WriteArrowIpcStream: no output stream");
  if (row_type.root != TypeRoot::kRow) {
    return Status::InvalidArgument("WriteArrowIpcStream: the batch type is " + row_type.ToFlussString() +
                                   ", not a ROW");
  }
  arrow::IpcStreamWriter writer(out, row_type);
  FN_RETURN_IF_ERROR(writer.Begin());
  int64_t rows = 0;
  while (true) {
    arrow::UniqueArrowArray batch;
    if (stream->get_next(stream, batch.get()) != 0) {
      const char* error = stream->get_last_error(stream);
      return Status(StatusCode::kServerError, error != nullptr ? error : "the Arrow stream failed");
    }
    if (!batch.valid()) break;
    FN_RETURN_IF_ERROR(writer.WriteBatch(*batch.get()));
    rows += batch->length;
  }
  FN_RETURN_IF_ERROR(writer.End());
  return rows;
}

Result<std::string> ArrowBatchToJson(const ArrowArray& batch, const DataType& row_type) {
  if (row_type.root != TypeRoot::kRow) {
    return Status::InvalidArgument("ArrowBatchToJson: the batch type is " + row_type.ToFlussString() +
                                   ", not a ROW");
  }
  return arrow::BatchToJson(batch, row_type);
}

}  // namespace fluss_native
