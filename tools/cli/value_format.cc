#include "value_format.h"

#include <charconv>
#include <cstdio>

namespace fluss_native::cli {
namespace {

using json = nlohmann::json;

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// Arrow's unit for a time precision (see DataType::ToArrowFormat): ticks per second.
int64_t TicksPerSecond(int precision) {
  return precision == 0 ? 1 : precision <= 3 ? 1000 : precision <= 6 ? 1000000 : 1000000000;
}

std::string TwoDigits(int64_t v) {
  char buf[24];
  std::snprintf(buf, sizeof(buf), "%02lld", static_cast<long long>(v));
  return buf;
}

// ".123" with `digits` digits of `nanos` (0..999999999); "" for 0 digits.
std::string Fraction(int64_t nanos, int digits) {
  if (digits <= 0) return "";
  char buf[16];
  std::snprintf(buf, sizeof(buf), "%09lld", static_cast<long long>(nanos));
  return "." + std::string(buf, static_cast<size_t>(std::min(digits, 9)));
}

std::string ClockTime(int64_t seconds_of_day, int64_t nanos, int digits) {
  return TwoDigits(seconds_of_day / 3600) + ":" + TwoDigits(seconds_of_day / 60 % 60) + ":" +
         TwoDigits(seconds_of_day % 60) + Fraction(nanos, digits);
}

std::string Offset(int32_t seconds) {
  std::string s = seconds < 0 ? "-" : "+";
  int32_t a = seconds < 0 ? -seconds : seconds;
  s += TwoDigits(a / 3600) + ":" + TwoDigits(a / 60 % 60);
  if (a % 60 != 0) s += ":" + TwoDigits(a % 60);
  return s;
}

// Seconds and nanoseconds since the epoch of a value counted at `ticks` per second.
void Split(int64_t count, int64_t ticks, int64_t* seconds, int64_t* nanos) {
  *seconds = FloorDiv(count, ticks);
  *nanos = (count - *seconds * ticks) * (1000000000 / ticks);
}

std::string Escaped(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (c == '\n') out += "\\n";
    else if (c == '\t') out += "\\t";
    else if (c == '\r') out += "\\r";
    else if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof(buf), "\\x%02x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

bool IsTemporal(TypeRoot r) {
  return r == TypeRoot::kDate || r == TypeRoot::kTime || r == TypeRoot::kTimestamp || r == TypeRoot::kTimestampLtz;
}

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

// A FLOAT arrives widened to double; its shortest float text reads as
// written (-125.15472, not -125.15472412109375).
json FloatValue(const json& v) {
  if (!v.is_number()) return v;
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof(buf), static_cast<float>(v.get<double>()));
  return json::parse(std::string(buf, r.ptr), nullptr, false);
}

// A temporal value's text in `format`'s style.
std::string TemporalText(const json& v, const DataType& t, const ValueFormat& format) {
  if (!v.is_number_integer()) return v.dump();
  const int64_t n = v.get<int64_t>();
  const char sep = format.style == ValueStyle::kHuman ? ' ' : 'T';
  switch (t.root) {
    case TypeRoot::kDate: return FormatDate(n);
    case TypeRoot::kTime: return FormatTime(n, t.precision);
    case TypeRoot::kTimestamp: return FormatTimestamp(n, t.precision, nullptr, sep);
    default: return FormatTimestamp(n, t.precision, &format.zone, sep);
  }
}

// The human text of a value nested in ARRAY/MAP/ROW: JSON-like.
std::string Nested(const json& v, const DataType& t, const ValueFormat& format) {
  if (v.is_null()) return "null";
  switch (t.root) {
    case TypeRoot::kArray: {
      if (!v.is_array()) break;
      std::string s = "[";
      for (size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + Nested(v[i], t.children[0], format);
      return s + "]";
    }
    case TypeRoot::kMap: {
      if (!v.is_array()) break;
      std::string s = "{";
      for (size_t i = 0; i < v.size(); ++i) {
        if (!v[i].is_array() || v[i].size() != 2) return v.dump();
        s += (i ? ", " : "") + Nested(v[i][0], t.children[0], format) + ": " +
             Nested(v[i][1], t.children[1], format);
      }
      return s + "}";
    }
    case TypeRoot::kRow: {
      if (!v.is_object()) break;
      std::string s = "{";
      for (size_t i = 0; i < t.children.size(); ++i) {
        const std::string& name = t.field_names[i];
        s += (i ? ", " : "") + name + ": " + Nested(v.contains(name) ? v[name] : json(), t.children[i], format);
      }
      return s + "}";
    }
    case TypeRoot::kBinary:
    case TypeRoot::kBytes:
      if (v.is_string()) return "0x" + v.get<std::string>();
      break;
    case TypeRoot::kDecimal:
      if (v.is_string()) return v.get<std::string>();
      break;
    case TypeRoot::kFloat:
      return FloatValue(v).dump();
    default:
      if (IsTemporal(t.root)) return json(TemporalText(v, t, format)).dump();
      break;
  }
  return v.dump(-1, ' ', false, json::error_handler_t::replace);
}

// The iso form of a value: temporal leaves become strings, the rest stays
// (ROW fields in their declared order).
nlohmann::ordered_json Iso(const json& v, const DataType& t, const ValueFormat& format) {
  using ordered = nlohmann::ordered_json;
  if (v.is_null()) return nullptr;
  if (IsTemporal(t.root)) return TemporalText(v, t, format);
  if (t.root == TypeRoot::kFloat) return ordered::parse(FloatValue(v).dump());
  if (t.root == TypeRoot::kArray && v.is_array()) {
    ordered out = ordered::array();
    for (const auto& e : v) out.push_back(Iso(e, t.children[0], format));
    return out;
  }
  if (t.root == TypeRoot::kMap && v.is_array()) {
    ordered out = ordered::array();
    for (const auto& e : v) {
      if (!e.is_array() || e.size() != 2) return ordered::parse(v.dump());
      out.push_back(ordered::array({Iso(e[0], t.children[0], format), Iso(e[1], t.children[1], format)}));
    }
    return out;
  }
  if (t.root == TypeRoot::kRow && v.is_object()) {
    ordered out = ordered::object();
    for (size_t i = 0; i < t.children.size(); ++i) {
      const std::string& name = t.field_names[i];
      out[name] = Iso(v.contains(name) ? v[name] : json(), t.children[i], format);
    }
    return out;
  }
  return ordered::parse(v.dump());
}

}  // namespace

std::string FormatDate(int64_t days) {
  // civil_from_days (Howard Hinnant's algorithm), valid for any int32 day.
  const int64_t z = days + 719468;
  const int64_t era = FloorDiv(z, 146097);
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const int64_t m = mp < 10 ? mp + 3 : mp - 9;
  const int64_t y = yoe + era * 400 + (m <= 2);
  char buf[40];
  std::snprintf(buf, sizeof(buf), y < 0 ? "-%04lld-%02d-%02d" : "%04lld-%02d-%02d",
                static_cast<long long>(y < 0 ? -y : y), static_cast<int>(m), static_cast<int>(d));
  return buf;
}

std::string FormatTime(int64_t count, int precision) {
  int64_t seconds, nanos;
  Split(count, TicksPerSecond(precision), &seconds, &nanos);
  int64_t of_day = seconds % 86400;
  if (of_day < 0) of_day += 86400;  // not a valid TIME; shown modulo a day rather than garbled
  return ClockTime(of_day, nanos, precision);
}

std::string FormatTimestamp(int64_t count, int precision, const TimeZone* zone, char separator) {
  int64_t seconds, nanos;
  Split(count, TicksPerSecond(precision), &seconds, &nanos);
  const int32_t offset = zone != nullptr ? zone->OffsetAt(seconds) : 0;
  const int64_t local = seconds + offset;
  const int64_t days = FloorDiv(local, 86400);
  std::string s = FormatDate(days) + separator + ClockTime(local - days * 86400, nanos, precision);
  if (zone != nullptr) s += Offset(offset);
  return s;
}

std::string FormatEpochMillis(int64_t millis, const ValueFormat& format) {
  return FormatTimestamp(millis, 3, &format.zone, format.style == ValueStyle::kHuman ? ' ' : 'T');
}

Cell FormatCell(const json& value, const DataType& t, const ValueFormat& format) {
  if (value.is_null()) return Cell::Null();
  const json& v = t.root == TypeRoot::kFloat ? FloatValue(value) : value;
  if (format.style == ValueStyle::kIso) {
    nlohmann::ordered_json iso = Iso(v, t, format);
    if (iso.is_string()) return Cell::Str(iso.get<std::string>());
    return Cell{iso.dump(-1, ' ', false, json::error_handler_t::replace), iso.is_number(), true};
  }
  Cell c;
  if (IsNumeric(t.root)) {
    c.text = v.is_string() ? v.get<std::string>() : v.dump();
    c.is_number = true;
    c.is_json = v.is_number();
    return c;
  }
  switch (t.root) {
    case TypeRoot::kChar:
    case TypeRoot::kString:
      c.text = v.is_string() ? Escaped(v.get<std::string>()) : v.dump();
      c.cut = true;
      return c;
    case TypeRoot::kBinary:
    case TypeRoot::kBytes:
      c.text = v.is_string() ? "0x" + v.get<std::string>() : v.dump();
      c.cut = true;
      return c;
    case TypeRoot::kArray:
    case TypeRoot::kMap:
    case TypeRoot::kRow:
      c.text = Escaped(Nested(v, t, format));
      c.cut = true;
      return c;
    case TypeRoot::kBoolean:
      c.text = v.dump();
      return c;
    default:
      c.text = TemporalText(v, t, format);
      return c;
  }
}

std::string CutToWidth(const std::string& text, size_t width) {
  if (width == 0) return text;
  size_t points = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (++points == width) {
      // `text` has more than `width` code points iff another lead byte follows.
      size_t j = i + 1;
      while (j < text.size() && (static_cast<unsigned char>(text[j]) & 0xC0) == 0x80) ++j;
      if (j >= text.size()) return text;
      return text.substr(0, i) + "\xE2\x80\xA6";  // keep width - 1 code points, then '…'
    }
  }
  return text;
}

}  // namespace fluss_native::cli
