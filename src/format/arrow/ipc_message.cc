#include "format/arrow/ipc_message.h"

#include <cstring>
#include <string>

#include "format/arrow/ipc_message_generated.h"

namespace fluss_native::arrow {

namespace {

int32_t ReadInt32Le(const uint8_t* p) {
  uint32_t v = static_cast<uint32_t>(p[0]) | static_cast<uint32_t>(p[1]) << 8 |
               static_cast<uint32_t>(p[2]) << 16 | static_cast<uint32_t>(p[3]) << 24;
  return static_cast<int32_t>(v);
}

// Generous for a RecordBatch header (2 levels deep), tight enough that a
// hostile flatbuffer cannot make verification itself expensive.
constexpr flatbuffers::uoffset_t kMaxDepth = 32;
constexpr flatbuffers::uoffset_t kMaxTables = 1u << 20;

template <typename Vec>
bool StructsAligned(const Vec* v) {
  return v == nullptr || reinterpret_cast<uintptr_t>(v->Data()) % 8 == 0;
}

}  // namespace

Result<IpcRecordBatchMessage> ParseRecordBatchMessage(const uint8_t* data, size_t size) {
  if (size < 8) {
    return Status::Corruption("Arrow IPC message of " + std::to_string(size) +
                              " bytes is shorter than its 8-byte prefix");
  }
  size_t pos = 0;
  int32_t metadata_size = ReadInt32Le(data);
  if (metadata_size == -1) {  // continuation marker, then the real size
    metadata_size = ReadInt32Le(data + 4);
    pos = 8;
  } else {
    pos = 4;
  }
  if (metadata_size <= 0 || static_cast<size_t>(metadata_size) > size - pos) {
    return Status::Corruption("Arrow IPC metadata size " + std::to_string(metadata_size) +
                              " does not fit the " + std::to_string(size - pos) +
                              " bytes available");
  }
  IpcRecordBatchMessage out;
  const uint8_t* meta = data + pos;
  // FlatBuffers reads scalars in place and its verifier insists on natural
  // alignment; Fluss batch headers leave the message at any address, so a
  // misaligned metadata block (small) is copied to aligned memory.
  if (reinterpret_cast<uintptr_t>(meta) % 8 != 0) {
    FN_ASSIGN_OR_RETURN(auto copy,
                        OwnedBuffer::AllocateForOverwrite(static_cast<size_t>(metadata_size)));
    std::memcpy(copy->data(), meta, static_cast<size_t>(metadata_size));
    meta = copy->data();
    out.metadata_copy = std::move(copy);
  }
  flatbuffers::Verifier verifier(meta, static_cast<size_t>(metadata_size), kMaxDepth, kMaxTables);
  if (!arrow_ipc::VerifyMessageBuffer(verifier)) {
    return Status::Corruption("Arrow IPC metadata fails FlatBuffers verification");
  }
  const arrow_ipc::Message* message = arrow_ipc::GetMessage(meta);
  const auto version = message->version();
  if (version != arrow_ipc::MetadataVersion::V4 && version != arrow_ipc::MetadataVersion::V5) {
    return Status::Unsupported("Arrow IPC metadata version " +
                               std::to_string(static_cast<int>(version)) +
                               " is not supported (need V4 or V5)");
  }
  if (message->header_type() != arrow_ipc::MessageHeader::RecordBatch) {
    return Status::Corruption("Arrow IPC message is not a RecordBatch (header type " +
                              std::to_string(static_cast<int>(message->header_type())) + ")");
  }
  const arrow_ipc::RecordBatch* batch = message->header_as_RecordBatch();
  if (batch == nullptr) return Status::Corruption("Arrow IPC RecordBatch header is missing");
  // The verifier checks a vector's length word but not that its 16-byte
  // structs sit on 8-byte boundaries; a writer's builder always aligns them,
  // so a misaligned one is hostile and would be read with misaligned loads.
  if (!StructsAligned(batch->nodes()) || !StructsAligned(batch->buffers())) {
    return Status::Corruption("Arrow IPC RecordBatch has misaligned node or buffer vectors");
  }
  pos += static_cast<size_t>(metadata_size);
  const int64_t body_size = message->body_length();
  if (body_size < 0 || static_cast<uint64_t>(body_size) > size - pos) {
    return Status::Corruption("Arrow IPC body length " + std::to_string(body_size) +
                              " exceeds the " + std::to_string(size - pos) +
                              " bytes after the metadata");
  }
  out.batch = batch;
  out.body = data + pos;
  out.body_size = body_size;
  out.total_size = pos + static_cast<size_t>(body_size);
  return out;
}

}  // namespace fluss_native::arrow
