#include "read/merge/key_bytes.h"

#include <cstring>

#include "format/arrow/array_take.h"

namespace fluss_native::read::merge {
namespace {

constexpr char kNull = '\0';
constexpr char kValue = '\1';

// `bytes` little-endian two's complement (as Arrow stores integers and
// DECIMAL128), appended big-endian with the sign bit flipped: unsigned
// bytewise order then equals signed numeric order.
void AppendSigned(const uint8_t* bytes, int width, std::string* key) {
  for (int i = width - 1; i >= 0; --i) {
    uint8_t b = bytes[i];
    if (i == width - 1) b ^= 0x80;
    key->push_back(static_cast<char>(b));
  }
}

// IEEE bits in total order: negative values have every bit flipped (so a
// more negative value sorts first), others only the sign bit. A bijection
// on bit patterns, so keys stay equal exactly when their bits are.
template <typename Bits>
void AppendFloatBits(const uint8_t* bytes, std::string* key) {
  Bits bits;
  std::memcpy(&bits, bytes, sizeof(bits));
  constexpr Bits kSign = Bits{1} << (sizeof(Bits) * 8 - 1);
  bits = (bits & kSign) ? static_cast<Bits>(~bits) : static_cast<Bits>(bits | kSign);
  for (int shift = static_cast<int>(sizeof(Bits) * 8) - 8; shift >= 0; shift -= 8) {
    key->push_back(static_cast<char>((bits >> shift) & 0xff));
  }
}

void AppendEscaped(const char* data, size_t size, std::string* key) {
  for (size_t i = 0; i < size; ++i) {
    key->push_back(data[i]);
    if (data[i] == '\0') key->push_back('\xff');
  }
  key->push_back('\0');
  key->push_back('\0');
}

}  // namespace

Status CheckKeyType(const DataType& type) {
  switch (type.root) {
    case TypeRoot::kArray:
    case TypeRoot::kMap:
    case TypeRoot::kRow:
      return Status::Unsupported("a key column cannot be of type " + type.ToFlussString());
    default:
      return Status::OK();
  }
}

void AppendKeyBytes(const ArrowArray& col, const DataType& type, int64_t row, std::string* key) {
  if (!IsValid(RowRef{&col, row})) {
    key->push_back(kNull);
    return;
  }
  key->push_back(kValue);
  const int64_t at = col.offset + row;
  const auto* values = static_cast<const uint8_t*>(col.buffers[1]);
  switch (type.root) {
    case TypeRoot::kBoolean:
      key->push_back(static_cast<char>((values[at >> 3] >> (at & 7)) & 1));
      return;
    case TypeRoot::kChar:
    case TypeRoot::kString:
    case TypeRoot::kBytes: {
      const auto* offsets = static_cast<const int32_t*>(col.buffers[1]);
      const char* data = static_cast<const char*>(col.buffers[2]) + offsets[at];
      AppendEscaped(data, static_cast<size_t>(offsets[at + 1] - offsets[at]), key);
      return;
    }
    case TypeRoot::kFloat:
      AppendFloatBits<uint32_t>(values + at * 4, key);
      return;
    case TypeRoot::kDouble:
      AppendFloatBits<uint64_t>(values + at * 8, key);
      return;
    case TypeRoot::kBinary: {
      // Fixed width: the type fixes where the value ends, bytewise order.
      const size_t width = static_cast<size_t>(type.length);
      key->append(reinterpret_cast<const char*>(values) + at * type.length, width);
      return;
    }
    default: {
      // Integers, DATE, TIME, TIMESTAMP*, DECIMAL: signed little-endian.
      const int width = FixedWidthBytes(type);
      AppendSigned(values + at * width, width, key);
      return;
    }
  }
}

}  // namespace fluss_native::read::merge
