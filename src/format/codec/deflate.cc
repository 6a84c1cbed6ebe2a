#include "format/codec/deflate.h"

#include <zlib.h>

#include "format/codec/sizes.h"

namespace fluss_native::codec {
namespace {

const char* Name(DeflateWrapper wrapper) { return wrapper == DeflateWrapper::kRaw ? "DEFLATE" : "GZIP"; }

// zlib's window-bits argument: negative for bare deflate, +32 to detect a
// gzip or zlib header, as other Parquet readers do.
int WindowBits(DeflateWrapper wrapper) { return wrapper == DeflateWrapper::kRaw ? -15 : 15 + 32; }

// Owns a z_stream set up for inflating, and ends it on every path.
class Inflater {
 public:
  explicit Inflater(DeflateWrapper wrapper) : wrapper_(wrapper) {
    ok_ = inflateInit2(&zs_, WindowBits(wrapper)) == Z_OK;
  }
  ~Inflater() {
    if (ok_) inflateEnd(&zs_);
  }
  Inflater(const Inflater&) = delete;
  Inflater& operator=(const Inflater&) = delete;

  Status Init(const uint8_t* src, size_t src_size) {
    if (!ok_) return Status::Internal(std::string("cannot initialise the ") + Name(wrapper_) + " decoder");
    if (src_size > kMaxBlockCodecBytes) return Status::Corruption(std::string(Name(wrapper_)) + " data larger than 2 GiB");
    zs_.next_in = const_cast<Bytef*>(src);
    zs_.avail_in = static_cast<uInt>(src_size);
    return Status::OK();
  }
  z_stream* stream() { return &zs_; }
  // A gzip member ended with input left over: another member follows.
  bool NextMember() {
    return wrapper_ == DeflateWrapper::kGzipOrZlib && zs_.avail_in > 0 && inflateReset(&zs_) == Z_OK;
  }

 private:
  DeflateWrapper wrapper_;
  z_stream zs_{};
  bool ok_ = false;
};

}  // namespace

Status InflateExact(DeflateWrapper wrapper, const uint8_t* src, size_t src_size, uint8_t* dst,
                    size_t dst_size) {
  if (dst_size > kMaxBlockCodecBytes) return Status::Corruption(std::string(Name(wrapper)) + " output larger than 2 GiB");
  Inflater inflater(wrapper);
  FN_RETURN_IF_ERROR(inflater.Init(src, src_size));
  z_stream* zs = inflater.stream();
  // Empty output still comes as a stream; zlib needs room to make progress,
  // so give it a byte that must stay unused.
  uint8_t sink;
  const bool empty = dst_size == 0;
  zs->next_out = empty ? &sink : dst;
  zs->avail_out = empty ? 1 : static_cast<uInt>(dst_size);
  const size_t room = zs->avail_out;
  int rc = Z_OK;
  while (rc == Z_OK) {
    rc = inflate(zs, Z_FINISH);
    if (rc == Z_STREAM_END && zs->avail_out > 0 && inflater.NextMember()) rc = Z_OK;
    if (rc == Z_BUF_ERROR || (rc == Z_OK && zs->avail_out == 0)) break;
  }
  const size_t produced = room - zs->avail_out;
  if (rc != Z_STREAM_END) return Status::Corruption(std::string(Name(wrapper)) + " data does not inflate");
  if (produced != dst_size) return SizeMismatch(Name(wrapper), produced, dst_size);
  return Status::OK();
}

Status InflateBounded(DeflateWrapper wrapper, const uint8_t* src, size_t src_size, size_t max_size,
                      std::string* out) {
  constexpr size_t kChunk = 64 * 1024;
  Inflater inflater(wrapper);
  FN_RETURN_IF_ERROR(inflater.Init(src, src_size));
  z_stream* zs = inflater.stream();
  const size_t start = out->size();
  size_t produced = start;
  int rc = Z_OK;
  // Decode straight into the string's tail, growing it as needed.
  while (rc == Z_OK) {
    if (out->size() - produced < kChunk) out->resize(produced + kChunk);
    zs->next_out = reinterpret_cast<Bytef*>(out->data() + produced);
    zs->avail_out = static_cast<uInt>(out->size() - produced);
    const size_t room = zs->avail_out;
    rc = inflate(zs, Z_NO_FLUSH);
    produced += room - zs->avail_out;
    if (produced - start > max_size) {
      out->resize(produced);
      return Status::Corruption(std::string(Name(wrapper)) + " data decodes to more than the limit of " +
                                std::to_string(max_size) + " bytes");
    }
    if (rc == Z_STREAM_END && inflater.NextMember()) rc = Z_OK;
    // With room to write, no progress means the input was cut short.
    if (rc == Z_BUF_ERROR) break;
  }
  out->resize(produced);
  if (rc != Z_STREAM_END) return Status::Corruption(std::string(Name(wrapper)) + " data does not inflate");
  return Status::OK();
}

uint32_t Crc32(const uint8_t* data, size_t size) {
  uLong crc = crc32(0, Z_NULL, 0);
  while (size > 0) {
    const uInt n = static_cast<uInt>(size > kMaxBlockCodecBytes ? kMaxBlockCodecBytes : size);
    crc = crc32(crc, data, n);
    data += n;
    size -= n;
  }
  return static_cast<uint32_t>(crc);
}

}  // namespace fluss_native::codec
