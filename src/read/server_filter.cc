#include "read/server_filter.h"

#include <cmath>
#include <cstdint>
#include <string>

namespace fluss_native::read {
namespace {

namespace msg = rpc::messages;
using Kind = msg::FilterPredicate::Kind;

// A decimal literal's value as unscaled * 10^-scale in 128 bits; false when
// it has more digits than that holds.
bool ParseUnscaled(const Literal& lit, __int128* unscaled, int* scale) {
  const std::string& t = lit.text;
  size_t i = 0;
  bool negative = false;
  if (i < t.size() && (t[i] == '-' || t[i] == '+')) negative = t[i++] == '-';
  if (i == t.size() || t.size() - i > 38) return false;
  __int128 v = 0;
  for (; i < t.size(); ++i) {
    if (t[i] < '0' || t[i] > '9') return false;
    v = v * 10 + (t[i] - '0');
  }
  *unscaled = negative ? -v : v;
  *scale = lit.scale;
  return true;
}

// The literal as an exact integer; false when it is not one.
bool AsExactInteger(const Literal& lit, __int128* out) {
  switch (lit.kind) {
    case LiteralKind::kInteger: *out = lit.integer; return true;
    case LiteralKind::kDecimal: {
      __int128 u;
      int scale;
      if (!ParseUnscaled(lit, &u, &scale)) return false;
      for (int s = 0; s < scale; ++s) {
        if (u % 10 != 0) return false;
        u /= 10;
      }
      *out = u;
      return true;
    }
    case LiteralKind::kDouble:
      if (!std::isfinite(lit.real) || std::trunc(lit.real) != lit.real || std::fabs(lit.real) > 9.0e18) return false;
      *out = static_cast<int64_t>(lit.real);
      return true;
    default: return false;
  }
}

// The literal as a binary floating-point value with at most `mantissa_bits`,
// exactly; false when that would round (a pushed rounded bound could drop a
// batch holding a matching row).
bool AsExactBinary(const Literal& lit, int mantissa_bits, double* out) {
  const double limit = std::ldexp(1.0, mantissa_bits);
  switch (lit.kind) {
    case LiteralKind::kInteger:
      if (std::fabs(static_cast<double>(lit.integer)) >= limit) return false;
      *out = static_cast<double>(lit.integer);
      return true;
    case LiteralKind::kDouble:
      if (std::isnan(lit.real)) return false;
      if (mantissa_bits < 53 && static_cast<double>(static_cast<float>(lit.real)) != lit.real) return false;
      *out = lit.real;
      return true;
    case LiteralKind::kDecimal: {
      // u / 10^s = (u / 5^s) / 2^s is binary exactly when 5^s divides u.
      __int128 u;
      int scale;
      if (!ParseUnscaled(lit, &u, &scale)) return false;
      while (scale > 0 && u % 10 == 0) {
        u /= 10;
        --scale;
      }
      for (int s = 0; s < scale; ++s) {
        if (u % 5 != 0) return false;
        u /= 5;
      }
      if ((u < 0 ? -u : u) >= static_cast<__int128>(limit)) return false;
      *out = std::ldexp(static_cast<double>(static_cast<int64_t>(u)), -scale);
      return true;
    }
    default: return false;
  }
}

// BigInteger.toByteArray: the shortest big-endian two's complement.
std::string TwosComplementBytes(__int128 v) {
  std::string out;
  for (;;) {
    uint8_t byte = static_cast<uint8_t>(v & 0xff);
    out.insert(out.begin(), static_cast<char>(byte));
    v >>= 8;  // arithmetic
    bool sign = (byte & 0x80) != 0;
    if ((v == 0 && !sign) || (v == -1 && sign)) break;
  }
  return out;
}

std::optional<msg::FilterTypeRoot> RootOf(const DataType& type) {
  switch (type.root) {
    case TypeRoot::kBoolean: return msg::FilterTypeRoot::kBoolean;
    case TypeRoot::kTinyInt: return msg::FilterTypeRoot::kTinyInt;
    case TypeRoot::kSmallInt: return msg::FilterTypeRoot::kSmallInt;
    case TypeRoot::kInt: return msg::FilterTypeRoot::kInt;
    case TypeRoot::kBigInt: return msg::FilterTypeRoot::kBigInt;
    case TypeRoot::kFloat: return msg::FilterTypeRoot::kFloat;
    case TypeRoot::kDouble: return msg::FilterTypeRoot::kDouble;
    case TypeRoot::kString: return msg::FilterTypeRoot::kString;
    case TypeRoot::kDecimal: return msg::FilterTypeRoot::kDecimal;
    case TypeRoot::kDate: return msg::FilterTypeRoot::kDate;
    case TypeRoot::kTime: return msg::FilterTypeRoot::kTime;
    case TypeRoot::kTimestamp: return msg::FilterTypeRoot::kTimestamp;
    case TypeRoot::kTimestampLtz: return msg::FilterTypeRoot::kTimestampLtz;
    case TypeRoot::kBytes: return msg::FilterTypeRoot::kBytes;
    // CHAR and BINARY compare padded values; ARRAY, MAP, ROW not at all.
    default: return std::nullopt;
  }
}

// The literal as Fluss 1.0 sends a value of `type`, or nullopt.
std::optional<msg::FilterLiteral> ToWireLiteral(const Literal& lit, const DataType& type) {
  auto root = RootOf(type);
  if (!root || lit.kind == LiteralKind::kNull) return std::nullopt;
  msg::FilterLiteral out;
  out.type = *root;
  switch (type.root) {
    case TypeRoot::kBoolean:
      if (lit.kind != LiteralKind::kBoolean) return std::nullopt;
      out.boolean_value = lit.boolean;
      return out;
    case TypeRoot::kTinyInt:
    case TypeRoot::kSmallInt:
    case TypeRoot::kInt:
    case TypeRoot::kBigInt: {
      __int128 v;
      if (!AsExactInteger(lit, &v)) return std::nullopt;
      const int bits = type.root == TypeRoot::kTinyInt ? 8 : type.root == TypeRoot::kSmallInt ? 16
                       : type.root == TypeRoot::kInt   ? 32 : 64;
      const __int128 hi = (static_cast<__int128>(1) << (bits - 1)) - 1;
      if (v > hi || v < -hi - 1) return std::nullopt;
      if (type.root == TypeRoot::kBigInt) {
        out.bigint_value = static_cast<int64_t>(v);
      } else {
        out.int_value = static_cast<int32_t>(v);
      }
      return out;
    }
    case TypeRoot::kFloat: {
      double v;
      // Fluss orders -0.0 below 0.0 (Float.compare); we hold them equal.
      if (!AsExactBinary(lit, 24, &v) || v == 0) return std::nullopt;
      out.float_value = static_cast<float>(v);
      return out;
    }
    case TypeRoot::kDouble: {
      double v;
      if (!AsExactBinary(lit, 53, &v) || v == 0) return std::nullopt;
      out.double_value = v;
      return out;
    }
    case TypeRoot::kString:
      if (lit.kind != LiteralKind::kString) return std::nullopt;
      out.string_value = lit.text;
      return out;
    case TypeRoot::kBytes:
      if (lit.kind != LiteralKind::kBytes) return std::nullopt;
      out.binary_value = lit.text;
      return out;
    case TypeRoot::kDecimal: {
      __int128 u;
      int scale = 0;
      if (lit.kind == LiteralKind::kInteger) {
        u = lit.integer;
      } else if (lit.kind != LiteralKind::kDecimal || !ParseUnscaled(lit, &u, &scale)) {
        return std::nullopt;
      }
      // To the column's scale, exactly.
      for (; scale > type.scale; --scale) {
        if (u % 10 != 0) return std::nullopt;
        u /= 10;
      }
      __int128 bound = 1;
      for (int d = 0; d < type.precision; ++d) bound *= 10;
      for (; scale < type.scale; ++scale) {
        if ((u < 0 ? -u : u) >= bound) return std::nullopt;
        u *= 10;
      }
      if ((u < 0 ? -u : u) >= bound) return std::nullopt;
      if (type.precision <= 18) {
        out.decimal_value = static_cast<int64_t>(u);
      } else {
        out.decimal_bytes = TwosComplementBytes(u);
      }
      return out;
    }
    case TypeRoot::kDate:
      if (lit.kind != LiteralKind::kDate) return std::nullopt;
      out.bigint_value = lit.integer;
      return out;
    case TypeRoot::kTime:
      // Fluss keeps TIME as milliseconds of the day.
      if (lit.kind != LiteralKind::kTime || lit.integer % 1000000 != 0) return std::nullopt;
      out.int_value = static_cast<int32_t>(lit.integer / 1000000);
      return out;
    case TypeRoot::kTimestamp:
    case TypeRoot::kTimestampLtz:
      if (lit.kind != LiteralKind::kTimestamp) return std::nullopt;
      out.timestamp_millis = lit.integer;
      out.timestamp_nanos_of_milli = lit.nanos_of_milli;
      return out;
    default: return std::nullopt;
  }
}

msg::FilterPredicate FoldLeft(Kind kind, std::vector<msg::FilterPredicate> parts) {
  msg::FilterPredicate acc = std::move(parts[0]);
  for (size_t i = 1; i < parts.size(); ++i) acc = msg::FilterPredicate::Binary(kind, std::move(acc), std::move(parts[i]));
  return acc;
}

// The column's field id, or -1 when it has none or is not a top-level column.
int32_t FieldIdOf(const expr::BoundColumn& column, const TableInfo& table) {
  if (column.indexes.size() != 1) return -1;
  const int index = column.indexes[0];
  if (index < 0 || static_cast<size_t>(index) >= table.columns.size()) return -1;
  return table.columns[static_cast<size_t>(index)].id;
}

std::optional<msg::FilterPredicate> Leaf(msg::FilterFunction f, int32_t field_id, const Literal& lit,
                                         const DataType& type) {
  auto wire = ToWireLiteral(lit, type);
  if (!wire) return std::nullopt;
  return msg::FilterPredicate::Leaf(f, field_id, {*wire});
}

std::optional<msg::FilterPredicate> Convert(const expr::BoundPredicate& p, const TableInfo& table) {
  using msg::FilterFunction;
  switch (p.op) {
    case PredicateOp::kAnd: {
      std::vector<msg::FilterPredicate> parts;
      for (const auto& c : p.children) {
        if (auto part = Convert(c, table)) parts.push_back(std::move(*part));
      }
      if (parts.empty()) return std::nullopt;
      return FoldLeft(Kind::kAnd, std::move(parts));
    }
    case PredicateOp::kOr: {
      std::vector<msg::FilterPredicate> parts;
      for (const auto& c : p.children) {
        auto part = Convert(c, table);
        if (!part) return std::nullopt;
        parts.push_back(std::move(*part));
      }
      if (parts.empty()) return std::nullopt;
      return FoldLeft(Kind::kOr, std::move(parts));
    }
    case PredicateOp::kNot: return std::nullopt;
    default: break;
  }
  const int32_t field_id = FieldIdOf(p.column, table);
  if (field_id < 0 || !RootOf(p.column.type)) return std::nullopt;
  const DataType& type = p.column.type;
  // Our order puts NaN above every number (literal_compare.h); a server
  // pruning by min/max statistics need not, so on FLOAT/DOUBLE columns only
  // the operators no NaN satisfies are pushed.
  const bool floating = type.root == TypeRoot::kFloat || type.root == TypeRoot::kDouble;
  if (floating && (p.op == PredicateOp::kGt || p.op == PredicateOp::kGe || p.op == PredicateOp::kNe ||
                   p.op == PredicateOp::kNotIn)) {
    return std::nullopt;
  }
  auto compare = [&](FilterFunction f) { return p.literals.size() == 1 ? Leaf(f, field_id, p.literals[0], type) : std::nullopt; };
  switch (p.op) {
    case PredicateOp::kEq: return compare(FilterFunction::kEqual);
    case PredicateOp::kNe: return compare(FilterFunction::kNotEqual);
    case PredicateOp::kLt: return compare(FilterFunction::kLessThan);
    case PredicateOp::kLe: return compare(FilterFunction::kLessOrEqual);
    case PredicateOp::kGt: return compare(FilterFunction::kGreaterThan);
    case PredicateOp::kGe: return compare(FilterFunction::kGreaterOrEqual);
    case PredicateOp::kIsNull: return msg::FilterPredicate::Leaf(FilterFunction::kIsNull, field_id);
    case PredicateOp::kIsNotNull: return msg::FilterPredicate::Leaf(FilterFunction::kIsNotNull, field_id);
    case PredicateOp::kBetween: {
      if (p.literals.size() != 2) return std::nullopt;
      auto lo = Leaf(FilterFunction::kGreaterOrEqual, field_id, p.literals[0], type);
      auto hi = Leaf(FilterFunction::kLessOrEqual, field_id, p.literals[1], type);
      if (!lo || !hi) return std::nullopt;
      return msg::FilterPredicate::Binary(Kind::kAnd, std::move(*lo), std::move(*hi));
    }
    case PredicateOp::kIn:
    case PredicateOp::kNotIn: {
      const bool negated = p.op == PredicateOp::kNotIn;
      if (p.literals.empty()) return std::nullopt;
      std::vector<msg::FilterLiteral> values;
      for (const auto& lit : p.literals) {
        auto wire = ToWireLiteral(lit, type);
        if (!wire) return std::nullopt;  // NULL in the list, or a value the column cannot hold
        values.push_back(std::move(*wire));
      }
      if (values.size() > kInListAsOrLimit) {
        return msg::FilterPredicate::Leaf(negated ? FilterFunction::kNotIn : FilterFunction::kIn, field_id,
                                          std::move(values));
      }
      std::vector<msg::FilterPredicate> parts;
      for (auto& v : values) {
        parts.push_back(msg::FilterPredicate::Leaf(negated ? FilterFunction::kNotEqual : FilterFunction::kEqual,
                                                   field_id, {std::move(v)}));
      }
      return FoldLeft(negated ? Kind::kAnd : Kind::kOr, std::move(parts));
    }
    case PredicateOp::kLike: {
      // Only 'prefix%' without an escape: STARTS_WITH(prefix).
      if (type.root != TypeRoot::kString || p.literals.size() != 1 || p.literals[0].kind != LiteralKind::kString) {
        return std::nullopt;
      }
      const std::string& pattern = p.literals[0].text;
      if (pattern.empty() || pattern.back() != '%') return std::nullopt;
      std::string prefix = pattern.substr(0, pattern.size() - 1);
      if (prefix.find_first_of("%_") != std::string::npos) return std::nullopt;
      msg::FilterLiteral lit;
      lit.type = msg::FilterTypeRoot::kString;
      lit.string_value = std::move(prefix);
      return msg::FilterPredicate::Leaf(FilterFunction::kStartsWith, field_id, {std::move(lit)});
    }
    default: return std::nullopt;
  }
}

}  // namespace

std::optional<rpc::messages::FilterPredicate> ServerFilterFor(const expr::BoundPredicate& bound,
                                                              const TableInfo& table) {
  return Convert(bound, table);
}

}  // namespace fluss_native::read
