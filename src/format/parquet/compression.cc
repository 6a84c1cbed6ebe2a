#include "format/parquet/compression.h"

#include <cstring>
#include <string>

#include "format/codec/deflate.h"
#include "format/codec/lz4.h"
#include "format/codec/snappy.h"

namespace fluss_native::parquet {
namespace {

// The deprecated LZ4 codec: Hadoop's framing (big-endian decompressed and
// compressed sizes before each block) in practice, raw blocks from some
// writers. Try the framing first.
Status Lz4Hadoop(const uint8_t* src, size_t src_size, uint8_t* dst, size_t dst_size) {
  size_t in = 0, out = 0;
  auto be32 = [&](size_t at) {
    return (uint32_t{src[at]} << 24) | (uint32_t{src[at + 1]} << 16) | (uint32_t{src[at + 2]} << 8) | src[at + 3];
  };
  bool framed = true;
  while (in < src_size) {
    if (src_size - in < 8) { framed = false; break; }
    uint32_t raw = be32(in), comp = be32(in + 4);
    in += 8;
    if (comp > src_size - in || raw > dst_size - out ||
        !codec::Lz4BlockDecodeExact(src + in, comp, dst + out, raw).ok()) {
      framed = false;
      break;
    }
    in += comp;
    out += raw;
  }
  if (framed && out == dst_size) return Status::OK();
  return codec::Lz4BlockDecodeExact(src, src_size, dst, dst_size);
}

}  // namespace

const char* CodecName(Codec codec) {
  switch (codec) {
    case Codec::kUncompressed: return "UNCOMPRESSED";
    case Codec::kSnappy: return "SNAPPY";
    case Codec::kGzip: return "GZIP";
    case Codec::kLzo: return "LZO";
    case Codec::kBrotli: return "BROTLI";
    case Codec::kLz4: return "LZ4";
    case Codec::kZstd: return "ZSTD";
    case Codec::kLz4Raw: return "LZ4_RAW";
  }
  return "UNKNOWN";
}

Status CheckCodecSupported(Codec codec) {
  switch (codec) {
    case Codec::kUncompressed:
    case Codec::kSnappy:
    case Codec::kGzip:
    case Codec::kLz4:
    case Codec::kZstd:
    case Codec::kLz4Raw: return Status::OK();
    case Codec::kLzo:
    case Codec::kBrotli: return Status::Unsupported(std::string(CodecName(codec)) + " compression is not supported");
  }
  return Status::Corruption("unknown compression codec " + std::to_string(static_cast<int>(codec)));
}

Status PageDecompressor::Decompress(const uint8_t* src, size_t src_size, uint8_t* dst, size_t dst_size) {
  if (src_size > 0x7fffffff || dst_size > 0x7fffffff) return Status::Corruption("page larger than 2 GiB");
  Status st;
  switch (codec_) {
    case Codec::kUncompressed:
      if (src_size != dst_size) {
        return Status::Corruption("UNCOMPRESSED page holds " + std::to_string(src_size) + " bytes, header says " +
                                  std::to_string(dst_size));
      }
      if (dst_size) std::memcpy(dst, src, dst_size);
      return Status::OK();
    case Codec::kSnappy: st = codec::SnappyDecodeExact(src, src_size, dst, dst_size); break;
    case Codec::kGzip: st = codec::InflateExact(codec::DeflateWrapper::kGzipOrZlib, src, src_size, dst, dst_size); break;
    case Codec::kZstd: st = zstd_.DecodeExact(src, src_size, dst, dst_size); break;
    case Codec::kLz4Raw: st = codec::Lz4BlockDecodeExact(src, src_size, dst, dst_size); break;
    case Codec::kLz4: st = Lz4Hadoop(src, src_size, dst, dst_size); break;
    default: return CheckCodecSupported(codec_);
  }
  if (!st.ok()) return st.WithContext(std::string(CodecName(codec_)) + " page");
  return st;
}

}  // namespace fluss_native::parquet
