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
  // first one, `initial_offset_`. After the last, its offset stays (TZif
  // files list transitions through 2037; later DST rules are not applied).
  std::vector<int64_t> transitions_;
  std::vector<int32_t> offsets_;
  int32_t initial_offset_ = 0;
};

}  // namespace fluss_native::cli
