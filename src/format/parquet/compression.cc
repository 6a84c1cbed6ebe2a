#include "format/parquet/compression.h"

#include <lz4.h>
#include <snappy-c.h>
#include <zlib.h>
#include <zstd.h>

#include <cstring>
#include <string>

namespace fluss_native::parquet {
namespace {

Status SizeMismatch(Codec codec, size_t got, size_t want) {
  return Status::Corruption(std::string(CodecName(codec)) + " page decompressed to " + std::to_string(got) +
                            " bytes, header says " + std::to_string(want));
}

Status Gunzip(const uint8_t* src, size_t src_size, uint8_t* dst, size_t dst_size) {
  // An empty page still holds a gzip stream; zlib needs room to make
  // progress, so give it a byte that must stay unused.
  uint8_t sink;
  const bool empty = dst_size == 0;
  if (empty) {
    dst = &sink;
    dst_size = 1;
  }
  z_stream zs{};
  // 15 + 32: accept both gzip and zlib headers, as other readers do.
  if (inflateInit2(&zs, 15 + 32) != Z_OK) return Status::Internal("inflateInit2 failed");
  zs.next_in = const_cast<Bytef*>(src);
  zs.avail_in = static_cast<uInt>(src_size);
  zs.next_out = dst;
  zs.avail_out = static_cast<uInt>(dst_size);
  int rc = Z_OK;
  while (rc == Z_OK) {
    rc = inflate(&zs, Z_FINISH);
    // Concatenated gzip members: continue with the next one.
    if (rc == Z_STREAM_END && zs.avail_in > 0 && zs.avail_out > 0) {
      if (inflateReset(&zs) != Z_OK) break;
      rc = Z_OK;
    }
    if (rc == Z_BUF_ERROR || (rc == Z_OK && zs.avail_out == 0)) break;
  }
  size_t produced = dst_size - zs.avail_out;
  inflateEnd(&zs);
  if (rc != Z_STREAM_END) return Status::Corruption("GZIP page does not inflate");
  if (empty) return produced == 0 ? Status::OK() : SizeMismatch(Codec::kGzip, produced, 0);
  if (produced != dst_size) return SizeMismatch(Codec::kGzip, produced, dst_size);
  return Status::OK();
}

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
    if (comp > src_size - in || raw > dst_size - out) { framed = false; break; }
    int n = LZ4_decompress_safe(reinterpret_cast<const char*>(src + in), reinterpret_cast<char*>(dst + out),
                                static_cast<int>(comp), static_cast<int>(raw));
    if (n < 0 || static_cast<uint32_t>(n) != raw) { framed = false; break; }
    in += comp;
    out += raw;
  }
  if (framed && out == dst_size) return Status::OK();
  int n = LZ4_decompress_safe(reinterpret_cast<const char*>(src), reinterpret_cast<char*>(dst),
                              static_cast<int>(src_size), static_cast<int>(dst_size));
  if (n < 0) return Status::Corruption("LZ4 page does not decompress");
  if (static_cast<size_t>(n) != dst_size) return SizeMismatch(Codec::kLz4, n, dst_size);
  return Status::OK();
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

Status Decompress(Codec codec, const uint8_t* src, size_t src_size, uint8_t* dst, size_t dst_size) {
  if (src_size > 0x7fffffff || dst_size > 0x7fffffff) return Status::Corruption("page larger than 2 GiB");
  switch (codec) {
    case Codec::kUncompressed:
      if (src_size != dst_size) return SizeMismatch(codec, src_size, dst_size);
      if (dst_size) std::memcpy(dst, src, dst_size);
      return Status::OK();
    case Codec::kSnappy: {
      size_t len = 0;
      if (snappy_uncompressed_length(reinterpret_cast<const char*>(src), src_size, &len) != SNAPPY_OK) {
        return Status::Corruption("SNAPPY page has no valid length header");
      }
      if (len != dst_size) return SizeMismatch(codec, len, dst_size);
      if (snappy_uncompress(reinterpret_cast<const char*>(src), src_size, reinterpret_cast<char*>(dst), &len) !=
          SNAPPY_OK) {
        return Status::Corruption("SNAPPY page does not decompress");
      }
      return Status::OK();
    }
    case Codec::kGzip: return Gunzip(src, src_size, dst, dst_size);
    case Codec::kZstd: {
      size_t n = ZSTD_decompress(dst, dst_size, src, src_size);
      if (ZSTD_isError(n)) return Status::Corruption(std::string("ZSTD page: ") + ZSTD_getErrorName(n));
      if (n != dst_size) return SizeMismatch(codec, n, dst_size);
      return Status::OK();
    }
    case Codec::kLz4Raw: {
      int n = LZ4_decompress_safe(reinterpret_cast<const char*>(src), reinterpret_cast<char*>(dst),
                                  static_cast<int>(src_size), static_cast<int>(dst_size));
      if (n < 0) return Status::Corruption("LZ4_RAW page does not decompress");
      if (static_cast<size_t>(n) != dst_size) return SizeMismatch(codec, n, dst_size);
      return Status::OK();
    }
    case Codec::kLz4: return Lz4Hadoop(src, src_size, dst, dst_size);
    default: return CheckCodecSupported(codec);
  }
}

}  // namespace fluss_native::parquet
