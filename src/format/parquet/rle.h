// The RLE / bit-packed hybrid encoding (Parquet Encodings.md) used for
// repetition and definition levels, dictionary indices and RLE booleans.
// Every run header and packed group is checked against the bytes left, so a
// lying run length ends in an error, never an over-read.
#pragma once

#include <cstdint>
#include <cstring>

#include "fluss_native/status.h"

namespace fluss_native::parquet {

class RleBitPackedDecoder {
 public:
  RleBitPackedDecoder() = default;
  RleBitPackedDecoder(const uint8_t* data, size_t size, int bit_width)
      : pos_(data), end_(data + size), bit_width_(bit_width) {}

  // Decodes exactly n values into out (T is an unsigned or signed integer at
  // least as wide as bit_width). Fails if the stream ends first.
  template <typename T>
  Status GetBatch(T* out, int64_t n) {
    if (bit_width_ < 0 || bit_width_ > 32) {
      return Status::Corruption("invalid RLE bit width " + std::to_string(bit_width_));
    }
    while (n > 0) {
      if (run_left_ == 0) FN_RETURN_IF_ERROR(NextRun());
      int64_t take = run_left_ < static_cast<uint64_t>(n) ? static_cast<int64_t>(run_left_) : n;
      if (is_rle_) {
        for (int64_t i = 0; i < take; ++i) out[i] = static_cast<T>(rle_value_);
      } else {
        UnpackBits(out, take);
      }
      out += take;
      n -= take;
      run_left_ -= static_cast<uint64_t>(take);
    }
    return Status::OK();
  }

 private:
  Status NextRun() {
    uint64_t header = 0;
    int shift = 0;
    while (true) {
      if (pos_ >= end_) return Status::Corruption("RLE stream ends before all values are read");
      uint8_t b = *pos_++;
      header |= static_cast<uint64_t>(b & 0x7f) << shift;
      if ((b & 0x80) == 0) break;
      shift += 7;
      if (shift > 35) return Status::Corruption("RLE run header varint too long");
    }
    if (header & 1) {
      uint64_t groups = header >> 1;
      if (groups == 0) return Status::Corruption("empty bit-packed RLE run");
      uint64_t bytes = groups * static_cast<uint64_t>(bit_width_);
      uint64_t avail = static_cast<uint64_t>(end_ - pos_);
      // Writers may cut the last packed run short; accept the values that
      // are fully present.
      if (bytes > avail) bytes = avail;
      uint64_t values = bit_width_ == 0 ? groups * 8 : bytes * 8 / bit_width_;
      if (values > groups * 8) values = groups * 8;
      if (values == 0) return Status::Corruption("bit-packed RLE run has no data");
      is_rle_ = false;
      run_left_ = values;
      packed_ = pos_;
      packed_bit_ = 0;
      pos_ += bytes;
    } else {
      uint64_t count = header >> 1;
      if (count == 0) return Status::Corruption("empty RLE run");
      int value_bytes = (bit_width_ + 7) / 8;
      if (end_ - pos_ < value_bytes) return Status::Corruption("RLE run value truncated");
      uint32_t v = 0;
      for (int i = 0; i < value_bytes; ++i) v |= static_cast<uint32_t>(pos_[i]) << (8 * i);
      pos_ += value_bytes;
      if (bit_width_ < 32 && (v >> bit_width_) != 0) {
        return Status::Corruption("RLE run value wider than bit width");
      }
      is_rle_ = true;
      run_left_ = count;
      rle_value_ = v;
    }
    return Status::OK();
  }

  template <typename T>
  void UnpackBits(T* out, int64_t n) {
    const uint64_t mask = bit_width_ == 32 ? 0xffffffffull : ((1ull << bit_width_) - 1);
    // Whole-word loads may run past this run into the rest of the stream
    // (the extra bits are masked off); only the stream's last bytes need a
    // byte-exact copy.
    const size_t total = static_cast<size_t>(end_ - packed_);
    int64_t i = 0;
    for (; i < n && (packed_bit_ >> 3) + 8 <= total; ++i) {
      uint64_t word;
      std::memcpy(&word, packed_ + (packed_bit_ >> 3), 8);
      out[i] = static_cast<T>((word >> (packed_bit_ & 7)) & mask);
      packed_bit_ += static_cast<uint64_t>(bit_width_);
    }
    for (; i < n; ++i) {
      size_t byte = packed_bit_ >> 3;
      uint64_t word = 0;
      std::memcpy(&word, packed_ + byte, total - byte);
      out[i] = static_cast<T>((word >> (packed_bit_ & 7)) & mask);
      packed_bit_ += static_cast<uint64_t>(bit_width_);
    }
  }

  const uint8_t* pos_ = nullptr;
  const uint8_t* end_ = nullptr;
  int bit_width_ = 0;
  bool is_rle_ = false;
  uint64_t run_left_ = 0;
  uint32_t rle_value_ = 0;
  const uint8_t* packed_ = nullptr;
  uint64_t packed_bit_ = 0;
};

// Number of bits needed to store values 0..max_value.
inline int BitWidthFor(uint64_t max_value) {
  int w = 0;
  while (max_value != 0) {
    ++w;
    max_value >>= 1;
  }
  return w;
}

}  // namespace fluss_native::parquet
