// Framing and verification of one encapsulated Arrow IPC message:
//
//   [0xFFFFFFFF continuation][int32 metadata_size][Message flatbuffer][body]
//
// (or the pre-1.0 form without the continuation word). The flatbuffer is run
// through the FlatBuffers Verifier before any field is read, and the body
// range is checked against the input.
#pragma once

#include <cstddef>
#include <cstdint>

#include "format/arrow/c_export.h"
#include "fluss_native/status.h"

namespace fluss_native::arrow_ipc {
struct Message;
struct RecordBatch;
}  // namespace fluss_native::arrow_ipc

namespace fluss_native::arrow {

struct IpcRecordBatchMessage {
  // Point into the caller's bytes; valid as long as those are.
  const arrow_ipc::RecordBatch* batch = nullptr;
  const uint8_t* body = nullptr;
  int64_t body_size = 0;
  // Holds an aligned copy of the metadata when the input was misaligned;
  // `batch` may point into it.
  KeepAlive metadata_copy;
  // Bytes of the input the message occupies (framing + metadata + body).
  size_t total_size = 0;
};

// Parses the message at the start of [data, data + size). Only RecordBatch
// messages of metadata version V4 or V5 are accepted.
Result<IpcRecordBatchMessage> ParseRecordBatchMessage(const uint8_t* data, size_t size);

}  // namespace fluss_native::arrow
