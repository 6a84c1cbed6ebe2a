// Metadata values as Literals (stats_literal.h).
#include "plan/stats_literal.h"

#include <charconv>

#include "expr/literal_compare.h"

namespace fluss_native::plan {
namespace {

std::optional<int64_t> ParseInteger(const std::string& s) {
  int64_t v = 0;
  const char* end = s.data() + s.size();
  auto r = std::from_chars(s.data(), end, v);
  if (r.ec != std::errc() || r.ptr != end || s.empty()) return std::nullopt;
  return v;
}

// "-12.340" -> unscaled "-12340", scale 3.
std::optional<Literal> ParseDecimal(const std::string& s) {
  std::string digits;
  int scale = 0;
  bool dot = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '-' && i == 0) {
      digits += c;
    } else if (c == '.' && !dot) {
      dot = true;
    } else if (c >= '0' && c <= '9') {
      digits += c;
      if (dot) ++scale;
    } else {
      return std::nullopt;
    }
  }
  auto d = Literal::Decimal(digits, scale);
  if (!d.ok()) return std::nullopt;
  return *d;
}

std::string Int128Digits(__int128 v) {
  if (v == 0) return "0";
  const bool negative = v < 0;
  unsigned __int128 u = negative ? static_cast<unsigned __int128>(-(v + 1)) + 1 : static_cast<unsigned __int128>(v);
  std::string out;
  while (u > 0) {
    out.insert(out.begin(), static_cast<char>('0' + static_cast<int>(u % 10)));
    u /= 10;
  }
  return negative ? "-" + out : out;
}

}  // namespace

std::optional<Literal> PartitionValueLiteral(const std::string& value, const DataType& type) {
  switch (type.root) {
    case TypeRoot::kTinyInt:
    case TypeRoot::kSmallInt:
    case TypeRoot::kInt:
    case TypeRoot::kBigInt: {
      auto v = ParseInteger(value);
      if (!v) return std::nullopt;
      return Literal::Integer(*v);
    }
    case TypeRoot::kDecimal: return ParseDecimal(value);
    case TypeRoot::kBoolean:
      if (value == "true") return Literal::Boolean(true);
      if (value == "false") return Literal::Boolean(false);
      return std::nullopt;
    case TypeRoot::kChar:
    case TypeRoot::kString: return Literal::String(value);
    case TypeRoot::kDate: {
      // Fluss writes a DATE partition as ISO text ('2025-01-01').
      auto d = expr::CoerceLiteral(Literal::String(value), type, "");
      if (!d.ok()) return std::nullopt;
      return *d;
    }
    default:
      // FLOAT/DOUBLE text does not round-trip the stored value exactly;
      // TIME/TIMESTAMP text is in a format and zone we do not rely on; BINARY
      // text is an encoding we do not know. Such partitions are pruned by the
      // lake's typed partition row where there is one.
      return std::nullopt;
  }
}

std::optional<Literal> BinaryRowLiteral(const lake::paimon::BinaryRowView& row, int pos, const DataType& type) {
  if (pos < 0 || pos >= row.arity()) return std::nullopt;
  if (row.IsNull(pos)) return Literal::Null();
  switch (type.root) {
    case TypeRoot::kBoolean: {
      auto v = row.GetBool(pos);
      if (!v.ok()) return std::nullopt;
      return Literal::Boolean(*v);
    }
    case TypeRoot::kTinyInt: {
      auto v = row.GetInt8(pos);
      if (!v.ok()) return std::nullopt;
      return Literal::Integer(*v);
    }
    case TypeRoot::kSmallInt: {
      auto v = row.GetInt16(pos);
      if (!v.ok()) return std::nullopt;
      return Literal::Integer(*v);
    }
    case TypeRoot::kInt: {
      auto v = row.GetInt32(pos);
      if (!v.ok()) return std::nullopt;
      return Literal::Integer(*v);
    }
    case TypeRoot::kBigInt: {
      auto v = row.GetInt64(pos);
      if (!v.ok()) return std::nullopt;
      return Literal::Integer(*v);
    }
    case TypeRoot::kFloat: {
      auto v = row.GetFloat(pos);
      if (!v.ok()) return std::nullopt;
      return Literal::Double(static_cast<double>(*v));
    }
    case TypeRoot::kDouble: {
      auto v = row.GetDouble(pos);
      if (!v.ok()) return std::nullopt;
      return Literal::Double(*v);
    }
    case TypeRoot::kDecimal: {
      auto v = row.GetDecimal(pos, type.precision, type.scale);
      if (!v.ok()) return std::nullopt;
      auto d = Literal::Decimal(Int128Digits(v->unscaled), v->scale);
      if (!d.ok()) return std::nullopt;
      return *d;
    }
    case TypeRoot::kChar:
    case TypeRoot::kString: {
      auto v = row.GetString(pos);
      if (!v.ok()) return std::nullopt;
      return Literal::String(std::string(*v));
    }
    case TypeRoot::kBinary:
    case TypeRoot::kBytes: {
      auto v = row.GetBinary(pos);
      if (!v.ok()) return std::nullopt;
      return Literal::Bytes(std::string(*v));
    }
    case TypeRoot::kDate: {
      auto v = row.GetInt32(pos);
      if (!v.ok()) return std::nullopt;
      return Literal::Date(*v);
    }
    case TypeRoot::kTime: {
      auto v = row.GetInt32(pos);  // millis of the day
      if (!v.ok()) return std::nullopt;
      return Literal::Time(static_cast<int64_t>(*v) * 1'000'000);
    }
    case TypeRoot::kTimestamp:
    case TypeRoot::kTimestampLtz: {
      auto v = row.GetTimestamp(pos, type.precision);
      if (!v.ok()) return std::nullopt;
      return Literal::Timestamp(v->millis, v->nanos_of_milli);
    }
    default: return std::nullopt;
  }
}

}  // namespace fluss_native::plan
