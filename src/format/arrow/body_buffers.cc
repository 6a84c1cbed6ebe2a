#include "format/arrow/body_buffers.h"

#include <cstring>
#include <string>

#include "format/arrow/ipc_message_generated.h"

namespace fluss_native::arrow {

namespace {

// Arrow IPC body compression prefixes each buffer with its uncompressed
// length; -1 marks a buffer the writer left uncompressed.
constexpr int64_t kPrefixSize = 8;
constexpr int64_t kNotCompressed = -1;

int64_t ReadInt64Le(const uint8_t* p) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
  return static_cast<int64_t>(v);
}

}  // namespace

Result<BodyBuffers> BodyBuffers::Make(const arrow_ipc::RecordBatch& batch, const uint8_t* body,
                                      int64_t body_size, int64_t max_buffer_bytes) {
  BodyBuffers out;
  out.batch_ = &batch;
  out.body_ = body;
  out.body_size_ = body_size;
  out.max_buffer_bytes_ = max_buffer_bytes;
  out.count_ = batch.buffers() == nullptr ? 0 : static_cast<int64_t>(batch.buffers()->size());
  if (const auto* compression = batch.compression()) {
    if (compression->method() != arrow_ipc::BodyCompressionMethod::BUFFER) {
      return Status::Unsupported("Arrow IPC body compression method " +
                                 std::to_string(static_cast<int>(compression->method())) +
                                 " is not supported");
    }
    switch (compression->codec()) {
      case arrow_ipc::CompressionType::LZ4_FRAME: out.codec_ = Codec::kLz4Frame; break;
      case arrow_ipc::CompressionType::ZSTD: out.codec_ = Codec::kZstd; break;
      default:
        return Status::Unsupported("Arrow IPC compression codec " +
                                   std::to_string(static_cast<int>(compression->codec())) +
                                   " is not supported");
    }
  }
  return out;
}

Result<BufferSlice> BodyBuffers::Get(int64_t index) {
  if (index < 0 || index >= count_) {
    return Status::Corruption("Arrow IPC RecordBatch has " + std::to_string(count_) +
                              " buffers, the column types need more");
  }
  const arrow_ipc::Buffer* spec =
      batch_->buffers()->Get(static_cast<flatbuffers::uoffset_t>(index));
  const int64_t offset = spec->offset();
  const int64_t length = spec->length();
  // Built only on error paths: this runs for every buffer of every batch.
  auto where = [index] { return "Arrow IPC buffer " + std::to_string(index); };
  if (offset < 0 || length < 0 || offset > body_size_ || length > body_size_ - offset) {
    return Status::Corruption(where() + " [" + std::to_string(offset) + ", +" +
                              std::to_string(length) + ") lies outside the body of " +
                              std::to_string(body_size_) + " bytes");
  }
  // The IPC format puts every buffer at an 8-byte multiple; the data
  // pointers we export rely on it for natural alignment.
  if (offset % 8 != 0) {
    return Status::Corruption(where() + " starts at offset " + std::to_string(offset) +
                              ", not a multiple of 8");
  }
  if (length == 0) return BufferSlice{};
  const uint8_t* start = body_ + offset;
  if (codec_ == Codec::kNone) return BufferSlice{start, length};

  if (length < kPrefixSize) {
    return Status::Corruption(where() + " is compressed but shorter than its length prefix");
  }
  const int64_t uncompressed = ReadInt64Le(start);
  if (uncompressed == kNotCompressed) return BufferSlice{start + kPrefixSize, length - kPrefixSize};
  if (uncompressed < 0) {
    return Status::Corruption(where() + " announces uncompressed length " +
                              std::to_string(uncompressed));
  }
  if (uncompressed > max_buffer_bytes_) {
    return Status::Corruption(where() + " announces " + std::to_string(uncompressed) +
                              " uncompressed bytes, above the limit of " +
                              std::to_string(max_buffer_bytes_));
  }
  if (uncompressed == 0) return BufferSlice{};
  FN_ASSIGN_OR_RETURN(auto owned,
                      OwnedBuffer::AllocateForOverwrite(static_cast<size_t>(uncompressed)));
  const uint8_t* src = start + kPrefixSize;
  const size_t src_size = static_cast<size_t>(length - kPrefixSize);
  Status st = codec_ == Codec::kLz4Frame ? lz4_.DecodeExact(src, src_size, owned->data(), owned->size())
                                         : zstd_.DecodeExact(src, src_size, owned->data(), owned->size());
  if (!st.ok()) return st.WithContext(where());
  BufferSlice slice{owned->data(), uncompressed};
  owned_.push_back(std::move(owned));
  return slice;
}

}  // namespace fluss_native::arrow
