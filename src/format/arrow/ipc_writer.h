// Writes Arrow IPC streams (format/Columnar.rst, "IPC Streaming Format"):
// a Schema message, one RecordBatch message per batch, and the end-of-stream
// marker, so any Arrow implementation (pyarrow.ipc.open_stream, DuckDB,
// arrow-rs) can read what fluss-native produced.
//
// Batches are written uncompressed with every buffer 8-byte aligned. Input
// arrays may be sliced or share buffers; they are compacted first, since IPC
// has no array offsets.
#pragma once

#include <ostream>
#include <string>

#include "fluss_native/arrow_c_abi.h"
#include "fluss_native/status.h"
#include "fluss_native/types.h"

namespace fluss_native::arrow {

class IpcStreamWriter {
 public:
  // `row_type` is the ROW type of every batch; its fields become the schema.
  IpcStreamWriter(std::ostream* out, DataType row_type) : out_(out), row_type_(std::move(row_type)) {}

  // Writes the schema message. Called once, before any batch.
  Status Begin();
  // Writes one struct array of row_type.
  Status WriteBatch(const ArrowArray& batch);
  // Writes the end-of-stream marker.
  Status End();

 private:
  Status WriteMessage(const std::string& metadata, const std::string& body);

  std::ostream* out_;
  DataType row_type_;
};

}  // namespace fluss_native::arrow
