// Literals against column types: what fits, and the one value order
// (literal_compare.h).
#include "expr/literal_compare.h"

#include "expr/datetime_text.h"
#include "expr/numeric.h"

namespace fluss_native::expr {
namespace {

bool IsNumeric(TypeRoot r) {
  switch (r) {
    case TypeRoot::kTinyInt:
    case TypeRoot::kSmallInt:
    case TypeRoot::kInt:
    case TypeRoot::kBigInt:
    case TypeRoot::kFloat:
    case TypeRoot::kDouble:
    case TypeRoot::kDecimal: return true;
    default: return false;
  }
}

std::string KindName(const Literal& l) {
  switch (l.kind) {
    case LiteralKind::kNull: return "NULL";
    case LiteralKind::kBoolean: return "BOOLEAN";
    case LiteralKind::kInteger: return "INTEGER";
    case LiteralKind::kDecimal: {
      size_t digits = l.text.size() - (!l.text.empty() && l.text[0] == '-');
      size_t precision = std::max<size_t>(digits, static_cast<size_t>(l.scale));
      return "DECIMAL(" + std::to_string(std::max<size_t>(precision, 1)) + ", " +
             std::to_string(l.scale) + ")";
    }
    case LiteralKind::kDouble: return "DOUBLE";
    case LiteralKind::kString: return "STRING";
    case LiteralKind::kBytes: return "BYTES";
    case LiteralKind::kDate: return "DATE";
    case LiteralKind::kTime: return "TIME";
    case LiteralKind::kTimestamp: return "TIMESTAMP";
  }
  return "?";
}

Status Mismatch(const Literal& l, const DataType& type, const std::string& column) {
  return Status::InvalidArgument("column '" + column + "' is " + TypeName(type) + ", literal " +
                                 l.ToString() + " is " + KindName(l));
}

template <typename T>
int Sign(const T& a, const T& b) { return a < b ? -1 : (a > b ? 1 : 0); }

}  // namespace

std::string TypeName(const DataType& type) {
  DataType shown = type;
  shown.nullable = true;
  return shown.ToFlussString();
}

bool IsComparable(const DataType& type) {
  switch (type.root) {
    case TypeRoot::kArray:
    case TypeRoot::kMap:
    case TypeRoot::kRow: return false;
    default: return true;
  }
}

Result<Literal> CoerceLiteral(const Literal& l, const DataType& type, const std::string& column) {
  if (!IsComparable(type)) {
    return Status::InvalidArgument("column '" + column + "' is " + TypeName(type) +
                                   ", which cannot be compared with a literal");
  }
  if (l.kind == LiteralKind::kNull) return l;
  TypeRoot r = type.root;
  if (IsNumeric(r)) {
    if (l.kind == LiteralKind::kInteger || l.kind == LiteralKind::kDouble ||
        l.kind == LiteralKind::kDecimal) {
      return l;
    }
    return Mismatch(l, type, column);
  }
  switch (r) {
    case TypeRoot::kBoolean:
      if (l.kind == LiteralKind::kBoolean) return l;
      break;
    case TypeRoot::kChar:
    case TypeRoot::kString:
      if (l.kind == LiteralKind::kString) return l;
      break;
    case TypeRoot::kBinary:
    case TypeRoot::kBytes:
      if (l.kind == LiteralKind::kBytes) return l;
      break;
    case TypeRoot::kDate:
      if (l.kind == LiteralKind::kDate) return l;
      if (l.kind == LiteralKind::kString) {
        auto d = ParseDate(l.text);
        if (d && *d >= INT32_MIN && *d <= INT32_MAX) return Literal::Date(static_cast<int32_t>(*d));
      }
      break;
    case TypeRoot::kTime:
      if (l.kind == LiteralKind::kTime) return l;
      if (l.kind == LiteralKind::kString) {
        if (auto t = ParseTimeOfDay(l.text)) return Literal::Time(*t);
      }
      break;
    case TypeRoot::kTimestamp:
    case TypeRoot::kTimestampLtz:
      if (l.kind == LiteralKind::kTimestamp) return l;
      if (l.kind == LiteralKind::kString) {
        if (auto ts = ParseTimestamp(l.text)) return Literal::Timestamp(ts->first, ts->second);
      }
      break;
    default: break;
  }
  return Mismatch(l, type, column);
}

Result<int> CompareLiterals(const Literal& a, const Literal& b, const DataType& type) {
  if (a.kind == LiteralKind::kNull || b.kind == LiteralKind::kNull) {
    return Status::InvalidArgument("CompareLiterals: a NULL has no order");
  }
  FN_ASSIGN_OR_RETURN(Literal ca, CoerceLiteral(a, type, "?"));
  FN_ASSIGN_OR_RETURN(Literal cb, CoerceLiteral(b, type, "?"));
  if (IsNumeric(type.root)) {
    auto na = NumberOf(ca), nb = NumberOf(cb);
    if (!na || !nb) return Status::InvalidArgument("CompareLiterals: malformed number");
    return CompareNumbers(*na, *nb);
  }
  switch (type.root) {
    case TypeRoot::kBoolean: return Sign(ca.boolean, cb.boolean);
    case TypeRoot::kChar:
    case TypeRoot::kString:
    case TypeRoot::kBinary:
    case TypeRoot::kBytes: {
      // std::string compares char_traits<char>, which orders as unsigned bytes.
      int c = ca.text.compare(cb.text);
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    case TypeRoot::kDate:
    case TypeRoot::kTime: return Sign(ca.integer, cb.integer);
    case TypeRoot::kTimestamp:
    case TypeRoot::kTimestampLtz:
      if (ca.integer != cb.integer) return Sign(ca.integer, cb.integer);
      return Sign(ca.nanos_of_milli, cb.nanos_of_milli);
    default: break;
  }
  return Status::InvalidArgument("CompareLiterals: " + TypeName(type) + " is not comparable");
}

}  // namespace fluss_native::expr
