#include "format/logbatch/aligned_row.h"

#include <algorithm>

namespace fluss_native::logbatch {

namespace {

constexpr int kHeaderBits = 8;

size_t NullBitsBytes(int arity) { return ((static_cast<size_t>(arity) + 63 + kHeaderBits) / 64) * 8; }

}  // namespace

Result<AlignedRowView> AlignedRowView::Make(const uint8_t* data, size_t size, int arity) {
  if (arity < 0 || arity > 0x7fff) return Status::Corruption("aligned row arity " + std::to_string(arity));
  const size_t fixed = NullBitsBytes(arity) + 8 * static_cast<size_t>(arity);
  if (size < fixed) {
    return Status::Corruption("aligned row of " + std::to_string(size) + " bytes is shorter than the " +
                              std::to_string(fixed) + "-byte fixed part of " + std::to_string(arity) + " fields");
  }
  return AlignedRowView(data, size, arity);
}

bool AlignedRowView::IsNull(int pos) const {
  const size_t bit = static_cast<size_t>(pos) + kHeaderBits;
  return (data_[bit / 8] >> (bit % 8)) & 1;
}

size_t AlignedRowView::FieldOffset(int pos) const { return NullBitsBytes(arity_) + 8 * static_cast<size_t>(pos); }

uint64_t AlignedRowView::Slot(int pos) const {
  const uint8_t* p = data_ + FieldOffset(pos);
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

Result<std::pair<size_t, size_t>> AlignedRowView::OutOfLine(int pos) const {
  const uint64_t slot = Slot(pos);
  const size_t offset = static_cast<size_t>(slot >> 32);
  const size_t length = static_cast<size_t>(slot & 0xffffffffu);
  if (offset > size_ || length > size_ - offset) {
    return Status::Corruption("aligned row field " + std::to_string(pos) + " points at bytes [" +
                              std::to_string(offset) + ", +" + std::to_string(length) + ") outside the " +
                              std::to_string(size_) + "-byte row");
  }
  return std::make_pair(offset, length);
}

Result<std::string> AlignedRowView::VarBytes(int pos) const {
  const uint64_t slot = Slot(pos);
  if (slot & (uint64_t{1} << 63)) {
    const size_t length = static_cast<size_t>((slot >> 56) & 0x7f);
    if (length > 7) return Status::Corruption("aligned row inline field " + std::to_string(pos) + " of " +
                                              std::to_string(length) + " bytes");
    const uint8_t* p = data_ + FieldOffset(pos);
    return std::string(reinterpret_cast<const char*>(p), length);
  }
  FN_ASSIGN_OR_RETURN(auto range, OutOfLine(pos));
  return std::string(reinterpret_cast<const char*>(data_ + range.first), range.second);
}

Result<std::string> AlignedRowView::BigDecimalDigits(int pos) const {
  FN_ASSIGN_OR_RETURN(auto range, OutOfLine(pos));
  if (range.second == 0 || range.second > 16) {
    return Status::Corruption("aligned row decimal field " + std::to_string(pos) + " of " +
                              std::to_string(range.second) + " bytes (1 to 16 expected)");
  }
  const uint8_t* p = data_ + range.first;
  // Sign-extend the big-endian two's complement bytes into 128 bits.
  unsigned __int128 u = (p[0] & 0x80) ? ~static_cast<unsigned __int128>(0) : 0;
  for (size_t i = 0; i < range.second; ++i) u = (u << 8) | p[i];
  const bool negative = static_cast<__int128>(u) < 0;
  unsigned __int128 magnitude = negative ? ~u + 1 : u;
  std::string digits;
  do {
    digits.push_back(static_cast<char>('0' + static_cast<int>(magnitude % 10)));
    magnitude /= 10;
  } while (magnitude != 0);
  if (negative) digits.push_back('-');
  std::reverse(digits.begin(), digits.end());
  return digits;
}

Result<std::pair<int64_t, int32_t>> AlignedRowView::WideTimestamp(int pos) const {
  const uint64_t slot = Slot(pos);
  const size_t offset = static_cast<size_t>(slot >> 32);
  if (offset > size_ || size_ - offset < 8) {
    return Status::Corruption("aligned row timestamp field " + std::to_string(pos) + " points at byte " +
                              std::to_string(offset) + " of a " + std::to_string(size_) + "-byte row");
  }
  const int64_t nanos = static_cast<int64_t>(slot & 0xffffffffu);
  if (nanos > 999999) {
    return Status::Corruption("aligned row timestamp field " + std::to_string(pos) + " has " +
                              std::to_string(nanos) + " nanoseconds of a millisecond");
  }
  uint64_t millis = 0;
  for (int i = 7; i >= 0; --i) millis = (millis << 8) | data_[offset + static_cast<size_t>(i)];
  return std::make_pair(static_cast<int64_t>(millis), static_cast<int32_t>(nanos));
}

}  // namespace fluss_native::logbatch
