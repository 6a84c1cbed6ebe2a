// Literal factories, SQL text and equality (include/fluss_native/predicate.h).
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

#include "expr/datetime_text.h"
#include "fluss_native/predicate.h"

namespace fluss_native {

Literal Literal::Null() { return Literal{}; }

Literal Literal::Boolean(bool v) {
  Literal l;
  l.kind = LiteralKind::kBoolean;
  l.boolean = v;
  return l;
}

Literal Literal::Integer(int64_t v) {
  Literal l;
  l.kind = LiteralKind::kInteger;
  l.integer = v;
  return l;
}

Result<Literal> Literal::Decimal(const std::string& unscaled_digits, int scale) {
  std::string_view s = unscaled_digits;
  bool negative = !s.empty() && s[0] == '-';
  if (negative) s.remove_prefix(1);
  if (s.empty()) return Status::InvalidArgument("decimal literal: no digits in '" + unscaled_digits + "'");
  for (char c : s) {
    if (c < '0' || c > '9') {
      return Status::InvalidArgument("decimal literal: '" + unscaled_digits + "' is not a number");
    }
  }
  while (s.size() > 1 && s[0] == '0') s.remove_prefix(1);
  if (s.size() > 38) {
    return Status::InvalidArgument("decimal literal: " + std::to_string(s.size()) +
                                   " digits, at most 38 are supported");
  }
  if (scale < 0 || scale > 38) {
    return Status::InvalidArgument("decimal literal: scale " + std::to_string(scale) +
                                   " is outside 0..38");
  }
  Literal l;
  l.kind = LiteralKind::kDecimal;
  l.text = (negative && s != "0" ? "-" : "") + std::string(s);
  l.scale = scale;
  return l;
}

Literal Literal::Double(double v) {
  Literal l;
  l.kind = LiteralKind::kDouble;
  l.real = std::isnan(v) ? std::numeric_limits<double>::quiet_NaN() : v;
  return l;
}

Literal Literal::String(std::string utf8) {
  Literal l;
  l.kind = LiteralKind::kString;
  l.text = std::move(utf8);
  return l;
}

Literal Literal::Bytes(std::string bytes) {
  Literal l;
  l.kind = LiteralKind::kBytes;
  l.text = std::move(bytes);
  return l;
}

Literal Literal::Date(int32_t days) {
  Literal l;
  l.kind = LiteralKind::kDate;
  l.integer = days;
  return l;
}

Literal Literal::Time(int64_t nanos_of_day) {
  Literal l;
  l.kind = LiteralKind::kTime;
  l.integer = nanos_of_day;
  return l;
}

Literal Literal::Timestamp(int64_t epoch_millis, int32_t nanos_of_milli) {
  // Normalise the nanos into 0..999999 so equal instants are equal literals.
  int64_t carry = nanos_of_milli / 1'000'000;
  int32_t rest = nanos_of_milli % 1'000'000;
  if (rest < 0) {
    rest += 1'000'000;
    carry -= 1;
  }
  Literal l;
  l.kind = LiteralKind::kTimestamp;
  l.integer = epoch_millis + carry;
  l.nanos_of_milli = rest;
  return l;
}

namespace {

std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

std::string DoubleText(double v) {
  if (std::isnan(v)) return "CAST('NaN' AS DOUBLE)";
  if (std::isinf(v)) return v > 0 ? "CAST('Infinity' AS DOUBLE)" : "CAST('-Infinity' AS DOUBLE)";
  // The shortest digits that read back as the same double, as d.dddE[-]x.
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
  std::string s(buf, r.ptr);
  size_t e = s.find('e');
  std::string mantissa = s.substr(0, e);
  int exponent = std::stoi(s.substr(e + 1));
  return mantissa + "E" + std::to_string(exponent);
}

std::string DecimalText(const std::string& unscaled, int scale) {
  bool negative = !unscaled.empty() && unscaled[0] == '-';
  std::string digits = negative ? unscaled.substr(1) : unscaled;
  // Scale 0 keeps a trailing point so the text reads back as a DECIMAL, not
  // an integer.
  if (scale == 0) return (negative ? "-" : "") + digits + ".";
  if (static_cast<int>(digits.size()) <= scale) {
    digits = std::string(scale - digits.size() + 1, '0') + digits;
  }
  return (negative ? "-" : "") + digits.substr(0, digits.size() - scale) + "." +
         digits.substr(digits.size() - scale);
}

}  // namespace

std::string Literal::ToString() const {
  switch (kind) {
    case LiteralKind::kNull: return "NULL";
    case LiteralKind::kBoolean: return boolean ? "TRUE" : "FALSE";
    case LiteralKind::kInteger: return std::to_string(integer);
    case LiteralKind::kDecimal: return DecimalText(text, scale);
    case LiteralKind::kDouble: return DoubleText(real);
    case LiteralKind::kString: return Quote(text);
    case LiteralKind::kBytes: {
      static const char kHex[] = "0123456789ABCDEF";
      std::string out = "X'";
      for (unsigned char c : text) {
        out += kHex[c >> 4];
        out += kHex[c & 15];
      }
      return out + "'";
    }
    case LiteralKind::kDate: return "DATE '" + expr::FormatDate(integer) + "'";
    case LiteralKind::kTime: return "TIME '" + expr::FormatTimeOfDay(integer) + "'";
    case LiteralKind::kTimestamp:
      return "TIMESTAMP '" + expr::FormatTimestamp(integer, nanos_of_milli) + "'";
  }
  return "NULL";
}

bool Literal::operator==(const Literal& o) const {
  if (kind != o.kind) return false;
  switch (kind) {
    case LiteralKind::kNull: return true;
    case LiteralKind::kBoolean: return boolean == o.boolean;
    case LiteralKind::kInteger:
    case LiteralKind::kDate:
    case LiteralKind::kTime: return integer == o.integer;
    case LiteralKind::kDecimal: return text == o.text && scale == o.scale;
    case LiteralKind::kDouble:
      // NaN equals NaN and -0.0 differs from 0.0: literals compare as written.
      if (std::isnan(real) || std::isnan(o.real)) return std::isnan(real) && std::isnan(o.real);
      return std::memcmp(&real, &o.real, sizeof real) == 0;
    case LiteralKind::kString:
    case LiteralKind::kBytes: return text == o.text;
    case LiteralKind::kTimestamp: return integer == o.integer && nanos_of_milli == o.nanos_of_milli;
  }
  return false;
}

}  // namespace fluss_native
