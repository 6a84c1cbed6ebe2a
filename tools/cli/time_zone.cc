#include "time_zone.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace fluss_native::cli {
namespace {

uint32_t Be32(const std::string& b, size_t at) {
  return (uint32_t(uint8_t(b[at])) << 24) | (uint32_t(uint8_t(b[at + 1])) << 16) |
         (uint32_t(uint8_t(b[at + 2])) << 8) | uint32_t(uint8_t(b[at + 3]));
}

int64_t Be64(const std::string& b, size_t at) {
  return static_cast<int64_t>((uint64_t(Be32(b, at)) << 32) | Be32(b, at + 4));
}

// "+hh:mm", "+hhmm", "+hh" (or '-') to seconds; false if not of that form.
bool ParseOffset(const std::string& s, int32_t* out) {
  if (s.size() < 3 || (s[0] != '+' && s[0] != '-')) return false;
  std::string digits;
  if (s.size() == 3 || s.size() == 5) {
    digits = s.substr(1);
  } else if (s.size() == 6 && s[3] == ':') {
    digits = s.substr(1, 2) + s.substr(4, 2);
  } else {
    return false;
  }
  if (!std::all_of(digits.begin(), digits.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
    return false;
  }
  int h = std::stoi(digits.substr(0, 2));
  int m = digits.size() == 4 ? std::stoi(digits.substr(2, 2)) : 0;
  if (h > 18 || m > 59) return false;
  *out = (s[0] == '-' ? -1 : 1) * (h * 3600 + m * 60);
  return true;
}

// A name is a path below the tz database: letters, digits, '/', '_', '-',
// '+', never "..", never absolute.
bool SafeZoneName(const std::string& s) {
  if (s.empty() || s.size() > 64 || s[0] == '/' || s.find("..") != std::string::npos) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '_' || c == '-' || c == '+';
  });
}

int64_t DaysFromCivil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

bool Leap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int64_t YearOf(int64_t epoch_seconds) {
  int64_t days = epoch_seconds / 86400 - (epoch_seconds % 86400 < 0);
  const int64_t z = days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  return yoe + era * 400 + (mp >= 10);
}

// Local seconds since the epoch at which `w` happens in `year` (before its time of day offset).
int64_t LocalDayStart(const TimeZone::Rule::When& w, int64_t year) {
  int64_t day;
  if (w.kind == 'J') {
    day = DaysFromCivil(year, 1, 1) + w.day - 1 + (Leap(year) && w.day >= 60 ? 1 : 0);
  } else if (w.kind == 'N') {
    day = DaysFromCivil(year, 1, 1) + w.day;
  } else {
    const int64_t first = DaysFromCivil(year, w.month, 1);
    const int64_t first_weekday = ((first % 7) + 11) % 7;  // 1970-01-01 was a Thursday (4)
    day = first + ((w.weekday - first_weekday) % 7 + 7) % 7 + int64_t(w.week - 1) * 7;
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const int64_t month_days = kDays[w.month - 1] + (w.month == 2 && Leap(year) ? 1 : 0);
    while (day >= first + month_days) day -= 7;  // week 5: the last such weekday
  }
  return day * 86400;
}

// [+-]hh[:mm[:ss]] at s[*i]; hours up to 167 (POSIX TZ's rule times).
bool ParseClock(const std::string& s, size_t* i, int32_t* out) {
  int sign = 1;
  if (*i < s.size() && (s[*i] == '+' || s[*i] == '-')) sign = s[(*i)++] == '-' ? -1 : 1;
  int32_t parts[3] = {0, 0, 0};
  for (int p = 0; p < 3; ++p) {
    if (p > 0) {
      if (*i >= s.size() || s[*i] != ':') break;
      ++*i;
    }
    size_t b = *i;
    while (*i < s.size() && std::isdigit(static_cast<unsigned char>(s[*i])) && *i - b < 3) {
      parts[p] = parts[p] * 10 + (s[*i] - '0');
      ++*i;
    }
    if (*i == b) return false;
  }
  if (parts[0] > 167 || parts[1] > 59 || parts[2] > 59) return false;
  *out = sign * (parts[0] * 3600 + parts[1] * 60 + parts[2]);
  return true;
}

bool ParseZoneAbbrev(const std::string& s, size_t* i) {
  size_t b = *i;
  if (*i < s.size() && s[*i] == '<') {
    size_t close = s.find('>', *i);
    if (close == std::string::npos) return false;
    *i = close + 1;
    return true;
  }
  while (*i < s.size() && std::isalpha(static_cast<unsigned char>(s[*i]))) ++*i;
  return *i - b >= 3;
}

bool ParseNumber(const std::string& s, size_t* i, int* out) {
  size_t b = *i;
  int v = 0;
  while (*i < s.size() && std::isdigit(static_cast<unsigned char>(s[*i])) && *i - b < 4) v = v * 10 + (s[(*i)++] - '0');
  *out = v;
  return *i > b;
}

bool ParseWhen(const std::string& s, size_t* i, TimeZone::Rule::When* w) {
  if (*i < s.size() && s[*i] == 'M') {
    ++*i;
    w->kind = 'M';
    if (!ParseNumber(s, i, &w->month) || *i >= s.size() || s[(*i)++] != '.' || !ParseNumber(s, i, &w->week) ||
        *i >= s.size() || s[(*i)++] != '.' || !ParseNumber(s, i, &w->weekday)) {
      return false;
    }
    if (w->month < 1 || w->month > 12 || w->week < 1 || w->week > 5 || w->weekday > 6) return false;
  } else if (*i < s.size() && s[*i] == 'J') {
    ++*i;
    w->kind = 'J';
    if (!ParseNumber(s, i, &w->day) || w->day < 1 || w->day > 365) return false;
  } else {
    w->kind = 'N';
    if (!ParseNumber(s, i, &w->day) || w->day > 365) return false;
  }
  w->seconds = 7200;
  if (*i < s.size() && s[*i] == '/') {
    ++*i;
    if (!ParseClock(s, i, &w->seconds)) return false;
  }
  return true;
}

}  // namespace

bool TimeZone::ParseRule(const std::string& s, Rule* rule) {
  size_t i = 0;
  int32_t west = 0;
  if (!ParseZoneAbbrev(s, &i) || !ParseClock(s, &i, &west)) return false;
  rule->std_offset = -west;
  rule->has_dst = false;
  if (i == s.size()) return west > -25 * 3600 && west < 25 * 3600;
  if (!ParseZoneAbbrev(s, &i)) return false;
  rule->has_dst = true;
  rule->dst_offset = rule->std_offset + 3600;
  if (i < s.size() && s[i] != ',') {
    if (!ParseClock(s, &i, &west)) return false;
    rule->dst_offset = -west;
  }
  // No rule after the DST name: POSIX's default (US rules) is not assumed.
  if (i >= s.size() || s[i++] != ',' || !ParseWhen(s, &i, &rule->start) || i >= s.size() || s[i++] != ',' ||
      !ParseWhen(s, &i, &rule->end)) {
    return false;
  }
  // Offsets are below 25 hours (rule times may reach 167 hours; offsets may not).
  auto sane = [](int32_t o) { return o > -25 * 3600 && o < 25 * 3600; };
  return i == s.size() && sane(rule->std_offset) && sane(rule->dst_offset);
}

int32_t TimeZone::Rule::OffsetAt(int64_t t) const {
  if (!has_dst) return std_offset;
  const int64_t year = YearOf(t + std_offset);
  // Start is given in standard local time, end in daylight local time.
  const int64_t start_utc = LocalDayStart(start, year) + start.seconds - std_offset;
  const int64_t end_utc = LocalDayStart(end, year) + end.seconds - dst_offset;
  const bool dst = start_utc < end_utc ? (t >= start_utc && t < end_utc) : (t >= start_utc || t < end_utc);
  return dst ? dst_offset : std_offset;
}

Result<TimeZone> TimeZone::Parse(const std::string& spec) {
  TimeZone tz;
  if (spec == "UTC" || spec == "Z" || spec == "utc" || spec == "Etc/UTC") return tz;
  int32_t offset = 0;
  if (ParseOffset(spec, &offset)) {
    tz.name_ = spec;
    tz.fixed_offset_ = offset;
    tz.initial_offset_ = offset;
    return tz;
  }
  if (!SafeZoneName(spec)) {
    return Status::InvalidArgument("time zone '" + spec + "' is not UTC, +hh:mm or an IANA name such as Europe/Berlin");
  }
  const char* dir = std::getenv("TZDIR");
  std::string path = std::string(dir != nullptr && *dir != '\0' ? dir : "/usr/share/zoneinfo") + "/" + spec;
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::InvalidArgument("unknown time zone '" + spec + "' (no file " + path + ")");
  std::stringstream ss;
  ss << in.rdbuf();
  return FromTzif(spec, ss.str());
}

Result<TimeZone> TimeZone::FromTzif(const std::string& name, const std::string& b) {
  auto bad = [&name](const std::string& why) {
    return Status::InvalidArgument("time zone '" + name + "': not a valid TZif file (" + why + ")");
  };
  struct Header {
    uint32_t isut, isstd, leap, time, type, chars;
  };
  auto header = [&](size_t at, Header* h) {
    if (at + 44 > b.size() || b.compare(at, 4, "TZif") != 0) return false;
    h->isut = Be32(b, at + 20);
    h->isstd = Be32(b, at + 24);
    h->leap = Be32(b, at + 28);
    h->time = Be32(b, at + 32);
    h->type = Be32(b, at + 36);
    h->chars = Be32(b, at + 40);
    return h->type > 0 && h->type <= 256 && h->time <= 100000 && h->chars <= 100000 && h->leap <= 100000 &&
           h->isut <= 256 && h->isstd <= 256;
  };
  Header h{};
  if (!header(0, &h)) return bad("header");
  const char version = b[4];
  size_t at = 44;
  int time_size = 4;
  if (version >= '2') {
    // Skip the 32-bit block; the 64-bit one follows with its own header.
    at += uint64_t(h.time) * 5 + uint64_t(h.type) * 6 + h.chars + uint64_t(h.leap) * 8 + h.isstd + h.isut;
    if (!header(at, &h)) return bad("second header");
    at += 44;
    time_size = 8;
  }
  const uint64_t need = uint64_t(h.time) * (time_size + 1) + uint64_t(h.type) * 6;
  if (at + need > b.size()) return bad("truncated");
  TimeZone tz;
  tz.name_ = name;
  std::vector<int32_t> type_offsets(h.type);
  const size_t types_at = at + size_t(h.time) * (time_size + 1);
  for (uint32_t k = 0; k < h.type; ++k) {
    type_offsets[k] = static_cast<int32_t>(Be32(b, types_at + k * 6));
    if (type_offsets[k] < -25 * 3600 || type_offsets[k] > 26 * 3600) return bad("offset out of range");
  }
  tz.initial_offset_ = type_offsets[0];
  for (uint32_t k = 0; k < h.time; ++k) {
    int64_t t = time_size == 8 ? Be64(b, at + size_t(k) * 8) : static_cast<int32_t>(Be32(b, at + size_t(k) * 4));
    uint8_t idx = static_cast<uint8_t>(b[at + size_t(h.time) * time_size + k]);
    if (idx >= h.type) return bad("type index");
    if (!tz.transitions_.empty() && t <= tz.transitions_.back()) return bad("transitions out of order");
    tz.transitions_.push_back(t);
    tz.offsets_.push_back(type_offsets[idx]);
  }
  if (time_size == 8) {
    // The footer: "\n<POSIX TZ>\n" after the 64-bit block.
    size_t footer = at + need + h.chars + uint64_t(h.leap) * 12 + h.isstd + h.isut;
    if (footer < b.size() && b[footer] == '\n') {
      size_t close = b.find('\n', footer + 1);
      if (close != std::string::npos && close - footer - 1 <= 128) {
        tz.has_rule_ = ParseRule(b.substr(footer + 1, close - footer - 1), &tz.rule_);
      }
    }
  }
  return tz;
}

int32_t TimeZone::OffsetAt(int64_t epoch_seconds) const {
  if (has_rule_ && (transitions_.empty() || epoch_seconds >= transitions_.back())) return rule_.OffsetAt(epoch_seconds);
  if (transitions_.empty()) return initial_offset_;
  auto it = std::upper_bound(transitions_.begin(), transitions_.end(), epoch_seconds);
  if (it == transitions_.begin()) return initial_offset_;
  return offsets_[static_cast<size_t>(it - transitions_.begin()) - 1];
}

}  // namespace fluss_native::cli
