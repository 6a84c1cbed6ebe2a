#include "expr/datetime_text.h"

#include <cstdio>

namespace fluss_native::expr {
namespace {

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

void CivilFromDays(int64_t z, int64_t* y, int* m, int* d) {
  // Howard Hinnant's days_from_civil inverse.
  z += 719468;
  const int64_t era = FloorDiv(z, 146097);
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  *d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *y = yoe + era * 400 + (*m <= 2);
}

bool IsLeap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int64_t y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// Reads exactly `width` digits at `*pos`.
bool Digits(std::string_view s, size_t* pos, int width, int64_t* out) {
  if (*pos + width > s.size()) return false;
  int64_t v = 0;
  for (int i = 0; i < width; ++i) {
    char c = s[*pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *pos += width;
  *out = v;
  return true;
}

// Year: optional '-', then 4 to 7 digits; month and day two digits each.
bool ParseDateAt(std::string_view s, size_t* pos, int64_t* days) {
  bool negative = false;
  if (*pos < s.size() && s[*pos] == '-') {
    negative = true;
    ++*pos;
  }
  size_t start = *pos;
  int64_t year = 0;
  while (*pos < s.size() && s[*pos] >= '0' && s[*pos] <= '9' && *pos - start < 7) {
    year = year * 10 + (s[*pos] - '0');
    ++*pos;
  }
  if (*pos - start < 4) return false;
  if (negative) year = -year;
  int64_t month, day;
  if (*pos >= s.size() || s[*pos] != '-') return false;
  ++*pos;
  if (!Digits(s, pos, 2, &month) || month < 1 || month > 12) return false;
  if (*pos >= s.size() || s[*pos] != '-') return false;
  ++*pos;
  if (!Digits(s, pos, 2, &day) || day < 1 || day > DaysInMonth(year, static_cast<int>(month))) {
    return false;
  }
  *days = DaysFromCivil(year, static_cast<int>(month), static_cast<int>(day));
  return true;
}

bool ParseTimeAt(std::string_view s, size_t* pos, int64_t* nanos) {
  int64_t h, m, sec;
  if (!Digits(s, pos, 2, &h) || h > 23) return false;
  if (*pos >= s.size() || s[*pos] != ':') return false;
  ++*pos;
  if (!Digits(s, pos, 2, &m) || m > 59) return false;
  if (*pos >= s.size() || s[*pos] != ':') return false;
  ++*pos;
  if (!Digits(s, pos, 2, &sec) || sec > 59) return false;
  int64_t fraction = 0;
  if (*pos < s.size() && s[*pos] == '.') {
    ++*pos;
    int digits = 0;
    while (*pos < s.size() && s[*pos] >= '0' && s[*pos] <= '9') {
      if (++digits > 9) return false;
      fraction = fraction * 10 + (s[*pos] - '0');
      ++*pos;
    }
    if (digits == 0) return false;
    for (int i = digits; i < 9; ++i) fraction *= 10;
  }
  *nanos = ((h * 60 + m) * 60 + sec) * 1'000'000'000 + fraction;
  return true;
}

std::string Fraction(int64_t nanos) {  // nanos in [0, 1e9)
  if (nanos == 0) return "";
  char buf[16];
  if (nanos % 1'000'000 == 0) {
    std::snprintf(buf, sizeof buf, ".%03lld", static_cast<long long>(nanos / 1'000'000));
  } else if (nanos % 1000 == 0) {
    std::snprintf(buf, sizeof buf, ".%06lld", static_cast<long long>(nanos / 1000));
  } else {
    std::snprintf(buf, sizeof buf, ".%09lld", static_cast<long long>(nanos));
  }
  return buf;
}

}  // namespace

int64_t DaysFromCivil(int64_t y, int m, int d) {
  y -= m <= 2;
  const int64_t era = FloorDiv(y, 400);
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

std::string FormatDate(int64_t days) {
  int64_t y;
  int m, d;
  CivilFromDays(days, &y, &m, &d);
  char buf[32];
  if (y < 0) {
    std::snprintf(buf, sizeof buf, "-%04lld-%02d-%02d", static_cast<long long>(-y), m, d);
  } else {
    std::snprintf(buf, sizeof buf, "%04lld-%02d-%02d", static_cast<long long>(y), m, d);
  }
  return buf;
}

std::string FormatTimeOfDay(int64_t nanos) {
  if (nanos < 0 || nanos >= kNanosPerDay) nanos = 0;
  int64_t secs = nanos / 1'000'000'000;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld", static_cast<long long>(secs / 3600),
                static_cast<long long>(secs / 60 % 60), static_cast<long long>(secs % 60));
  return buf + Fraction(nanos % 1'000'000'000);
}

std::string FormatTimestamp(int64_t epoch_millis, int32_t nanos_of_milli) {
  int64_t days = FloorDiv(epoch_millis, 86'400'000);
  // The remainder directly: days * 86'400'000 overflows near INT64_MIN
  // (found by fuzz_logbatch under UBSan, a statistics minimum of a timestamp).
  int64_t millis_of_day = epoch_millis % 86'400'000;
  if (millis_of_day < 0) millis_of_day += 86'400'000;
  return FormatDate(days) + " " +
         FormatTimeOfDay(millis_of_day * 1'000'000 + nanos_of_milli);
}

std::optional<int64_t> ParseDate(std::string_view s) {
  size_t pos = 0;
  int64_t days;
  if (!ParseDateAt(s, &pos, &days) || pos != s.size()) return std::nullopt;
  return days;
}

std::optional<int64_t> ParseTimeOfDay(std::string_view s) {
  size_t pos = 0;
  int64_t nanos;
  if (!ParseTimeAt(s, &pos, &nanos) || pos != s.size()) return std::nullopt;
  return nanos;
}

std::optional<std::pair<int64_t, int32_t>> ParseTimestamp(std::string_view s) {
  size_t pos = 0;
  int64_t days, nanos = 0;
  if (!ParseDateAt(s, &pos, &days)) return std::nullopt;
  if (pos < s.size()) {
    if (s[pos] != ' ' && s[pos] != 'T') return std::nullopt;
    ++pos;
    if (!ParseTimeAt(s, &pos, &nanos) || pos != s.size()) return std::nullopt;
  }
  // |days| < 10^7 * 366, so millis fit comfortably in int64.
  int64_t millis = days * 86'400'000 + nanos / 1'000'000;
  return std::make_pair(millis, static_cast<int32_t>(nanos % 1'000'000));
}

}  // namespace fluss_native::expr
