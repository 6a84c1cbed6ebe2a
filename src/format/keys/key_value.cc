#include "format/keys/key_value.h"

#include <cmath>
#include <limits>

namespace fluss_native::keys {
namespace {

using Int128 = __int128;

Status Mismatch(const Literal& literal, const DataType& type, const std::string& column, const std::string& why) {
  return Status::InvalidArgument("key value " + literal.ToString() + " for column '" + column + "' of type " +
                                 type.ToFlussString() + ": " + why);
}

// The literal's exact value as unscaled digits at `scale` (kInteger: scale 0).
bool ExactDigits(const Literal& l, Int128* unscaled, int* scale) {
  if (l.kind == LiteralKind::kInteger) {
    *unscaled = l.integer;
    *scale = 0;
    return true;
  }
  if (l.kind != LiteralKind::kDecimal) return false;
  Int128 v = 0;
  bool negative = false;
  size_t i = 0;
  if (i < l.text.size() && (l.text[i] == '-' || l.text[i] == '+')) negative = l.text[i++] == '-';
  if (i == l.text.size() || l.text.size() - i > 38) return false;
  for (; i < l.text.size(); ++i) {
    if (l.text[i] < '0' || l.text[i] > '9') return false;
    v = v * 10 + (l.text[i] - '0');
  }
  *unscaled = negative ? -v : v;
  *scale = l.scale;
  return true;
}

Int128 Pow10(int n) {
  Int128 p = 1;
  for (int i = 0; i < n; ++i) p *= 10;
  return p;
}

// Java's BigInteger.toByteArray(): big-endian two's complement, the fewest
// bytes that keep the sign.
std::string TwosComplementBytes(Int128 v) {
  std::string out;
  for (int i = 15; i >= 0; --i) out.push_back(static_cast<char>(static_cast<unsigned __int128>(v) >> (8 * i)));
  size_t drop = 0;
  while (drop + 1 < out.size()) {
    auto b0 = static_cast<uint8_t>(out[drop]);
    auto b1 = static_cast<uint8_t>(out[drop + 1]);
    if ((b0 == 0x00 && (b1 & 0x80) == 0) || (b0 == 0xff && (b1 & 0x80) != 0)) {
      ++drop;
    } else {
      break;
    }
  }
  return out.substr(drop);
}

Result<KeyValue> Integer(const Literal& l, const DataType& type, const std::string& column, int64_t lo, int64_t hi) {
  Int128 unscaled = 0;
  int scale = 0;
  if (!ExactDigits(l, &unscaled, &scale)) return Mismatch(l, type, column, "not an integer");
  Int128 p = Pow10(scale);
  if (unscaled % p != 0) return Mismatch(l, type, column, "has a fractional part");
  Int128 v = unscaled / p;
  if (v < lo || v > hi) return Mismatch(l, type, column, "out of range");
  KeyValue out;
  out.integer = static_cast<int64_t>(v);
  return out;
}

Result<KeyValue> Decimal(const Literal& l, const DataType& type, const std::string& column) {
  Int128 unscaled = 0;
  int scale = 0;
  if (!ExactDigits(l, &unscaled, &scale)) return Mismatch(l, type, column, "not an exact number");
  if (scale > type.scale) {
    Int128 p = Pow10(scale - type.scale);
    if (unscaled % p != 0) return Mismatch(l, type, column, "has more fractional digits than the column");
    unscaled /= p;
  } else {
    Int128 p = Pow10(type.scale - scale);
    Int128 limit = Pow10(38);
    if (unscaled != 0 && (unscaled > limit / p || unscaled < -limit / p)) {
      return Mismatch(l, type, column, "too many digits");
    }
    unscaled *= p;
  }
  Int128 bound = Pow10(type.precision);
  if (unscaled >= bound || unscaled <= -bound) return Mismatch(l, type, column, "too many digits for the precision");
  KeyValue out;
  if (type.precision <= 18) {
    out.integer = static_cast<int64_t>(unscaled);
  } else {
    out.bytes = TwosComplementBytes(unscaled);
  }
  return out;
}

Result<double> Approximate(const Literal& l, const DataType& type, const std::string& column) {
  if (l.kind == LiteralKind::kDouble) return l.real;
  if (l.kind == LiteralKind::kInteger) return static_cast<double>(l.integer);
  if (l.kind == LiteralKind::kDecimal) {
    try {
      return std::stod(l.text) / std::pow(10.0, l.scale);
    } catch (...) {
      return Mismatch(l, type, column, "not a number");
    }
  }
  return Mismatch(l, type, column, "not a number");
}

}  // namespace

bool IsKeyType(const DataType& type) {
  return type.root != TypeRoot::kArray && type.root != TypeRoot::kMap && type.root != TypeRoot::kRow;
}

Result<KeyValue> CoerceKeyLiteral(const Literal& l, const DataType& type, const std::string& column) {
  if (l.kind == LiteralKind::kNull) return Mismatch(l, type, column, "key columns are never NULL");
  KeyValue out;
  switch (type.root) {
    case TypeRoot::kBoolean:
      if (l.kind != LiteralKind::kBoolean) return Mismatch(l, type, column, "not a boolean");
      out.integer = l.boolean ? 1 : 0;
      return out;
    case TypeRoot::kTinyInt: return Integer(l, type, column, INT8_MIN, INT8_MAX);
    case TypeRoot::kSmallInt: return Integer(l, type, column, INT16_MIN, INT16_MAX);
    case TypeRoot::kInt: return Integer(l, type, column, INT32_MIN, INT32_MAX);
    case TypeRoot::kBigInt: return Integer(l, type, column, INT64_MIN, INT64_MAX);
    case TypeRoot::kFloat: {
      FN_ASSIGN_OR_RETURN(double d, Approximate(l, type, column));
      out.real = static_cast<float>(d);
      return out;
    }
    case TypeRoot::kDouble: {
      FN_ASSIGN_OR_RETURN(out.real, Approximate(l, type, column));
      return out;
    }
    case TypeRoot::kDecimal: return Decimal(l, type, column);
    case TypeRoot::kChar:
    case TypeRoot::kString:
      if (l.kind != LiteralKind::kString) return Mismatch(l, type, column, "not a string");
      out.bytes = l.text;
      return out;
    case TypeRoot::kBinary:
    case TypeRoot::kBytes:
      if (l.kind != LiteralKind::kBytes && l.kind != LiteralKind::kString) {
        return Mismatch(l, type, column, "not bytes");
      }
      out.bytes = l.text;
      return out;
    case TypeRoot::kDate:
      if (l.kind != LiteralKind::kDate) return Mismatch(l, type, column, "not a DATE");
      out.integer = l.integer;
      return out;
    case TypeRoot::kTime:
      if (l.kind != LiteralKind::kTime) return Mismatch(l, type, column, "not a TIME");
      if (l.integer % 1000000 != 0) return Mismatch(l, type, column, "Fluss keeps TIME to the millisecond");
      out.integer = l.integer / 1000000;
      return out;
    case TypeRoot::kTimestamp:
    case TypeRoot::kTimestampLtz:
      if (l.kind != LiteralKind::kTimestamp) return Mismatch(l, type, column, "not a TIMESTAMP");
      if (l.nanos_of_milli < 0 || l.nanos_of_milli > 999999) return Mismatch(l, type, column, "bad nanoseconds");
      if (type.precision <= 3 && l.nanos_of_milli != 0) {
        return Mismatch(l, type, column, "more precise than the column");
      }
      out.integer = l.integer;
      out.nanos_of_milli = l.nanos_of_milli;
      return out;
    case TypeRoot::kArray:
    case TypeRoot::kMap:
    case TypeRoot::kRow: break;
  }
  return Mismatch(l, type, column, "not a key type");
}

}  // namespace fluss_native::keys
