// DEFLATE (RFC 1951) decoding through zlib, bare or inside a zlib (RFC 1950)
// or gzip (RFC 1952) wrapper. Every error names the codec; callers add where
// the bytes came from.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "fluss_native/status.h"

namespace fluss_native::codec {

enum class DeflateWrapper {
  kRaw,         // bare deflate: Avro's "deflate" codec
  kGzipOrZlib,  // either header, detected; concatenated gzip members continue (Parquet's GZIP)
};

// Decodes `src` into exactly `dst_size` bytes at `dst`.
Status InflateExact(DeflateWrapper wrapper, const uint8_t* src, size_t src_size, uint8_t* dst,
                    size_t dst_size);

// Appends the decoding of `src` to *out when the decoded size is not known up
// front; fails once *out would grow beyond `max_size` bytes.
Status InflateBounded(DeflateWrapper wrapper, const uint8_t* src, size_t src_size, size_t max_size,
                      std::string* out);

// zlib's CRC-32 (the ISO-HDLC one, as in gzip and Avro's snappy blocks).
uint32_t Crc32(const uint8_t* data, size_t size);

}  // namespace fluss_native::codec
