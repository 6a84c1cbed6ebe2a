// Access to the buffers of one RecordBatch body, in message order, with
// every (offset, length) checked against the body and, when the batch uses
// body compression, each buffer decompressed into owned memory.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "format/arrow/c_export.h"
#include "format/codec/lz4.h"
#include "format/codec/zstd.h"
#include "fluss_native/status.h"

namespace fluss_native::arrow_ipc {
struct RecordBatch;
}

namespace fluss_native::arrow {

struct BufferSlice {
  const uint8_t* data = nullptr;  // null only when size == 0
  int64_t size = 0;
};

class BodyBuffers {
 public:
  // `batch` must have passed FlatBuffers verification. The body memory must
  // stay valid while this object and any slice it returned are used.
  static Result<BodyBuffers> Make(const arrow_ipc::RecordBatch& batch, const uint8_t* body,
                                  int64_t body_size, int64_t max_buffer_bytes);

  int64_t count() const { return count_; }
  // The `index`-th buffer of the body.
  Result<BufferSlice> Get(int64_t index);
  // Decompressed buffers created so far; exported arrays must keep them.
  const std::vector<std::shared_ptr<OwnedBuffer>>& owned() const { return owned_; }

 private:
  enum class Codec { kNone, kLz4Frame, kZstd };
  BodyBuffers() = default;

  const arrow_ipc::RecordBatch* batch_ = nullptr;
  const uint8_t* body_ = nullptr;
  int64_t body_size_ = 0;
  int64_t count_ = 0;
  int64_t max_buffer_bytes_ = 0;
  Codec codec_ = Codec::kNone;
  std::vector<std::shared_ptr<OwnedBuffer>> owned_;
  // Codec contexts, reused by the many small buffers of one batch.
  codec::Lz4FrameDecoder lz4_;
  codec::ZstdDecoder zstd_;
};

}  // namespace fluss_native::arrow
