#include "format/parquet/delta.h"

#include <cstring>
#include <string>

namespace fluss_native::parquet {
namespace {

class Cursor {
 public:
  Cursor(const uint8_t* data, size_t size) : data_(data), size_(size) {}
  Status Varint(uint64_t* out) {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= size_) return Status::Corruption("DELTA_BINARY_PACKED header truncated");
      uint8_t b = data_[pos_++];
      v |= static_cast<uint64_t>(b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        *out = v;
        return Status::OK();
      }
    }
    return Status::Corruption("DELTA_BINARY_PACKED varint too long");
  }
  Status ZigZag(int64_t* out) {
    uint64_t v;
    FN_RETURN_IF_ERROR(Varint(&v));
    *out = static_cast<int64_t>((v >> 1) ^ (~(v & 1) + 1));
    return Status::OK();
  }
  size_t pos() const { return pos_; }
  size_t left() const { return size_ - pos_; }
  const uint8_t* here() const { return data_ + pos_; }
  void Skip(size_t n) { pos_ += n; }

 private:
  const uint8_t* data_;
  size_t size_;
  size_t pos_ = 0;
};

// Reads `width` (<= 64) bits at bit offset `bit` of a buffer of `avail` bytes.
inline uint64_t ReadBits(const uint8_t* p, size_t avail, uint64_t bit, int width) {
  if (width == 0) return 0;
  size_t byte = bit >> 3;
  int shift = static_cast<int>(bit & 7);
  uint8_t tmp[16] = {0};
  size_t n = avail - byte < 16 ? avail - byte : 16;
  std::memcpy(tmp, p + byte, n);
  uint64_t lo, hi;
  std::memcpy(&lo, tmp, 8);
  std::memcpy(&hi, tmp + 8, 8);
  uint64_t v = lo >> shift;
  if (shift != 0) v |= hi << (64 - shift);
  return width == 64 ? v : v & ((1ull << width) - 1);
}

}  // namespace

Status DecodeDeltaBinaryPacked(const uint8_t* data, size_t size, int64_t max_values,
                               std::vector<int64_t>* out, size_t* consumed) {
  Cursor c(data, size);
  uint64_t block_size, miniblocks, total;
  int64_t first;
  FN_RETURN_IF_ERROR(c.Varint(&block_size));
  FN_RETURN_IF_ERROR(c.Varint(&miniblocks));
  FN_RETURN_IF_ERROR(c.Varint(&total));
  FN_RETURN_IF_ERROR(c.ZigZag(&first));
  if (block_size == 0 || block_size % 128 != 0 || block_size > (1u << 20) || miniblocks == 0 ||
      block_size % miniblocks != 0 || (block_size / miniblocks) % 32 != 0) {
    return Status::Corruption("DELTA_BINARY_PACKED block size " + std::to_string(block_size) + " with " +
                              std::to_string(miniblocks) + " miniblocks is invalid");
  }
  if (total > static_cast<uint64_t>(max_values)) {
    return Status::Corruption("DELTA_BINARY_PACKED claims " + std::to_string(total) + " values, page has at most " +
                              std::to_string(max_values));
  }
  const uint64_t per_mini = block_size / miniblocks;
  out->clear();
  // Grow with the values actually decoded rather than the header's claim.
  out->reserve(total < 4096 ? total : 4096);
  if (total == 0) {
    *consumed = c.pos();
    return Status::OK();
  }
  uint64_t value = static_cast<uint64_t>(first);
  out->push_back(first);
  uint64_t left = total - 1;
  while (left > 0) {
    int64_t min_delta;
    FN_RETURN_IF_ERROR(c.ZigZag(&min_delta));
    if (c.left() < miniblocks) return Status::Corruption("DELTA_BINARY_PACKED bit widths truncated");
    const uint8_t* widths = c.here();
    c.Skip(miniblocks);
    for (uint64_t m = 0; m < miniblocks && left > 0; ++m) {
      int w = widths[m];
      if (w > 64) return Status::Corruption("DELTA_BINARY_PACKED bit width " + std::to_string(w));
      size_t bytes = per_mini * w / 8;
      uint64_t n = left < per_mini ? left : per_mini;
      size_t need = (n * w + 7) / 8;
      if (c.left() < need) return Status::Corruption("DELTA_BINARY_PACKED miniblock truncated");
      const uint8_t* p = c.here();
      size_t avail = c.left() < bytes ? c.left() : bytes;
      for (uint64_t i = 0; i < n; ++i) {
        value += static_cast<uint64_t>(min_delta) + ReadBits(p, avail, i * w, w);
        out->push_back(static_cast<int64_t>(value));
      }
      // The final miniblock is padded by conforming writers; tolerate its absence.
      c.Skip(avail);
      left -= n;
    }
  }
  *consumed = c.pos();
  return Status::OK();
}

}  // namespace fluss_native::parquet
