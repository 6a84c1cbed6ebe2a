#include "format/keys/key_encoder.h"

#include <cstring>

namespace fluss_native::keys {
namespace {

void PutVarint32(std::string* out, uint32_t v) {
  while (v & ~0x7Fu) {
    out->push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

void PutVarint64(std::string* out, uint64_t v) {
  while (v & ~uint64_t{0x7F}) {
    out->push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

template <typename T>
void PutLittleEndian(std::string* out, T value) {
  auto v = static_cast<std::make_unsigned_t<T>>(value);
  for (size_t i = 0; i < sizeof(T); ++i) out->push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

uint32_t FloatBits(double real) {
  float f = static_cast<float>(real);
  uint32_t bits;
  std::memcpy(&bits, &f, 4);
  return bits;
}

uint64_t DoubleBits(double real) {
  uint64_t bits;
  std::memcpy(&bits, &real, 8);
  return bits;
}

void PutLengthPrefixed(std::string* out, const std::string& bytes) {
  PutVarint32(out, static_cast<uint32_t>(bytes.size()));
  out->append(bytes);
}

void EncodeCompactedField(std::string* out, const DataType& type, const KeyValue& v) {
  switch (type.root) {
    case TypeRoot::kBoolean:
    case TypeRoot::kTinyInt: out->push_back(static_cast<char>(v.integer)); return;
    case TypeRoot::kSmallInt: PutLittleEndian<int16_t>(out, static_cast<int16_t>(v.integer)); return;
    case TypeRoot::kInt:
    case TypeRoot::kDate:
    case TypeRoot::kTime: PutVarint32(out, static_cast<uint32_t>(static_cast<int32_t>(v.integer))); return;
    case TypeRoot::kBigInt: PutVarint64(out, static_cast<uint64_t>(v.integer)); return;
    case TypeRoot::kFloat: PutLittleEndian<uint32_t>(out, FloatBits(v.real)); return;
    case TypeRoot::kDouble: PutLittleEndian<uint64_t>(out, DoubleBits(v.real)); return;
    case TypeRoot::kDecimal:
      if (type.precision <= 18) {
        PutVarint64(out, static_cast<uint64_t>(v.integer));
      } else {
        PutLengthPrefixed(out, v.bytes);
      }
      return;
    case TypeRoot::kChar:
    case TypeRoot::kString:
    case TypeRoot::kBinary:
    case TypeRoot::kBytes: PutLengthPrefixed(out, v.bytes); return;
    case TypeRoot::kTimestamp:
    case TypeRoot::kTimestampLtz:
      PutVarint64(out, static_cast<uint64_t>(v.integer));
      if (type.precision > 3) PutVarint32(out, static_cast<uint32_t>(v.nanos_of_milli));
      return;
    case TypeRoot::kArray:
    case TypeRoot::kMap:
    case TypeRoot::kRow: return;  // not key types (IsKeyType)
  }
}

// Paimon BinaryRow: fixed part of header + 8 bytes per field, then the
// variable part; offsets in slots are from the row's start.
class PaimonRowWriter {
 public:
  explicit PaimonRowWriter(size_t arity)
      : null_bits_bytes_(((arity + 63 + 8) / 64) * 8), row_(null_bits_bytes_ + 8 * arity, '\0') {
    row_[0] = 0;  // row kind INSERT
  }

  void Field(size_t pos, const DataType& type, const KeyValue& v) {
    switch (type.root) {
      case TypeRoot::kBoolean:
      case TypeRoot::kTinyInt: Slot(pos, static_cast<uint8_t>(v.integer), 1); return;
      case TypeRoot::kSmallInt: Slot(pos, static_cast<uint16_t>(v.integer), 2); return;
      case TypeRoot::kInt:
      case TypeRoot::kDate:
      case TypeRoot::kTime: Slot(pos, static_cast<uint32_t>(v.integer), 4); return;
      case TypeRoot::kBigInt: Slot(pos, static_cast<uint64_t>(v.integer), 8); return;
      case TypeRoot::kFloat: Slot(pos, FloatBits(v.real), 4); return;
      case TypeRoot::kDouble: Slot(pos, DoubleBits(v.real), 8); return;
      case TypeRoot::kDecimal:
        if (type.precision <= 18) {
          Slot(pos, static_cast<uint64_t>(v.integer), 8);
        } else {
          // 16 zeroed bytes, the BigInteger bytes at their start.
          size_t at = row_.size();
          row_.append(16, '\0');
          std::memcpy(&row_[at], v.bytes.data(), std::min<size_t>(v.bytes.size(), 16));
          Slot(pos, (static_cast<uint64_t>(at) << 32) | v.bytes.size(), 8);
        }
        return;
      case TypeRoot::kChar:
      case TypeRoot::kString:
      case TypeRoot::kBinary:
      case TypeRoot::kBytes:
        if (v.bytes.size() <= 7) {
          uint64_t word = static_cast<uint64_t>(0x80 | v.bytes.size()) << 56;
          for (size_t i = 0; i < v.bytes.size(); ++i) word |= uint64_t{static_cast<uint8_t>(v.bytes[i])} << (8 * i);
          Slot(pos, word, 8);
        } else {
          size_t at = row_.size();
          row_.append(v.bytes);
          row_.append((8 - v.bytes.size() % 8) % 8, '\0');
          Slot(pos, (static_cast<uint64_t>(at) << 32) | v.bytes.size(), 8);
        }
        return;
      case TypeRoot::kTimestamp:
      case TypeRoot::kTimestampLtz:
        if (type.precision <= 3) {
          Slot(pos, static_cast<uint64_t>(v.integer), 8);
        } else {
          size_t at = row_.size();
          std::string millis;
          PutLittleEndian<uint64_t>(&millis, static_cast<uint64_t>(v.integer));
          row_.append(millis);
          Slot(pos, (static_cast<uint64_t>(at) << 32) | static_cast<uint32_t>(v.nanos_of_milli), 8);
        }
        return;
      case TypeRoot::kArray:
      case TypeRoot::kMap:
      case TypeRoot::kRow: return;
    }
  }

  std::string Finish() && { return std::move(row_); }

 private:
  void Slot(size_t pos, uint64_t value, int width) {
    size_t at = null_bits_bytes_ + 8 * pos;
    for (int i = 0; i < width; ++i) row_[at + i] = static_cast<char>((value >> (8 * i)) & 0xff);
  }

  size_t null_bits_bytes_;
  std::string row_;
};

}  // namespace

const char* KeyEncodingName(KeyEncoding e) { return e == KeyEncoding::kPaimon ? "paimon" : "compacted"; }

std::string EncodeKey(KeyEncoding encoding, const std::vector<DataType>& types, const std::vector<KeyValue>& values) {
  if (encoding == KeyEncoding::kCompacted) {
    std::string out;
    for (size_t i = 0; i < types.size() && i < values.size(); ++i) EncodeCompactedField(&out, types[i], values[i]);
    return out;
  }
  PaimonRowWriter row(types.size());
  for (size_t i = 0; i < types.size() && i < values.size(); ++i) row.Field(i, types[i], values[i]);
  return std::move(row).Finish();
}

}  // namespace fluss_native::keys
