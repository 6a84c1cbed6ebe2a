// The zone TIMESTAMP_LTZ values and table times are shown in (--time-zone):
// UTC, a fixed offset (+05:30, -08:00) or an IANA name (Europe/Berlin) read
// from the system's tz database (TZif files under /usr/share/zoneinfo, or
// $TZDIR). Immutable once loaded, so it can be shared freely.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "fluss_native/status.h"

namespace fluss_native::cli {

class TimeZone {
 public:
  TimeZone() = default;  // UTC
  static TimeZone Utc() { return TimeZone(); }
  // "UTC", "Z", "+hh:mm" / "-hh:mm" (also "+hh" and "+hhmm"), or an IANA name.
  // InvalidArgument names the text and, for a name, the file tried.
  static Result<TimeZone> Parse(const std::string& spec);
  // A TZif file's bytes (version 1, 2 or 3); `name` is for messages.
  static Result<TimeZone> FromTzif(const std::string& name, const std::string& bytes);

  // Seconds east of UTC in force at `epoch_seconds`.
  int32_t OffsetAt(int64_t epoch_seconds) const;
  const std::string& name() const { return name_; }

 private:
  std::string name_ = "UTC";
  int32_t fixed_offset_ = 0;
  // Transitions (ascending) and the offset in force from each; before the
  // first one, `initial_offset_`. After the last, the file's footer rule
  // (a POSIX TZ string such as "CET-1CEST,M3.5.0,M10.5.0/3") when it has
  // one, else the last offset.
  std::vector<int64_t> transitions_;
  std::vector<int32_t> offsets_;
  int32_t initial_offset_ = 0;

 public:
  // A POSIX TZ rule: standard offset, and optionally a DST offset with the
  // local times it starts and ends each year. Exposed for tests.
  struct Rule {
    int32_t std_offset = 0;  // seconds east of UTC
    bool has_dst = false;
    int32_t dst_offset = 0;
    // A date form: kind 'M' (month, week 1..5, weekday 0..6), 'J' (day 1..365,
    // no Feb 29) or 'N' (day 0..365); and seconds after local midnight.
    struct When {
      char kind = 'M';
      int month = 0, week = 0, weekday = 0, day = 0;
      int32_t seconds = 7200;
    } start, end;
    int32_t OffsetAt(int64_t epoch_seconds) const;
  };
  // Parses a POSIX TZ string; false when it is not one this reader handles.
  static bool ParseRule(const std::string& text, Rule* rule);

 private:
  bool has_rule_ = false;
  Rule rule_;
};

}  // namespace fluss_native::cli
