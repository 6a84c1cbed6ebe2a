// Decodes one Arrow IPC RecordBatch message (no Schema message: Fluss writes
// batches without one, the reader supplies the column types) into an Arrow C
// Data Interface struct array whose children are the columns.
//
// Memory: when the body is uncompressed and suitably aligned, exported
// buffers point straight into the caller's bytes and every exported array
// holds `owner`, so the payload lives until the host releases the last
// array. Compressed buffers are decompressed into owned memory.
#pragma once

#include <cstddef>
#include <cstdint>

#include "format/arrow/c_export.h"
#include "fluss_native/status.h"
#include "fluss_native/types.h"

namespace fluss_native::arrow {

struct IpcReadOptions {
  // Upper bound for one buffer after decompression; a hostile length prefix
  // cannot make us allocate more than this.
  int64_t max_buffer_bytes = int64_t{1} << 30;
  // Arrow consumers expect naturally aligned buffers. When the body does not
  // start on an 8-byte boundary in memory (Fluss batch headers put it at any
  // address), copy it once into aligned memory. Turning this off keeps the
  // decode zero-copy but may hand out unaligned int64/double buffers.
  bool align_buffers = true;
};

struct DecodedRecordBatch {
  // Struct array ("+s", never null) with one child per field of the row type.
  UniqueArrowArray array;
  int64_t num_rows = 0;
  // Bytes of the input the message took (framing, metadata, body).
  size_t message_size = 0;
  // True when exported buffers point into the caller's bytes.
  bool zero_copy = false;
};

// Decodes the message at the start of [data, data + size) as `row_type`
// (a ROW type: the columns the writer or the server-side projection sent).
// `owner` keeps [data, data + size) alive and is shared by exported arrays.
Result<DecodedRecordBatch> DecodeRecordBatch(const uint8_t* data, size_t size, KeepAlive owner,
                                             const DataType& row_type,
                                             const IpcReadOptions& options = {});

}  // namespace fluss_native::arrow
