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

}  // namespace

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
  return tz;
}

int32_t TimeZone::OffsetAt(int64_t epoch_seconds) const {
  if (transitions_.empty()) return initial_offset_;
  auto it = std::upper_bound(transitions_.begin(), transitions_.end(), epoch_seconds);
  if (it == transitions_.begin()) return initial_offset_;
  return offsets_[static_cast<size_t>(it - transitions_.begin()) - 1];
}

}  // namespace fluss_native::cli
