#include "lake/paimon/binary_row.h"

#include <cstdio>
#include <cstring>

#include "common/endian.h"

namespace fluss_native::lake::paimon {
namespace {

constexpr uint64_t kInlineMark = uint64_t{1} << 63;
constexpr int kMaxCompactDecimalPrecision = 18;
constexpr int kMaxCompactTimestampPrecision = 3;

uint64_t LoadLE64(const char* p) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | static_cast<uint8_t>(p[i]);
  return v;
}

// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's
// civil_from_days), as java.time.LocalDate does.
void CivilFromDays(int64_t z, int64_t* y, unsigned* m, unsigned* d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = static_cast<int64_t>(yoe) + era * 400 + (*m <= 2);
}

// java.lang.Character.isWhitespace for ASCII; Paimon maps values made only
// of these to the default partition name. (Unicode space separators other
// than these are not treated as whitespace here.)
bool IsJavaWhitespace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\x0b' || c == '\f' || c == '\r' ||
         (c >= '\x1c' && c <= '\x1f');
}

bool NeedsEscaping(unsigned char c) {
  if (c < 0x20 || c == 0x7f) return true;
  return std::strchr("\"#%'*/:=?\\{}[]^", c) != nullptr && c != 0;
}

}  // namespace

std::string PaimonDecimal::ToString() const {
  const bool negative = unscaled < 0;
  unsigned __int128 mag = negative ? -static_cast<unsigned __int128>(unscaled) : static_cast<unsigned __int128>(unscaled);
  std::string digits;
  do {
    digits.push_back(static_cast<char>('0' + static_cast<int>(mag % 10)));
    mag /= 10;
  } while (mag != 0);
  const size_t s = scale > 0 ? static_cast<size_t>(scale) : 0;
  while (digits.size() <= s) digits.push_back('0');  // at least one digit before the point
  std::string out = negative ? "-" : "";
  for (size_t i = digits.size(); i-- > s;) out.push_back(digits[i]);
  if (s > 0) {
    out.push_back('.');
    for (size_t i = s; i-- > 0;) out.push_back(digits[i]);
  }
  return out;
}

Result<BinaryRowView> BinaryRowView::Parse(std::string_view serialized) {
  if (serialized.size() < 4) {
    return Status::Corruption("BinaryRow: " + std::to_string(serialized.size()) + " bytes, shorter than its arity");
  }
  const int32_t arity = GetBigEndian<int32_t>(serialized.data());
  BinaryRowView v;
  v.row_ = serialized.substr(4);
  if (arity < 0) return Status::Corruption("BinaryRow: negative arity " + std::to_string(arity));
  // Each field takes 8 fixed bytes; rejecting larger arities first keeps
  // the size arithmetic below in range.
  if (static_cast<uint64_t>(arity) > v.row_.size() / 8) {
    return Status::Corruption("BinaryRow: arity " + std::to_string(arity) + " does not fit in " +
                              std::to_string(v.row_.size()) + " bytes");
  }
  v.arity_ = arity;
  v.null_bits_size_ = ((static_cast<size_t>(arity) + 63 + 8) / 64) * 8;
  const size_t fixed = v.null_bits_size_ + 8 * static_cast<size_t>(arity);
  if (fixed > v.row_.size()) {
    return Status::Corruption("BinaryRow: fixed part of " + std::to_string(fixed) + " bytes for arity " +
                              std::to_string(arity) + " exceeds the " + std::to_string(v.row_.size()) + " bytes");
  }
  return v;
}

Status BinaryRowView::CheckPos(int pos) const {
  if (pos < 0 || pos >= arity_) {
    return Status::InvalidArgument("BinaryRow: field " + std::to_string(pos) + " out of range for arity " +
                                   std::to_string(arity_));
  }
  return Status::OK();
}

bool BinaryRowView::IsNull(int pos) const {
  if (pos < 0 || pos >= arity_) return false;
  const size_t bit = static_cast<size_t>(pos) + 8;
  return (static_cast<uint8_t>(row_[bit / 8]) >> (bit % 8)) & 1;
}

Result<uint64_t> BinaryRowView::Slot(int pos) const {
  FN_RETURN_IF_ERROR(CheckPos(pos));
  return LoadLE64(row_.data() + null_bits_size_ + 8 * static_cast<size_t>(pos));
}

Result<bool> BinaryRowView::GetBool(int pos) const {
  FN_ASSIGN_OR_RETURN(uint64_t s, Slot(pos));
  return (s & 0xff) != 0;
}

Result<int8_t> BinaryRowView::GetInt8(int pos) const {
  FN_ASSIGN_OR_RETURN(uint64_t s, Slot(pos));
  return static_cast<int8_t>(s & 0xff);
}

Result<int16_t> BinaryRowView::GetInt16(int pos) const {
  FN_ASSIGN_OR_RETURN(uint64_t s, Slot(pos));
  return static_cast<int16_t>(s & 0xffff);
}

Result<int32_t> BinaryRowView::GetInt32(int pos) const {
  FN_ASSIGN_OR_RETURN(uint64_t s, Slot(pos));
  return static_cast<int32_t>(s & 0xffffffffu);
}

Result<int64_t> BinaryRowView::GetInt64(int pos) const {
  FN_ASSIGN_OR_RETURN(uint64_t s, Slot(pos));
  return static_cast<int64_t>(s);
}

Result<float> BinaryRowView::GetFloat(int pos) const {
  FN_ASSIGN_OR_RETURN(uint64_t s, Slot(pos));
  uint32_t bits = static_cast<uint32_t>(s & 0xffffffffu);
  float f;
  std::memcpy(&f, &bits, 4);
  return f;
}

Result<double> BinaryRowView::GetDouble(int pos) const {
  FN_ASSIGN_OR_RETURN(uint64_t s, Slot(pos));
  double d;
  std::memcpy(&d, &s, 8);
  return d;
}

Result<std::string_view> BinaryRowView::Var(int pos, const char* what) const {
  FN_ASSIGN_OR_RETURN(uint64_t s, Slot(pos));
  if (s & kInlineMark) {
    const size_t len = static_cast<size_t>((s >> 56) & 0x7f);
    if (len > 7) {
      return Status::Corruption(std::string("BinaryRow: inline ") + what + " of field " + std::to_string(pos) +
                                " claims " + std::to_string(len) + " bytes, at most 7 fit");
    }
    // Little-endian: the value's bytes start at the slot's first byte.
    return row_.substr(null_bits_size_ + 8 * static_cast<size_t>(pos), len);
  }
  const uint64_t offset = s >> 32;
  const uint64_t len = s & 0xffffffffu;
  if (offset > row_.size() || len > row_.size() - offset) {
    return Status::Corruption(std::string("BinaryRow: ") + what + " of field " + std::to_string(pos) + " at offset " +
                              std::to_string(offset) + " length " + std::to_string(len) + " exceeds the " +
                              std::to_string(row_.size()) + "-byte row");
  }
  return row_.substr(static_cast<size_t>(offset), static_cast<size_t>(len));
}

Result<std::string_view> BinaryRowView::GetString(int pos) const { return Var(pos, "string"); }

Result<std::string_view> BinaryRowView::GetBinary(int pos) const { return Var(pos, "binary"); }

Result<PaimonDecimal> BinaryRowView::GetDecimal(int pos, int precision, int scale) const {
  if (precision < 1 || precision > 38 || scale < 0 || scale > precision) {
    return Status::InvalidArgument("BinaryRow: bad DECIMAL(" + std::to_string(precision) + ", " +
                                   std::to_string(scale) + ")");
  }
  PaimonDecimal d{0, precision, scale};
  if (precision <= kMaxCompactDecimalPrecision) {
    FN_ASSIGN_OR_RETURN(int64_t v, GetInt64(pos));
    d.unscaled = v;
    return d;
  }
  FN_ASSIGN_OR_RETURN(uint64_t s, Slot(pos));
  if (s & kInlineMark) {
    return Status::Corruption("BinaryRow: decimal field " + std::to_string(pos) + " has an inline marker");
  }
  FN_ASSIGN_OR_RETURN(std::string_view bytes, Var(pos, "decimal"));
  // BigInteger#toByteArray: big-endian two's complement, 1..16 bytes for
  // precision <= 38.
  if (bytes.empty() || bytes.size() > 16) {
    return Status::Corruption("BinaryRow: decimal field " + std::to_string(pos) + " has " +
                              std::to_string(bytes.size()) + " bytes, expected 1..16");
  }
  unsigned __int128 v = static_cast<int8_t>(bytes[0]) < 0 ? ~static_cast<unsigned __int128>(0) : 0;
  for (char c : bytes) v = (v << 8) | static_cast<uint8_t>(c);
  d.unscaled = static_cast<__int128>(v);
  return d;
}

Result<PaimonTimestamp> BinaryRowView::GetTimestamp(int pos, int precision) const {
  if (precision < 0 || precision > 9) {
    return Status::InvalidArgument("BinaryRow: bad TIMESTAMP precision " + std::to_string(precision));
  }
  FN_ASSIGN_OR_RETURN(uint64_t s, Slot(pos));
  if (precision <= kMaxCompactTimestampPrecision) return PaimonTimestamp{static_cast<int64_t>(s), 0};
  const uint64_t offset = s >> 32;
  const int64_t nanos = static_cast<int32_t>(s & 0xffffffffu);
  if (offset > row_.size() || row_.size() - offset < 8) {
    return Status::Corruption("BinaryRow: timestamp field " + std::to_string(pos) + " at offset " +
                              std::to_string(offset) + " exceeds the " + std::to_string(row_.size()) + "-byte row");
  }
  if (nanos < 0 || nanos > 999999) {
    return Status::Corruption("BinaryRow: timestamp field " + std::to_string(pos) + " has nano-of-milli " +
                              std::to_string(nanos));
  }
  return PaimonTimestamp{static_cast<int64_t>(LoadLE64(row_.data() + offset)), static_cast<int32_t>(nanos)};
}

Result<std::optional<std::string>> PartitionValueString(const BinaryRowView& row, int pos, const DataType& type,
                                                        const PartitionNameOptions& options) {
  if (pos < 0 || pos >= row.arity()) {
    return Status::InvalidArgument("partition field " + std::to_string(pos) + " out of range for arity " +
                                   std::to_string(row.arity()));
  }
  if (row.IsNull(pos)) return std::optional<std::string>();
  switch (type.root) {
    case TypeRoot::kChar:
    case TypeRoot::kString: {
      FN_ASSIGN_OR_RETURN(std::string_view s, row.GetString(pos));
      return std::optional<std::string>(std::string(s));
    }
    case TypeRoot::kBoolean: {
      FN_ASSIGN_OR_RETURN(bool b, row.GetBool(pos));
      return std::optional<std::string>(b ? "true" : "false");
    }
    case TypeRoot::kTinyInt: {
      FN_ASSIGN_OR_RETURN(int8_t v, row.GetInt8(pos));
      return std::optional<std::string>(std::to_string(v));
    }
    case TypeRoot::kSmallInt: {
      FN_ASSIGN_OR_RETURN(int16_t v, row.GetInt16(pos));
      return std::optional<std::string>(std::to_string(v));
    }
    case TypeRoot::kInt: {
      FN_ASSIGN_OR_RETURN(int32_t v, row.GetInt32(pos));
      return std::optional<std::string>(std::to_string(v));
    }
    case TypeRoot::kBigInt: {
      FN_ASSIGN_OR_RETURN(int64_t v, row.GetInt64(pos));
      return std::optional<std::string>(std::to_string(v));
    }
    case TypeRoot::kDecimal: {
      FN_ASSIGN_OR_RETURN(PaimonDecimal d, row.GetDecimal(pos, type.precision, type.scale));
      return std::optional<std::string>(d.ToString());
    }
    case TypeRoot::kDate: {
      FN_ASSIGN_OR_RETURN(int32_t days, row.GetInt32(pos));
      // Legacy names are Integer#toString of the day number.
      if (options.legacy_name) return std::optional<std::string>(std::to_string(days));
      int64_t y;
      unsigned m, d;
      CivilFromDays(days, &y, &m, &d);
      if (y < 0 || y > 9999) {
        return Status::Unsupported("partition DATE " + std::to_string(days) + " is outside years 0..9999");
      }
      char buf[32];
      std::snprintf(buf, sizeof(buf), "%04d-%02u-%02u", static_cast<int>(y), m, d);
      return std::optional<std::string>(buf);
    }
    default:
      return Status::Unsupported("partition field of type " + type.ToFlussString() +
                                 " cannot be rendered as Paimon names it");
  }
}

Result<std::string> PartitionPath(const BinaryRowView& row, const std::vector<std::string>& names,
                                  const std::vector<DataType>& types, const PartitionNameOptions& options) {
  if (names.size() != types.size() || names.size() != static_cast<size_t>(row.arity())) {
    return Status::InvalidArgument("partition row has " + std::to_string(row.arity()) + " fields for " +
                                   std::to_string(names.size()) + " names and " + std::to_string(types.size()) +
                                   " types");
  }
  std::string path;
  for (size_t i = 0; i < names.size(); ++i) {
    auto value = PartitionValueString(row, static_cast<int>(i), types[i], options);
    if (!value.ok()) return value.status().WithContext("partition key '" + names[i] + "'");
    std::string text = value->value_or("");
    bool blank = true;
    for (char c : text) blank = blank && IsJavaWhitespace(c);
    if (blank) text = options.default_name;
    path += EscapePathName(names[i]) + "=" + EscapePathName(text) + "/";
  }
  return path;
}

std::string EscapePathName(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  static const char kHex[] = "0123456789ABCDEF";
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (NeedsEscaping(u)) {
      out.push_back('%');
      out.push_back(kHex[u >> 4]);
      out.push_back(kHex[u & 15]);
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace fluss_native::lake::paimon
